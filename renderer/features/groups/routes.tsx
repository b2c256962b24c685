import type { RouteObject } from 'react-router';
import { GroupPage } from './GroupPage';
import { GroupsPage } from './GroupsPage';

export const groupRoutes: RouteObject[] = [
  { path: '/', element: <GroupsPage /> },
  { path: '/groups/:groupId/:tab?', element: <GroupPage /> },
];
