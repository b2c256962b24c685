import type { RouteObject } from 'react-router';
import { lazyScreen } from '../../app/lazy-screen';
import { GroupsPage } from './GroupsPage';

const GroupPage = lazyScreen(() => import('./GroupPage'), 'GroupPage');

export const groupRoutes: RouteObject[] = [
  { path: '/', element: <GroupsPage /> },
  { path: '/groups/:groupId/:tab?', element: <GroupPage /> },
];
