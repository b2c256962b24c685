import { z } from 'zod';
import { channel } from './channel';

/** The kinds of workspace file the recovery screen knows, by the folder they live in. */
export const RecoverableKind = z.enum(['group', 'design', 'cycle', 'analysis', 'observations']);
export type RecoverableKind = z.infer<typeof RecoverableKind>;

/**
 * A workspace-relative data file: `groups/<id>.json`, `observations/<id>/snapshot.json`…
 * Checked by shape, so no request can name a path outside the workspace's data folders.
 */
export const DataFilePath = z
  .string()
  .max(200)
  .regex(/^(?:(?:groups|designs|cycles|analysis)\/[0-9a-f-]{36}\.json|observations\/[0-9a-f-]{36}\/snapshot\.json)$/, 'Not a workspace data file.');

/** `last-saved` or a backup's time stamp (`2026-11-20T09-10-00-000Z`). */
export const CopyId = z.string().max(40).regex(/^(?:last-saved|\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)$/, 'Not a kept copy.');

/** A deletion in the trash: the time stamp of its folder. */
export const TrashId = z.string().max(40).regex(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z$/, 'Not a deletion in the trash.');

export const KeptFile = z.object({
  file: DataFilePath,
  kind: RecoverableKind,
  /** The thing's own title ("Maple Grove"), or '' when no kept copy can be read. */
  title: z.string(),
  copies: z.number().int().nonnegative(),
});
export type KeptFile = z.infer<typeof KeptFile>;

export const KeptCopy = z.object({
  id: CopyId,
  savedAt: z.string(),
  /** What it holds, e.g. "group “Maple Grove”, 14 members"; '' when it does not validate. */
  summary: z.string(),
  valid: z.boolean(),
});
export type KeptCopy = z.infer<typeof KeptCopy>;

export const TrashItem = z.object({ file: z.string(), kind: RecoverableKind, title: z.string() });
export const Deletion = z.object({ id: TrashId, deletedAt: z.string(), items: z.array(TrashItem) });
export type Deletion = z.infer<typeof Deletion>;

export const recoveryChannels = {
  listKeptFiles: channel(z.object({}).strict(), z.array(KeptFile)),
  listKeptCopies: channel(z.object({ file: DataFilePath }).strict(), z.array(KeptCopy)),
  /** Restore a kept copy; the current content is first kept as a copy of its own. */
  restoreKeptCopy: channel(z.object({ file: DataFilePath, copy: CopyId }).strict(), z.object({ summary: z.string() })),
  listTrash: channel(z.object({}).strict(), z.array(Deletion)),
  /** Put everything one deletion removed back where it was. */
  restoreFromTrash: channel(z.object({ id: TrashId }).strict(), z.object({ restored: z.number().int() })),
};
