/**
 * Backups and recovery: every kept copy of a file, named by what it holds, restorable
 * (keeping the current one first); the trash of deletions, restorable as one.
 */
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend';
import { dispatch } from '../../electron/dispatch';
import { stampObservation } from '../../shared/observe/stamp';
import { tempDir } from './support/temp';

const fields = (name: string, members: Array<{ id: string; name: string; role: 'observer' | 'teacher' }> = []) => ({
  name,
  schools: [],
  subject: 'Math',
  gradeBand: '5',
  researchTheme: '',
  norms: [],
  members,
});

/** A clock the test moves by hand, a minute per change. */
const steppingClock = () => {
  let now = Date.parse('2026-11-20T09:00:00.000Z');
  return { clock: () => new Date(now), tick: () => void (now += 60_000) };
};

describe('backups and recovery', () => {
  it('lists each kept copy by what it holds, and restores one, keeping the current state as a copy first', async () => {
    const dir = await tempDir();
    const time = steppingClock();
    const backend = await createBackend({ workspaceDir: dir, clock: time.clock, backupIntervalMs: 0 });
    const { service } = backend;
    const aiko = { id: '0b7c1a52-5a0e-4c1d-9a55-1f1b1f7e0a01', name: 'Aiko', role: 'observer' as const };
    const ben = { id: '0b7c1a52-5a0e-4c1d-9a55-1f1b1f7e0a02', name: 'Ben', role: 'teacher' as const };
    const group = await service.createGroup(fields('Maple Grove', [aiko]));
    time.tick();
    await service.updateGroup({ groupId: group.id, fields: fields('Maple Grove Grade 5', [aiko, ben]) });

    const files = await service.listKeptFiles({});
    expect(files).toEqual([{ file: `groups/${group.id}.json`, kind: 'group', title: 'Maple Grove Grade 5', copies: 3 }]);
    const copies = await service.listKeptCopies({ file: `groups/${group.id}.json` });
    expect(copies.map((c) => [c.id, c.summary])).toEqual([
      ['last-saved', 'group “Maple Grove Grade 5”, 2 members'],
      ['2026-11-20T09-01-00-000Z', 'group “Maple Grove Grade 5”, 2 members'],
      ['2026-11-20T09-00-00-000Z', 'group “Maple Grove”, 1 member'],
    ]);

    time.tick();
    const restored = await service.restoreKeptCopy({ file: `groups/${group.id}.json`, copy: '2026-11-20T09-00-00-000Z' });
    expect(restored.summary).toBe('group “Maple Grove”, 1 member');
    expect((await service.getGroup({ groupId: group.id })).name).toBe('Maple Grove');
    expect((await service.listGroups({})).map((g) => g.name)).toEqual(['Maple Grove']);
    // The state before the restore is itself kept, so the restore can be undone.
    const after = await service.listKeptCopies({ file: `groups/${group.id}.json` });
    expect(after.find((c) => c.id === '2026-11-20T09-02-00-000Z')?.summary).toBe('group “Maple Grove Grade 5”, 2 members');
    await backend.close();
  });

  it('puts a deleted group back with its cycle and the notes still in its journal, as one deletion', async () => {
    const dir = await tempDir();
    const time = steppingClock();
    const backend = await createBackend({ workspaceDir: dir, clock: time.clock });
    const { service, context } = backend;
    const group = await service.createGroup(fields('Cedar', [{ id: '0b7c1a52-5a0e-4c1d-9a55-1f1b1f7e0a03', name: 'Chika', role: 'observer' }]));
    const cycle = await service.createCycle({ groupId: group.id, title: 'Comparing fractions', researchQuestion: '' });
    for (const text of ['first', 'second', 'third']) {
      await service.saveObservation({
        observation: stampObservation(
          { text, target: { kind: 'class' }, codeIds: [], photos: [] },
          { id: context.newId(), cycleId: cycle.id, observerId: group.members[0].id, clockMs: 1000, now: time.clock() },
        ),
      });
    }
    time.tick();
    await service.deleteGroup({ groupId: group.id });
    expect(await service.listGroups({})).toEqual([]);

    const trash = await service.listTrash({});
    expect(trash).toHaveLength(1);
    expect(trash[0].deletedAt).toBe('2026-11-20T09:01:00.000Z');
    expect(trash[0].items).toEqual([
      { file: `groups/${group.id}.json`, kind: 'group', title: 'Cedar' },
      { file: `cycles/${cycle.id}.json`, kind: 'cycle', title: 'Comparing fractions' },
      { file: `observations/${cycle.id}`, kind: 'observations', title: 'Comparing fractions' },
    ]);

    expect(await service.restoreFromTrash({ id: trash[0].id })).toEqual({ restored: 3 });
    expect((await service.listGroups({})).map((g) => g.name)).toEqual(['Cedar']);
    expect((await service.listCycles({ groupId: group.id })).map((c) => c.title)).toEqual(['Comparing fractions']);
    expect((await service.getObservationSession({ cycleId: cycle.id })).observations.map((o) => o.text).sort()).toEqual(['first', 'second', 'third']);
    expect(await service.listTrash({})).toEqual([]);
    await backend.close();

    // And after a restart.
    const reopened = await createBackend({ workspaceDir: dir });
    expect((await reopened.service.listGroups({})).map((g) => g.name)).toEqual(['Cedar']);
    await reopened.close();
  });

  it('refuses to put a deletion back over a file that exists again, and moves nothing', async () => {
    const dir = await tempDir();
    const backend = await createBackend({ workspaceDir: dir });
    const group = await backend.service.createGroup(fields('Birch'));
    await backend.service.deleteGroup({ groupId: group.id });
    const [deletion] = await backend.service.listTrash({});
    await writeFile(path.join(dir, 'groups', `${group.id}.json`), '{}');
    await expect(backend.service.restoreFromTrash({ id: deletion.id })).rejects.toMatchObject({ code: 'conflict' });
    expect(await backend.service.listTrash({})).toHaveLength(1);
    await backend.close();
  });

  it.each([
    ['a path outside the data folders', { file: '../../etc/passwd.json', copy: 'last-saved' }],
    ['a lock file', { file: '.lesson-study.lock', copy: 'last-saved' }],
    ['a copy id with a path in it', { file: 'groups/0b7c1a52-5a0e-4c1d-9a55-1f1b1f7e0a03.json', copy: '../last-saved' }],
  ])('refuses %s at the door, before the backend', async (_label, request) => {
    const dir = await tempDir();
    const backend = await createBackend({ workspaceDir: dir });
    const result = await dispatch(backend.service, 'restoreKeptCopy', request);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    await backend.close();
  });
});
