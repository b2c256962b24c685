import type { RouteObject } from 'react-router';
import { lazyScreen } from '../../app/lazy-screen';

const CapturePage = lazyScreen(() => import('./CapturePage'), 'CapturePage');
const TimelinePage = lazyScreen(() => import('./TimelinePage'), 'TimelinePage');

/** Screens of the observe feature. */
export const observeRoutes: RouteObject[] = [
  { path: '/cycles/:cycleId/observe', element: <CapturePage /> },
  { path: '/cycles/:cycleId/observe/timeline', element: <TimelinePage /> },
];
