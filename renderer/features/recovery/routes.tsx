import type { RouteObject } from 'react-router';
import { RecoveryPage } from './RecoveryPage';

export const recoveryRoutes: RouteObject[] = [{ path: '/recovery', element: <RecoveryPage /> }];
