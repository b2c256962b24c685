import { mkdir, readdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFs } from '../../electron/storage/fs-port';
import { WorkspaceStore } from '../../electron/storage/workspace-store';
import { tempDir } from './support/temp';

/**
 * Mutation tests (issue 13): listings are sorted by the code, not by the order the folder
 * happens to return (which on many filesystems is the order of creation), and only names
 * of the exact shape count. Each folder is filled in a shuffled order.
 */

const setUp = async () => {
  const dir = await tempDir();
  return { dir, store: new WorkspaceStore(dir, { fs: nodeFs, clock: () => new Date('2026-03-10T10:00:00.000Z') }) };
};

describe('listings sorted by the code', () => {
  it('deletions in the trash, newest first, stamps only', async () => {
    const { dir, store } = await setUp();
    for (const name of ['2026-03-02T10-00-00-000Z', '2026-03-04T10-00-00-000Z', '2026-03-01T10-00-00-000Z', 'x2026-03-05T10-00-00-000Z', '2026-03-03T10-00-00-000Z']) {
      await mkdir(path.join(dir, '.trash', name), { recursive: true });
    }
    expect(await store.trash.stamps()).toEqual(['2026-03-04T10-00-00-000Z', '2026-03-03T10-00-00-000Z', '2026-03-02T10-00-00-000Z', '2026-03-01T10-00-00-000Z']);
  });

  it('timed backups, newest first, of the exact name shape only', async () => {
    const { dir, store } = await setUp();
    const folder = path.join(dir, '.backups', 'pins', 'a.json');
    await mkdir(folder, { recursive: true });
    for (const name of ['2026-03-02T10-00-00-000Z.json', '2026-03-04T10-00-00-000Z.json', '2026-03-01T10-00-00-000Z.json', '2026-03-05T10-00-00-000Z.json.bak', '2026-03-03T10-00-00-000Z.json']) {
      await writeFile(path.join(folder, name), '');
    }
    expect(await store.backupStamps('pins/a.json')).toEqual(['2026-03-04T10-00-00-000Z', '2026-03-03T10-00-00-000Z', '2026-03-02T10-00-00-000Z', '2026-03-01T10-00-00-000Z']);
  });

  it('documents of a folder, in name order', async () => {
    const { dir, store } = await setUp();
    await mkdir(path.join(dir, 'pins'));
    for (const name of ['c.json', 'e.json', 'a.json', 'd.json', 'b.json']) await writeFile(path.join(dir, 'pins', name), '');
    expect(await store.list('pins')).toEqual(['a.json', 'b.json', 'c.json', 'd.json', 'e.json']);
  });
});

describe('interrupted deletions', () => {
  it('only a record named exactly .pending-<stamp>.json is finished', async () => {
    const { dir, store } = await setUp();
    await mkdir(path.join(dir, 'pins'));
    await writeFile(path.join(dir, 'pins', 'a.json'), 'a');
    await mkdir(path.join(dir, '.trash'));
    const items = JSON.stringify({ items: ['pins/a.json'] });
    await writeFile(path.join(dir, '.trash', 'old.pending-2026-03-01T10-00-00-000Z.json'), items);
    await writeFile(path.join(dir, '.trash', '.pending-2026-03-02T10-00-00-000Z.json.bak'), items);
    await store.trash.completeInterruptedDeletions();
    expect(await readdir(path.join(dir, 'pins'))).toEqual(['a.json']);
    expect((await readdir(path.join(dir, '.trash'))).sort()).toEqual(['.pending-2026-03-02T10-00-00-000Z.json.bak', 'old.pending-2026-03-01T10-00-00-000Z.json']);
  });
});
