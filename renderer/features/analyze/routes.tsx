import type { RouteObject } from 'react-router';

/** Screens of the analyze feature. */
export const analyzeRoutes: RouteObject[] = [];
