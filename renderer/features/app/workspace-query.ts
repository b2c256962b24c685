import { queryOptions } from '@tanstack/react-query';
import { backend } from '../../api/client';

/** The open workspace: its name, its folder, and whether this app may write to it. */
export const workspaceQuery = queryOptions({ queryKey: ['workspace'], queryFn: () => backend.getWorkspace({}) });
