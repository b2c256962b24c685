import type { RouteObject } from 'react-router';
import { lazyScreen } from '../../app/lazy-screen';

const ResearchThemePage = lazyScreen(() => import('./ResearchThemePage'), 'ResearchThemePage');

/** The research theme across a group's cycles; the group page and the command palette link here (paths.ts). */
export const themeRoutes: RouteObject[] = [{ path: '/groups/:groupId/research-theme', element: <ResearchThemePage /> }];
