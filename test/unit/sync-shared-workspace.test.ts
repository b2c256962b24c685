/**
 * Issue #16 through the real backend: two laptops, each with its own copy of the shared
 * folder (as OneDrive or Syncthing keeps one per computer), edit offline; a "sync" copies
 * each file the other side has and this side does not write. After it both laptops show
 * the same workspace, nothing acknowledged is missing, and no laptop ever wrote a file of
 * the other's.
 */
import { cp, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/backend';
import { stampObservation } from '../../shared/observe/stamp';
import { tempDir } from './support/temp';

const AIKO = '11111111-1111-4111-8111-111111111111';
const BEN = '22222222-2222-4222-8222-222222222222';
const A = 'aaaaaaaaaaaaaaaa';
const B = 'bbbbbbbbbbbbbbbb';

let tick = 0;
/** Each laptop's clock moves one second per reading, from its own start. */
const clockFrom = (iso: string) => {
  const start = Date.parse(iso);
  let n = 0;
  return () => new Date(start + 1000 * n++ + tick);
};

const open = async (dir: string, settings: string, label: string, deviceId: string, start: string, share = true): Promise<Backend> =>
  createBackend({
    workspaceDir: dir,
    clock: clockFrom(start),
    device: { settingsDir: settings, label, host: `host-${label}`, newDeviceId: () => deviceId, newNonce: () => `${deviceId}${tick++}`.slice(0, 16), share },
  });

/** Every file below `dir`, relative, sorted. */
const files = async (dir: string): Promise<string[]> => {
  const out: string[] = [];
  const walk = async (rel: string) => {
    for (const entry of await readdir(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(child);
      else out.push(child);
    }
  };
  await walk('');
  return out.sort();
};

/**
 * What a sync tool does for `to`: bring every file under `devices/` and `photos/` that
 * `from` has, except `to`'s own device folder (a sync tool would carry `to`'s own files
 * the other way). Returns what it copied.
 */
const syncInto = async (from: string, to: string, toDevice: string): Promise<string[]> => {
  const copied: string[] = [];
  for (const rel of await files(from)) {
    if (!(rel.startsWith('devices/') || rel.startsWith('photos/'))) continue;
    if (rel.startsWith(`devices/${toDevice}/`)) continue;
    const target = path.join(to, rel);
    const text = await readFile(path.join(from, rel));
    const existing = await readFile(target).catch(() => null);
    if (existing && existing.equals(text)) continue;
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text);
    copied.push(rel);
  }
  return copied;
};

/** Change some of a group's fields as the group screen does: the whole fields object, with the rest as shown. */
const edit = async (backend: Backend, groupId: string, change: Record<string, unknown>) => {
  const { name, schools, subject, gradeBand, researchTheme, norms, members } = await backend.service.getGroup({ groupId });
  return backend.service.updateGroup({ groupId, fields: { name, schools, subject, gradeBand, researchTheme, norms, members, ...change } });
};

const fields = (name: string) => ({ name, schools: [], subject: 'Math', gradeBand: '5', researchTheme: '', norms: [], members: [] });

const note = (backend: Backend, cycleId: string, observerId: string, text: string) =>
  stampObservation(
    { text, target: { kind: 'class' }, codeIds: [], photos: [] },
    { id: backend.context.newId(), cycleId, observerId, clockMs: 60_000, now: backend.context.clock() },
  );

const texts = async (backend: Backend, cycleId: string) =>
  (await backend.service.getObservationSession({ cycleId })).observations.filter((o) => !o.deletedAt).map((o) => o.text).sort();

/** Two laptops with a group and a cycle made on Ana's and synced to Ben's. */
const twoLaptops = async () => {
  const [dirA, dirB, setA, setB] = await Promise.all([tempDir(), tempDir(), tempDir(), tempDir()]);
  const ana = await open(dirA, setA, "Ana's laptop", A, '2026-03-02T09:00:00Z');
  const group = await ana.service.createGroup({ ...fields('Maple Grove'), members: [{ id: AIKO, name: 'Aiko', role: 'observer' }, { id: BEN, name: 'Ben', role: 'observer' }] });
  const cycle = await ana.service.createCycle({ groupId: group.id, title: 'Comparing fractions', researchQuestion: '' });
  const ben = await open(dirB, setB, "Ben's laptop", B, '2026-03-02T09:30:00Z');
  await syncInto(dirA, dirB, B);
  await ben.syncNow();
  return { dirA, dirB, ana, ben, group, cycle };
};

describe('a shared workspace on two laptops (issue #16)', () => {
  it('writes only under the laptop\'s own device folder (and the shared photos): no file has two writers', async () => {
    const { dirA, dirB, ana, ben, group, cycle } = await twoLaptops();
    await ana.service.saveObservation({ observation: note(ana, cycle.id, AIKO, 'Mia folds the strip in thirds') });
    await edit(ben, group.id, { subject: 'Mathematics' });
    const outside = (list: string[], me: string) => list.filter((rel) => !rel.startsWith(`devices/${me}/`));
    // Ana's laptop has only its own files (nothing synced to it yet); Ben's has its own and exact copies of Ana's.
    expect(outside(await files(dirA), A)).toEqual([]);
    const fromAna = outside(await files(dirB), B);
    expect(fromAna.length).toBeGreaterThan(0);
    for (const rel of fromAna) {
      expect(rel.startsWith(`devices/${A}/`)).toBe(true);
      expect(await readFile(path.join(dirB, rel), 'utf8')).toBe(await readFile(path.join(dirA, rel), 'utf8').catch(() => 'gone'));
    }
    // Ana's ops and Ben's record are where they should be; Ben's copy of Ana's folder came only from the sync.
    expect(await files(path.join(dirA, 'devices', A))).toEqual(expect.arrayContaining(['device.json', 'ops-1.jsonl']));
    await ana.close();
    await ben.close();
  });

  it('merges offline edits of different fields of one group, and of different steps of one plan', async () => {
    const { dirA, dirB, ana, ben, group } = await twoLaptops();
    await edit(ana, group.id, { name: 'Maple Grove Grade 5' });
    await edit(ben, group.id, { researchTheme: 'Students explain their reasoning' });
    await syncInto(dirA, dirB, B);
    await syncInto(dirB, dirA, A);
    const changed = await ana.syncNow();
    expect(changed.documents.map((c) => [c.rel, c.devices])).toEqual([[`groups/${group.id}.json`, [B]]]);
    await ben.syncNow();
    for (const laptop of [ana, ben]) {
      const seen = await laptop.service.getGroup({ groupId: group.id });
      expect(seen).toMatchObject({ name: 'Maple Grove Grade 5', researchTheme: 'Students explain their reasoning' });
      expect(laptop.context.store.shared?.conflicts()).toEqual([]);
    }
    await ana.close();
    await ben.close();
  });

  it('keeps both values of one field edited on both laptops as a conflict, until someone chooses', async () => {
    const { dirA, dirB, ana, ben, group } = await twoLaptops();
    await edit(ana, group.id, { name: 'Maple Grove A' });
    await edit(ben, group.id, { name: 'Maple Grove B' });
    await syncInto(dirA, dirB, B);
    await syncInto(dirB, dirA, A);
    await ana.syncNow();
    await ben.syncNow();
    const conflictsA = ana.context.store.shared!.conflicts();
    expect(conflictsA).toHaveLength(1);
    expect(conflictsA[0]).toMatchObject({ kind: 'groups', id: group.id, path: ['group', 'name'], reason: 'value' });
    expect(conflictsA[0].candidates.map((c) => [c.value, c.device]).sort()).toEqual([['Maple Grove A', A], ['Maple Grove B', B]]);
    // Both laptops show the same one of the two while it is open.
    expect((await ana.service.getGroup({ groupId: group.id })).name).toBe((await ben.service.getGroup({ groupId: group.id })).name);

    const chosen = conflictsA[0].candidates.findIndex((c) => c.value === 'Maple Grove A');
    await ben.context.store.shared!.resolve(ben.context.store.shared!.conflicts()[0], { candidate: ben.context.store.shared!.conflicts()[0].candidates.findIndex((c) => c.value === 'Maple Grove A') });
    expect(chosen).toBeGreaterThanOrEqual(0);
    await syncInto(dirB, dirA, A);
    await ana.syncNow();
    await ben.syncNow();
    for (const laptop of [ana, ben]) {
      expect(laptop.context.store.shared!.conflicts()).toEqual([]);
    }
    expect((await ana.service.getGroup({ groupId: group.id })).name).toBe('Maple Grove A');
    await ana.close();
    await ben.close();
  });

  it("an import of a pack on one laptop while the other adds notes offline loses none of the other's notes", async () => {
    const { dirA, dirB, ana, ben, cycle } = await twoLaptops();
    for (const text of ['B1 halves first', 'B2 counts pieces', 'B3 draws a line']) {
      await ben.service.saveObservation({ observation: note(ben, cycle.id, BEN, text) });
    }
    // On Ana's laptop: notes, then everything folded into her snapshot (what a pack import does).
    await ana.service.saveObservation({ observation: note(ana, cycle.id, AIKO, 'A1 compares to one half') });
    const { mergeIntoLog } = await import('../../electron/backend/observations-log');
    await mergeIntoLog(ana.context, cycle.id, [{ observations: [note(ana, cycle.id, AIKO, 'A2 from a pack')], classModes: [] }]);
    const benJournalBefore = await files(path.join(dirB, 'devices', B, 'observations', cycle.id));
    await syncInto(dirA, dirB, B);
    await syncInto(dirB, dirA, A);
    await ana.syncNow();
    await ben.syncNow();
    const all = ['A1 compares to one half', 'A2 from a pack', 'B1 halves first', 'B2 counts pieces', 'B3 draws a line'];
    expect(await texts(ana, cycle.id)).toEqual(all);
    expect(await texts(ben, cycle.id)).toEqual(all);
    // Ben's journal was not folded or deleted by Ana's import.
    expect(await files(path.join(dirB, 'devices', B, 'observations', cycle.id))).toEqual(benJournalBefore);
    expect(benJournalBefore).toContain('journal-1.jsonl');
    await ana.close();
    await ben.close();
  });

  it('a laptop that opens later (restart) computes the same state from the files alone', async () => {
    const { dirA, dirB, ana, ben, group, cycle } = await twoLaptops();
    await edit(ben, group.id, { gradeBand: '6' });
    await ben.service.saveObservation({ observation: note(ben, cycle.id, BEN, 'written on Ben') });
    await ben.close();
    await ana.close();
    await syncInto(dirB, dirA, A);
    const again = await open(dirA, await tempDir(), "Ana's other account", 'cccccccccccccccc', '2026-03-03T08:00:00Z');
    expect((await again.service.getGroup({ groupId: group.id })).gradeBand).toBe('6');
    expect(await texts(again, cycle.id)).toEqual(['written on Ben']);
    expect((await again.service.listGroups({})).map((g) => g.name)).toEqual(['Maple Grove']);
    await again.close();
  });

  it('a deletion is a tombstone every laptop sees; Deleted items puts it back on every laptop', async () => {
    const { dirA, dirB, ana, ben, group } = await twoLaptops();
    await ana.service.deleteGroup({ groupId: group.id });
    await syncInto(dirA, dirB, B);
    await ben.syncNow();
    expect(await ben.service.listGroups({})).toEqual([]);
    expect(await ana.service.listGroups({})).toEqual([]);
    // Ana's Deleted items has it, with its cycle; putting it back brings it back on both laptops.
    const [deletion] = await ana.service.listTrash({});
    expect(deletion.items.map((item) => [item.kind, item.title]).sort()).toEqual([['cycle', 'Comparing fractions'], ['group', 'Maple Grove']]);
    await ana.service.restoreFromTrash({ id: deletion.id });
    await syncInto(dirA, dirB, B);
    await ben.syncNow();
    for (const laptop of [ana, ben]) {
      expect((await laptop.service.listGroups({})).map((g) => g.name)).toEqual(['Maple Grove']);
      expect((await laptop.service.listCycles({ groupId: group.id })).map((c) => c.title)).toEqual(['Comparing fractions']);
    }
    expect(await ana.service.listTrash({})).toEqual([]);
    await ana.close();
    await ben.close();
  });

  it('a workspace kept on one computer is migrated when it is shared: a backup first, then every document as ops', async () => {
    const dir = await tempDir();
    const single = await createBackend({ workspaceDir: dir, clock: clockFrom('2026-01-10T08:00:00Z') });
    const group = await single.service.createGroup({ ...fields('Cedar Hill'), members: [{ id: AIKO, name: 'Aiko', role: 'observer' }] });
    const cycle = await single.service.createCycle({ groupId: group.id, title: 'Area of a triangle', researchQuestion: '' });
    await single.service.saveObservation({ observation: note(single, cycle.id, AIKO, 'before sharing') });
    await single.close();

    const ana = await open(dir, await tempDir(), "Ana's laptop", A, '2026-03-02T09:00:00Z');
    const backups = await readdir(path.join(dir, 'devices', A, '.backups'));
    expect(backups.filter((name) => name.startsWith('before-sharing-'))).toHaveLength(1);
    const kept = await files(path.join(dir, 'devices', A, '.backups', backups.find((n) => n.startsWith('before-sharing-'))!));
    expect(kept).toEqual([`cycles/${cycle.id}.json`, `groups/${group.id}.json`]);
    expect((await ana.service.listGroups({})).map((g) => g.name)).toEqual(['Cedar Hill']);
    expect(await texts(ana, cycle.id)).toEqual(['before sharing']);

    // Ben receives the folder through the sync tool: the documents as Ana's ops, the older notes as they were.
    const dirB = await tempDir();
    await cp(path.join(dir, 'observations'), path.join(dirB, 'observations'), { recursive: true });
    await syncInto(dir, dirB, B);
    const ben = await open(dirB, await tempDir(), "Ben's laptop", B, '2026-03-02T10:00:00Z', false);
    expect((await ben.service.listGroups({})).map((g) => g.name)).toEqual(['Cedar Hill']);
    expect(await texts(ben, cycle.id)).toEqual(['before sharing']);
    // Ben's laptop found every document already shared: it made no backup and wrote no ops of its own.
    expect(await readdir(path.join(dirB, 'devices', B))).toEqual(expect.not.arrayContaining(['.backups', 'ops-1.jsonl']));
    expect((await stat(path.join(dir, 'groups', `${group.id}.json`))).isFile()).toBe(true);
    await ana.close();
    await ben.close();
  });

  it('a workspace nobody shared stays a one-computer workspace: its lock in the folder, its documents as files', async () => {
    const dir = await tempDir();
    const alone = await open(dir, await tempDir(), "Ana's laptop", A, '2026-03-02T09:00:00Z', false);
    const group = await alone.service.createGroup(fields('Birch'));
    expect(alone.context.store.shared).toBeUndefined();
    expect(await readdir(dir)).toEqual(expect.arrayContaining(['.lesson-study.lock', 'groups']));
    expect(await readdir(dir)).not.toContain('devices');
    expect(await readdir(path.join(dir, 'groups'))).toEqual([`${group.id}.json`]);
    await alone.close();
  });

  it('reads a teammate\'s log as it grows, and a last line still arriving only once it is whole', async () => {
    const { dirA, dirB, ana, ben, group } = await twoLaptops();
    await edit(ben, group.id, { subject: 'Mathematics' });
    await syncInto(dirB, dirA, A);
    await ana.syncNow();
    const log = (dir: string) => path.join(dir, 'devices', B, 'ops-1.jsonl');
    const before = await readFile(log(dirB));
    await edit(ben, group.id, { gradeBand: 'Grade 5' });
    const after = await readFile(log(dirB));
    const added = after.subarray(before.length);
    expect(added.length).toBeGreaterThan(10);
    // The sync tool has written half of the new lines so far.
    const half = before.length + Math.floor(added.length / 2);
    await writeFile(log(dirA), after.subarray(0, half));
    expect((await ana.syncNow()).documents).toEqual([]);
    expect((await ana.service.getGroup({ groupId: group.id })).gradeBand).toBe('5');
    await writeFile(log(dirA), after);
    expect((await ana.syncNow()).documents.map((c) => c.rel)).toEqual([`groups/${group.id}.json`]);
    expect((await ana.service.getGroup({ groupId: group.id })).gradeBand).toBe('Grade 5');
    await ana.close();
    await ben.close();
  });

  it('says what the others changed since this laptop was last here, once', async () => {
    const { dirA, dirB, ana, ben, group } = await twoLaptops();
    await ana.close();
    await edit(ben, group.id, { researchTheme: 'Reasoning with strips' });
    await syncInto(dirB, dirA, A);
    const back = await open(dirA, await tempDir(), "Ana's laptop", A, '2026-03-03T09:00:00Z', false);
    // The same settings folder is not needed: the device id is injected, and "seen" lives in Ana's device folder.
    const sharing = await back.service.getSharing({});
    expect(sharing.changes.map((c) => [c.document, c.devices])).toEqual([['the group “Maple Grove”', ["Ben's laptop"]]]);
    expect(sharing.others.map((o) => o.label)).toEqual(["Ben's laptop"]);
    await back.close();
    const again = await open(dirA, await tempDir(), "Ana's laptop", A, '2026-03-03T10:00:00Z', false);
    expect((await again.service.getSharing({})).changes).toEqual([]);
    await again.close();
    await ben.close();
  });

  it('settles a conflict through the channel, in words: which document, which place, whose values', async () => {
    const { dirA, dirB, ana, ben, group } = await twoLaptops();
    await edit(ana, group.id, { gradeBand: '5 (upper)' });
    await edit(ben, group.id, { gradeBand: 'Grade five' });
    await syncInto(dirA, dirB, B);
    await syncInto(dirB, dirA, A);
    await ana.syncNow();
    const sharing = await ana.service.getSharing({});
    expect(sharing.conflicts).toHaveLength(1);
    const [conflict] = sharing.conflicts;
    expect(conflict).toMatchObject({ document: 'the group “Maple Grove”', place: 'grade band' });
    expect(conflict.candidates.map((c) => [c.text, c.device]).sort()).toEqual([['5 (upper)', "Ana's laptop"], ['Grade five', "Ben's laptop"]]);
    await expect(ana.service.resolveSharedConflict({ key: 'no such conflict', candidate: 0 })).rejects.toMatchObject({ code: 'not-found' });
    await expect(ana.service.resolveSharedConflict({ key: conflict.key, candidate: 2 })).rejects.toMatchObject({ code: 'invalid-request' });
    const after = await ana.service.resolveSharedConflict({ key: conflict.key, candidate: conflict.candidates.findIndex((c) => c.text === 'Grade five') });
    expect(after.conflicts).toEqual([]);
    expect((await ana.service.getGroup({ groupId: group.id })).gradeBand).toBe('Grade five');
    await ana.close();
    await ben.close();
  });
});

describe('sharing the sample workspace', () => {
  it('migrates every group, design, cycle, analysis and note unchanged, and a second laptop reads the same', async () => {
    const { copySampleWorkspace } = await import('../../electron/sample');
    const dir = await tempDir();
    await copySampleWorkspace(dir, path.resolve('resources/sample-workspace'));
    /** What a teacher sees of a workspace, through the channels. */
    const everything = async (backend: Backend) => {
      const groups = await backend.service.listGroups({});
      const out: unknown[] = [groups];
      for (const g of groups) {
        out.push(await backend.service.getGroup({ groupId: g.id }));
        for (const d of await backend.service.listDesigns({ groupId: g.id })) out.push(await backend.service.getDesign({ designId: d.id }));
        for (const c of await backend.service.listCycles({ groupId: g.id })) {
          out.push(await backend.service.getCycle({ cycleId: c.id }));
          // The notes' revision says which opening of the notes a screen holds, not what they are.
          const { notesRevision: _opening, ...session } = await backend.service.getObservationSession({ cycleId: c.id });
          out.push(session);
          out.push(await backend.service.getCycleEvidence({ cycleId: c.id }));
        }
      }
      return out;
    };
    const single = await createBackend({ workspaceDir: dir });
    const before = await everything(single);
    await single.close();
    expect(JSON.stringify(before)).toContain('Fractions');

    const ana = await open(dir, await tempDir(), "Ana's laptop", A, '2026-03-02T09:00:00Z');
    expect(await everything(ana)).toEqual(before);
    await ana.close();
    const dirB = await tempDir();
    await cp(dir, dirB, { recursive: true });
    const ben = await open(dirB, await tempDir(), "Ben's laptop", B, '2026-03-02T10:00:00Z', false);
    expect(await everything(ben)).toEqual(before);
    expect(ben.context.store.shared?.conflicts()).toEqual([]);
    await ben.close();
  });
});

describe('sharing in words', () => {
  it('names a place in a plan as a teacher counts it', async () => {
    const { describePlace } = await import('../../electron/backend/sharing');
    const value = { design: { title: 'Fractions', steps: [{ id: 's1', keyQuestion: 'a' }, { id: 's2', keyQuestion: 'b' }, { id: 's3', keyQuestion: 'c' }] } };
    expect(describePlace(value, ['design', 'steps', '#s3', 'keyQuestion'])).toBe('step 3 › key question');
    expect(describePlace(value, ['design', 'title'])).toBe('title');
    expect(describePlace(value, ['design', 'steps', '#gone', 'keyQuestion'])).toBe('a removed step › key question');
    expect(describePlace(value, ['design', 'steps'])).toBe('steps');
  });

  it('recognises the sync tool a workspace sits in', async () => {
    const { recogniseSyncTool } = await import('../../electron/backend/sharing');
    const { nodeFs } = await import('../../electron/storage/fs-port');
    const root = await tempDir();
    await mkdir(path.join(root, '.stfolder'));
    await mkdir(path.join(root, 'school', 'workspace'), { recursive: true });
    expect(await recogniseSyncTool(nodeFs, path.join(root, 'school', 'workspace'))).toBe('Syncthing');
    expect(await recogniseSyncTool(nodeFs, '/nonexistent/Users/ana/OneDrive - Maple School/Lesson study')).toBe('OneDrive');
    expect(await recogniseSyncTool(nodeFs, '/nonexistent/Users/ana/Library/CloudStorage/GoogleDrive-ana/My Drive/ls')).toBe('Google Drive');
    expect(await recogniseSyncTool(nodeFs, '/nonexistent/home/ana/Nextcloud/ls')).toBe('Nextcloud');
    expect(await recogniseSyncTool(nodeFs, '/nonexistent/home/ana/Documents/ls')).toBeNull();
  });
});
