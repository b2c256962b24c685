import type { RouteObject } from 'react-router';

/** Screens of the report feature. */
export const reportRoutes: RouteObject[] = [];
