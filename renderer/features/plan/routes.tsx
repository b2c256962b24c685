import type { RouteObject } from 'react-router';

/** Screens of the plan feature. */
export const planRoutes: RouteObject[] = [];
