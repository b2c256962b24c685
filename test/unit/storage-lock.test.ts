import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend';
import { acquireWorkspaceLock, LOCK_FILE } from '../../electron/storage/lock';
import { nodeFs } from '../../electron/storage/fs-port';
import { tempDir } from './support/temp';

const clock = () => new Date('2026-03-01T10:00:00Z');

describe('workspace lock', () => {
  it('refuses a second process on the same workspace with a clear message', async () => {
    const dir = await tempDir();
    const first = await createBackend({ workspaceDir: dir });
    const error = await acquireWorkspaceLock(dir, { fs: nodeFs, clock, pid: process.pid + 1 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'locked' });
    expect((error as Error).message).toMatch(/already open in another Lesson Study window or process/);
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
});
