import type { RouteObject } from 'react-router';
import { ComparePage } from './ComparePage';
import { DesignPage } from './DesignPage';

/** Screens of the plan feature. */
export const planRoutes: RouteObject[] = [
  { path: '/designs/:designId', element: <DesignPage /> },
  { path: '/designs/:designId/compare', element: <ComparePage /> },
];
