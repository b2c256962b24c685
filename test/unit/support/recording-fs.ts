import { constants as fsConstants } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { nodeFs, type FsPort } from '../../../electron/storage/fs-port';

/**
 * Numeric open flags (as storage passes them with O_NOFOLLOW) in the familiar letters:
 * 'a', 'wx', 'r+', 'w', 'r', and ' nofollow' when links are refused.
 */
export const describeFlags = (flags: string | number | undefined): string => {
  if (typeof flags !== 'number') return String(flags);
  const c = fsConstants;
  const letters =
    flags & c.O_APPEND ? 'a' : flags & c.O_EXCL ? 'wx' : flags & c.O_RDWR ? 'r+' : flags & c.O_WRONLY ? 'w' : 'r';
  return c.O_NOFOLLOW !== undefined && flags & c.O_NOFOLLOW ? `${letters} nofollow` : letters;
};

export interface FsEvent {
  op: string;
  path: string;
}

/**
 * A real fs that records what storage does (to observe fsync and rename order) and can
 * fail chosen operations (to simulate a full disk without filling one).
 */
export const recordingFs = (options: { failWrite?: (path: string) => NodeJS.ErrnoException | null } = {}) => {
  const events: FsEvent[] = [];
  const fs: FsPort = {
    ...nodeFs,
    open: (async (file: string, flags?: string | number, mode?: number) => {
      const handle = await fsp.open(file, flags, mode);
      events.push({ op: `open:${describeFlags(flags)}`, path: String(file) });
      return new Proxy(handle, {
        get(target, prop, receiver) {
          if (prop === 'sync') {
            return async () => {
              events.push({ op: 'fsync', path: String(file) });
              return target.sync();
            };
          }
          if (prop === 'writeFile') {
            return async (data: string | Uint8Array) => {
              const failure = options.failWrite?.(String(file));
              if (failure) {
                // A full disk typically accepts part of the data before refusing.
                await target.writeFile(typeof data === 'string' ? data.slice(0, 3) : data.slice(0, 3));
                throw failure;
              }
              events.push({ op: 'write', path: String(file) });
              return target.writeFile(data);
            };
          }
          const value = Reflect.get(target, prop, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    }) as FsPort['open'],
    rename: async (from, to) => {
      events.push({ op: 'rename', path: `${String(from)} -> ${String(to)}` });
      return fsp.rename(from, to);
    },
    unlink: async (file) => {
      events.push({ op: 'unlink', path: String(file) });
      return fsp.unlink(file);
    },
  };
  return { fs, events };
};

export const errno = (code: string, message = code): NodeJS.ErrnoException =>
  Object.assign(new Error(message), { code });
