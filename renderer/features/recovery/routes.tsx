import type { RouteObject } from 'react-router';
import { lazyScreen } from '../../app/lazy-screen';

const RecoveryPage = lazyScreen(() => import('./RecoveryPage'), 'RecoveryPage');

export const recoveryRoutes: RouteObject[] = [{ path: '/recovery', element: <RecoveryPage /> }];
