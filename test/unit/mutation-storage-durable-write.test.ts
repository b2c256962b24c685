import * as fsp from 'node:fs/promises';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  appendLineDurably,
  ensureDir,
  inFlightTempFiles,
  isTempFileName,
  renameRetry,
  storageError,
  syncDirectory,
  writeFileDurably,
} from '../../electron/storage/durable-write';
import { isErrno, nodeFs, type FsPort } from '../../electron/storage/fs-port';
import { LessonStudyError } from '../../shared/result';
import { errno } from './support/recording-fs';
import { tempDir } from './support/temp';

/**
 * Mutation tests (issue 13) of the durable write primitives: the exact error a teacher
 * sees for each fs failure, which fs errors a folder fsync may swallow, how often a
 * blocked rename is retried, and what a failed append leaves behind.
 */

const savedRetry = { ...renameRetry };
afterEach(() => {
  Object.assign(renameRetry, savedRetry);
});

/** An fs whose `open` hands out handles with chosen methods replaced. */
const withHandle = (patch: (file: string, handle: fsp.FileHandle) => Partial<fsp.FileHandle>, base: FsPort = nodeFs): FsPort => ({
  ...base,
  open: (async (file: string, flags?: string | number, mode?: number) => {
    const handle = await fsp.open(file, flags, mode);
    const overrides = patch(String(file), handle) as Record<string | symbol, unknown>;
    return new Proxy(handle, {
      get(target, prop, receiver) {
        if (prop in overrides) return overrides[prop];
        const value = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }) as FsPort['open'],
});

describe('isErrno', () => {
  it('matches only an object whose code is one of those named', () => {
    expect(isErrno(errno('ENOENT'), 'EEXIST', 'ENOENT')).toBe(true);
    expect(isErrno(errno('ENOENT'), 'EEXIST')).toBe(false);
    expect(isErrno(new Error('no code'), 'ENOENT')).toBe(false);
    expect(isErrno(null, 'ENOENT')).toBe(false);
    expect(isErrno('ENOENT', 'ENOENT')).toBe(false);
    expect(isErrno({ code: 'EPERM' }, 'EPERM')).toBe(true);
  });
});

describe('storageError', () => {
  it('says the disk is full for ENOSPC and for EDQUOT (a quota), naming only the file', () => {
    const message = 'The disk is full, so "plan.json" could not be saved. Nothing was changed: free some space and try again.';
    for (const code of ['ENOSPC', 'EDQUOT']) {
      const error = storageError(errno(code), '/home/t/ws/designs/plan.json');
      expect(error).toBeInstanceOf(LessonStudyError);
      expect(error.code).toBe('disk-full');
      expect(error.message).toBe(message);
    }
  });

  it('says the folder is read-only for EROFS, EACCES and EPERM', () => {
    for (const code of ['EROFS', 'EACCES', 'EPERM']) {
      const error = storageError(errno(code), '/ws/groups/g1.json');
      expect(error.code).toBe('read-only');
      expect(error.message).toBe('"g1.json" could not be saved because the workspace folder is read-only or not yours to write.');
    }
  });

  it('passes any other failure on as "io" with its own message, also when it is not an Error', () => {
    const fromError = storageError(errno('EIO', 'i/o error'), '/ws/a.json');
    expect(fromError.code).toBe('io');
    expect(fromError.message).toBe('"a.json" could not be saved: i/o error');
    expect(storageError('plain text', '/ws/b.json').message).toBe('"b.json" could not be saved: plain text');
  });

  it('returns an error that is already a LessonStudyError as it is', () => {
    const original = new LessonStudyError('forbidden', 'no links');
    expect(storageError(original, '/ws/a.json')).toBe(original);
  });
});

describe('isTempFileName', () => {
  it('is a hidden name carrying the temp mark', () => {
    expect(isTempFileName('.plan.json.tmp-0a1b2c3d4e5f')).toBe(true);
    expect(isTempFileName('plan.json.tmp-0a1b2c3d4e5f')).toBe(false);
    expect(isTempFileName('.plan.json')).toBe(false);
    expect(isTempFileName('.tmp-')).toBe(true);
  });
});

describe('syncDirectory', () => {
  it('opens the folder read-only, fsyncs it and closes it', async () => {
    const dir = await tempDir();
    const calls: string[] = [];
    const fs = withHandle((file, handle) => ({
      sync: async () => void calls.push(`sync ${file}`),
      close: async () => {
        calls.push(`close ${file}`);
        await handle.close();
      },
    }));
    const opened: unknown[] = [];
    const recording: FsPort = { ...fs, open: (async (file: string, flags: string) => (opened.push(flags), fs.open(file, flags))) as FsPort['open'] };
    await syncDirectory(recording, dir);
    expect(opened).toEqual(['r']);
    expect(calls).toEqual([`sync ${dir}`, `close ${dir}`]);
  });

  it('ignores the errors of a platform that cannot fsync a folder (EISDIR, EINVAL, EPERM, EBADF), and only those', async () => {
    const dir = await tempDir();
    for (const code of ['EISDIR', 'EINVAL', 'EPERM', 'EBADF']) {
      let closed = false;
      const fs = withHandle((_file, handle) => ({
        sync: () => Promise.reject(errno(code)),
        close: async () => {
          closed = true;
          await handle.close();
        },
      }));
      await expect(syncDirectory(fs, dir)).resolves.toBeUndefined();
      expect(closed).toBe(true);
    }
    const failing = withHandle(() => ({ sync: () => Promise.reject(errno('EIO', 'i/o error')) }));
    await expect(syncDirectory(failing, dir)).rejects.toMatchObject({ code: 'EIO' });
    const unopenable: FsPort = { ...nodeFs, open: (() => Promise.reject(errno('EACCES'))) as unknown as FsPort['open'] };
    await expect(syncDirectory(unopenable, dir)).rejects.toMatchObject({ code: 'EACCES' });
  });

  it('a close that fails after the fsync does not fail it', async () => {
    const dir = await tempDir();
    const fs = withHandle((_file, handle) => ({
      close: async () => {
        await handle.close();
        throw errno('EIO');
      },
    }));
    await expect(syncDirectory(fs, dir)).resolves.toBeUndefined();
  });
});

describe('writeFileDurably', () => {
  it('writes a hidden temp file named after the target with 12 hex digits, mode 0600, known as in flight while it is written', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'plan.json');
    const seen: Array<{ file: string; flags: unknown; mode: unknown; inFlight: boolean }> = [];
    const fs: FsPort = {
      ...nodeFs,
      open: (async (file: string, flags: string, mode?: number) => {
        seen.push({ file: String(file), flags, mode, inFlight: inFlightTempFiles.has(String(file)) });
        return fsp.open(file, flags, mode);
      }) as FsPort['open'],
    };
    await writeFileDurably(fs, target, 'content');
    const [temp] = seen;
    expect(path.dirname(temp.file)).toBe(dir);
    expect(path.basename(temp.file)).toMatch(/^\.plan\.json\.tmp-[0-9a-f]{12}$/);
    expect(temp).toMatchObject({ flags: 'w', mode: 0o600, inFlight: true });
    expect(inFlightTempFiles.has(temp.file)).toBe(false);
    expect(seen.slice(1)).toEqual([{ file: dir, flags: 'r', mode: undefined, inFlight: false }]);
  });

  it('a failed fsync of the file removes the temp file, forgets it, and keeps the previous file', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'plan.json');
    await writeFile(target, 'previous');
    let temp = '';
    const fs = withHandle((file) => (file === dir ? {} : { sync: () => ((temp = file), Promise.reject(errno('EIO', 'sync failed'))) }));
    const error = await writeFileDurably(fs, target, 'next').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'io', message: '"plan.json" could not be saved: sync failed' });
    expect(await readdir(dir)).toEqual(['plan.json']);
    expect(await readFile(target, 'utf8')).toBe('previous');
    expect(inFlightTempFiles.has(temp)).toBe(false);
  });

  it('a folder that cannot be fsync’d after the rename does not fail the write', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'plan.json');
    const fs = withHandle((file) => (file === dir ? { sync: () => Promise.reject(errno('EIO')) } : {}));
    await writeFileDurably(fs, target, 'saved');
    expect(await readFile(target, 'utf8')).toBe('saved');
  });

  it('retries a blocked rename for EPERM, EBUSY and EACCES only, on the published schedule', async () => {
    const dir = await tempDir();
    const waits: number[] = [];
    renameRetry.wait = async (ms) => void waits.push(ms);
    for (const code of ['EPERM', 'EBUSY', 'EACCES']) {
      waits.length = 0;
      let blocked = 3;
      const fs: FsPort = { ...nodeFs, rename: async (from, to) => (blocked-- > 0 ? Promise.reject(errno(code)) : fsp.rename(from, to)) };
      await writeFileDurably(fs, path.join(dir, `${code}.json`), code);
      expect(waits).toEqual([10, 20, 40]);
      expect(await readFile(path.join(dir, `${code}.json`), 'utf8')).toBe(code);
    }
    waits.length = 0;
    let renames = 0;
    const missing: FsPort = { ...nodeFs, rename: async () => (renames++, Promise.reject(errno('ENOENT', 'gone'))) };
    await expect(writeFileDurably(missing, path.join(dir, 'x.json'), 'x')).rejects.toMatchObject({ code: 'io' });
    expect(renames).toBe(1);
    expect(waits).toEqual([]);
  });

  it('gives up after the eleventh wait: twelve renames in all, and nothing is left behind', async () => {
    const dir = await tempDir();
    renameRetry.wait = async () => undefined;
    let renames = 0;
    const fs: FsPort = { ...nodeFs, rename: async () => (renames++, Promise.reject(errno('EBUSY'))) };
    const error = await writeFileDurably(fs, path.join(dir, 'a.json'), 'a').catch((e: unknown) => e);
    expect(renames).toBe(12);
    // EBUSY is not one of the read-only codes: the teacher sees the fs message.
    expect(error).toMatchObject({ code: 'io' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('the default wait is a promise that settles', async () => {
    let resolved = false;
    const waiting = savedRetry.wait(5).then(() => (resolved = true));
    expect(resolved).toBe(false);
    await waiting;
    expect(resolved).toBe(true);
  });
});

describe('appendLineDurably', () => {
  it('ends a line with one newline, adding it only when missing', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'journal-1.jsonl');
    await appendLineDurably(nodeFs, file, '{"a":1}');
    await appendLineDurably(nodeFs, file, '{"b":2}\n');
    expect(await readFile(file, 'utf8')).toBe('{"a":1}\n{"b":2}\n');
    expect((await fsp.stat(file)).mode & 0o777).toBe(0o600);
  });

  it('a write refused half-way is cut back to the previous length and fsync’d; the error says why', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'journal-1.jsonl');
    await writeFile(file, '{"a":1}\n');
    const calls: string[] = [];
    const fs = withHandle((_file, handle) => ({
      writeFile: async (data: string | Uint8Array) => {
        await handle.writeFile(String(data).slice(0, 4));
        throw errno('ENOSPC');
      },
      truncate: async (length?: number) => {
        calls.push(`truncate ${length}`);
        await handle.truncate(length);
      },
      sync: async () => {
        calls.push('sync');
        await handle.sync();
      },
    }));
    const error = await appendLineDurably(fs, file, '{"b":2}').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'disk-full' });
    expect(calls).toEqual(['truncate 8', 'sync']);
    expect(await readFile(file, 'utf8')).toBe('{"a":1}\n');
  });

  it('when the length before the append cannot be read, nothing is cut: the journal keeps every line', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'journal-1.jsonl');
    await writeFile(file, '{"a":1}\n');
    let stats = 0;
    let truncated = false;
    const fs = withHandle((_file, handle) => ({
      // The first stat is the open's own check that this is a regular file.
      stat: (async () => (++stats === 1 ? handle.stat() : Promise.reject(errno('EIO', 'stat failed')))) as typeof handle.stat,
      truncate: async (length?: number) => {
        truncated = true;
        await handle.truncate(length);
      },
    }));
    await expect(appendLineDurably(fs, file, '{"b":2}')).rejects.toMatchObject({ code: 'io', message: '"journal-1.jsonl" could not be saved: stat failed' });
    expect(truncated).toBe(false);
    expect(await readFile(file, 'utf8')).toBe('{"a":1}\n');
  });

  it('a failed open leaves nothing to cut and reports the failure', async () => {
    const dir = await tempDir();
    const fs: FsPort = { ...nodeFs, open: (() => Promise.reject(errno('EROFS'))) as unknown as FsPort['open'] };
    await expect(appendLineDurably(fs, path.join(dir, 'j.jsonl'), 'x')).rejects.toMatchObject({ code: 'read-only' });
  });

  it('a failing cut does not hide the write’s own error', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'j.jsonl');
    const fs = withHandle(() => ({
      writeFile: () => Promise.reject(errno('EDQUOT')),
      truncate: () => Promise.reject(errno('EIO')),
    }));
    await expect(appendLineDurably(fs, file, 'x')).rejects.toMatchObject({ code: 'disk-full' });
  });

  it('refuses to append through a link', async () => {
    const dir = await tempDir();
    const outside = path.join(dir, 'outside.txt');
    await writeFile(outside, 'keep');
    await fsp.symlink(outside, path.join(dir, 'journal-1.jsonl'));
    await expect(appendLineDurably(nodeFs, path.join(dir, 'journal-1.jsonl'), 'x')).rejects.toMatchObject({ code: 'forbidden' });
    expect(await readFile(outside, 'utf8')).toBe('keep');
  });
});

describe('ensureDir', () => {
  it('creates missing folders 0700 and fsyncs the parent of the first one it created', async () => {
    const dir = await tempDir();
    const synced: string[] = [];
    const fs = withHandle((file) => ({ sync: async () => void synced.push(file) }));
    await ensureDir(fs, path.join(dir, 'a', 'b', 'c'));
    expect(synced).toEqual([dir]);
    expect((await fsp.stat(path.join(dir, 'a', 'b'))).mode & 0o777).toBe(0o700);
    synced.length = 0;
    await ensureDir(fs, path.join(dir, 'a', 'b', 'c'));
    expect(synced).toEqual([]);
  });

  it('turns a failure into a storage error naming the folder', async () => {
    const fs: FsPort = { ...nodeFs, mkdir: (() => Promise.reject(errno('ENOSPC'))) as unknown as FsPort['mkdir'] };
    const error = await ensureDir(fs, '/ws/.backups/groups').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'disk-full', message: expect.stringContaining('"groups" could not be saved') });
  });
});
