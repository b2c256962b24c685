import * as fsp from 'node:fs/promises';
import { nodeFs, type FsPort } from '../../../electron/storage/fs-port';

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
      events.push({ op: `open:${String(flags)}`, path: String(file) });
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
