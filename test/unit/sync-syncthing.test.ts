/**
 * Issue #16 on a real sync engine: two Syncthing instances on 127.0.0.1 keep two copies
 * of a shared workspace, one per "laptop", each with the app's real backend on it. The
 * laptops edit while Syncthing keeps them apart (offline), then reconnect: both show the
 * same workspace, every acknowledged write is there, different fields merged, the one
 * field both changed is a conflict on both, and neither laptop wrote a file of the other's.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/backend';
import { stampObservation } from '../../shared/observe/stamp';
import { hasSyncthing, pollUntil, startSyncthingPair, type SyncthingPair } from './support/syncthing';

if (!hasSyncthing) {
  console.warn('SKIPPED sync-syncthing: the `syncthing` binary is not installed (Debian: apt-get install syncthing; .ci/run installs it).');
}

const ANA = 'aaaaaaaaaaaaaaaa';
const BEN = 'bbbbbbbbbbbbbbbb';
const AIKO = '11111111-1111-4111-8111-111111111111';

const laptop = async (root: string, folder: string, label: string, deviceId: string, share: boolean): Promise<Backend> =>
  createBackend({
    workspaceDir: folder,
    device: { settingsDir: await mkdtemp(path.join(root, `${deviceId}-settings-`)), label, host: label, newDeviceId: () => deviceId, share },
  });

const edit = async (backend: Backend, groupId: string, change: Record<string, unknown>) => {
  const { name, schools, subject, gradeBand, researchTheme, norms, members } = await backend.service.getGroup({ groupId });
  return backend.service.updateGroup({ groupId, fields: { name, schools, subject, gradeBand, researchTheme, norms, members, ...change } });
};

const note = (backend: Backend, cycleId: string, text: string) =>
  stampObservation(
    { text, target: { kind: 'class' }, codeIds: [], photos: [] },
    { id: backend.context.newId(), cycleId, observerId: AIKO, clockMs: 60_000, now: backend.context.clock() },
  );

const texts = async (backend: Backend, cycleId: string) =>
  (await backend.service.getObservationSession({ cycleId })).observations.filter((o) => !o.deletedAt).map((o) => o.text).sort();

describe.skipIf(!hasSyncthing)('a shared workspace kept by Syncthing on two laptops', () => {
  let pair: SyncthingPair;
  let root: string;
  let folderA: string;
  let folderB: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'ls-syncthing-app-'));
    folderA = path.join(root, 'ana');
    folderB = path.join(root, 'ben');
    // The app's durable writes in progress (`.<name>.tmp-<hex>`) stay on their laptop.
    pair = await startSyncthingPair({ folderA, folderB, folderId: 'lesson-study-app', ignores: ['(?d).*.tmp-*'] });
  }, 60_000);

  afterAll(async () => {
    await pair?.stop();
    await rm(root, { recursive: true, force: true });
  }, 30_000);

  it('two laptops edit offline, reconnect, and converge with nothing lost', async () => {
    const ana = await laptop(root, folderA, "Ana's laptop", ANA, true);
    const group = await ana.service.createGroup({ name: 'Maple Grove', schools: [], subject: 'Math', gradeBand: '5', researchTheme: '', norms: [], members: [{ id: AIKO, name: 'Aiko', role: 'observer' }] });
    const cycle = await ana.service.createCycle({ groupId: group.id, title: 'Comparing fractions', researchQuestion: '' });
    await ana.service.saveObservation({ observation: note(ana, cycle.id, 'before the split') });
    await pair.waitInSync(60_000);

    // Ben's laptop finds the folder shared (devices/ came with the sync) and opens it as such.
    const ben = await laptop(root, folderB, "Ben's laptop", BEN, false);
    expect(ben.context.store.shared).toBeDefined();
    expect((await ben.service.listGroups({})).map((g) => g.name)).toEqual(['Maple Grove']);
    expect(await texts(ben, cycle.id)).toEqual(['before the split']);
    expect((await ben.service.getSharing({})).syncedBy).toBe('Syncthing');
    await pair.waitInSync(60_000);

    // Apart: each laptop edits, saves notes, and both change the grade band.
    await pair.pause('a');
    await edit(ana, group.id, { name: 'Maple Grove Grade 5', gradeBand: 'Grade 5 (Ana)' });
    await edit(ben, group.id, { researchTheme: 'Students explain with strips', gradeBand: 'Grade 5 (Ben)' });
    for (const text of ['Ana 1', 'Ana 2']) await ana.service.saveObservation({ observation: note(ana, cycle.id, text) });
    for (const text of ['Ben 1', 'Ben 2', 'Ben 3']) await ben.service.saveObservation({ observation: note(ben, cycle.id, text) });
    // A pack import on Ana's laptop folds her notes into a snapshot meanwhile.
    const { mergeIntoLog } = await import('../../electron/backend/observations-log');
    await mergeIntoLog(ana.context, cycle.id, [{ observations: [note(ana, cycle.id, 'Ana from a pack')], classModes: [] }]);

    await pair.resume('a');
    await pair.waitInSync(90_000);
    const all = ['Ana 1', 'Ana 2', 'Ana from a pack', 'Ben 1', 'Ben 2', 'Ben 3', 'before the split'];
    for (const backend of [ana, ben]) {
      await backend.syncNow();
      expect(await texts(backend, cycle.id)).toEqual(all);
      const shown = await backend.service.getGroup({ groupId: group.id });
      expect(shown).toMatchObject({ name: 'Maple Grove Grade 5', researchTheme: 'Students explain with strips' });
      const { conflicts } = await backend.service.getSharing({});
      expect(conflicts.map((c) => [c.place, c.candidates.map((k) => k.text).sort()])).toEqual([['grade band', ['Grade 5 (Ana)', 'Grade 5 (Ben)']]]);
    }

    // Ben settles it; the choice reaches Ana's laptop through Syncthing.
    const [conflict] = (await ben.service.getSharing({})).conflicts;
    await ben.service.resolveSharedConflict({ key: conflict.key, candidate: conflict.candidates.findIndex((c) => c.text === 'Grade 5 (Ana)') });
    await pair.waitInSync(60_000);
    await pollUntil('the choice to reach Ana', async () => {
      await ana.syncNow();
      return (await ana.service.getSharing({})).conflicts.length === 0;
    }, 30_000);
    expect((await ana.service.getGroup({ groupId: group.id })).gradeBand).toBe('Grade 5 (Ana)');

    // Syncthing kept no conflict copy: every file has one writer.
    for (const folder of [folderA, folderB]) {
      for (const device of await readdir(path.join(folder, 'devices'))) {
        expect((await readdir(path.join(folder, 'devices', device))).filter((name) => name.includes('sync-conflict'))).toEqual([]);
      }
    }
    await ana.close();
    await ben.close();
  }, 300_000);
});
