import * as path from 'node:path';
import { BACKUP_DIR, WorkspaceStore, type StoreDeps } from './workspace-store';
import { DIR_MODE, ensureDir, inFlightTempFiles, isTempFileName } from './durable-write';
import { acquireWorkspaceLock, LOCK_FILE, type LockDeps, type WorkspaceLock } from './lock';
import { isErrno } from './fs-port';

export interface OpenedWorkspace {
  store: WorkspaceStore;
  /** Settles when stale temp files are gone; it runs in the background so opening stays fast. */
  swept: Promise<void>;
  close(): Promise<void>;
}

const canWrite = async (deps: StoreDeps, root: string): Promise<boolean> => {
  const probe = path.join(root, `.write-probe-${process.pid}`);
  try {
    const handle = await deps.fs.open(probe, 'w', 0o600);
    await handle.close();
    await deps.fs.unlink(probe);
    return true;
  } catch (error) {
    if (isErrno(error, 'EROFS', 'EACCES', 'EPERM')) return false;
    throw error;
  }
};

/**
 * Temp files left by a write that was killed mid-way were never acknowledged: remove them.
 * Never one of this process's writes in flight (see `inFlightTempFiles`): the sweep runs
 * in the background, after the workspace is already in use.
 */
const sweepTempFiles = async (deps: StoreDeps, dir: string, stop: { now: boolean }, depth = 0): Promise<void> => {
  // Observation folders sit two levels down; `.backups` is cleaned file by file when a
  // backup is next written (see WorkspaceStore.backup), as walking it costs more than opening.
  if (depth > 2 || stop.now) return;
  let entries;
  try {
    entries = await deps.fs.readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (stop.now) return;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== BACKUP_DIR) await sweepTempFiles(deps, full, stop, depth + 1);
    else if (entry.isFile() && isTempFileName(entry.name) && !inFlightTempFiles.has(full)) {
      await deps.fs.unlink(full).catch(() => undefined);
    }
  }
};

/**
 * Open (creating if needed) a workspace folder: lock it against a second process, or
 * open it read-only when the folder cannot be written.
 */
export const openWorkspace = async (
  root: string,
  deps: StoreDeps & Partial<Omit<LockDeps, 'fs' | 'clock'>>,
): Promise<OpenedWorkspace> => {
  try {
    await ensureDir(deps.fs, root);
  } catch (error) {
    // A read-only parent with an existing folder is fine; a missing folder is not.
    await deps.fs.stat(root).catch(() => {
      throw error;
    });
  }
  await deps.fs.chmod(root, DIR_MODE).catch(() => undefined);
  const writable = await canWrite(deps, root);
  let lock: WorkspaceLock | undefined;
  if (writable) {
    lock = await acquireWorkspaceLock(root, { ...deps, fs: deps.fs, clock: deps.clock });
  }
  const store = new WorkspaceStore(root, deps, !writable);
  // Walking every folder of a district-sized workspace costs more than opening it, and
  // nothing reads temp files (listings skip them), so the sweep need not block.
  // Closing stops the sweep where it is; the rest is swept next time.
  const stop = { now: false };
  const swept = writable ? sweepTempFiles(deps, root, stop).catch(() => undefined) : Promise.resolve();
  return {
    store,
    swept,
    close: async () => {
      stop.now = true;
      await swept;
      await lock?.release();
    },
  };
};

export { LOCK_FILE };
