import type { RouteObject } from 'react-router';

/** Screens of the cycle feature. */
export const cycleRoutes: RouteObject[] = [];
