import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileDurably } from '../../electron/storage/durable-write';
import { LessonStudyError } from '../../shared/result';
import { errno, recordingFs } from './support/recording-fs';
import { tempDir } from './support/temp';

describe('writeFileDurably', () => {
  it('writes a temp file, fsyncs it, renames it over the target and fsyncs the folder — in that order', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'group.json');
    const { fs, events } = recordingFs();
    await writeFileDurably(fs, target, '{"a":1}');

    const ops = events.map((e) => e.op);
    const tempOpen = events.findIndex((e) => e.op === 'open:w');
    const temp = events[tempOpen].path;
    expect(path.dirname(temp)).toBe(dir);
    expect(temp).not.toBe(target);
    const fileSync = events.findIndex((e) => e.op === 'fsync' && e.path === temp);
    const rename = events.findIndex((e) => e.op === 'rename');
    const dirSync = events.findIndex((e) => e.op === 'fsync' && e.path === dir);
    expect(ops).toContain('write');
    expect(fileSync).toBeGreaterThan(tempOpen);
    expect(rename).toBeGreaterThan(fileSync);
    expect(events[rename].path).toBe(`${temp} -> ${target}`);
    expect(dirSync).toBeGreaterThan(rename);
    expect(await readFile(target, 'utf8')).toBe('{"a":1}');
  });

  it('creates files readable by the user only', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'x.json');
    await writeFileDurably(recordingFs().fs, target, 'data');
    expect((await stat(target)).mode & 0o777).toBe(0o600);
  });

  it('on a full disk: fails with a clear message, keeps the previous file byte-identical, removes the temp file, and the next write succeeds', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'cycle.json');
    await writeFile(target, 'previous content');
    let full = true;
    const { fs } = recordingFs({ failWrite: () => (full ? errno('ENOSPC', 'no space left on device') : null) });

    const error = await writeFileDurably(fs, target, 'new content').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LessonStudyError);
    expect((error as LessonStudyError).code).toBe('disk-full');
    expect((error as LessonStudyError).message).toMatch(/disk is full.*cycle\.json.*Nothing was changed/);
    expect(await readFile(target, 'utf8')).toBe('previous content');
    expect(await readdir(dir)).toEqual(['cycle.json']);

    full = false;
    await writeFileDurably(fs, target, 'new content');
    expect(await readFile(target, 'utf8')).toBe('new content');
  });

  it('reports a read-only folder as such', async () => {
    const dir = await tempDir();
    const { fs } = recordingFs({ failWrite: () => errno('EROFS') });
    const error = await writeFileDurably(fs, path.join(dir, 'a.json'), 'x').catch((e: unknown) => e);
    expect((error as LessonStudyError).code).toBe('read-only');
  });
});
