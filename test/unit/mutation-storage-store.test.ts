import * as fsp from 'node:fs/promises';
import { mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { DocumentKind } from '../../electron/storage/document';
import { inFlightTempFiles } from '../../electron/storage/durable-write';
import { nodeFs, type FsPort } from '../../electron/storage/fs-port';
import { WorkspaceStore as Store, type StoreDeps } from '../../electron/storage/workspace-store';
import { errno } from './support/recording-fs';
import { tempDir } from './support/temp';

/**
 * Mutation tests (issue 13) of the workspace store: the size limit exactly at and one
 * byte over, the 10-minute backup throttle exactly at 10 minutes, forced backups, the
 * words of each recovery and refusal, and what a failed write or backup leaves behind.
 */

/** Every store of a test: its notices are saved in the background, so wait for that before the folder is removed. */
const opened: Store[] = [];
class WorkspaceStore extends Store {
  constructor(...args: ConstructorParameters<typeof Store>) {
    super(...args);
    opened.push(this);
  }
}
afterEach(async () => {
  while (opened.length) await opened.pop()!.board.saved();
});

const Pin = z.object({ pin: z.object({ label: z.string() }) });
type Pin = z.infer<typeof Pin>;
const pinKind: DocumentKind<Pin> = { name: 'pin board', version: 1, schema: Pin, migrations: [] };
const pin = (label: string): Pin => ({ pin: { label } });
const stored = (label: string) => `{\n  "schemaVersion": 1,\n  "pin": {\n    "label": "${label}"\n  }\n}\n`;

const START = Date.parse('2026-03-01T10:00:00.000Z');
const MINUTE = 60_000;

const setUp = async (extra: Partial<StoreDeps> = {}) => {
  const dir = await tempDir();
  let now = START;
  const logged: Array<[string, Record<string, unknown>]> = [];
  const store = new WorkspaceStore(dir, { fs: nodeFs, clock: () => new Date(now), log: (event, fields) => void logged.push([event, fields]), ...extra });
  return {
    dir,
    store,
    logged,
    setNow: (ms: number) => void (now = ms),
    backups: async (rel = 'pins/a.json') => (await readdir(path.join(dir, '.backups', ...rel.split('/'))).catch(() => [] as string[])).sort(),
  };
};

describe('backup throttle', () => {
  it('backs a file up on its first write, not again within 10 minutes, and again at exactly 10 minutes', async () => {
    const { store, setNow, backups } = await setUp();
    await store.write(pinKind, 'pins/a.json', pin('one'));
    expect(await backups()).toEqual(['2026-03-01T10-00-00-000Z.json', 'last-saved.json']);
    setNow(START + 10 * MINUTE - 1);
    await store.write(pinKind, 'pins/a.json', pin('two'));
    expect(await backups()).toEqual(['2026-03-01T10-00-00-000Z.json', 'last-saved.json']);
    setNow(START + 10 * MINUTE);
    await store.write(pinKind, 'pins/a.json', pin('three'));
    expect(await backups()).toEqual(['2026-03-01T10-00-00-000Z.json', '2026-03-01T10-10-00-000Z.json', 'last-saved.json']);
  });

  it('each file has its own throttle, and the interval can be chosen', async () => {
    const { store, setNow, backups } = await setUp({ backupIntervalMs: MINUTE });
    await store.write(pinKind, 'pins/a.json', pin('a'));
    await store.write(pinKind, 'pins/b.json', pin('b'));
    expect(await backups('pins/b.json')).toEqual(['2026-03-01T10-00-00-000Z.json', 'last-saved.json']);
    setNow(START + MINUTE);
    await store.write(pinKind, 'pins/a.json', pin('a2'));
    expect(await backups()).toEqual(['2026-03-01T10-00-00-000Z.json', '2026-03-01T10-01-00-000Z.json', 'last-saved.json']);
  });

  it('the backup holds the content written then; the last saved copy the newest', async () => {
    const { dir, store, setNow } = await setUp();
    await store.write(pinKind, 'pins/a.json', pin('one'));
    setNow(START + MINUTE);
    await store.write(pinKind, 'pins/a.json', pin('two'));
    expect(await readFile(path.join(dir, '.backups', 'pins', 'a.json', '2026-03-01T10-00-00-000Z.json'), 'utf8')).toBe(stored('one'));
    expect(await readFile(path.join(dir, '.backups', 'pins', 'a.json', 'last-saved.json'), 'utf8')).toBe(stored('two'));
    expect(await readFile(path.join(dir, 'pins', 'a.json'), 'utf8')).toBe(stored('two'));
  });

  it('a routine backup never replaces a copy kept in the same millisecond', async () => {
    const { dir, store } = await setUp({ backupIntervalMs: 0 });
    const kept = path.join(dir, '.backups', 'pins', 'a.json', '2026-03-01T10-00-00-000Z.json');
    await mkdir(path.dirname(kept), { recursive: true });
    await writeFile(kept, 'kept before a restore');
    await store.write(pinKind, 'pins/a.json', pin('one'));
    expect(await readFile(kept, 'utf8')).toBe('kept before a restore');
  });

  it('old backups beyond the retention are deleted after a new one is written', async () => {
    const { dir, store, backups } = await setUp({ backupIntervalMs: 0 });
    const folder = path.join(dir, '.backups', 'pins', 'a.json');
    await mkdir(folder, { recursive: true });
    // Eleven from a month ago: the ten newest of all are kept, the oldest of these goes.
    for (let i = 0; i < 11; i++) await writeFile(path.join(folder, `2026-01-01T00-00-${String(i).padStart(2, '0')}-000Z.json`), 'old');
    await store.write(pinKind, 'pins/a.json', pin('new'));
    const left = await backups();
    expect(left).toHaveLength(11);
    expect(left).not.toContain('2026-01-01T00-00-00-000Z.json');
    expect(left).not.toContain('2026-01-01T00-00-01-000Z.json');
    expect(left).toContain('2026-03-01T10-00-00-000Z.json');
  });

  it('a stale temp file in the backups folder is removed by the next backup; one in flight is not', async () => {
    const { dir, store } = await setUp({ backupIntervalMs: 0 });
    const folder = path.join(dir, '.backups', 'pins', 'a.json');
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, '.x.json.tmp-aaaaaaaaaaaa'), '');
    await writeFile(path.join(folder, '.x.json.tmp-bbbbbbbbbbbb'), '');
    inFlightTempFiles.add(path.join(folder, '.x.json.tmp-bbbbbbbbbbbb'));
    try {
      await store.write(pinKind, 'pins/a.json', pin('one'));
    } finally {
      inFlightTempFiles.delete(path.join(folder, '.x.json.tmp-bbbbbbbbbbbb'));
    }
    expect((await readdir(folder)).sort()).toEqual(['.x.json.tmp-bbbbbbbbbbbb', '2026-03-01T10-00-00-000Z.json', 'last-saved.json']);
  });
});

describe('backupStamps and kept copies', () => {
  it('lists timed backups only, newest first; none for a file never backed up', async () => {
    const { dir, store } = await setUp();
    const folder = path.join(dir, '.backups', 'pins', 'a.json');
    await mkdir(folder, { recursive: true });
    for (const name of ['2026-03-01T10-00-00-000Z.json', '2026-03-02T10-00-00-000Z.json', 'last-saved.json', '2026-03-03T10-00-00-000Z.txt', 'x2026-03-04T10-00-00-000Z.json', '.2026-03-05T10-00-00-000Z.json.tmp-aaaaaaaaaaaa']) {
      await writeFile(path.join(folder, name), '');
    }
    expect(await store.backupStamps('pins/a.json')).toEqual(['2026-03-02T10-00-00-000Z', '2026-03-01T10-00-00-000Z']);
    expect(await store.backupStamps('pins/none.json')).toEqual([]);
    const failing = new WorkspaceStore(dir, { fs: { ...nodeFs, readdir: (() => Promise.reject(errno('EIO'))) as unknown as FsPort['readdir'] }, clock: () => new Date(START) });
    await expect(failing.backupStamps('pins/a.json')).rejects.toMatchObject({ code: 'EIO' });
  });

  it('keptCopyPath names the last saved copy or a timed backup', async () => {
    const { dir, store } = await setUp();
    expect(store.keptCopyPath('pins/a.json', 'last-saved')).toBe(path.join(dir, '.backups', 'pins', 'a.json', 'last-saved.json'));
    expect(store.keptCopyPath('pins/a.json', '2026-03-01T10-00-00-000Z')).toBe(path.join(dir, '.backups', 'pins', 'a.json', '2026-03-01T10-00-00-000Z.json'));
  });

  it('restoring a kept copy first keeps the current content as a forced backup, so the restore can be undone', async () => {
    const { dir, store, setNow, backups } = await setUp();
    await store.write(pinKind, 'pins/a.json', pin('first'));
    setNow(START + MINUTE);
    await store.write(pinKind, 'pins/a.json', pin('second'));
    setNow(START + 2 * MINUTE);
    expect(await store.restoreKeptCopy(pinKind, 'pins/a.json', '2026-03-01T10-00-00-000Z')).toEqual(pin('first'));
    expect(await backups()).toEqual(['2026-03-01T10-00-00-000Z.json', '2026-03-01T10-02-00-000Z.json', 'last-saved.json']);
    expect(await readFile(path.join(dir, '.backups', 'pins', 'a.json', '2026-03-01T10-02-00-000Z.json'), 'utf8')).toBe(stored('second'));
    expect(await store.read(pinKind, 'pins/a.json')).toEqual(pin('first'));
  });

  it('restoring a copy of a file that is gone writes it back without a backup of nothing', async () => {
    const { dir, store, setNow, backups } = await setUp();
    await store.write(pinKind, 'pins/a.json', pin('first'));
    await fsp.rm(path.join(dir, 'pins', 'a.json'));
    setNow(START + MINUTE);
    expect(await store.restoreKeptCopy(pinKind, 'pins/a.json', 'last-saved')).toEqual(pin('first'));
    expect(await backups()).toEqual(['2026-03-01T10-00-00-000Z.json', 'last-saved.json']);
    expect(await readFile(path.join(dir, 'pins', 'a.json'), 'utf8')).toBe(stored('first'));
  });

  it('refuses a copy that is gone, damaged, newer or unreadable, each in its own words', async () => {
    const { dir, store } = await setUp();
    const folder = path.join(dir, '.backups', 'pins', 'a.json');
    await mkdir(folder, { recursive: true });
    await expect(store.restoreKeptCopy(pinKind, 'pins/a.json', 'last-saved')).rejects.toMatchObject({ code: 'not-found', message: 'That copy is no longer kept.' });
    await writeFile(path.join(folder, 'last-saved.json'), '');
    await expect(store.restoreKeptCopy(pinKind, 'pins/a.json', 'last-saved')).rejects.toMatchObject({ code: 'corrupt-file', message: 'That copy cannot be restored: the file is empty.' });
    await writeFile(path.join(folder, 'last-saved.json'), '{"schemaVersion":2}');
    await expect(store.restoreKeptCopy(pinKind, 'pins/a.json', 'last-saved')).rejects.toMatchObject({ code: 'newer-schema', message: 'That copy was written by a newer version of Lesson Study.' });
    const failing = new WorkspaceStore(dir, { fs: { ...nodeFs, readFile: (() => Promise.reject(errno('EACCES'))) as unknown as FsPort['readFile'] }, clock: () => new Date(START) });
    await expect(failing.restoreKeptCopy(pinKind, 'pins/a.json', 'last-saved')).rejects.toMatchObject({ code: 'read-only', message: expect.stringContaining('"a.json"') });
  });
});

describe('size limit', () => {
  const small: DocumentKind<Pin> = { ...pinKind, maxBytes: 1_572_864 };

  it('writes a document of exactly the limit and refuses one byte more, writing nothing', async () => {
    const { dir, store } = await setUp();
    const atLimit = 'x'.repeat(1_572_864);
    await store.writeRaw('pins/big.json', atLimit, true, small);
    expect((await stat(path.join(dir, 'pins', 'big.json'))).size).toBe(1_572_864);
    const error = await store.writeRaw('pins/over.json', `${atLimit}y`, true, small).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'too-large', message: 'This pin board would take 2 MB on disk; the most a pin board can hold is 1 MB. Nothing was changed.' });
    expect(await readdir(path.join(dir, 'pins'))).toEqual(['big.json']);
  });

  it('counts bytes, not characters', async () => {
    const { store } = await setUp();
    // 524,289 three-byte characters: 1,572,867 bytes, three over the limit.
    await expect(store.writeRaw('pins/wide.json', '€'.repeat(524_289), true, small)).rejects.toMatchObject({ code: 'too-large' });
  });

  it('without a kind, the default 32 MB limit and the word "file"', async () => {
    const { store } = await setUp();
    const error = await store.writeRaw('pins/huge.json', 'x'.repeat(32 * 1024 * 1024 + 1)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'too-large', message: 'This file would take 33 MB on disk; the most a file can hold is 32 MB. Nothing was changed.' });
  });

  it('reading refuses a file one byte over the kind’s limit as damaged, and reads one exactly at it', async () => {
    const { dir, store } = await setUp();
    const tiny: DocumentKind<Pin> = { ...pinKind, maxBytes: stored('ok').length };
    await mkdir(path.join(dir, 'pins'));
    await writeFile(path.join(dir, 'pins', 'a.json'), stored('ok'));
    await writeFile(path.join(dir, 'pins', 'b.json'), stored('ok!'));
    expect(await store.read(tiny, 'pins/a.json')).toEqual(pin('ok'));
    expect(await store.read(tiny, 'pins/b.json')).toBeNull();
    expect(store.notices[0]).toMatchObject({ kind: 'quarantined', file: 'pins/b.json', message: expect.stringContaining('(it is 0 MB, far larger than a pin board file can be)') });
  });

  it('the size in the reason is rounded to whole megabytes', async () => {
    const { dir, store } = await setUp();
    await mkdir(path.join(dir, 'pins'));
    await writeFile(path.join(dir, 'pins', 'a.json'), Buffer.alloc(1_600_000, 0x20));
    expect(await store.read({ ...pinKind, maxBytes: 1000 }, 'pins/a.json')).toBeNull();
    expect(store.notices[0].message).toContain('(it is 2 MB, far larger than a pin board file can be)');
  });
});

describe('reading', () => {
  it('a missing file reads as null; an unreadable one is a storage error', async () => {
    const { dir, store } = await setUp();
    expect(await store.read(pinKind, 'pins/none.json')).toBeNull();
    const failing = new WorkspaceStore(dir, { fs: { ...nodeFs, lstat: (() => Promise.reject(errno('EIO', 'bad disk'))) as unknown as FsPort['lstat'] }, clock: () => new Date(START) });
    await expect(failing.read(pinKind, 'pins/a.json')).rejects.toMatchObject({ code: 'io', message: '"a.json" could not be saved: bad disk' });
  });

  it('names what stands in place of a file: a folder, a link, a special file', async () => {
    const { dir, store } = await setUp();
    await mkdir(path.join(dir, 'pins', 'folder.json'), { recursive: true });
    await writeFile(path.join(dir, 'target.json'), stored('t'));
    await fsp.symlink(path.join(dir, 'target.json'), path.join(dir, 'pins', 'link.json'));
    execFileSync('mkfifo', [path.join(dir, 'pins', 'pipe.json')]);
    await expect(store.read(pinKind, 'pins/folder.json')).rejects.toMatchObject({
      code: 'corrupt-file',
      message: '"pins/folder.json" is not a file the app wrote (a folder stands in its place). It was left untouched; move it away to use this pin board again.',
    });
    await expect(store.read(pinKind, 'pins/link.json')).rejects.toMatchObject({ message: expect.stringContaining('(a link stands in its place)') });
    await expect(store.read(pinKind, 'pins/pipe.json')).rejects.toMatchObject({ message: expect.stringContaining('(a special file stands in its place)') });
  });

  it('a newer file is refused in words that say which formats, and read again once it is fixed', async () => {
    const { dir, store } = await setUp();
    await mkdir(path.join(dir, 'pins'));
    await writeFile(path.join(dir, 'pins', 'a.json'), '{"schemaVersion":4,"pin":{"label":"x"}}');
    await expect(store.read(pinKind, 'pins/a.json')).rejects.toMatchObject({
      code: 'newer-schema',
      message: '"pins/a.json" was written by a newer version of Lesson Study (format 4; this version reads up to 1). It was left untouched — update the app to open it.',
    });
    await writeFile(path.join(dir, 'pins', 'a.json'), stored('fixed'));
    expect(await store.read(pinKind, 'pins/a.json')).toEqual(pin('fixed'));
  });

  it('a migrated file is named by describe() in the notice, capitalised', async () => {
    const { dir, store } = await setUp({ describe: (rel, value) => `the pin “${(value as Pin).pin.label}” in ${rel}` });
    const v2: DocumentKind<Pin> = { ...pinKind, version: 2, migrations: [(body) => ({ pin: { label: String(body.label) } })] };
    await mkdir(path.join(dir, 'pins'));
    await writeFile(path.join(dir, 'pins', 'a.json'), '{"schemaVersion":1,"label":"Oak"}');
    expect(await store.read(v2, 'pins/a.json')).toEqual(pin('Oak'));
    expect(store.notices).toEqual([
      {
        id: 'migrated:pins/a.json:2026-03-01T10:00:00.000Z',
        at: '2026-03-01T10:00:00.000Z',
        file: 'pins/a.json',
        kind: 'migrated',
        message: 'The pin “Oak” in pins/a.json was updated from format 1 to 2; the old file is kept in the backups.',
      },
    ]);
  });

  it('a read-only store reads a migrated file without writing it', async () => {
    const { dir } = await setUp();
    await mkdir(path.join(dir, 'pins'));
    await writeFile(path.join(dir, 'pins', 'a.json'), '{"schemaVersion":1,"label":"Oak"}');
    const v2: DocumentKind<Pin> = { ...pinKind, version: 2, migrations: [(body) => ({ pin: { label: String(body.label) } })] };
    const store = new WorkspaceStore(dir, { fs: nodeFs, clock: () => new Date(START) }, true);
    expect(await store.read(v2, 'pins/a.json')).toEqual(pin('Oak'));
    expect(await readFile(path.join(dir, 'pins', 'a.json'), 'utf8')).toBe('{"schemaVersion":1,"label":"Oak"}');
    expect(store.notices).toEqual([]);
    expect(await readdir(dir)).toEqual(['pins']);
  });
});

describe('recovery of a damaged file', () => {
  const damage = async (dir: string) => writeFile(path.join(dir, 'pins', 'a.json'), '{ damaged');

  it('read-only: tells the user and leaves the damaged file as it is', async () => {
    const { dir } = await setUp();
    await mkdir(path.join(dir, 'pins'));
    await damage(dir);
    const store = new WorkspaceStore(dir, { fs: nodeFs, clock: () => new Date(START) }, true);
    expect(await store.read(pinKind, 'pins/a.json')).toBeNull();
    expect(store.notices).toEqual([
      expect.objectContaining({
        kind: 'quarantined',
        file: 'pins/a.json',
        message: expect.stringMatching(/^"pins\/a\.json" could not be read because it is not valid JSON \(.*\)\. The workspace is read-only, so it was left as it is\.$/),
      }),
    ]);
    expect(store.notices[0].quarantinedAs).toBeUndefined();
    expect(await readdir(path.join(dir, 'pins'))).toEqual(['a.json']);
  });

  it('from the last saved copy written after the damage’s time minus 2 seconds: nothing lost', async () => {
    const { dir, store, setNow } = await setUp();
    await store.write(pinKind, 'pins/a.json', pin('kept'));
    await damage(dir);
    await utimes(path.join(dir, '.backups', 'pins', 'a.json', 'last-saved.json'), 1000, 1000);
    await utimes(path.join(dir, 'pins', 'a.json'), 1002, 1002);
    setNow(START + MINUTE);
    const reopened = new WorkspaceStore(dir, { fs: nodeFs, clock: () => new Date(START + MINUTE) });
    expect(await reopened.read(pinKind, 'pins/a.json')).toEqual(pin('kept'));
    const aside = 'a.json.corrupt-2026-03-01T10-01-00-000Z';
    expect(reopened.notices).toEqual([
      {
        id: 'restored-from-backup:pins/a.json:2026-03-01T10:01:00.000Z',
        at: '2026-03-01T10:01:00.000Z',
        file: 'pins/a.json',
        kind: 'restored-from-backup',
        quarantinedAs: aside,
        message: expect.stringMatching(
          /^"pins\/a\.json" was damaged \(it is not valid JSON \(.+\)\)\. The last saved copy was restored and the damaged file kept as "a\.json\.corrupt-2026-03-01T10-01-00-000Z"\. Nothing saved in the app was lost\.$/,
        ),
      },
    ]);
    expect(await readFile(path.join(dir, 'pins', aside), 'utf8')).toBe('{ damaged');
    expect((await stat(path.join(dir, 'pins', aside))).mode & 0o777).toBe(0o600);
    expect(await readFile(path.join(dir, 'pins', 'a.json'), 'utf8')).toBe(stored('kept'));
  });

  it('a file changed more than 2 seconds after its last saved copy may have lost changes', async () => {
    const { dir, store } = await setUp();
    await store.write(pinKind, 'pins/a.json', pin('kept'));
    await damage(dir);
    await utimes(path.join(dir, '.backups', 'pins', 'a.json', 'last-saved.json'), 1000, 1000);
    await utimes(path.join(dir, 'pins', 'a.json'), 1003, 1003);
    const reopened = new WorkspaceStore(dir, { fs: nodeFs, clock: () => new Date(START) });
    expect(await reopened.read(pinKind, 'pins/a.json')).toEqual(pin('kept'));
    expect(reopened.notices[0].message).toMatch(/The last saved copy was restored and the damaged file kept as "a\.json\.corrupt-2026-03-01T10-00-00-000Z"\. Changes made after that copy could not be recovered; they may be in "a\.json\.corrupt-2026-03-01T10-00-00-000Z"\.$/);
  });

  it('without a valid last saved copy, the newest valid timed backup, named by its time', async () => {
    const { dir, store, setNow } = await setUp({ backupIntervalMs: 0 });
    await store.write(pinKind, 'pins/a.json', pin('older'));
    setNow(START + 65 * MINUTE);
    await store.write(pinKind, 'pins/a.json', pin('newer'));
    const folder = path.join(dir, '.backups', 'pins', 'a.json');
    await writeFile(path.join(folder, 'last-saved.json'), 'damaged too');
    await writeFile(path.join(folder, '2026-03-01T11-05-00-000Z.json'), '{"schemaVersion":1}');
    await damage(dir);
    const reopened = new WorkspaceStore(dir, { fs: nodeFs, clock: () => new Date(START + 70 * MINUTE) });
    expect(await reopened.read(pinKind, 'pins/a.json')).toEqual(pin('older'));
    expect(reopened.notices[0].message).toContain('The backup of 2026-03-01 10:00 UTC was restored and the damaged file kept as "a.json.corrupt-2026-03-01T11-10-00-000Z". Changes made after that copy could not be recovered');
  });

  it('a damaged file that cannot be copied aside is an error, and stays as it is', async () => {
    const { dir, store } = await setUp();
    await store.write(pinKind, 'pins/a.json', pin('kept'));
    await damage(dir);
    const failing = new WorkspaceStore(dir, { fs: { ...nodeFs, copyFile: () => Promise.reject(errno('ENOSPC')) }, clock: () => new Date(START) });
    await expect(failing.read(pinKind, 'pins/a.json')).rejects.toMatchObject({ code: 'disk-full', message: expect.stringContaining('"a.json"') });
    expect(await readFile(path.join(dir, 'pins', 'a.json'), 'utf8')).toBe('{ damaged');
  });

  it('with no valid copy at all: moved aside (user-only), named in the notice, and not shown', async () => {
    const { dir, store, logged } = await setUp();
    await mkdir(path.join(dir, 'pins'));
    await damage(dir);
    expect(await store.read(pinKind, 'pins/a.json')).toBeNull();
    const aside = 'a.json.corrupt-2026-03-01T10-00-00-000Z';
    expect(await readdir(path.join(dir, 'pins'))).toEqual([aside]);
    expect((await stat(path.join(dir, 'pins', aside))).mode & 0o777).toBe(0o600);
    expect(store.notices[0]).toMatchObject({
      kind: 'quarantined',
      quarantinedAs: aside,
      message: expect.stringMatching(/^"pins\/a\.json" was damaged \(it is not valid JSON \(.*\)\) and no valid copy of it exists\. It was moved aside as "a\.json\.corrupt-2026-03-01T10-00-00-000Z" so nothing is lost; its data is not shown until it is repaired\.$/),
    });
    expect(logged).toContainEqual(['storage-quarantined', { file: 'pins/a.json', setAsideAs: aside }]);
  });

  it('a damaged file that cannot be moved aside is an error', async () => {
    const { dir, store } = await setUp();
    await mkdir(path.join(dir, 'pins'));
    await damage(dir);
    const failing = new WorkspaceStore(dir, { fs: { ...nodeFs, rename: () => Promise.reject(errno('EROFS')) }, clock: () => new Date(START) });
    await expect(failing.read(pinKind, 'pins/a.json')).rejects.toMatchObject({ code: 'read-only' });
    expect(store.notices).toEqual([]);
  });
});

describe('writing', () => {
  it('a read-only store refuses every change in one sentence', async () => {
    const { dir } = await setUp();
    const store = new WorkspaceStore(dir, { fs: nodeFs, clock: () => new Date(START) }, true);
    const message = 'This workspace is open read-only (the folder cannot be written), so changes cannot be saved.';
    await expect(store.write(pinKind, 'pins/a.json', pin('x'))).rejects.toMatchObject({ code: 'read-only', message });
    await expect(store.writeRaw('pins/a.json', 'x')).rejects.toMatchObject({ code: 'read-only', message });
    await expect(store.restoreKeptCopy(pinKind, 'pins/a.json', 'last-saved')).rejects.toMatchObject({ code: 'read-only', message });
    await expect(store.remove('pins/a.json')).rejects.toMatchObject({ code: 'read-only', message });
    expect(await readdir(dir)).toEqual([]);
  });

  it('a failed write keeps the previous content in memory too', async () => {
    const { dir, store } = await setUp();
    await store.write(pinKind, 'pins/a.json', pin('saved'));
    let full = true;
    const fs: FsPort = { ...nodeFs, rename: async (from, to) => (full ? Promise.reject(errno('ENOSPC')) : fsp.rename(from, to)) };
    const flaky = new WorkspaceStore(dir, { fs, clock: () => new Date(START) });
    expect(await flaky.read(pinKind, 'pins/a.json')).toEqual(pin('saved'));
    await expect(flaky.write(pinKind, 'pins/a.json', pin('lost'))).rejects.toMatchObject({ code: 'disk-full' });
    full = false;
    expect(await flaky.read(pinKind, 'pins/a.json')).toEqual(pin('saved'));
    expect(await flaky.update(pinKind, 'pins/a.json', (current) => pin(`${current?.pin.label} again`))).toEqual(pin('saved again'));
  });

  it('listeners hear of each write; one that fails is logged with its code and the write still succeeds', async () => {
    const { store, logged } = await setUp();
    const heard: Array<[string, object | null]> = [];
    store.changeListeners.push(async () => Promise.reject(errno('EBUSY')));
    store.changeListeners.push(async (rel, value) => void heard.push([rel, value]));
    store.changeListeners.push(async () => Promise.reject(new Error('no code')));
    await store.write(pinKind, 'pins/a.json', pin('x'));
    expect(heard).toEqual([['pins/a.json', pin('x')]]);
    expect(logged).toEqual([
      ['cache-update-failed', { file: 'pins/a.json', code: 'EBUSY' }],
      ['cache-update-failed', { file: 'pins/a.json', code: null }],
    ]);
  });

  it('a value that fails the schema is refused before anything is written', async () => {
    const { dir, store } = await setUp();
    await expect(store.write(pinKind, 'pins/a.json', { pin: { label: 3 } } as unknown as Pin)).rejects.toBeInstanceOf(z.ZodError);
    expect(await readdir(dir)).toEqual([]);
  });

  it('writes to one file run one at a time, in the order asked', async () => {
    const { store } = await setUp();
    const order = await Promise.all(['a', 'b', 'c'].map((label) => store.update(pinKind, 'pins/a.json', (current) => pin(`${current?.pin.label ?? ''}${label}`))));
    expect(order.map((value) => value.pin.label)).toEqual(['a', 'ab', 'abc']);
  });

  it('a failing task does not stop the next on the same file', async () => {
    const { store } = await setUp();
    const failing = store.update(pinKind, 'pins/a.json', () => {
      throw new Error('change failed');
    });
    const next = store.write(pinKind, 'pins/a.json', pin('next'));
    await expect(failing).rejects.toThrow('change failed');
    expect(await next).toEqual(pin('next'));
  });
});

describe('one handle per file', () => {
  it('a file is read from disk once, then served from memory', async () => {
    const { dir, store } = await setUp();
    await mkdir(path.join(dir, 'pins'));
    await writeFile(path.join(dir, 'pins', 'a.json'), stored('first'));
    expect(await store.read(pinKind, 'pins/a.json')).toEqual(pin('first'));
    await writeFile(path.join(dir, 'pins', 'a.json'), stored('changed behind its back'));
    expect(await store.read(pinKind, 'pins/a.json')).toEqual(pin('first'));
  });

  it('removing a folder forgets the documents inside it, and only those', async () => {
    const { dir, store } = await setUp();
    await store.write(pinKind, 'notes/n/x.json', pin('inside'));
    await store.write(pinKind, 'notes/nx.json', pin('beside'));
    await store.remove('notes/n');
    expect(await store.read(pinKind, 'notes/n/x.json')).toBeNull();
    await writeFile(path.join(dir, 'notes', 'nx.json'), stored('changed on disk'));
    expect(await store.read(pinKind, 'notes/nx.json')).toEqual(pin('beside'));
  });
});

describe('a backup that fails after the file is saved', () => {
  const failingBackups = (error: unknown, op: 'open' | 'readdir'): FsPort => ({
    ...nodeFs,
    open: (async (file: string, flags?: string | number, mode?: number) => {
      if (op === 'open' && String(file).includes(`${path.sep}.backups${path.sep}`) && flags === 'w') throw error;
      return fsp.open(file, flags, mode);
    }) as FsPort['open'],
    readdir: (async (dir: string, options?: unknown) => {
      if (op === 'readdir' && String(dir).includes(`${path.sep}.backups${path.sep}`)) throw error;
      return fsp.readdir(dir, options as never);
    }) as FsPort['readdir'],
  });

  const notice = async (error: unknown, op: 'open' | 'readdir') => {
    const { dir, setNow } = await setUp();
    const store = new WorkspaceStore(dir, { fs: failingBackups(error, op), clock: () => new Date(START), describe: () => 'the pin board “Oak”' });
    setNow(START);
    await store.write(pinKind, 'pins/a.json', pin('saved'));
    expect(await readFile(path.join(dir, 'pins', 'a.json'), 'utf8')).toBe(stored('saved'));
    expect(store.notices).toHaveLength(1);
    expect(store.notices[0]).toMatchObject({ kind: 'backup-failed', file: 'pins/a.json' });
    return store.notices[0].message;
  };

  it('says the disk is full, naming the document', async () => {
    expect(await notice(errno('ENOSPC'), 'open')).toBe(
      'Your change to the pin board “Oak” was saved, but its backup copy could not be written (the disk is full). Free some space or check the ".backups" folder; until then a damaged file could come back older.',
    );
  });

  it('says the backups folder cannot be written, for a read-only folder or a busy one', async () => {
    expect(await notice(errno('EACCES'), 'open')).toContain('(the backups folder cannot be written)');
    expect(await notice(errno('EBUSY'), 'readdir')).toContain('(the backups folder cannot be written)');
    expect(await notice(errno('EPERM'), 'readdir')).toContain('(the backups folder cannot be written)');
    expect(await notice(errno('EROFS'), 'readdir')).toContain('(the backups folder cannot be written)');
    expect(await notice(errno('EDQUOT'), 'readdir')).toContain('(the disk is full)');
  });

  it('gives any other reason as it came', async () => {
    expect(await notice(errno('EIO', 'bad sector'), 'open')).toContain('("last-saved.json" could not be saved: bad sector)');
    expect(await notice(errno('EIO', 'bad sector'), 'readdir')).toContain('(bad sector)');
    expect(await notice('plain', 'readdir')).toContain('(plain)');
  });

  it('without describe(), names the file by its path', async () => {
    const { dir } = await setUp();
    const store = new WorkspaceStore(dir, { fs: failingBackups(errno('ENOSPC'), 'open'), clock: () => new Date(START) });
    await store.write(pinKind, 'pins/a.json', pin('saved'));
    expect(store.notices[0].message).toMatch(/^Your change to "pins\/a\.json" was saved, but/);
  });
});

describe('list', () => {
  it('lists the .json documents of a folder, sorted, without temp files; none for a missing folder', async () => {
    const { dir, store } = await setUp();
    await mkdir(path.join(dir, 'pins'));
    for (const name of ['b.json', 'a.json', 'c.txt', '.a.json.tmp-aaaaaaaaaaaa', 'a.json.corrupt-x']) await writeFile(path.join(dir, 'pins', name), '');
    expect(await store.list('pins')).toEqual(['a.json', 'b.json']);
    expect(await store.list('none')).toEqual([]);
    const failing = new WorkspaceStore(dir, { fs: { ...nodeFs, readdir: (() => Promise.reject(errno('EACCES'))) as unknown as FsPort['readdir'] }, clock: () => new Date(START) });
    await expect(failing.list('pins')).rejects.toMatchObject({ code: 'read-only', message: expect.stringContaining('"pins"') });
  });

  it('abs joins a workspace path under the root', async () => {
    const { dir, store } = await setUp();
    expect(store.abs('cycles/c1/notes.json')).toBe(path.join(dir, 'cycles', 'c1', 'notes.json'));
  });
});
