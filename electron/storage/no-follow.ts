import { constants, type Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import { LessonStudyError } from '../../shared/result';
import { isErrno, type FsPort } from './fs-port';

/**
 * A file inside the workspace is never opened through a symbolic link (issue 13, bug 9).
 * Anyone who can write into the folder (a shared drive, a sync tool, a downloaded
 * workspace) could otherwise plant a link in place of a journal or the write probe and
 * have the app append to or truncate any file the user can write, or put a photo link
 * to a private key and have the app show it and ship it in an exported pack.
 */

/** How storage opens a file for writing. */
export type WriteFlags = 'a' | 'r+' | 'wx';

const OPEN_FLAGS: Record<WriteFlags, number> = {
  a: constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND,
  'r+': constants.O_RDWR,
  wx: constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL,
};

export const linkRefused = (file: string): LessonStudyError =>
  new LessonStudyError(
    'forbidden',
    `"${path.basename(file)}" in the workspace folder is a link to another file. Lesson Study never reads or writes through a link, so nothing was changed: put the real file in its place, or remove the link, and try again.`,
  );

const notAFile = (file: string): LessonStudyError =>
  new LessonStudyError(
    'forbidden',
    `"${path.basename(file)}" in the workspace folder is not an ordinary file, so Lesson Study did not open it. Nothing was changed.`,
  );

/** The file's own status (a link is not followed); refuses a link or anything but a regular file. ENOENT passes through. */
export const lstatRegularFile = async (fs: FsPort, file: string): Promise<Stats> => {
  const info = await fs.lstat(file);
  if (info.isSymbolicLink()) throw linkRefused(file);
  if (!info.isFile()) throw notAFile(file);
  return info;
};

/**
 * Open for writing, refusing a link. O_NOFOLLOW makes the open itself refuse, so no link
 * swapped in after a check can slip through. Windows has no O_NOFOLLOW: there an lstat
 * just before the open is the check ('wx' cannot go through a link anyway: it fails
 * whenever the name exists).
 */
export const openNoFollow = async (fs: FsPort, file: string, flags: WriteFlags, mode?: number): Promise<FileHandle> => {
  const noFollow = constants.O_NOFOLLOW as number | undefined;
  let handle: FileHandle;
  if (noFollow === undefined) {
    if (flags !== 'wx') {
      await lstatRegularFile(fs, file).catch((error: unknown) => {
        if (!isErrno(error, 'ENOENT')) throw error;
      });
    }
    handle = await fs.open(file, flags, mode);
  } else {
    try {
      handle = await fs.open(file, OPEN_FLAGS[flags] | noFollow, mode);
    } catch (error) {
      // Linux and macOS answer a link with ELOOP, FreeBSD with EMLINK.
      if (isErrno(error, 'ELOOP', 'EMLINK')) throw linkRefused(file);
      throw error;
    }
  }
  let regular = false;
  try {
    regular = (await handle.stat()).isFile();
  } finally {
    if (!regular) await handle.close().catch(() => undefined);
  }
  if (!regular) throw notAFile(file);
  return handle;
};
