import type { RouteObject } from 'react-router';
import { CapturePage } from './CapturePage';
import { TimelinePage } from './TimelinePage';

/** Screens of the observe feature. */
export const observeRoutes: RouteObject[] = [
  { path: '/cycles/:cycleId/observe', element: <CapturePage /> },
  { path: '/cycles/:cycleId/observe/timeline', element: <TimelinePage /> },
];
