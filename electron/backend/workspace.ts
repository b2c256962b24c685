import * as path from 'node:path';
import type { workspaceChannels } from '../../shared/contract/workspace';
import type { LockHolder } from '../storage/lock';
import type { BackendContext } from './context';
import type { ServiceFor } from './service-types';

export const createWorkspaceService = (
  ctx: BackendContext,
  info: { isSample: boolean; lockedBy?: LockHolder },
): ServiceFor<typeof workspaceChannels> => ({
  getWorkspace: async () => ({
    name: path.basename(ctx.store.root),
    path: ctx.store.root,
    readOnly: ctx.store.readOnly,
    isSample: info.isSample,
    ...(info.lockedBy ? { lockedBy: info.lockedBy } : {}),
  }),
  listNotices: async () => [...ctx.store.notices],
  async dismissNotice({ id }) {
    ctx.store.board.dismiss(id);
    return null;
  },
});
