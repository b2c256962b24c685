import type { RouteObject } from 'react-router';
import { lazyScreen } from '../../app/lazy-screen';

const ComparePage = lazyScreen(() => import('./ComparePage'), 'ComparePage');
const DesignPage = lazyScreen(() => import('./DesignPage'), 'DesignPage');

/** Screens of the plan feature. */
export const planRoutes: RouteObject[] = [
  { path: '/designs/:designId', element: <DesignPage /> },
  { path: '/designs/:designId/compare', element: <ComparePage /> },
];
