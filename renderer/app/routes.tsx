import type { RouteObject } from 'react-router';
import { analyzeRoutes } from '../features/analyze/routes';
import { cycleRoutes } from '../features/cycle/routes';
import { groupRoutes } from '../features/groups/routes';
import { observeRoutes } from '../features/observe/routes';
import { planRoutes } from '../features/plan/routes';
import { printRoutes } from '../features/print/routes';
import { recoveryRoutes } from '../features/recovery/routes';
import { reportRoutes } from '../features/report/routes';
import { themeRoutes } from '../features/theme/routes';

/** Every screen; each feature owns its own routes. */
export const routes: RouteObject[] = [
  ...groupRoutes,
  ...planRoutes,
  ...cycleRoutes,
  ...observeRoutes,
  ...analyzeRoutes,
  ...reportRoutes,
  ...themeRoutes,
  ...recoveryRoutes,
  ...printRoutes,
];
