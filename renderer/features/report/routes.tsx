import type { RouteObject } from 'react-router';
import { lazyScreen } from '../../app/lazy-screen';

const ReportPage = lazyScreen(() => import('./ReportPage'), 'ReportPage');

/** Screens of the report feature. The cycle page links to `/cycles/:cycleId/report`. */
export const reportRoutes: RouteObject[] = [{ path: '/cycles/:cycleId/report', element: <ReportPage /> }];
