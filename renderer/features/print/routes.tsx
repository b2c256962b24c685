import type { RouteObject } from 'react-router';
import { CyclePrintPage, DesignPrintPage, SeatingPrintPage } from './PrintPages';

/** Print views: a document laid out for paper, under the print stylesheet. */
export const printRoutes: RouteObject[] = [
  { path: '/print/designs/:designId', element: <DesignPrintPage /> },
  { path: '/print/cycles/:cycleId', element: <CyclePrintPage /> },
  { path: '/print/groups/:groupId/seating', element: <SeatingPrintPage /> },
];
