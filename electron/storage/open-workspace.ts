import * as path from 'node:path';
import { WorkspaceStore, type StoreDeps } from './workspace-store';
import { DIR_MODE, ensureDir, inFlightTempFiles, isTempFileName } from './durable-write';
import { acquireWorkspaceLock, LOCK_FILE, type LockDeps, type WorkspaceLock } from './lock';
import { isErrno, type FsPort } from './fs-port';
import { openNoFollow } from './no-follow';
import { openLocalDevice, type LocalDeviceDeps } from './sync/local-device';
import { SharedDocuments } from './sync/shared-documents';
import { migrateIntoShared } from './sync/migrate';

export interface OpenedWorkspace {
  store: WorkspaceStore;
  /** Settles when stale temp files are gone (kept as a promise so callers need not know when). */
  swept: Promise<void>;
  close(): Promise<void>;
  /** Releases the lock synchronously (Windows session end); see WorkspaceLock.releaseNow. */
  releaseLockNow(): void;
  /** This installation's device id in a shared workspace (absent without `device` options, or read-only). */
  deviceId?: string;
}

/** A shared workspace: the lock and the device identity live in this computer's settings folder. */
export type WorkspaceDeviceOptions = Pick<LocalDeviceDeps, 'settingsDir' | 'label' | 'host' | 'newDeviceId' | 'newNonce'> & {
  /**
   * Turn sharing on for a workspace that is not shared yet (the group chose "Share with
   * your group"). Without it a workspace is shared only when it already has `devices/`
   * (this laptop or another one shared it); otherwise it stays a one-computer workspace.
   */
  share?: boolean;
};

/** A workspace is shared once any device has written its folder under `devices/`. */
export const isSharedWorkspace = async (fs: FsPort, root: string): Promise<boolean> => {
  const info = await fs.stat(path.join(root, 'devices')).catch(() => null);
  return info?.isDirectory() ?? false;
};

/**
 * Created exclusively, never through a link: opening with plain 'w' truncated whatever a
 * link planted at the probe's name pointed to, on every open. A probe that is already
 * there was left by a crashed process with our pid (or planted): unlink removes that
 * name itself, never a link's target, and the probe is made anew.
 */
const createProbe = async (fs: FsPort, probe: string) => {
  try {
    return await openNoFollow(fs, probe, 'wx', 0o600);
  } catch (error) {
    if (!isErrno(error, 'EEXIST')) throw error;
    await fs.unlink(probe);
    return openNoFollow(fs, probe, 'wx', 0o600);
  }
};

const canWrite = async (deps: StoreDeps, root: string): Promise<boolean> => {
  const probe = path.join(root, `.write-probe-${process.pid}`);
  try {
    const handle = await createProbe(deps.fs, probe);
    await handle.close();
    await deps.fs.unlink(probe);
    return true;
  } catch (error) {
    if (isErrno(error, 'EROFS', 'EACCES', 'EPERM')) return false;
    throw error;
  }
};

/** Folders whose files are written by replacing (temp file + rename), swept on open. */
const SWEPT_FOLDERS = ['.', 'groups', 'designs', 'cycles', 'analysis', 'photos', '.intents', '.trash'];

/**
 * Temp files left by a write that was killed mid-way were never acknowledged: remove them.
 * Only the few top-level folders, so opening a district-sized workspace stays fast; the
 * temp files of a lesson's snapshot are removed when that lesson is opened (journal.ts),
 * and those of a backup when that file is next backed up (WorkspaceStore.backup).
 * Never one of this process's own writes in flight (see `inFlightTempFiles`).
 */
const sweepTempFiles = async (deps: StoreDeps, root: string): Promise<void> => {
  for (const folder of SWEPT_FOLDERS) {
    const dir = path.join(root, folder);
    const names = await deps.fs.readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      const full = path.join(dir, name);
      if (isTempFileName(name) && !inFlightTempFiles.has(full)) await deps.fs.unlink(full).catch(() => undefined);
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
  /** 'force': the user chose "Open anyway"; 'read-only': open without the lock, writing nothing. */
  lockMode: 'normal' | 'force' | 'read-only' = 'normal',
  /** Given: the workspace may sit in a synced folder shared by several laptops (issue #16). */
  device?: WorkspaceDeviceOptions,
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
  const writable = lockMode !== 'read-only' && (await canWrite(deps, root));
  let lock: WorkspaceLock | undefined;
  let deviceId: string | undefined;
  const shared = device !== undefined && (device.share === true || (await isSharedWorkspace(deps.fs, root)));
  if (writable && device && shared) {
    // The lock is this computer's only: a lock inside a synced folder would block every other laptop.
    const opened = await openLocalDevice(root, { ...deps, ...device, log: deps.log }, { force: lockMode === 'force' });
    lock = opened.lock;
    deviceId = opened.deviceId;
  } else if (writable) {
    lock = await acquireWorkspaceLock(root, { ...deps, fs: deps.fs, clock: deps.clock }, { force: lockMode === 'force' });
  }
  const store = new WorkspaceStore(root, deps, !writable);
  if (deviceId) {
    store.shared = await SharedDocuments.open(deps.fs, root, deviceId, () => deps.clock().getTime());
    // Documents saved before the workspace was shared become ops, once, after a backup.
    await migrateIntoShared(store, deps);
  }
  // Before any write of ours can start, so no temp file of this process is touched.
  if (writable) await sweepTempFiles(deps, root);
  // Before anything is read: a deletion killed half-way is finished, never shown half done.
  if (writable) await store.trash.completeInterruptedDeletions();
  await store.board.load();
  const swept = Promise.resolve();
  return {
    store,
    swept,
    close: async () => {
      await store.board.saved();
      await lock?.release();
    },
    releaseLockNow: () => lock?.releaseNow(),
    ...(deviceId ? { deviceId } : {}),
  };
};

export { LOCK_FILE };
