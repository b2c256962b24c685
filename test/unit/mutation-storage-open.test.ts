import * as fsp from 'node:fs/promises';
import { chmod, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFs, type FsPort } from '../../electron/storage/fs-port';
import { LOCK_FILE, openWorkspace } from '../../electron/storage/open-workspace';
import { NOTICES_FILE } from '../../electron/storage/notices';
import { errno } from './support/recording-fs';
import { tempDir } from './support/temp';

/**
 * Mutation tests (issue 13) of opening a workspace: the write probe, when the workspace
 * opens read-only, which folders are swept of stale temp files, and what open and close
 * do with the lock, interrupted deletions and kept notices.
 */

const deps = (fs: FsPort = nodeFs) => ({ fs, clock: () => new Date('2026-03-01T10:00:00.000Z'), hostname: 'this-host', pid: 100, isProcessAlive: () => true, bootTime: () => new Date('2026-03-01T08:00:00.000Z') });
const probeName = `.write-probe-${process.pid}`;

describe('openWorkspace', () => {
  it('creates a missing folder user-only, probes it, locks it, and releases the lock on close', async () => {
    const parent = await tempDir();
    const root = path.join(parent, 'ws');
    const opened = await openWorkspace(root, deps());
    expect(opened.store.readOnly).toBe(false);
    expect((await stat(root)).mode & 0o777).toBe(0o700);
    expect(await readdir(root)).toEqual([LOCK_FILE]);
    await opened.swept;
    await opened.close();
    expect(await readdir(root)).toEqual([]);
  });

  it('makes an existing folder user-only', async () => {
    const root = await tempDir();
    await chmod(root, 0o755);
    const opened = await openWorkspace(root, deps());
    expect((await stat(root)).mode & 0o777).toBe(0o700);
    await opened.close();
  });

  it('the probe is created exclusively, never through a link; one left behind is replaced', async () => {
    const root = await tempDir();
    const opens: unknown[] = [];
    const fs: FsPort = { ...nodeFs, open: (async (file: string, flags?: string | number, mode?: number) => (path.basename(String(file)) === probeName && opens.push([flags, mode]), fsp.open(file, flags, mode))) as FsPort['open'] };
    await writeFile(path.join(root, probeName), 'left by a crash');
    const opened = await openWorkspace(root, deps(fs));
    expect(opened.store.readOnly).toBe(false);
    expect(opens).toHaveLength(2);
    expect(opens[1]).toEqual(opens[0]);
    expect((opens[0] as unknown[])[1]).toBe(0o600);
    expect(await readdir(root)).toEqual([LOCK_FILE]);
    await opened.close();
  });

  it('a folder that cannot be written (EROFS, EACCES, EPERM) opens read-only, without a lock, a sweep or any write', async () => {
    for (const code of ['EROFS', 'EACCES', 'EPERM']) {
      const root = await tempDir();
      await writeFile(path.join(root, '.stale.json.tmp-aaaaaaaaaaaa'), '');
      await mkdir(path.join(root, '.trash'));
      await writeFile(path.join(root, '.trash', '.pending-2026-03-01T09-00-00-000Z.json'), '{"items":[]}');
      const fs: FsPort = {
        ...nodeFs,
        open: (async (file: string, flags?: string | number, mode?: number) => {
          if (flags !== 'r' && flags !== undefined) throw errno(code);
          return fsp.open(file, flags, mode);
        }) as FsPort['open'],
      };
      const opened = await openWorkspace(root, deps(fs));
      expect(opened.store.readOnly).toBe(true);
      opened.releaseLockNow();
      await opened.close();
      expect((await readdir(root)).sort()).toEqual(['.stale.json.tmp-aaaaaaaaaaaa', '.trash']);
      expect(await readdir(path.join(root, '.trash'))).toEqual(['.pending-2026-03-01T09-00-00-000Z.json']);
    }
  });

  it('a probe that fails for another reason is an error', async () => {
    const root = await tempDir();
    const fs: FsPort = { ...nodeFs, open: (() => Promise.reject(errno('EIO'))) as unknown as FsPort['open'] };
    await expect(openWorkspace(root, deps(fs))).rejects.toMatchObject({ code: 'EIO' });
  });

  it('"read-only" opens without probing or locking, even a writable folder', async () => {
    const root = await tempDir();
    const opened = await openWorkspace(root, deps(), 'read-only');
    expect(opened.store.readOnly).toBe(true);
    expect(await readdir(root)).toEqual([]);
    await opened.close();
  });

  it('a held lock refuses a normal open; "force" takes it over', async () => {
    const root = await tempDir();
    await writeFile(path.join(root, LOCK_FILE), JSON.stringify({ pid: 4242, hostname: 'laptop-b', startedAt: 's' }));
    await expect(openWorkspace(root, deps())).rejects.toMatchObject({ code: 'locked' });
    const opened = await openWorkspace(root, deps(), 'force');
    expect(JSON.parse(await readFile(path.join(root, LOCK_FILE), 'utf8'))).toMatchObject({ hostname: 'this-host', pid: 100 });
    opened.releaseLockNow();
    expect(await readdir(root)).toEqual([]);
    await opened.close();
  });

  it('a folder that cannot be created is an error; an existing one under a read-only parent is fine', async () => {
    const parent = await tempDir();
    const noMkdir: FsPort = { ...nodeFs, mkdir: (() => Promise.reject(errno('EROFS'))) as unknown as FsPort['mkdir'] };
    await expect(openWorkspace(path.join(parent, 'missing'), deps(noMkdir))).rejects.toMatchObject({ code: 'read-only' });
    const opened = await openWorkspace(parent, deps(noMkdir));
    expect(opened.store.readOnly).toBe(false);
    await opened.close();
  });

  it('sweeps stale temp files from the top-level folders only, never one in flight elsewhere or in a lesson folder', async () => {
    const root = await tempDir();
    const swept = ['.', 'groups', 'designs', 'cycles', 'analysis', 'photos', '.intents', '.trash'];
    for (const folder of [...swept, 'cycles/c1', '.backups', 'other']) {
      await mkdir(path.join(root, folder), { recursive: true });
      await writeFile(path.join(root, folder, '.x.json.tmp-aaaaaaaaaaaa'), '');
      await writeFile(path.join(root, folder, 'x.json'), '');
    }
    const opened = await openWorkspace(root, deps());
    for (const folder of swept) expect(await readdir(path.join(root, folder)), folder).not.toContain('.x.json.tmp-aaaaaaaaaaaa');
    for (const folder of ['cycles/c1', '.backups', 'other']) expect(await readdir(path.join(root, folder)), folder).toContain('.x.json.tmp-aaaaaaaaaaaa');
    for (const folder of swept) expect(await readdir(path.join(root, folder)), folder).toContain('x.json');
    await opened.close();
  });

  it('finishes an interrupted deletion and brings back kept notices before anything is read', async () => {
    const root = await tempDir();
    await mkdir(path.join(root, 'groups'));
    await writeFile(path.join(root, 'groups', 'g.json'), '{}');
    await mkdir(path.join(root, '.trash'));
    await writeFile(path.join(root, '.trash', '.pending-2026-03-01T09-00-00-000Z.json'), '{"items":["groups/g.json"]}');
    const kept = { id: 'quarantined:groups/h.json:t', at: 't', file: 'groups/h.json', kind: 'quarantined', message: 'kept' };
    await writeFile(path.join(root, NOTICES_FILE), JSON.stringify({ notices: [kept] }));
    const opened = await openWorkspace(root, deps());
    expect(await readdir(path.join(root, 'groups'))).toEqual([]);
    expect(await readdir(path.join(root, '.trash', '2026-03-01T09-00-00-000Z', 'groups'))).toEqual(['g.json']);
    expect(opened.store.notices).toEqual([kept]);
    await opened.close();
  });

  it('a read-only open still shows kept notices', async () => {
    const root = await tempDir();
    const kept = { id: 'migrated:a.json:t', at: 't', file: 'a.json', kind: 'migrated', message: 'kept' };
    await writeFile(path.join(root, NOTICES_FILE), JSON.stringify({ notices: [kept] }));
    const opened = await openWorkspace(root, deps(), 'read-only');
    expect(opened.store.notices).toEqual([kept]);
    await opened.close();
  });

  it('close saves the notices and releases the lock', async () => {
    const root = await tempDir();
    const opened = await openWorkspace(root, deps());
    opened.store.addNotice({ file: 'a.json', kind: 'migrated', message: 'm' });
    await opened.close();
    expect(await readdir(root)).toEqual([NOTICES_FILE]);
    expect(JSON.parse(await readFile(path.join(root, NOTICES_FILE), 'utf8'))).toMatchObject({ notices: [{ file: 'a.json', message: 'm' }] });
  });
});
