import * as fsp from 'node:fs/promises';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { DocumentKind } from '../../electron/storage/document';
import { nodeFs, type FsPort } from '../../electron/storage/fs-port';
import { NoticeBoard as Board, NOTICES_FILE } from '../../electron/storage/notices';
import { WorkspaceStore as Store, type StoreDeps } from '../../electron/storage/workspace-store';
import { errno } from './support/recording-fs';
import { tempDir } from './support/temp';

/**
 * Mutation tests (issue 13) of the trash and the notice board: where a deletion goes,
 * what its pending record holds, how a failed or interrupted deletion is undone or
 * finished, when a restore is refused, and how notices are kept across a restart.
 */

/** Notices are saved in the background: wait for every board of a test before its folder is removed. */
const boards: Board[] = [];
class NoticeBoard extends Board {
  constructor(...args: ConstructorParameters<typeof Board>) {
    super(...args);
    boards.push(this);
  }
}
class WorkspaceStore extends Store {
  constructor(...args: ConstructorParameters<typeof Store>) {
    super(...args);
    boards.push(this.board);
  }
}
afterEach(async () => {
  while (boards.length) await boards.pop()!.saved();
});

const Pin = z.object({ pin: z.object({ label: z.string() }) });
type Pin = z.infer<typeof Pin>;
const pinKind: DocumentKind<Pin> = { name: 'pin board', version: 1, schema: Pin, migrations: [] };
const pin = (label: string): Pin => ({ pin: { label } });

const NOW = new Date('2026-03-01T10:00:00.000Z');
const STAMP = '2026-03-01T10-00-00-000Z';

const setUp = async (extra: Partial<StoreDeps> = {}, readOnly = false) => {
  const dir = await tempDir();
  const logged: Array<[string, Record<string, unknown>]> = [];
  const deps: StoreDeps = { fs: nodeFs, clock: () => NOW, log: (event, fields) => void logged.push([event, fields]), ...extra };
  return { dir, logged, deps, store: new WorkspaceStore(dir, deps, readOnly) };
};

const tree = async (dir: string): Promise<string[]> =>
  ((await readdir(dir, { recursive: true, withFileTypes: true })) as Array<{ name: string; parentPath: string; isFile(): boolean }>)
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();

describe('trash', () => {
  it('a removed file moves to .trash/<stamp>/<its path>, its listeners hear null, and it reads as gone', async () => {
    const { dir, store } = await setUp();
    await store.write(pinKind, 'pins/a.json', pin('a'));
    const heard: Array<[string, object | null]> = [];
    store.changeListeners.push(async (rel, value) => void heard.push([rel, value]));
    await store.remove('pins/a.json');
    expect(heard).toEqual([['pins/a.json', null]]);
    expect((await tree(dir)).filter((file) => !file.startsWith('.backups/'))).toEqual([`.trash/${STAMP}/pins/a.json`]);
    expect(await store.read(pinKind, 'pins/a.json')).toBeNull();
    expect(await store.trash.stamps()).toEqual([STAMP]);
  });

  it('removing what does not exist writes nothing, not even a pending record', async () => {
    const { dir, store } = await setUp();
    await store.remove('pins/none.json');
    expect(await readdir(dir)).toEqual([]);
  });

  it('one deletion collects every removal inside it, once each, and moves them under one stamp after the task', async () => {
    const { dir, store } = await setUp();
    await store.write(pinKind, 'pins/a.json', pin('a'));
    await store.write(pinKind, 'pins/b.json', pin('b'));
    const pending: string[][] = [];
    const result = await store.asOneDeletion(async () => {
      await store.remove('pins/a.json');
      await store.asOneDeletion(async () => store.remove('pins/b.json'));
      await store.remove('pins/a.json');
      await store.remove('pins/missing.json');
      // Nothing has moved yet.
      pending.push(await readdir(path.join(dir, 'pins')));
      return 'done';
    });
    expect(result).toBe('done');
    expect(pending).toEqual([['a.json', 'b.json']]);
    expect((await tree(dir)).filter((file) => !file.startsWith('.backups/'))).toEqual([`.trash/${STAMP}/pins/a.json`, `.trash/${STAMP}/pins/b.json`]);
  });

  it('a task that fails moves nothing', async () => {
    const { dir, store } = await setUp();
    await store.write(pinKind, 'pins/a.json', pin('a'));
    await expect(
      store.asOneDeletion(async () => {
        await store.remove('pins/a.json');
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await readdir(path.join(dir, 'pins'))).toEqual(['a.json']);
    // And the next removal is a deletion of its own again.
    await store.remove('pins/a.json');
    expect(await readdir(path.join(dir, 'pins'))).toEqual([]);
  });

  it('writes a pending record of what it will move before moving, and removes it after', async () => {
    const { dir, deps } = await setUp();
    const records: string[] = [];
    const fs: FsPort = {
      ...nodeFs,
      rename: async (from, to) => {
        if (String(to).includes(`${path.sep}.trash${path.sep}${STAMP}`)) records.push(await readFile(path.join(dir, '.trash', `.pending-${STAMP}.json`), 'utf8'));
        return fsp.rename(from, to);
      },
    };
    const store = new WorkspaceStore(dir, { ...deps, fs });
    await store.write(pinKind, 'pins/a.json', pin('a'));
    await store.asOneDeletion(async () => {
      await store.remove('pins/a.json');
      await store.remove('pins/none.json');
    });
    expect(records).toEqual(['{"items":["pins/a.json"]}']);
    expect(await readdir(path.join(dir, '.trash'))).toEqual([STAMP]);
  });

  it('a move that fails puts back what moved, removes the record, and names the file that could not move', async () => {
    const { dir, deps } = await setUp();
    const fs: FsPort = {
      ...nodeFs,
      rename: async (from, to) => (String(from).endsWith('b.json') && String(to).includes('.trash') ? Promise.reject(errno('EACCES')) : fsp.rename(from, to)),
    };
    const store = new WorkspaceStore(dir, { ...deps, fs });
    await store.write(pinKind, 'pins/a.json', pin('a'));
    await store.write(pinKind, 'pins/b.json', pin('b'));
    const error = await store
      .asOneDeletion(async () => {
        await store.remove('pins/a.json');
        await store.remove('pins/b.json');
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'read-only', message: '"b.json" could not be saved because the workspace folder is read-only or not yours to write.' });
    expect(await readdir(path.join(dir, 'pins'))).toEqual(['a.json', 'b.json']);
    expect(await tree(path.join(dir, '.trash'))).toEqual([]);
    expect(await store.read(pinKind, 'pins/a.json')).toEqual(pin('a'));
  });

  it('a file whose status cannot be read stops the deletion with a storage error', async () => {
    const { dir, deps } = await setUp();
    const fs: FsPort = { ...nodeFs, lstat: (() => Promise.reject(errno('EIO', 'bad disk'))) as unknown as FsPort['lstat'] };
    const store = new WorkspaceStore(dir, { ...deps, fs });
    await expect(store.remove('pins/a.json')).rejects.toMatchObject({ code: 'io', message: '"a.json" could not be saved: bad disk' });
  });

  it('lists deletions newest first, ignoring anything that is not a stamp', async () => {
    const { dir, store } = await setUp();
    expect(await store.trash.stamps()).toEqual([]);
    for (const name of ['2026-03-01T10-00-00-000Z', '2026-03-02T09-00-00-000Z', '.pending-2026-03-03T10-00-00-000Z.json', 'notes', '2026-03-04T10-00-00-000Zx']) {
      await mkdir(path.join(dir, '.trash', name), { recursive: true });
    }
    expect(await store.trash.stamps()).toEqual(['2026-03-02T09-00-00-000Z', '2026-03-01T10-00-00-000Z']);
  });

  it('restore puts everything back, forgets what was cached, and removes that deletion from the trash', async () => {
    const { dir, store } = await setUp();
    await store.write(pinKind, 'pins/a.json', pin('a'));
    await store.write(pinKind, 'notes/n/x.json', pin('x'));
    await store.asOneDeletion(async () => {
      await store.remove('pins/a.json');
      await store.remove('notes/n');
    });
    expect(await store.read(pinKind, 'pins/a.json')).toBeNull();
    await store.trash.restore(STAMP, ['pins/a.json', 'notes/n']);
    expect(await store.read(pinKind, 'pins/a.json')).toEqual(pin('a'));
    expect(await readFile(path.join(dir, 'notes', 'n', 'x.json'), 'utf8')).toContain('"x"');
    expect(await readdir(path.join(dir, '.trash'))).toEqual([]);
  });

  it('restore is refused, with nothing moved, when a name exists again', async () => {
    const { dir, store } = await setUp();
    await store.write(pinKind, 'pins/a.json', pin('a'));
    await store.write(pinKind, 'pins/b.json', pin('b'));
    await store.asOneDeletion(async () => {
      await store.remove('pins/a.json');
      await store.remove('pins/b.json');
    });
    await store.write(pinKind, 'pins/b.json', pin('new b'));
    await expect(store.trash.restore(STAMP, ['pins/a.json', 'pins/b.json'])).rejects.toMatchObject({
      code: 'conflict',
      message: '"pins/b.json" exists again in the workspace, so this deletion cannot be put back over it.',
    });
    expect(await readdir(path.join(dir, 'pins'))).toEqual(['b.json']);
    expect(await readdir(path.join(dir, '.trash', STAMP, 'pins'))).toEqual(['a.json', 'b.json']);
  });

  it('restore of an item no longer in the trash is an error naming it', async () => {
    const { store } = await setUp();
    await expect(store.trash.restore(STAMP, ['pins/gone.json'])).rejects.toMatchObject({ code: 'io', message: expect.stringMatching(/^"gone\.json" could not be saved: ENOENT/) });
  });

  it('a read-only workspace refuses deletions and restores', async () => {
    const { store } = await setUp({}, true);
    const message = 'This workspace is open read-only (the folder cannot be written), so changes cannot be saved.';
    await expect(store.asOneDeletion(async () => 1)).rejects.toMatchObject({ code: 'read-only', message });
    await expect(store.trash.restore(STAMP, [])).rejects.toMatchObject({ code: 'read-only', message });
  });
});

describe('interrupted deletions', () => {
  it('are finished on the next open: what is still in place moves, the record goes, the count is logged', async () => {
    const { dir, store, logged } = await setUp();
    await mkdir(path.join(dir, 'pins'));
    await writeFile(path.join(dir, 'pins', 'a.json'), 'a');
    await mkdir(path.join(dir, '.trash', STAMP, 'pins'), { recursive: true });
    await writeFile(path.join(dir, '.trash', STAMP, 'pins', 'b.json'), 'b');
    await writeFile(path.join(dir, '.trash', `.pending-${STAMP}.json`), JSON.stringify({ items: ['pins/a.json', 'pins/b.json', '../outside.json', 7] }));
    await writeFile(path.join(dir, '.trash', 'other.json'), 'left alone');
    await store.trash.completeInterruptedDeletions();
    expect(await tree(dir)).toEqual(['.trash/2026-03-01T10-00-00-000Z/pins/a.json', '.trash/2026-03-01T10-00-00-000Z/pins/b.json', '.trash/other.json']);
    expect(logged).toEqual([['deletion-completed', { items: 2 }]]);
  });

  it('a record cut short by the kill moved nothing yet: it is removed and nothing moves', async () => {
    const { dir, store, logged } = await setUp();
    await mkdir(path.join(dir, 'pins'));
    await writeFile(path.join(dir, 'pins', 'a.json'), 'a');
    await mkdir(path.join(dir, '.trash'));
    await writeFile(path.join(dir, '.trash', `.pending-${STAMP}.json`), '{"items":["pins/a.j');
    await writeFile(path.join(dir, '.trash', '.pending-2026-03-02T10-00-00-000Z.json'), '{"items":"pins/a.json"}');
    await store.trash.completeInterruptedDeletions();
    expect(await tree(dir)).toEqual(['pins/a.json']);
    expect(logged).toEqual([
      ['deletion-completed', { items: 0 }],
      ['deletion-completed', { items: 0 }],
    ]);
  });

  it('no trash folder: nothing to finish', async () => {
    const { dir, store, logged } = await setUp();
    await store.trash.completeInterruptedDeletions();
    expect(await readdir(dir)).toEqual([]);
    expect(logged).toEqual([]);
  });
});

describe('notice board', () => {
  const board = async (readOnly = false, fs: FsPort = nodeFs) => {
    const dir = await tempDir();
    const logged: Array<[string, Record<string, unknown>]> = [];
    let now = Date.parse('2026-03-01T10:00:00.000Z');
    const deps: StoreDeps = { fs, clock: () => new Date((now += 1000)), log: (event, fields) => void logged.push([event, fields]) };
    return { dir, logged, deps, board: new NoticeBoard({ localRoot: dir, deps, readOnly }) };
  };

  it('adds a notice once per file and kind, with an id of kind, file and time, and logs the facts only', async () => {
    const { board: notices, logged } = await board();
    notices.add({ file: 'groups/g.json', kind: 'quarantined', message: 'secret title', quarantinedAs: 'g.json.corrupt-x' });
    notices.add({ file: 'groups/g.json', kind: 'quarantined', message: 'again' });
    notices.add({ file: 'groups/g.json', kind: 'migrated', message: 'migrated' });
    notices.add({ file: 'groups/h.json', kind: 'quarantined', message: 'other file' });
    expect(notices.items.map((n) => [n.id, n.at, n.message])).toEqual([
      ['quarantined:groups/g.json:2026-03-01T10:00:01.000Z', '2026-03-01T10:00:01.000Z', 'secret title'],
      ['migrated:groups/g.json:2026-03-01T10:00:02.000Z', '2026-03-01T10:00:02.000Z', 'migrated'],
      ['quarantined:groups/h.json:2026-03-01T10:00:03.000Z', '2026-03-01T10:00:03.000Z', 'other file'],
    ]);
    expect(logged).toEqual([
      ['storage-quarantined', { file: 'groups/g.json', setAsideAs: 'g.json.corrupt-x' }],
      ['storage-migrated', { file: 'groups/g.json', setAsideAs: null }],
      ['storage-quarantined', { file: 'groups/h.json', setAsideAs: null }],
    ]);
  });

  it('keeps the notices on disk as they are shown, also after a dismissal; an unknown id changes nothing', async () => {
    const { dir, board: notices } = await board();
    notices.add({ file: 'a.json', kind: 'migrated', message: 'm' });
    notices.add({ file: 'b.json', kind: 'backup-failed', message: 'b' });
    await notices.saved();
    const onDisk = async () => JSON.parse(await readFile(path.join(dir, NOTICES_FILE), 'utf8')) as { notices: Array<{ id: string }> };
    expect((await onDisk()).notices.map((n) => n.id)).toEqual(['migrated:a.json:2026-03-01T10:00:01.000Z', 'backup-failed:b.json:2026-03-01T10:00:02.000Z']);
    expect(await readFile(path.join(dir, NOTICES_FILE), 'utf8')).toBe(JSON.stringify({ notices: notices.items }));
    notices.dismiss('no-such-id');
    expect(notices.items).toHaveLength(2);
    notices.dismiss('migrated:a.json:2026-03-01T10:00:01.000Z');
    await notices.saved();
    expect(notices.items.map((n) => n.file)).toEqual(['b.json']);
    expect((await onDisk()).notices.map((n) => n.id)).toEqual(['backup-failed:b.json:2026-03-01T10:00:02.000Z']);
  });

  it('a read-only workspace shows notices but writes no file', async () => {
    const { dir, board: notices } = await board(true);
    notices.add({ file: 'a.json', kind: 'quarantined', message: 'q' });
    await notices.saved();
    notices.dismiss(notices.items[0].id);
    await notices.saved();
    expect(notices.items).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
  });

  it('a save that fails is let go, and the next one still happens', async () => {
    let fail = true;
    const fs: FsPort = { ...nodeFs, rename: async (from, to) => (fail ? Promise.reject(errno('ENOSPC')) : fsp.rename(from, to)) };
    const { dir, board: notices } = await board(false, fs);
    notices.add({ file: 'a.json', kind: 'quarantined', message: 'q' });
    await expect(notices.saved()).resolves.toBeUndefined();
    fail = false;
    notices.add({ file: 'b.json', kind: 'quarantined', message: 'q' });
    await notices.saved();
    expect((JSON.parse(await readFile(path.join(dir, NOTICES_FILE), 'utf8')) as { notices: unknown[] }).notices).toHaveLength(2);
  });

  it('loads the kept notices before the new ones, without doubling one already shown', async () => {
    const { dir, deps, board: first } = await board();
    first.add({ file: 'a.json', kind: 'quarantined', message: 'kept' });
    await first.saved();
    // Notices already shown in memory (no save of their own, so the file stays as it is).
    const second = new NoticeBoard({ localRoot: dir, deps, readOnly: false });
    const shown = { id: 'migrated:b.json:x', at: 'x', file: 'b.json', kind: 'migrated' as const, message: 'new' };
    second.items.push(shown, { ...first.items[0] });
    await second.load();
    expect(second.items.map((n) => n.message)).toEqual(['new', 'kept']);
    const third = new NoticeBoard({ localRoot: dir, deps, readOnly: true });
    third.items.push(shown);
    await third.load();
    expect(third.items.map((n) => n.message)).toEqual(['kept', 'new']);
  });

  it('a notices file that is damaged, of the wrong shape or missing brings nothing back', async () => {
    const { dir, deps } = await board();
    const load = async (text: string | null) => {
      if (text !== null) await writeFile(path.join(dir, NOTICES_FILE), text);
      const notices = new NoticeBoard({ localRoot: dir, deps, readOnly: false });
      await notices.load();
      return notices.items;
    };
    expect(await load(null)).toEqual([]);
    expect(await load('{ torn')).toEqual([]);
    expect(await load('{"notices":"none"}')).toEqual([]);
    expect(await load('{"notices":[{"id":"x"}]}')).toEqual([]);
    expect(await load('null')).toEqual([]);
  });
});
