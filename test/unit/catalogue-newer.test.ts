import { execFile } from 'node:child_process';
import * as fsp from 'node:fs/promises';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend';
import { nodeFs, type FsPort } from '../../electron/storage/fs-port';
import { errno } from './support/recording-fs';
import { tempDir } from './support/temp';

/**
 * Issue 13, "Never lose an acknowledged write": `catalogue.json` is a cache of the group
 * and cycle files. Whatever state it is in — written by a newer version of the app,
 * unreadable, or not a file at all — listing must work and a write that reached the disk
 * must be reported as saved; the cache is rebuilt from the data files.
 */

const fields = (name: string) => ({ name, schools: [], subject: '', gradeBand: '', researchTheme: '', norms: [], members: [] });

/** A workspace with one group ("Oak") and one cycle, written and closed by the app. */
const oakWorkspace = async () => {
  const dir = await tempDir();
  const backend = await createBackend({ workspaceDir: dir });
  const oak = await backend.service.createGroup(fields('Oak'));
  const cycle = await backend.service.createCycle({ groupId: oak.id, title: 'Oak cycle 1', researchQuestion: '' });
  await backend.close();
  return { dir, oak, cycle, catalogue: path.join(dir, 'catalogue.json') };
};

// This version writes catalogue format 1; a later version has moved on to format 2 and
// stores something this version has never heard of. Its lists are empty on purpose: a
// catalogue this version cannot read must not hide the groups and cycles on disk.
const NEWER_CATALOGUE = JSON.stringify({ schemaVersion: 2, files: {}, groups: [], cycles: [], shelves: [{ id: 'x' }] });

const onDisk = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as { schemaVersion: number; groups: Array<{ name: string }> };

describe('a catalogue this version cannot use is rebuilt from the files', () => {
  it('from a newer app version: groups list, writes are reported as saved, and the catalogue is rebuilt', async () => {
    const { dir, oak, cycle, catalogue } = await oakWorkspace();
    await writeFile(catalogue, NEWER_CATALOGUE);

    const backend = await createBackend({ workspaceDir: dir });
    expect((await backend.service.listGroups({})).map((g) => g.name)).toEqual(['Oak']);
    expect((await backend.service.listCycles({ groupId: oak.id })).map((c) => c.id)).toEqual([cycle.id]);
    const birch = await backend.service.createGroup(fields('Birch'));
    await backend.service.updateGroup({ groupId: birch.id, fields: fields('Birch Team') });
    await backend.service.createCycle({ groupId: birch.id, title: 'Birch cycle 1', researchQuestion: '' });
    expect((await backend.service.listGroups({})).map((g) => g.name)).toEqual(['Birch Team', 'Oak']);
    expect((await backend.service.listCycles({ groupId: birch.id })).map((c) => c.title)).toEqual(['Birch cycle 1']);
    await backend.close();

    const rebuilt = await onDisk(catalogue);
    expect(rebuilt.schemaVersion).toBe(1);
    expect(rebuilt.groups.map((g) => g.name).sort()).toEqual(['Birch Team', 'Oak']);
    const again = await createBackend({ workspaceDir: dir });
    expect((await again.service.listGroups({})).map((g) => g.name)).toEqual(['Birch Team', 'Oak']);
    await again.close();
  });

  it('from a newer app version in a workspace with no groups yet: the first group is reported as saved', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'catalogue.json'), NEWER_CATALOGUE);
    const backend = await createBackend({ workspaceDir: dir });
    expect(await backend.service.listGroups({})).toEqual([]);
    const maple = await backend.service.createGroup(fields('Maple'));
    await backend.service.createCycle({ groupId: maple.id, title: 'Maple cycle 1', researchQuestion: '' });
    expect((await backend.service.listGroups({})).map((g) => g.name)).toEqual(['Maple']);
    expect((await backend.service.listCycles({ groupId: maple.id })).map((c) => c.title)).toEqual(['Maple cycle 1']);
    await backend.close();
    expect((await onDisk(path.join(dir, 'catalogue.json'))).groups.map((g) => g.name)).toEqual(['Maple']);
  });

  it('that cannot be read (permission denied): groups list and writes succeed', async () => {
    const { dir, oak, catalogue } = await oakWorkspace();
    // As a catalogue.json chmod 000 behaves for an ordinary user: reading it is refused,
    // replacing it (a rename in a folder we may write) is not. Injected rather than
    // chmod'ed, because tests may run as root, whom chmod 000 does not stop.
    const denied = (file: unknown) => path.resolve(String(file)) === catalogue;
    const fs: FsPort = {
      ...nodeFs,
      readFile: (async (file: string, options?: unknown) => {
        if (denied(file)) throw errno('EACCES', `EACCES: permission denied, open '${String(file)}'`);
        return fsp.readFile(file, options as never);
      }) as FsPort['readFile'],
      open: (async (file: string, flags?: string | number, mode?: number) => {
        if (denied(file)) throw errno('EACCES', `EACCES: permission denied, open '${String(file)}'`);
        return fsp.open(file, flags, mode);
      }) as FsPort['open'],
    };
    const backend = await createBackend({ workspaceDir: dir, fs });
    expect((await backend.service.listGroups({})).map((g) => g.name)).toEqual(['Oak']);
    await backend.service.updateGroup({ groupId: oak.id, fields: fields('Oak Team') });
    await backend.service.createGroup(fields('Ash'));
    expect((await backend.service.listGroups({})).map((g) => g.name)).toEqual(['Ash', 'Oak Team']);
    await backend.close();
  });

  it('that is a folder: groups list and writes succeed', async () => {
    const { dir, oak, catalogue } = await oakWorkspace();
    await fsp.rm(catalogue);
    await mkdir(catalogue);
    const backend = await createBackend({ workspaceDir: dir });
    expect((await backend.service.listGroups({})).map((g) => g.name)).toEqual(['Oak']);
    await backend.service.updateGroup({ groupId: oak.id, fields: fields('Oak Team') });
    expect((await backend.service.listGroups({})).map((g) => g.name)).toEqual(['Oak Team']);
    await backend.close();
    // Nobody's folder is removed to make room for a cache.
    expect((await stat(catalogue)).isDirectory()).toBe(true);
  });

  it.skipIf(process.platform === 'win32')('that is a link: it is not followed, and a file takes its place', async () => {
    const { dir, catalogue } = await oakWorkspace();
    // A catalogue elsewhere, planted by a link, that would list a group this workspace does not have.
    const elsewhere = path.join(await tempDir(), 'planted.json');
    const planted = JSON.stringify({ schemaVersion: 1, files: {}, groups: [{ id: '0c0ffee0-0000-4000-8000-000000000000', name: 'Planted', subject: '', gradeBand: '', schools: [], memberCount: 0, updatedAt: '2026-01-01T00:00:00.000Z' }], cycles: [], unreadable: [] });
    await writeFile(elsewhere, planted);
    await fsp.rm(catalogue);
    await fsp.symlink(elsewhere, catalogue);
    const backend = await createBackend({ workspaceDir: dir });
    expect((await backend.service.listGroups({})).map((g) => g.name)).toEqual(['Oak']);
    await backend.close();
    expect((await fsp.lstat(catalogue)).isFile()).toBe(true);
    expect(await readFile(elsewhere, 'utf8')).toBe(planted);
  });

  it.skipIf(process.platform === 'win32')('that is a named pipe: it is never opened (opening one waits forever), and is replaced', async () => {
    const { dir, catalogue } = await oakWorkspace();
    await fsp.rm(catalogue);
    await promisify(execFile)('mkfifo', [catalogue]);
    const backend = await createBackend({ workspaceDir: dir });
    expect((await backend.service.listGroups({})).map((g) => g.name)).toEqual(['Oak']);
    await backend.service.createGroup(fields('Elm'));
    await backend.close();
    expect((await stat(catalogue)).isFile()).toBe(true);
    expect((await onDisk(catalogue)).groups.map((g) => g.name).sort()).toEqual(['Elm', 'Oak']);
  }, 15_000);
});
