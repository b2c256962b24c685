import { readdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend';
import { acquireWorkspaceLock, LOCK_FILE, WorkspaceLockedError } from '../../electron/storage/lock';
import { nodeFs } from '../../electron/storage/fs-port';
import { tempDir } from './support/temp';

const clock = () => new Date('2026-03-01T10:00:00Z');

describe('workspace lock', () => {
  it('refuses a second process on the same workspace with a clear message', async () => {
    const dir = await tempDir();
    const first = await createBackend({ workspaceDir: dir });
    const error = await acquireWorkspaceLock(dir, { fs: nodeFs, clock, pid: process.pid + 1 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'locked' });
    expect((error as Error).message).toMatch(/This workspace seems to be open on this computer since/);
    await first.close();
  });

  it('refuses a second backend in the same process too', async () => {
    const dir = await tempDir();
    const first = await createBackend({ workspaceDir: dir });
    await expect(createBackend({ workspaceDir: dir })).rejects.toMatchObject({ code: 'locked' });
    await first.close();
    const again = await createBackend({ workspaceDir: dir });
    await again.close();
  });

  it('takes over a lock left by a process that died', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, LOCK_FILE), JSON.stringify({ pid: 999_999, hostname: 'this-host', startedAt: 'x' }));
    const lock = await acquireWorkspaceLock(dir, { fs: nodeFs, clock, hostname: 'this-host', isProcessAlive: () => false });
    await lock.release();
  });

  it('respects a lock held from another computer (a shared drive)', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, LOCK_FILE), JSON.stringify({ pid: 12, hostname: 'laptop-b', startedAt: 'x' }));
    const error = await acquireWorkspaceLock(dir, { fs: nodeFs, clock, hostname: 'laptop-a', isProcessAlive: () => false }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/laptop-b/);
  });

  it('takes over a lock from before a reboot, even when its pid now belongs to another program', async () => {
    const dir = await tempDir();
    await writeFile(
      path.join(dir, LOCK_FILE),
      JSON.stringify({ pid: 4242, hostname: 'this-host', startedAt: '2026-02-28T16:00:00.000Z', bootedAt: '2026-02-28T07:55:00.000Z' }),
    );
    const lock = await acquireWorkspaceLock(dir, {
      fs: nodeFs,
      clock,
      hostname: 'this-host',
      pid: 100,
      // The old pid is "alive": after the reboot another program got it.
      isProcessAlive: () => true,
      bootTime: () => new Date('2026-03-01T08:00:00.000Z'),
    });
    expect(JSON.parse(await readFile(path.join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: 100, hostname: 'this-host' });
    await lock.release();
  });

  it('keeps a lock of a running process of this boot', async () => {
    const dir = await tempDir();
    await writeFile(
      path.join(dir, LOCK_FILE),
      JSON.stringify({ pid: 4242, hostname: 'this-host', startedAt: '2026-03-01T09:00:00.000Z', bootedAt: '2026-03-01T08:00:00.400Z' }),
    );
    const error = await acquireWorkspaceLock(dir, {
      fs: nodeFs,
      clock,
      hostname: 'this-host',
      pid: 100,
      isProcessAlive: (pid) => pid === 4242,
      bootTime: () => new Date('2026-03-01T08:00:00.000Z'),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkspaceLockedError);
    expect((error as WorkspaceLockedError).holder).toEqual({ computer: 'this-host', since: '2026-03-01T09:00:00.000Z', sameComputer: true });
  });

  it('two processes taking over one stale lock at the same moment: exactly one wins', async () => {
    for (let round = 0; round < 10; round++) {
      const dir = await tempDir();
      await writeFile(path.join(dir, LOCK_FILE), JSON.stringify({ pid: 999_999, hostname: 'this-host', startedAt: 'x' }));
      const deps = (pid: number) => ({ fs: nodeFs, clock, hostname: 'this-host', pid, isProcessAlive: (p: number) => p === 201 || p === 202 });
      const results = await Promise.allSettled([acquireWorkspaceLock(dir, deps(201)), acquireWorkspaceLock(dir, deps(202))]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toMatchObject({ code: 'locked' });
      const holder = JSON.parse(await readFile(path.join(dir, LOCK_FILE), 'utf8')) as { pid: number };
      expect([201, 202]).toContain(holder.pid);
      // No takeover folder or half-made lock left behind.
      expect((await readdir(dir)).sort()).toEqual([LOCK_FILE]);
    }
  });

  it('a lock that cannot be read is not stale while it is new, and is once it is old', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, LOCK_FILE), '');
    const now = Date.now();
    const young = await acquireWorkspaceLock(dir, { fs: nodeFs, clock: () => new Date(now), hostname: 'this-host' }).catch((e: unknown) => e);
    expect(young).toMatchObject({ code: 'locked' });
    const lock = await acquireWorkspaceLock(dir, { fs: nodeFs, clock: () => new Date(now + 60_000), hostname: 'this-host' });
    await lock.release();
  });

  it('"Open anyway" takes over a lock held from another computer', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, LOCK_FILE), JSON.stringify({ pid: 12, hostname: 'laptop-b', startedAt: '2026-02-27T08:00:00.000Z' }));
    const lock = await acquireWorkspaceLock(dir, { fs: nodeFs, clock, hostname: 'laptop-a' }, { force: true });
    expect(JSON.parse(await readFile(path.join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ hostname: 'laptop-a' });
    await lock.release();
    expect(await readdir(dir)).toEqual([]);
  });
});
