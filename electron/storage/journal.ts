import * as path from 'node:path';
import type { z } from 'zod';
import { appendLineDurably, inFlightTempFiles, isTempFileName, storageError, syncDirectory } from './durable-write';
import { isErrno, type FsPort } from './fs-port';
import { lstatRegularFile, openNoFollow } from './no-follow';

/**
 * An append-only journal of JSON lines. Each acknowledged line was fsync'd before the
 * caller answered, so it is complete on disk. A process killed mid-append leaves at most
 * one torn tail (bytes after the last newline): it was never acknowledged, so reading
 * ignores it and cuts it away, and the next append starts on a clean line.
 */

export interface JournalRead<L> {
  lines: L[];
  /** Complete lines that are not valid JSON or fail the schema: damage, not a torn write. */
  badLines: number;
  /** Bytes of a torn last line that were cut away. */
  tornBytes: number;
  exists: boolean;
}

const NEWLINE = 0x0a;

export const readJournal = async <L>(fs: FsPort, file: string, schema: z.ZodType<L>, writable = true): Promise<JournalRead<L>> => {
  let bytes: Buffer;
  try {
    // A journal replaced by a link is refused, never read or cut (see no-follow.ts).
    await lstatRegularFile(fs, file);
    bytes = (await fs.readFile(file)) as Buffer;
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return { lines: [], badLines: 0, tornBytes: 0, exists: false };
    throw storageError(error, file);
  }
  const end = bytes.lastIndexOf(NEWLINE) + 1;
  const tornBytes = bytes.length - end;
  if (tornBytes > 0 && writable) await truncateTo(fs, file, end);
  const lines: L[] = [];
  let badLines = 0;
  for (const text of bytes.subarray(0, end).toString('utf8').split('\n')) {
    if (text.trim() === '') continue;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      badLines += 1;
      continue;
    }
    const parsed = schema.safeParse(raw);
    if (parsed.success) lines.push(parsed.data);
    else badLines += 1;
  }
  return { lines, badLines, tornBytes, exists: true };
};

const truncateTo = async (fs: FsPort, file: string, length: number): Promise<void> => {
  let handle;
  try {
    handle = await openNoFollow(fs, file, 'r+');
    await handle.truncate(length);
    await handle.sync();
  } catch (error) {
    throw storageError(error, file);
  } finally {
    await handle?.close().catch(() => undefined);
  }
};

/**
 * Append lines (one write, one fsync). When the append creates the file, the folder is
 * fsync'd too, so the new file's name survives a power cut along with its content.
 */
export const appendJournal = async (fs: FsPort, file: string, lines: readonly unknown[], fileExists: boolean): Promise<void> => {
  if (lines.length === 0) return;
  const text = `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`;
  await appendLineDurably(fs, file, text);
  if (!fileExists) {
    try {
      await syncDirectory(fs, path.dirname(file));
    } catch (error) {
      throw storageError(error, file);
    }
  }
};

/** Journal files in a folder by generation number: `journal-<n>.jsonl`. */
export const journalGenerations = async (fs: FsPort, dir: string): Promise<number[]> => {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return [];
    throw storageError(error, dir);
  }
  // The snapshot of this lesson is written here too: a write killed mid-way left a temp
  // file, removed now that the lesson is opened (the workspace-open sweep skips these folders).
  for (const name of names) {
    const full = path.join(dir, name);
    if (isTempFileName(name) && !inFlightTempFiles.has(full)) await fs.unlink(full).catch(() => undefined);
  }
  return names
    .map((name) => /^journal-(\d{1,9})\.jsonl$/.exec(name)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
};

export const journalFile = (dir: string, generation: number): string => path.join(dir, `journal-${generation}.jsonl`);
