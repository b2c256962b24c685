import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { LessonStudyError } from '../../shared/result';
import { isErrno, type FsPort } from './fs-port';
import { openNoFollow } from './no-follow';

/** Data, backup and temp files are readable by the user only. */
export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

const TEMP_MARK = '.tmp-';

/**
 * Temp files of writes this process has in flight. The sweep of stale temp files (left
 * by a killed process) runs in the background and must not delete one of these.
 */
export const inFlightTempFiles = new Set<string>();
export const isTempFileName = (name: string): boolean => name.startsWith('.') && name.includes(TEMP_MARK);

/** Turns an fs error into a message a teacher can act on. */
export const storageError = (error: unknown, filePath: string): LessonStudyError => {
  if (error instanceof LessonStudyError) return error;
  const name = path.basename(filePath);
  if (isErrno(error, 'ENOSPC', 'EDQUOT')) {
    return new LessonStudyError(
      'disk-full',
      `The disk is full, so "${name}" could not be saved. Nothing was changed: free some space and try again.`,
    );
  }
  if (isErrno(error, 'EROFS', 'EACCES', 'EPERM')) {
    return new LessonStudyError(
      'read-only',
      `"${name}" could not be saved because the workspace folder is read-only or not yours to write.`,
    );
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new LessonStudyError('io', `"${name}" could not be saved: ${detail}`);
};

/** fsync a directory so a rename inside it survives power loss. Windows cannot; it needs no such call. */
export const syncDirectory = async (fs: FsPort, dir: string): Promise<void> => {
  let handle;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch (error) {
    if (!isErrno(error, 'EISDIR', 'EINVAL', 'EPERM', 'EBADF')) throw error;
  } finally {
    await handle?.close().catch(() => undefined);
  }
};

/**
 * Waits between retries of a rename that another program blocked for a moment. On
 * Windows an antivirus scanner, a backup tool or a sync client holds a freshly written
 * file and rename fails with EPERM, EBUSY or EACCES; Actual Budget's `atomicWriteFile`
 * retries the same way. About 2 s in all before the folder is called read-only.
 * Replaceable so tests run the schedule without waiting.
 */
export const renameRetry = {
  delaysMs: [10, 20, 40, 80, 120, 160, 200, 250, 300, 350, 400] as readonly number[],
  wait: (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms)),
};

const renameWithRetry = async (fs: FsPort, from: string, to: string): Promise<void> => {
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (error) {
      const delay = renameRetry.delaysMs[attempt];
      if (delay === undefined || !isErrno(error, 'EPERM', 'EBUSY', 'EACCES')) throw error;
      await renameRetry.wait(delay);
    }
  }
};

/**
 * Atomic *and* durable replace: temp file in the same folder, fsync it, rename over the
 * target, fsync the folder. steno (lowdb's default writer) renames but never fsyncs, so
 * a power cut right after "Saved" could still leave an empty file on some filesystems.
 * On failure the previous file is untouched and the temp file is removed.
 */
export const writeFileDurably = async (fs: FsPort, filePath: string, data: string | Uint8Array): Promise<void> => {
  const dir = path.dirname(filePath);
  const temp = path.join(dir, `.${path.basename(filePath)}${TEMP_MARK}${randomBytes(6).toString('hex')}`);
  let handle;
  inFlightTempFiles.add(temp);
  try {
    handle = await fs.open(temp, 'w', FILE_MODE);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await renameWithRetry(fs, temp, filePath);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.unlink(temp).catch(() => undefined);
    throw storageError(error, filePath);
  } finally {
    inFlightTempFiles.delete(temp);
  }
  // The new content is in place once renamed: from here on, reporting a failure would be
  // false ("nothing was changed") and a retry would duplicate a creation. A folder that
  // cannot be fsync'd only weakens durability against a power cut, so it does not fail the write.
  await syncDirectory(fs, dir).catch(() => undefined);
};

/**
 * Append one line and fsync it: the unit of an append-only journal. A full disk can take
 * part of the line before refusing; that part is cut away again, so the file is as it was
 * and the next acknowledged line does not start glued to a torn one (which would make it
 * unreadable).
 */
export const appendLineDurably = async (fs: FsPort, filePath: string, line: string): Promise<void> => {
  let handle: Awaited<ReturnType<FsPort['open']>> | undefined;
  let length: number | undefined;
  try {
    // Never through a link: a journal replaced by one would append outside the workspace.
    handle = await openNoFollow(fs, filePath, 'a', FILE_MODE);
    length = (await handle.stat()).size;
    await handle.writeFile(line.endsWith('\n') ? line : `${line}\n`);
    await handle.sync();
  } catch (error) {
    if (handle && length !== undefined) {
      const open = handle;
      await open.truncate(length).then(() => open.sync()).catch(() => undefined);
    }
    throw storageError(error, filePath);
  } finally {
    await handle?.close().catch(() => undefined);
  }
};

/**
 * Create a folder (and its missing parents). When it creates one, the parent of the
 * first new folder is fsync'd, so the new folder's name — and every file about to be
 * written in it — survives a power cut.
 */
export const ensureDir = async (fs: FsPort, dir: string): Promise<void> => {
  try {
    const created = await fs.mkdir(dir, { recursive: true, mode: DIR_MODE });
    if (created) await syncDirectory(fs, path.dirname(created));
  } catch (error) {
    throw storageError(error, dir);
  }
};
