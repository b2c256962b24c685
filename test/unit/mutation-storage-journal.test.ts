import * as fsp from 'node:fs/promises';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { inFlightTempFiles } from '../../electron/storage/durable-write';
import { nodeFs, type FsPort } from '../../electron/storage/fs-port';
import { appendJournal, journalFile, journalGenerations, readJournal } from '../../electron/storage/journal';
import { lstatRegularFile, openNoFollow } from '../../electron/storage/no-follow';
import { errno } from './support/recording-fs';
import { tempDir } from './support/temp';

/**
 * Mutation tests (issue 13) of the journal primitives and the link refusal under them:
 * what counts as a torn tail or a bad line, when a read may cut, which generation files
 * are found and in what order, and the exact refusal of a link or a special file.
 */

const Note = z.object({ n: z.number() });

const syncRecorder = () => {
  const synced: string[] = [];
  const fs: FsPort = {
    ...nodeFs,
    open: (async (file: string, flags?: string | number, mode?: number) => {
      const handle = await fsp.open(file, flags, mode);
      return new Proxy(handle, {
        get(target, prop, receiver) {
          if (prop === 'sync') return async () => void synced.push(String(file));
          const value = Reflect.get(target, prop, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    }) as FsPort['open'],
  };
  return { fs, synced };
};

describe('readJournal', () => {
  it('a missing journal reads as empty and not existing', async () => {
    const dir = await tempDir();
    expect(await readJournal(nodeFs, path.join(dir, 'journal-1.jsonl'), Note)).toEqual({ lines: [], badLines: 0, tornBytes: 0, exists: false });
  });

  it('counts bad lines (not JSON, or not the schema), skips blank ones, and cuts a torn tail away', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'journal-1.jsonl');
    await writeFile(file, '{"n":1}\n\n   \n{"n":"two"}\nnot json\n{"n":3}\n{"n":4');
    const read = await readJournal(nodeFs, file, Note);
    expect(read).toEqual({ lines: [{ n: 1 }, { n: 3 }], badLines: 2, tornBytes: 6, exists: true });
    expect(await readFile(file, 'utf8')).toBe('{"n":1}\n\n   \n{"n":"two"}\nnot json\n{"n":3}\n');
  });

  it('a journal without any newline is all torn tail, and is cut to nothing', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'journal-1.jsonl');
    await writeFile(file, '{"n":1}');
    expect(await readJournal(nodeFs, file, Note)).toEqual({ lines: [], badLines: 0, tornBytes: 7, exists: true });
    expect(await readFile(file, 'utf8')).toBe('');
  });

  it('a read-only reader reports the torn tail but leaves the file as it is', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'journal-1.jsonl');
    await writeFile(file, '{"n":1}\n{"n"');
    expect(await readJournal(nodeFs, file, Note, false)).toEqual({ lines: [{ n: 1 }], badLines: 0, tornBytes: 4, exists: true });
    expect(await readFile(file, 'utf8')).toBe('{"n":1}\n{"n"');
  });

  it('a complete journal is not reopened for cutting', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'journal-1.jsonl');
    await writeFile(file, '{"n":1}\n');
    const opened: string[] = [];
    const fs: FsPort = { ...nodeFs, open: (async (...args: Parameters<FsPort['open']>) => (opened.push(String(args[0])), fsp.open(...args))) as FsPort['open'] };
    await readJournal(fs, file, Note);
    expect(opened).toEqual([]);
  });

  it('the cut is fsync’d; a cut that fails is reported as a storage error', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'journal-1.jsonl');
    await writeFile(file, '{"n":1}\n{');
    const { fs, synced } = syncRecorder();
    await readJournal(fs, file, Note);
    expect(synced).toEqual([file]);

    await writeFile(file, '{"n":1}\n{');
    const failing: FsPort = { ...nodeFs, open: (() => Promise.reject(errno('EROFS'))) as unknown as FsPort['open'] };
    await expect(readJournal(failing, file, Note)).rejects.toMatchObject({ code: 'read-only', message: expect.stringContaining('"journal-1.jsonl"') });
  });

  it('refuses a journal that is a link, and a folder in a journal’s place; other read errors become storage errors', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'real.jsonl'), '{"n":1}\n');
    await fsp.symlink(path.join(dir, 'real.jsonl'), path.join(dir, 'journal-1.jsonl'));
    await expect(readJournal(nodeFs, path.join(dir, 'journal-1.jsonl'), Note)).rejects.toMatchObject({ code: 'forbidden' });
    await fsp.mkdir(path.join(dir, 'journal-2.jsonl'));
    await expect(readJournal(nodeFs, path.join(dir, 'journal-2.jsonl'), Note)).rejects.toMatchObject({ code: 'forbidden' });
    const failing: FsPort = { ...nodeFs, readFile: (() => Promise.reject(errno('EIO', 'bad sector'))) as unknown as FsPort['readFile'] };
    await expect(readJournal(failing, path.join(dir, 'real.jsonl'), Note)).rejects.toMatchObject({ code: 'io', message: '"real.jsonl" could not be saved: bad sector' });
  });
});

describe('appendJournal', () => {
  it('nothing to append creates no file', async () => {
    const dir = await tempDir();
    await appendJournal(nodeFs, path.join(dir, 'journal-1.jsonl'), [], false);
    expect(await readdir(dir)).toEqual([]);
  });

  it('appends one JSON line per entry, and fsyncs the folder only when it creates the file', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'journal-1.jsonl');
    const { fs, synced } = syncRecorder();
    await appendJournal(fs, file, [{ n: 1 }, { n: 2 }], false);
    expect(synced).toEqual([file, dir]);
    synced.length = 0;
    await appendJournal(fs, file, [{ n: 3 }], true);
    expect(synced).toEqual([file]);
    expect(await readFile(file, 'utf8')).toBe('{"n":1}\n{"n":2}\n{"n":3}\n');
  });

  it('a folder fsync that fails after creating the file is reported', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'journal-1.jsonl');
    const fs: FsPort = {
      ...nodeFs,
      open: (async (target: string, flags?: string | number, mode?: number) => {
        const handle = await fsp.open(target, flags, mode);
        if (target !== dir) return handle;
        return new Proxy(handle, {
          get(t, prop, receiver) {
            if (prop === 'sync') return () => Promise.reject(errno('EIO', 'folder sync failed'));
            const value = Reflect.get(t, prop, receiver);
            return typeof value === 'function' ? value.bind(t) : value;
          },
        });
      }) as FsPort['open'],
    };
    await expect(appendJournal(fs, file, [{ n: 1 }], false)).rejects.toMatchObject({ code: 'io', message: '"journal-1.jsonl" could not be saved: folder sync failed' });
  });
});

describe('journalGenerations', () => {
  it('a missing folder has no generations; an unreadable one is an error', async () => {
    const dir = await tempDir();
    expect(await journalGenerations(nodeFs, path.join(dir, 'none'))).toEqual([]);
    const failing: FsPort = { ...nodeFs, readdir: (() => Promise.reject(errno('EACCES'))) as unknown as FsPort['readdir'] };
    await expect(journalGenerations(failing, dir)).rejects.toMatchObject({ code: 'read-only' });
  });

  it('finds journal-<n>.jsonl only, in numeric order, up to nine digits', async () => {
    const dir = await tempDir();
    for (const name of ['journal-10.jsonl', 'journal-2.jsonl', 'journal-123456789.jsonl', 'journal-1234567890.jsonl', 'journal-x.jsonl', 'journal-3.jsonl.bak', 'old-journal-4.jsonl', 'journal-.jsonl', 'snapshot.json']) {
      await writeFile(path.join(dir, name), '');
    }
    expect(await journalGenerations(nodeFs, dir)).toEqual([2, 10, 123456789]);
  });

  it('removes stale temp files but never one of a write in flight', async () => {
    const dir = await tempDir();
    const stale = path.join(dir, '.snapshot.json.tmp-aaaaaaaaaaaa');
    const busy = path.join(dir, '.snapshot.json.tmp-bbbbbbbbbbbb');
    await writeFile(stale, 'x');
    await writeFile(busy, 'x');
    await writeFile(path.join(dir, 'journal-1.jsonl'), '');
    inFlightTempFiles.add(busy);
    try {
      expect(await journalGenerations(nodeFs, dir)).toEqual([1]);
    } finally {
      inFlightTempFiles.delete(busy);
    }
    expect((await readdir(dir)).sort()).toEqual(['.snapshot.json.tmp-bbbbbbbbbbbb', 'journal-1.jsonl']);
  });

  it('journalFile names a generation’s file in the folder', () => {
    expect(journalFile(path.join('/ws', 'cycles', 'c1'), 7)).toBe(path.join('/ws', 'cycles', 'c1', 'journal-7.jsonl'));
  });
});

describe('link and special-file refusal', () => {
  it('lstatRegularFile returns a regular file’s own status, refuses a link and a folder with their own words', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'a.json');
    await writeFile(file, 'abc');
    expect((await lstatRegularFile(nodeFs, file)).size).toBe(3);
    await fsp.symlink(file, path.join(dir, 'link.json'));
    await expect(lstatRegularFile(nodeFs, path.join(dir, 'link.json'))).rejects.toMatchObject({
      code: 'forbidden',
      message:
        '"link.json" in the workspace folder is a link to another file. Lesson Study never reads or writes through a link, so nothing was changed: put the real file in its place, or remove the link, and try again.',
    });
    await fsp.mkdir(path.join(dir, 'folder.json'));
    await expect(lstatRegularFile(nodeFs, path.join(dir, 'folder.json'))).rejects.toMatchObject({
      code: 'forbidden',
      message: '"folder.json" in the workspace folder is not an ordinary file, so Lesson Study did not open it. Nothing was changed.',
    });
    await expect(lstatRegularFile(nodeFs, path.join(dir, 'none.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('openNoFollow opens each flag as it says: append, read-write without creating, create exclusively', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'j.jsonl');
    const created = await openNoFollow(nodeFs, file, 'wx', 0o600);
    await created.writeFile('one\n');
    await created.close();
    await expect(openNoFollow(nodeFs, file, 'wx')).rejects.toMatchObject({ code: 'EEXIST' });
    const appended = await openNoFollow(nodeFs, file, 'a');
    await appended.writeFile('two\n');
    await appended.close();
    expect(await readFile(file, 'utf8')).toBe('one\ntwo\n');
    const rw = await openNoFollow(nodeFs, file, 'r+');
    await rw.truncate(4);
    await rw.close();
    expect(await readFile(file, 'utf8')).toBe('one\n');
    await expect(openNoFollow(nodeFs, path.join(dir, 'missing'), 'r+')).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await fsp.stat(file)).mode & 0o777).toBe(0o600);
  });

  it('openNoFollow refuses a link in place of the file, whatever it points to', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'target'), 'keep');
    await fsp.symlink(path.join(dir, 'target'), path.join(dir, 'link'));
    for (const flags of ['a', 'r+'] as const) {
      await expect(openNoFollow(nodeFs, path.join(dir, 'link'), flags)).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('is a link to another file') });
    }
    expect(await readFile(path.join(dir, 'target'), 'utf8')).toBe('keep');
  });

  it('openNoFollow refuses a special file after opening it, and closes it', async () => {
    const dir = await tempDir();
    const fifo = path.join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    let closed = false;
    const fs: FsPort = {
      ...nodeFs,
      open: (async (...args: Parameters<FsPort['open']>) => {
        const handle = await fsp.open(...args);
        const close = handle.close.bind(handle);
        handle.close = async () => {
          closed = true;
          await close();
        };
        return handle;
      }) as FsPort['open'],
    };
    await expect(openNoFollow(fs, fifo, 'r+')).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('"pipe" in the workspace folder is not an ordinary file') });
    expect(closed).toBe(true);
  });

  it('openNoFollow passes other open errors on unchanged, and EMLINK (FreeBSD’s answer to a link) as a link', async () => {
    const other: FsPort = { ...nodeFs, open: (() => Promise.reject(errno('EACCES'))) as unknown as FsPort['open'] };
    await expect(openNoFollow(other, '/ws/a', 'a')).rejects.toMatchObject({ code: 'EACCES' });
    const bsd: FsPort = { ...nodeFs, open: (() => Promise.reject(errno('EMLINK'))) as unknown as FsPort['open'] };
    await expect(openNoFollow(bsd, '/ws/a', 'a')).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('openNoFollow closes and refuses when the status of the opened file cannot be read', async () => {
    const dir = await tempDir();
    let closed = false;
    const fs: FsPort = {
      ...nodeFs,
      open: (async (...args: Parameters<FsPort['open']>) => {
        const handle = await fsp.open(...args);
        const close = handle.close.bind(handle);
        handle.stat = (() => Promise.reject(errno('EIO'))) as typeof handle.stat;
        handle.close = async () => {
          closed = true;
          await close();
        };
        return handle;
      }) as FsPort['open'],
    };
    await expect(openNoFollow(fs, path.join(dir, 'x'), 'a')).rejects.toMatchObject({ code: 'EIO' });
    expect(closed).toBe(true);
  });
});
