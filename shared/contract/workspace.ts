import { z } from 'zod';
import { channel } from './channel';

export const StorageNotice = z.object({
  id: z.string(),
  file: z.string(),
  kind: z.enum(['restored-from-backup', 'quarantined', 'migrated', 'backup-failed']),
  message: z.string(),
  quarantinedAs: z.string().optional(),
  at: z.string(),
});
export type StorageNotice = z.infer<typeof StorageNotice>;

export const WorkspaceInfo = z.object({
  /** A display name for the folder; full paths stay in the main process. */
  name: z.string(),
  path: z.string(),
  readOnly: z.boolean(),
  isSample: z.boolean(),
  /** Set when the workspace was opened read-only because another process seems to hold it. */
  lockedBy: z.object({ computer: z.string(), since: z.string(), sameComputer: z.boolean() }).optional(),
});
export type WorkspaceInfo = z.infer<typeof WorkspaceInfo>;

export const workspaceChannels = {
  getWorkspace: channel(z.object({}).strict(), WorkspaceInfo),
  listNotices: channel(z.object({}).strict(), z.array(StorageNotice)),
  dismissNotice: channel(z.object({ id: z.string().max(200) }).strict(), z.null()),
};
