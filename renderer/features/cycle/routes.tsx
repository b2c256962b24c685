import type { RouteObject } from 'react-router';
import { lazyScreen } from '../../app/lazy-screen';

const CyclePage = lazyScreen(() => import('./CyclePage'), 'CyclePage');

/**
 * Screens of the cycle feature. `/cycles/:id/observe` and `/cycles/:id/analyze` belong to
 * the observation and analysis features, so phases live under `/phase/:phase`.
 */
export const cycleRoutes: RouteObject[] = [
  { path: '/cycles/:cycleId', element: <CyclePage /> },
  { path: '/cycles/:cycleId/phase/:phase', element: <CyclePage /> },
  { path: '/cycles/:cycleId/meetings', element: <CyclePage section="meetings" /> },
  { path: '/cycles/:cycleId/timeline', element: <CyclePage section="timeline" /> },
];
