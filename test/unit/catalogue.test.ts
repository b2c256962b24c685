import { readFile, rename, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend';
import { CATALOGUE_PATH } from '../../electron/backend/catalogue';
import { tempDir } from './support/temp';

const fields = (name: string) => ({ name, schools: [], subject: '', gradeBand: '', researchTheme: '', norms: [], members: [] });

describe('workspace catalogue', () => {
  it('lists groups and cycles from one file, kept in step with every write', async () => {
    const dir = await tempDir();
    const first = await createBackend({ workspaceDir: dir });
    const group = await first.service.createGroup(fields('Oak'));
    const cycle = await first.service.createCycle({ groupId: group.id, title: 'Cycle 1', researchQuestion: '' });
    await first.service.updateGroup({ groupId: group.id, fields: fields('Oak Team') });
    await first.close();

    const catalogue = JSON.parse(await readFile(path.join(dir, CATALOGUE_PATH), 'utf8'));
    expect(catalogue.groups.map((g: { name: string }) => g.name)).toEqual(['Oak Team']);
    expect(catalogue.cycles.map((c: { title: string }) => c.title)).toEqual(['Cycle 1']);

    const second = await createBackend({ workspaceDir: dir });
    expect((await second.service.listGroups({})).map((g) => g.name)).toEqual(['Oak Team']);
    expect((await second.service.listCycles({ groupId: group.id })).map((c) => c.id)).toEqual([cycle.id]);
    await second.service.deleteCycle({ cycleId: cycle.id });
    expect(await second.service.listCycles({ groupId: group.id })).toEqual([]);
    await second.close();
  });

  it('is rebuilt from the files when they changed behind its back', async () => {
    const dir = await tempDir();
    const first = await createBackend({ workspaceDir: dir });
    const group = await first.service.createGroup(fields('Birch'));
    await first.close();
    // Another program replaces the group file (by rename, as editors and sync tools do).
    const file = path.join(dir, 'groups', `${group.id}.json`);
    const edited = (await readFile(file, 'utf8')).replace('"Birch"', '"Birch renamed by hand"');
    await writeFile(`${file}.new`, edited);
    await rename(`${file}.new`, file);

    const second = await createBackend({ workspaceDir: dir });
    expect((await second.service.listGroups({})).map((g) => g.name)).toEqual(['Birch renamed by hand']);
    await second.close();
  });

  it('a damaged catalogue is rebuilt, never trusted', async () => {
    const dir = await tempDir();
    const first = await createBackend({ workspaceDir: dir });
    await first.service.createGroup(fields('Cedar'));
    await first.close();
    await writeFile(path.join(dir, CATALOGUE_PATH), '{"schemaVersion":1,"folders":');
    const second = await createBackend({ workspaceDir: dir });
    expect((await second.service.listGroups({})).map((g) => g.name)).toEqual(['Cedar']);
    await second.close();
  });
});
