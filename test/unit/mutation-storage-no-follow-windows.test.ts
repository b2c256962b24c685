import type * as NodeFs from 'node:fs';
import * as fsp from 'node:fs/promises';
import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { nodeFs, type FsPort } from '../../electron/storage/fs-port';
import { openNoFollow } from '../../electron/storage/no-follow';
import { tempDir } from './support/temp';

/**
 * Windows has no O_NOFOLLOW: there `openNoFollow` checks with lstat just before opening,
 * and opens with the plain flag letters. Pretend to be Windows by hiding the constant.
 */
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof NodeFs>();
  const constants = { ...actual.constants, O_NOFOLLOW: undefined };
  return { ...actual, constants, default: { ...actual, constants } };
});

const recording = () => {
  const calls: string[] = [];
  const fs: FsPort = {
    ...nodeFs,
    lstat: (async (file: string) => (calls.push(`lstat ${path.basename(file)}`), fsp.lstat(file))) as FsPort['lstat'],
    open: (async (file: string, flags?: string | number, mode?: number) => {
      calls.push(`open ${path.basename(file)} ${String(flags)} ${String(mode)}`);
      return fsp.open(file, flags, mode);
    }) as FsPort['open'],
  };
  return { fs, calls };
};

describe('openNoFollow without O_NOFOLLOW (Windows)', () => {
  it('checks with lstat before "a" and "r+", opens with the letters, and passes the mode', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'j.jsonl');
    const { fs, calls } = recording();
    const appended = await openNoFollow(fs, file, 'a', 0o600);
    await appended.writeFile('one\n');
    await appended.close();
    const rw = await openNoFollow(fs, file, 'r+');
    await rw.close();
    expect(calls).toEqual(['lstat j.jsonl', 'open j.jsonl a 384', 'lstat j.jsonl', 'open j.jsonl r+ undefined']);
    expect(await readFile(file, 'utf8')).toBe('one\n');
  });

  it('does not lstat before "wx", which fails on any existing name', async () => {
    const dir = await tempDir();
    const { fs, calls } = recording();
    const handle = await openNoFollow(fs, path.join(dir, 'probe'), 'wx', 0o600);
    await handle.close();
    expect(calls).toEqual(['open probe wx 384']);
  });

  it('refuses a link found by the lstat, and never opens it', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'target'), 'keep');
    await fsp.symlink(path.join(dir, 'target'), path.join(dir, 'link'));
    const { fs, calls } = recording();
    await expect(openNoFollow(fs, path.join(dir, 'link'), 'a')).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('is a link to another file') });
    expect(calls).toEqual(['lstat link']);
    expect(await readFile(path.join(dir, 'target'), 'utf8')).toBe('keep');
  });

  it('an lstat error other than "not there" is passed on', async () => {
    const fs: FsPort = { ...nodeFs, lstat: (() => Promise.reject(Object.assign(new Error('EACCES'), { code: 'EACCES' }))) as unknown as FsPort['lstat'] };
    await expect(openNoFollow(fs, '/ws/j.jsonl', 'a')).rejects.toMatchObject({ code: 'EACCES' });
  });
});
