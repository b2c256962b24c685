import type { RouteObject } from 'react-router';
import { lazyScreen } from '../../app/lazy-screen';

const DesignPrintPage = lazyScreen(() => import('./PrintPages'), 'DesignPrintPage');
const CyclePrintPage = lazyScreen(() => import('./PrintPages'), 'CyclePrintPage');
const SeatingPrintPage = lazyScreen(() => import('./PrintPages'), 'SeatingPrintPage');

/** Print views: a document laid out for paper, under the print stylesheet. */
export const printRoutes: RouteObject[] = [
  { path: '/print/designs/:designId', element: <DesignPrintPage /> },
  { path: '/print/cycles/:cycleId', element: <CyclePrintPage /> },
  { path: '/print/groups/:groupId/seating', element: <SeatingPrintPage /> },
];
