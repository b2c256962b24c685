import { statSync } from 'node:fs';
import * as fsp from 'node:fs/promises';

/**
 * The part of `node:fs/promises` storage uses. Passed in, so tests can observe
 * fsync calls or make a write fail with ENOSPC without a real full disk.
 */
export type FsPort = Pick<
  typeof fsp,
  'open' | 'rename' | 'unlink' | 'readFile' | 'mkdir' | 'readdir' | 'stat' | 'lstat' | 'copyFile' | 'rm' | 'access' | 'chmod' | 'link'
> & {
  /**
   * For checking hundreds of files at once (the catalogue on open): a synchronous stat
   * costs microseconds, while each promise stat waits its turn in libuv's four-thread pool.
   */
  statSync: typeof statSync;
};

export const nodeFs: FsPort = { ...fsp, statSync };

export const isErrno = (error: unknown, ...codes: string[]): boolean =>
  typeof error === 'object' && error !== null && codes.includes((error as NodeJS.ErrnoException).code ?? '');
