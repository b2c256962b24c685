import { readFileSync, unlinkSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LessonStudyError } from '../../shared/result';
import { FILE_MODE } from './durable-write';
import { isErrno, type FsPort } from './fs-port';

export const LOCK_FILE = '.lesson-study.lock';

interface LockInfo {
  pid: number;
  hostname: string;
  startedAt: string;
}

export interface LockDeps {
  fs: FsPort;
  pid?: number;
  hostname?: string;
  clock: () => Date;
  /** Injected so tests can pretend another process is alive or dead. */
  isProcessAlive?: (pid: number) => boolean;
}

const processAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isErrno(error, 'EPERM');
  }
};

export interface WorkspaceLock {
  release(): Promise<void>;
  /**
   * Synchronous, for Windows' session end (shutdown, restart, log-off): the process may
   * be ended as soon as the handler returns, before any promise settles.
   */
  releaseNow(): void;
}

/**
 * One process per workspace: a second writer would race the first on every file.
 * A lock left by a crashed process on this machine is taken over; a lock held by a
 * live process, or by another machine (a shared drive), refuses with a clear message.
 */
export const acquireWorkspaceLock = async (root: string, deps: LockDeps): Promise<WorkspaceLock> => {
  const lockPath = path.join(root, LOCK_FILE);
  const mine: LockInfo = {
    pid: deps.pid ?? process.pid,
    hostname: deps.hostname ?? os.hostname(),
    startedAt: deps.clock().toISOString(),
  };
  const alive = deps.isProcessAlive ?? processAlive;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await deps.fs.open(lockPath, 'wx', FILE_MODE);
      try {
        await handle.writeFile(JSON.stringify(mine));
        await handle.sync();
      } finally {
        await handle.close();
      }
      const isMine = (current: LockInfo | null) => current !== null && current.pid === mine.pid && current.hostname === mine.hostname;
      return {
        release: async () => {
          if (isMine(await readLock(deps.fs, lockPath))) await deps.fs.unlink(lockPath).catch(() => undefined);
        },
        releaseNow: () => {
          try {
            if (isMine(parseLock(readFileSync(lockPath, 'utf8')))) unlinkSync(lockPath);
          } catch {
            // Already gone, or unreadable: nothing of ours to release.
          }
        },
      };
    } catch (error) {
      if (!isErrno(error, 'EEXIST')) throw error;
    }
    const holder = await readLock(deps.fs, lockPath);
    const stale =
      holder === null || (holder.hostname === mine.hostname && holder.pid !== mine.pid && !alive(holder.pid));
    if (holder && holder.hostname === mine.hostname && holder.pid === mine.pid) {
      throw new LessonStudyError('locked', 'This workspace is already open in this window.');
    }
    if (!stale) {
      const where = holder.hostname === mine.hostname ? 'on this computer' : `on the computer "${holder.hostname}"`;
      throw new LessonStudyError(
        'locked',
        `This workspace is already open in another Lesson Study window or process ${where} (process ${holder.pid}, since ${holder.startedAt}). Close it there first; two programs writing one workspace could lose changes.`,
      );
    }
    await deps.fs.unlink(lockPath).catch(() => undefined);
  }
  throw new LessonStudyError('locked', 'The workspace lock could not be taken. Try again.');
};

const parseLock = (text: string): LockInfo | null => {
  try {
    const parsed = JSON.parse(text) as Partial<LockInfo>;
    if (typeof parsed.pid === 'number' && typeof parsed.hostname === 'string') {
      return { pid: parsed.pid, hostname: parsed.hostname, startedAt: String(parsed.startedAt ?? '') };
    }
  } catch {
    // An unreadable lock file is treated as stale: its writer died before finishing it.
  }
  return null;
};

const readLock = async (fs: FsPort, lockPath: string): Promise<LockInfo | null> =>
  parseLock(await fs.readFile(lockPath, 'utf8').catch(() => ''));
