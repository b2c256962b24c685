import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LessonStudyError } from '../../shared/result';
import { FILE_MODE, syncDirectory } from './durable-write';
import { isErrno, type FsPort } from './fs-port';

export const LOCK_FILE = '.lesson-study.lock';
/** Exists only while one process replaces a stale lock: the mutex of the takeover itself. */
const TAKEOVER_DIR = `${LOCK_FILE}.takeover`;
/** A takeover folder older than this was left by a process that died mid-takeover. */
const STALE_TAKEOVER_MS = 30_000;
/** A lock this old that cannot be read was damaged (locks are created whole, see `createLockFile`). */
const UNREADABLE_LOCK_GRACE_MS = 10_000;
/** Boot times of one boot differ by rounding only; a lock from before a reboot differs by the downtime. */
const SAME_BOOT_TOLERANCE_MS = 60_000;

interface LockInfo {
  pid: number;
  hostname: string;
  startedAt: string;
  /** When this computer booted: a pid from before a reboot may now belong to another program. */
  bootedAt?: string;
  /** This opening's own id: release and takeover compare it, never the pid alone. */
  instance?: string;
}

/** Who holds a workspace, in the words the start-up question uses. */
export interface LockHolder {
  computer: string;
  since: string;
  sameComputer: boolean;
}

/** Refused because another process (here or on another computer) holds the workspace. */
export class WorkspaceLockedError extends LessonStudyError {
  constructor(
    message: string,
    readonly holder: LockHolder,
  ) {
    super('locked', message);
  }
}

export interface LockDeps {
  fs: FsPort;
  pid?: number;
  hostname?: string;
  clock: () => Date;
  /** Injected so tests can pretend another process is alive or dead. */
  isProcessAlive?: (pid: number) => boolean;
  /** When this computer booted; injected so tests can pretend a reboot happened. */
  bootTime?: () => Date;
}

const processAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isErrno(error, 'EPERM');
  }
};

const systemBootTime = (): Date => new Date(Date.now() - os.uptime() * 1000);

export interface WorkspaceLock {
  release(): Promise<void>;
  /**
   * Synchronous, for Windows' session end (shutdown, restart, log-off): the process may
   * be ended as soon as the handler returns, before any promise settles.
   */
  releaseNow(): void;
}

const parseLock = (text: string): LockInfo | null => {
  try {
    const parsed = JSON.parse(text) as Partial<LockInfo>;
    if (typeof parsed.pid === 'number' && typeof parsed.hostname === 'string') {
      return {
        pid: parsed.pid,
        hostname: parsed.hostname,
        startedAt: String(parsed.startedAt ?? ''),
        bootedAt: typeof parsed.bootedAt === 'string' ? parsed.bootedAt : undefined,
        instance: typeof parsed.instance === 'string' ? parsed.instance : undefined,
      };
    }
  } catch {
    // Unreadable: see `judge`.
  }
  return null;
};

/**
 * The lock file appears whole or not at all: written and fsync'd under a temporary name,
 * then hard-linked to its real name, which fails if a lock exists. So a lock that exists
 * but cannot be read is damage, never one another process is still writing.
 */
const createLockFile = async (fs: FsPort, root: string, text: string): Promise<boolean> => {
  const temp = path.join(root, `.${LOCK_FILE.slice(1)}.tmp-${randomBytes(6).toString('hex')}`);
  const handle = await fs.open(temp, 'wx', FILE_MODE);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.link(temp, path.join(root, LOCK_FILE));
    await syncDirectory(fs, root);
    return true;
  } catch (error) {
    if (isErrno(error, 'EEXIST')) return false;
    throw error;
  } finally {
    await fs.unlink(temp).catch(() => undefined);
  }
};

type Judgement = { stale: true } | { stale: false; holder: LockHolder; mine: boolean };

const describeHolder = (holder: LockInfo, hostname: string): LockHolder => ({
  computer: holder.hostname,
  since: holder.startedAt,
  sameComputer: holder.hostname === hostname,
});

/**
 * Whether a lock may be taken over without asking: only when it certainly belongs to no
 * running process of this computer. A lock from another computer (a shared or synced
 * folder) is never judged stale here — the user decides, seeing who and since when.
 */
const judge = async (text: string | null, lockPath: string, me: LockInfo, deps: LockDeps): Promise<Judgement> => {
  if (text === null) return { stale: true };
  const holder = parseLock(text);
  if (!holder) {
    const age = await deps.fs.stat(lockPath).then((info) => deps.clock().getTime() - info.mtimeMs, () => Infinity);
    if (age > UNREADABLE_LOCK_GRACE_MS) return { stale: true };
    return { stale: false, holder: { computer: 'unknown', since: '', sameComputer: true }, mine: false };
  }
  const described = describeHolder(holder, me.hostname);
  if (holder.hostname !== me.hostname) return { stale: false, holder: described, mine: false };
  // This very process (another window's backend in it, or this one): never taken over.
  if (holder.pid === me.pid) return { stale: false, holder: described, mine: true };
  const bootedBefore = holder.bootedAt !== undefined && me.bootedAt !== undefined && Math.abs(Date.parse(holder.bootedAt) - Date.parse(me.bootedAt)) > SAME_BOOT_TOLERANCE_MS;
  const alive = deps.isProcessAlive ?? processAlive;
  if (bootedBefore || !alive(holder.pid)) return { stale: true };
  return { stale: false, holder: described, mine: false };
};

const readText = (fs: FsPort, file: string): Promise<string | null> =>
  fs.readFile(file, 'utf8').then(
    (text) => text,
    (error: unknown) => {
      if (isErrno(error, 'ENOENT')) return null;
      throw error;
    },
  );

/**
 * Replace the lock whose text was judged stale (or that the user chose to open anyway).
 * Two processes may judge the same lock stale at the same moment; only the one that
 * creates the takeover folder proceeds, and it replaces the lock only if the lock still
 * holds the text it judged — so two takeovers can never both win.
 */
const takeOver = async (root: string, judgedText: string | null, myText: string, deps: LockDeps): Promise<'won' | 'changed' | 'busy'> => {
  const lockPath = path.join(root, LOCK_FILE);
  const mutex = path.join(root, TAKEOVER_DIR);
  try {
    await deps.fs.mkdir(mutex, { mode: 0o700 });
  } catch (error) {
    if (!isErrno(error, 'EEXIST')) throw error;
    const age = await deps.fs.stat(mutex).then((info) => deps.clock().getTime() - info.mtimeMs, () => 0);
    if (age < STALE_TAKEOVER_MS) return 'busy';
    await deps.fs.rm(mutex, { recursive: true, force: true });
    return 'changed';
  }
  try {
    if ((await readText(deps.fs, lockPath)) !== judgedText) return 'changed';
    if (judgedText !== null) await deps.fs.unlink(lockPath).catch(() => undefined);
    return (await createLockFile(deps.fs, root, myText)) ? 'won' : 'changed';
  } finally {
    await deps.fs.rm(mutex, { recursive: true, force: true });
  }
};

const lockedMessage = (holder: LockHolder): string => {
  const where = holder.sameComputer ? 'on this computer' : `on the computer "${holder.computer}"`;
  const since = holder.since ? ` since ${holder.since}` : '';
  return `This workspace seems to be open ${where}${since}. Close it there first, or open it read-only; two programs writing one workspace could lose changes.`;
};

/**
 * One process per workspace: a second writer would race the first on every file.
 * A lock left by a process of this computer that is gone (crashed, or from before a
 * reboot, even if its pid now belongs to another program) is taken over; a lock held by
 * a running process, or by another computer, refuses with who and since when — unless
 * `force` (the user chose "Open anyway").
 */
export const acquireWorkspaceLock = async (root: string, deps: LockDeps, { force = false }: { force?: boolean } = {}): Promise<WorkspaceLock> => {
  const lockPath = path.join(root, LOCK_FILE);
  const me: LockInfo = {
    pid: deps.pid ?? process.pid,
    hostname: deps.hostname ?? os.hostname(),
    startedAt: deps.clock().toISOString(),
    bootedAt: (deps.bootTime ?? systemBootTime)().toISOString(),
    instance: randomBytes(8).toString('hex'),
  };
  const myText = JSON.stringify(me);
  const isMine = (text: string | null) => text !== null && parseLock(text)?.instance === me.instance;
  const lock: WorkspaceLock = {
    release: async () => {
      if (isMine(await readText(deps.fs, lockPath).catch(() => null))) await deps.fs.unlink(lockPath).catch(() => undefined);
    },
    releaseNow: () => {
      try {
        if (isMine(readFileSync(lockPath, 'utf8'))) unlinkSync(lockPath);
      } catch {
        // Already gone, or unreadable: nothing of ours to release.
      }
    },
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await createLockFile(deps.fs, root, myText)) return lock;
    const text = await readText(deps.fs, lockPath);
    const judgement = await judge(text, lockPath, me, deps);
    if (!judgement.stale && judgement.mine) {
      throw new WorkspaceLockedError('This workspace is already open in this window.', judgement.holder);
    }
    if (!judgement.stale && !force) throw new WorkspaceLockedError(lockedMessage(judgement.holder), judgement.holder);
    const outcome = await takeOver(root, text, myText, deps);
    if (outcome === 'won') return lock;
    if (outcome === 'busy') {
      throw new WorkspaceLockedError('This workspace is being opened by another Lesson Study process right now. Try again in a moment.', {
        computer: me.hostname,
        since: '',
        sameComputer: true,
      });
    }
  }
  throw new LessonStudyError('locked', 'The workspace lock could not be taken. Try again.');
};
