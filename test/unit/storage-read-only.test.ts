import * as fsp from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend';
import { nodeFs, type FsPort } from '../../electron/storage/fs-port';
import { errno } from './support/recording-fs';
import { tempDir } from './support/temp';

/** A folder on a read-only medium: reads work, every write fails with EROFS. */
const readOnlyFs = (): FsPort => ({
  ...nodeFs,
  open: (async (file: string, flags?: string | number, mode?: number) => {
    if (flags !== undefined && flags !== 'r') throw errno('EROFS', 'read-only file system');
    return fsp.open(file, flags, mode);
  }) as FsPort['open'],
  mkdir: async () => {
    throw errno('EROFS');
  },
  rename: async () => {
    throw errno('EROFS');
  },
  chmod: async () => {
    throw errno('EROFS');
  },
});

describe('read-only workspace', () => {
  it('opens read-only, shows existing data, and refuses changes with a clear message', async () => {
    const dir = await tempDir();
    const writable = await createBackend({ workspaceDir: dir });
    await writable.service.createGroup({ name: 'On a CD', schools: [], subject: '', gradeBand: '', researchTheme: '', norms: [], members: [] });
    await writable.close();

    const backend = await createBackend({ workspaceDir: dir, fs: readOnlyFs() });
    expect((await backend.service.getWorkspace({})).readOnly).toBe(true);
    expect((await backend.service.listGroups({})).map((g) => g.name)).toEqual(['On a CD']);
    const error = await backend.service
      .createGroup({ name: 'New', schools: [], subject: '', gradeBand: '', researchTheme: '', norms: [], members: [] })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'read-only' });
    expect((error as Error).message).toMatch(/read-only/);
    await backend.close();
  });
});
