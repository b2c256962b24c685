import type { RouteObject } from 'react-router';

/** Screens of the observe feature. */
export const observeRoutes: RouteObject[] = [];
