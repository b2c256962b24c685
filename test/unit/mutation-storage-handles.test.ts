import * as fsp from 'node:fs/promises';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { DocumentKind } from '../../electron/storage/document';
import { appendLineDurably } from '../../electron/storage/durable-write';
import { nodeFs, type FsPort } from '../../electron/storage/fs-port';
import { readJournal } from '../../electron/storage/journal';
import { acquireWorkspaceLock } from '../../electron/storage/lock';
import { WorkspaceStore } from '../../electron/storage/workspace-store';
import { errno } from './support/recording-fs';
import { tempDir } from './support/temp';

/**
 * Mutation tests (issue 13): every file handle storage opens is closed again; listings do
 * not rely on the order a folder is read in (Node happens to sort it; another fs port need
 * not); a backups folder that cannot be listed is named as such; a failing cache listener
 * without a log still leaves the write saved.
 */

const Pin = z.object({ pin: z.object({ label: z.string() }) });
type Pin = z.infer<typeof Pin>;
const pinKind: DocumentKind<Pin> = { name: 'pin board', version: 1, schema: Pin, migrations: [] };
const NOW = new Date('2026-03-10T10:00:00.000Z');

/** Counts handles opened and closed. */
const countingFs = () => {
  const counts = { opened: 0, closed: 0 };
  const fs: FsPort = {
    ...nodeFs,
    open: (async (...args: Parameters<FsPort['open']>) => {
      const handle = await fsp.open(...args);
      counts.opened += 1;
      const close = handle.close.bind(handle);
      handle.close = async () => {
        counts.closed += 1;
        await close();
      };
      return handle;
    }) as FsPort['open'],
  };
  return { fs, counts };
};

/** Reads folders in reverse name order. */
const reversedFs: FsPort = { ...nodeFs, readdir: (async (dir: string) => (await fsp.readdir(dir)).reverse()) as FsPort['readdir'] };

describe('every handle is closed', () => {
  it('after an append', async () => {
    const dir = await tempDir();
    const { fs, counts } = countingFs();
    await appendLineDurably(fs, path.join(dir, 'journal-1.jsonl'), '{"n":1}');
    expect(counts).toEqual({ opened: 1, closed: 1 });
  });

  it('after cutting a torn journal tail', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'journal-1.jsonl'), '{"n":1}\n{"n"');
    const { fs, counts } = countingFs();
    await readJournal(fs, path.join(dir, 'journal-1.jsonl'), z.object({ n: z.number() }));
    expect(counts).toEqual({ opened: 1, closed: 1 });
  });

  it('after taking the workspace lock', async () => {
    const dir = await tempDir();
    const { fs, counts } = countingFs();
    const lock = await acquireWorkspaceLock(dir, { fs, clock: () => NOW, hostname: 'this-host', pid: 100, bootTime: () => NOW });
    // The lock file under its temporary name, then the folder for its fsync.
    expect(counts).toEqual({ opened: 2, closed: 2 });
    await lock.release();
  });
});

describe('listings sorted whatever order the folder is read in', () => {
  it('trash deletions, timed backups and a folder’s documents', async () => {
    const dir = await tempDir();
    const store = new WorkspaceStore(dir, { fs: reversedFs, clock: () => NOW });
    for (const stamp of ['2026-03-01T10-00-00-000Z', '2026-03-03T10-00-00-000Z', '2026-03-02T10-00-00-000Z']) {
      await mkdir(path.join(dir, '.trash', stamp), { recursive: true });
      await mkdir(path.join(dir, '.backups', 'pins', 'a.json'), { recursive: true });
      await writeFile(path.join(dir, '.backups', 'pins', 'a.json', `${stamp}.json`), '');
    }
    await mkdir(path.join(dir, 'pins'));
    for (const name of ['b.json', 'a.json', 'c.json']) await writeFile(path.join(dir, 'pins', name), '');
    const newestFirst = ['2026-03-03T10-00-00-000Z', '2026-03-02T10-00-00-000Z', '2026-03-01T10-00-00-000Z'];
    expect(await store.trash.stamps()).toEqual(newestFirst);
    expect(await store.backupStamps('pins/a.json')).toEqual(newestFirst);
    expect(await store.list('pins')).toEqual(['a.json', 'b.json', 'c.json']);
  });
});

describe('writing', () => {
  it('writeRaw keeps a timed backup unless told not to', async () => {
    const dir = await tempDir();
    const store = new WorkspaceStore(dir, { fs: nodeFs, clock: () => NOW });
    await store.writeRaw('pins/a.json', '{}');
    expect(await readdir(path.join(dir, '.backups', 'pins', 'a.json'))).toEqual(['2026-03-10T10-00-00-000Z.json', 'last-saved.json']);
    await store.writeRaw('pins/b.json', '{}', false);
    expect(await readdir(path.join(dir, '.backups', 'pins', 'b.json'))).toEqual(['last-saved.json']);
  });

  it('a backups folder that cannot be listed (full disk, no access) is named as such in the notice', async () => {
    for (const [code, reason] of [['ENOSPC', 'the disk is full'], ['EACCES', 'the backups folder cannot be written']]) {
      const dir = await tempDir();
      const fs: FsPort = {
        ...nodeFs,
        readdir: (async (folder: string) => (String(folder).includes(`${path.sep}.backups${path.sep}`) ? Promise.reject(errno(code)) : fsp.readdir(folder))) as FsPort['readdir'],
      };
      const store = new WorkspaceStore(dir, { fs, clock: () => NOW });
      await store.write(pinKind, 'pins/a.json', { pin: { label: 'x' } });
      expect(store.notices[0].message).toContain(`(${reason})`);
      await store.board.saved();
    }
  });

  it('a failing cache listener without a log still leaves the write saved', async () => {
    const dir = await tempDir();
    const store = new WorkspaceStore(dir, { fs: nodeFs, clock: () => NOW });
    store.changeListeners.push(async () => Promise.reject(errno('EBUSY')));
    await expect(store.write(pinKind, 'pins/a.json', { pin: { label: 'x' } })).resolves.toEqual({ pin: { label: 'x' } });
  });
});
