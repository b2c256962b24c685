import * as fsp from 'node:fs/promises';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFs, type FsPort } from '../../electron/storage/fs-port';
import { acquireWorkspaceLock, LOCK_FILE, WorkspaceLockedError, type LockDeps } from '../../electron/storage/lock';
import { errno } from './support/recording-fs';
import { tempDir } from './support/temp';

/**
 * Mutation tests (issue 13) of the workspace lock: how a holder is read from the lock
 * file, the exact boundaries of "unreadable but new", "same boot" and "takeover under
 * way", the words of each refusal, and that release removes only our own lock.
 */

const NOW = Date.parse('2026-03-01T10:00:00.000Z');
const clock = () => new Date(NOW);
const BOOT = '2026-03-01T08:00:00.000Z';
const lockPath = (dir: string) => path.join(dir, LOCK_FILE);
const takeoverPath = (dir: string) => path.join(dir, `${LOCK_FILE}.takeover`);

const deps = (extra: Partial<LockDeps> = {}): LockDeps => ({
  fs: nodeFs,
  clock,
  hostname: 'this-host',
  pid: 100,
  isProcessAlive: () => true,
  bootTime: () => new Date(BOOT),
  ...extra,
});

const refusal = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('the lock was taken'), (error: unknown) => error as WorkspaceLockedError);

/** An fs whose stat of the lock (or the takeover folder) reports a chosen age. */
const agedFs = (name: string, ageMs: number): FsPort => ({
  ...nodeFs,
  stat: (async (file: string) => {
    const info = await fsp.stat(file);
    if (path.basename(String(file)) === name) return Object.assign(info, { mtimeMs: NOW - ageMs });
    return info;
  }) as FsPort['stat'],
});

describe('the lock file', () => {
  it('holds who opened the workspace, when, since which boot, and a 16-digit instance id; made whole and user-only', async () => {
    const dir = await tempDir();
    const lock = await acquireWorkspaceLock(dir, deps());
    const held = JSON.parse(await readFile(lockPath(dir), 'utf8')) as Record<string, unknown>;
    expect(held).toEqual({ pid: 100, hostname: 'this-host', startedAt: '2026-03-01T10:00:00.000Z', bootedAt: BOOT, instance: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect((await fsp.stat(lockPath(dir))).mode & 0o777).toBe(0o600);
    // The temp file it was made under is gone.
    expect(await readdir(dir)).toEqual([LOCK_FILE]);
    await lock.release();
    expect(await readdir(dir)).toEqual([]);
  });

  it('the lock is written and fsync’d under a temporary name, then linked, and the folder fsync’d', async () => {
    const dir = await tempDir();
    const events: string[] = [];
    const fs: FsPort = {
      ...nodeFs,
      open: (async (file: string, flags?: string | number, mode?: number) => {
        const handle = await fsp.open(file, flags, mode);
        const name = path.basename(String(file));
        events.push(`open ${name === path.basename(dir) ? 'dir' : name.replace(/[0-9a-f]{12}$/, 'X')} ${String(flags)} ${String(mode)}`);
        const sync = handle.sync.bind(handle);
        handle.sync = async () => {
          events.push('sync');
          await sync();
        };
        return handle;
      }) as FsPort['open'],
      link: async (from, to) => {
        events.push(`link ${path.basename(String(to))}`);
        return fsp.link(from, to);
      },
    };
    const lock = await acquireWorkspaceLock(dir, deps({ fs }));
    expect(events).toEqual([`open .lesson-study.lock.tmp-X wx 384`, 'sync', `link ${LOCK_FILE}`, 'open dir r undefined', 'sync']);
    await lock.release();
  });

  it('a link that fails for another reason than an existing lock is an error, and the temp file is removed', async () => {
    const dir = await tempDir();
    const fs: FsPort = { ...nodeFs, link: () => Promise.reject(errno('EPERM', 'no hard links here')) };
    await expect(acquireWorkspaceLock(dir, deps({ fs }))).rejects.toMatchObject({ code: 'EPERM' });
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('who holds the workspace', () => {
  it('a lock from another computer names it and since when, and is never judged stale', async () => {
    const dir = await tempDir();
    await writeFile(lockPath(dir), JSON.stringify({ pid: 100, hostname: 'laptop-b', startedAt: '2026-02-27T08:00:00.000Z' }));
    const error = await refusal(acquireWorkspaceLock(dir, deps({ isProcessAlive: () => false })));
    expect(error).toBeInstanceOf(WorkspaceLockedError);
    expect(error.code).toBe('locked');
    expect(error.message).toBe(
      'This workspace seems to be open on the computer "laptop-b" since 2026-02-27T08:00:00.000Z. Close it there first, or open it read-only; two programs writing one workspace could lose changes.',
    );
    expect(error.holder).toEqual({ computer: 'laptop-b', since: '2026-02-27T08:00:00.000Z', sameComputer: false });
  });

  it('a holder without a start time is named without "since"; a non-string boot time is ignored', async () => {
    const dir = await tempDir();
    await writeFile(lockPath(dir), JSON.stringify({ pid: 4242, hostname: 'this-host', bootedAt: 12 }));
    const error = await refusal(acquireWorkspaceLock(dir, deps()));
    expect(error.message).toBe(
      'This workspace seems to be open on this computer. Close it there first, or open it read-only; two programs writing one workspace could lose changes.',
    );
    expect(error.holder).toEqual({ computer: 'this-host', since: '', sameComputer: true });
  });

  it('a start time that is not text is shown as text', async () => {
    const dir = await tempDir();
    await writeFile(lockPath(dir), JSON.stringify({ pid: 4242, hostname: 'laptop-b', startedAt: 20260301 }));
    const error = await refusal(acquireWorkspaceLock(dir, deps()));
    expect(error.holder).toEqual({ computer: 'laptop-b', since: '20260301', sameComputer: false });
  });

  it('a lock of this very process refuses as already open in this window, even when forced', async () => {
    const dir = await tempDir();
    await writeFile(lockPath(dir), JSON.stringify({ pid: 100, hostname: 'this-host', startedAt: 'earlier' }));
    const error = await refusal(acquireWorkspaceLock(dir, deps({ isProcessAlive: () => false }), { force: true }));
    expect(error.message).toBe('This workspace is already open in this window.');
    expect(error.holder).toEqual({ computer: 'this-host', since: 'earlier', sameComputer: true });
  });

  it('a lock missing its pid or hostname is unreadable: refused while young, with an unknown holder', async () => {
    for (const text of [JSON.stringify({ hostname: 'this-host' }), JSON.stringify({ pid: '4242', hostname: 'this-host' }), JSON.stringify({ pid: 4242 }), 'null']) {
      const dir = await tempDir();
      await writeFile(lockPath(dir), text);
      const error = await refusal(acquireWorkspaceLock(dir, deps({ fs: agedFs(LOCK_FILE, 1000), isProcessAlive: () => false })));
      expect(error.holder).toEqual({ computer: 'unknown', since: '', sameComputer: true });
      expect(error.message).toMatch(/^This workspace seems to be open on this computer\. Close it there first/);
    }
  });

  it('an unreadable lock is still respected at exactly 10 seconds old, and taken over a millisecond later', async () => {
    const dir = await tempDir();
    await writeFile(lockPath(dir), '{ torn');
    await refusal(acquireWorkspaceLock(dir, deps({ fs: agedFs(LOCK_FILE, 10_000) })));
    const lock = await acquireWorkspaceLock(dir, deps({ fs: agedFs(LOCK_FILE, 10_001) }));
    expect(JSON.parse(await readFile(lockPath(dir), 'utf8'))).toMatchObject({ pid: 100 });
    await lock.release();
  });

  it('an unreadable lock whose age cannot be read is taken over', async () => {
    const dir = await tempDir();
    await writeFile(lockPath(dir), '');
    const fs: FsPort = { ...nodeFs, stat: (() => Promise.reject(errno('EIO'))) as unknown as FsPort['stat'] };
    const lock = await acquireWorkspaceLock(dir, deps({ fs }));
    await lock.release();
  });

  it('boot times up to a minute apart are one boot (the holder is asked whether it runs); more is a reboot', async () => {
    const holder = (bootedAt: string) => JSON.stringify({ pid: 4242, hostname: 'this-host', startedAt: 's', bootedAt });
    const asked: number[] = [];
    const alive = (pid: number) => (asked.push(pid), true);

    const sameBoot = await tempDir();
    await writeFile(lockPath(sameBoot), holder('2026-03-01T08:01:00.000Z'));
    await refusal(acquireWorkspaceLock(sameBoot, deps({ isProcessAlive: alive })));
    expect(asked).toEqual([4242]);
    await writeFile(lockPath(sameBoot), holder('2026-03-01T07:59:00.000Z'));
    await refusal(acquireWorkspaceLock(sameBoot, deps({ isProcessAlive: alive })));

    for (const bootedAt of ['2026-03-01T08:01:00.001Z', '2026-03-01T07:58:59.999Z']) {
      const rebooted = await tempDir();
      await writeFile(lockPath(rebooted), holder(bootedAt));
      const lock = await acquireWorkspaceLock(rebooted, deps({ isProcessAlive: alive }));
      await lock.release();
    }
  });

  it('a holder that recorded no boot time is judged by whether its pid runs', async () => {
    const dir = await tempDir();
    await writeFile(lockPath(dir), JSON.stringify({ pid: 4242, hostname: 'this-host', startedAt: 's' }));
    await refusal(acquireWorkspaceLock(dir, deps({ isProcessAlive: (pid) => pid === 4242 })));
    const lock = await acquireWorkspaceLock(dir, deps({ isProcessAlive: () => false }));
    await lock.release();
  });

  it('without injected helpers, a running pid of this boot holds the lock and a pid that does not run does not', async () => {
    const dir = await tempDir();
    const { hostname } = await import('node:os');
    const mine = { fs: nodeFs, clock, pid: 1 };
    const bootedAt = new Date(Date.now() - (await import('node:os')).uptime() * 1000).toISOString();
    await writeFile(lockPath(dir), JSON.stringify({ pid: process.pid, hostname: hostname(), startedAt: 's', bootedAt }));
    const error = await refusal(acquireWorkspaceLock(dir, mine));
    expect(error.holder).toEqual({ computer: hostname(), since: 's', sameComputer: true });

    await writeFile(lockPath(dir), JSON.stringify({ pid: 2_000_000_000, hostname: hostname(), startedAt: 's', bootedAt }));
    const lock = await acquireWorkspaceLock(dir, mine);
    await lock.release();

    // A running pid recorded before a reboot long ago: the boot time tells it is not ours.
    await writeFile(lockPath(dir), JSON.stringify({ pid: process.pid, hostname: hostname(), startedAt: 's', bootedAt: '2000-01-01T00:00:00.000Z' }));
    const again = await acquireWorkspaceLock(dir, mine);
    await again.release();
  });
});

describe('takeover', () => {
  it('a takeover folder younger than 30 seconds means another process is opening the workspace', async () => {
    const dir = await tempDir();
    await writeFile(lockPath(dir), JSON.stringify({ pid: 4242, hostname: 'this-host', startedAt: 's' }));
    await mkdir(takeoverPath(dir));
    const error = await refusal(acquireWorkspaceLock(dir, deps({ fs: agedFs(`${LOCK_FILE}.takeover`, 29_999), isProcessAlive: () => false })));
    expect(error.message).toBe('This workspace is being opened by another Lesson Study process right now. Try again in a moment.');
    expect(error.holder).toEqual({ computer: 'this-host', since: '', sameComputer: true });
    expect((await readdir(dir)).sort()).toEqual([LOCK_FILE, `${LOCK_FILE}.takeover`]);
  });

  it('a takeover folder 30 seconds old was left by a dead process: removed, and the stale lock taken over', async () => {
    const dir = await tempDir();
    await writeFile(lockPath(dir), JSON.stringify({ pid: 4242, hostname: 'this-host', startedAt: 's' }));
    await mkdir(takeoverPath(dir));
    const lock = await acquireWorkspaceLock(dir, deps({ fs: agedFs(`${LOCK_FILE}.takeover`, 30_000), isProcessAlive: () => false }));
    expect(JSON.parse(await readFile(lockPath(dir), 'utf8'))).toMatchObject({ pid: 100 });
    expect(await readdir(dir)).toEqual([LOCK_FILE]);
    await lock.release();
  });

  it('a takeover folder whose age cannot be read counts as new', async () => {
    const dir = await tempDir();
    await writeFile(lockPath(dir), JSON.stringify({ pid: 4242, hostname: 'this-host', startedAt: 's' }));
    await mkdir(takeoverPath(dir));
    const fs: FsPort = { ...nodeFs, stat: (() => Promise.reject(errno('EIO'))) as unknown as FsPort['stat'] };
    const error = await refusal(acquireWorkspaceLock(dir, deps({ fs, isProcessAlive: () => false })));
    expect(error.message).toMatch(/being opened by another Lesson Study process/);
  });

  it('a takeover folder that cannot be made for another reason is an error', async () => {
    const dir = await tempDir();
    await writeFile(lockPath(dir), JSON.stringify({ pid: 4242, hostname: 'this-host', startedAt: 's' }));
    const fs: FsPort = { ...nodeFs, mkdir: (() => Promise.reject(errno('EROFS'))) as unknown as FsPort['mkdir'] };
    await expect(acquireWorkspaceLock(dir, deps({ fs, isProcessAlive: () => false }))).rejects.toMatchObject({ code: 'EROFS' });
  });

  it('the takeover folder is made user-only and removed afterwards', async () => {
    const dir = await tempDir();
    await writeFile(lockPath(dir), JSON.stringify({ pid: 4242, hostname: 'this-host', startedAt: 's' }));
    const made: unknown[] = [];
    const fs: FsPort = { ...nodeFs, mkdir: (async (target: string, options: unknown) => (made.push(options), fsp.mkdir(target, options as never))) as FsPort['mkdir'] };
    const lock = await acquireWorkspaceLock(dir, deps({ fs, isProcessAlive: () => false }));
    expect(made).toEqual([{ mode: 0o700 }]);
    expect(await readdir(dir)).toEqual([LOCK_FILE]);
    await lock.release();
  });

  it('a lock that vanished after it was judged is simply created', async () => {
    const dir = await tempDir();
    let firstLink = true;
    const fs: FsPort = {
      ...nodeFs,
      // The first try finds a lock that is gone by the time it is read.
      link: async (from, to) => {
        if (firstLink) {
          firstLink = false;
          throw errno('EEXIST');
        }
        return fsp.link(from, to);
      },
    };
    const lock = await acquireWorkspaceLock(dir, deps({ fs }));
    expect(JSON.parse(await readFile(lockPath(dir), 'utf8'))).toMatchObject({ pid: 100 });
    await lock.release();
  });

  it('a lock that keeps changing under the takeover is given up after three tries, with a clear error', async () => {
    const dir = await tempDir();
    let generation = 0;
    const fs: FsPort = {
      ...nodeFs,
      // Each read sees another dead holder than the one judged a moment ago.
      readFile: (async (file: string, options: unknown) => {
        if (path.basename(String(file)) === LOCK_FILE) return JSON.stringify({ pid: 5000 + generation++, hostname: 'this-host', startedAt: 's' });
        return fsp.readFile(file, options as never);
      }) as FsPort['readFile'],
    };
    await writeFile(lockPath(dir), 'on disk');
    const error = await acquireWorkspaceLock(dir, deps({ fs, isProcessAlive: () => false })).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(WorkspaceLockedError);
    expect(error).toMatchObject({ code: 'locked', message: 'The workspace lock could not be taken. Try again.' });
    expect(generation).toBe(6);
    expect(await readFile(lockPath(dir), 'utf8')).toBe('on disk');
  });

  it('a lock that cannot be read for another reason than being gone is an error', async () => {
    const dir = await tempDir();
    await writeFile(lockPath(dir), 'x');
    const fs: FsPort = { ...nodeFs, readFile: (() => Promise.reject(errno('EACCES'))) as unknown as FsPort['readFile'] };
    await expect(acquireWorkspaceLock(dir, deps({ fs }))).rejects.toMatchObject({ code: 'EACCES' });
  });
});

describe('release', () => {
  it('removes only our own lock; a lock another process took meanwhile stays', async () => {
    const dir = await tempDir();
    const lock = await acquireWorkspaceLock(dir, deps());
    const other = JSON.stringify({ pid: 100, hostname: 'this-host', startedAt: 's', instance: 'someone-else' });
    await writeFile(lockPath(dir), other);
    await lock.release();
    expect(await readFile(lockPath(dir), 'utf8')).toBe(other);
    lock.releaseNow();
    expect(await readFile(lockPath(dir), 'utf8')).toBe(other);
  });

  it('releaseNow removes our own lock at once; releasing a lock that is gone does nothing', async () => {
    const dir = await tempDir();
    const lock = await acquireWorkspaceLock(dir, deps());
    lock.releaseNow();
    expect(await readdir(dir)).toEqual([]);
    lock.releaseNow();
    await lock.release();
    expect(await readdir(dir)).toEqual([]);
  });

  it('release after the lock became unreadable leaves it', async () => {
    const dir = await tempDir();
    const lock = await acquireWorkspaceLock(dir, deps());
    await writeFile(lockPath(dir), 'not json');
    await lock.release();
    expect(await readFile(lockPath(dir), 'utf8')).toBe('not json');
  });
});
