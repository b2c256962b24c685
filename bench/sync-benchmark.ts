import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Conf from 'conf';
import { createBackend, type Backend } from '../electron/backend';
import { createHost } from '../electron/backend/host';
import { createSettings, SETTINGS_STORE_OPTIONS } from '../electron/settings';
import { designContent, makeNotes } from './generate';
import { paired, row, type Row } from './measure';
import { seeded } from './text';

/**
 * Issue #16's figures:
 * 1. Open a shared workspace after a school year of work by six laptops, against the same
 *    year's work done on one laptop (ratio ≤ 1.5): 4 groups, 20 lesson designs with 5
 *    versions each and 10 autosaves per version, 20 cycles with their notes (200 each),
 *    every action by the next laptop in turn, each laptop having synced before it acts.
 *    Opening = the backend, the groups and cycles list, every design, one cycle's notes.
 * 2. A teammate's change visible after its file lands (aim ≤ 1 s, checked on the slowest
 *    sample): the app's host watches the devices folder; the teammate's op log lands by
 *    rename as a sync tool writes it; the time runs until the host has merged the change
 *    and told the windows.
 */

const deviceId = (k: number) => (k + 1).toString(16).repeat(16);

const YEAR = { groups: 4, designsPerGroup: 5, versionsPerDesign: 5, autosavesPerVersion: 10, notesPerCycle: 200, steps: 8 };

/** Build a school year of work done by `devices` laptops in turn, in `dir`; their settings folders beside it. */
const buildYear = async (dir: string, devices: number): Promise<void> => {
  const rng = seeded(7);
  const laptops: Backend[] = [];
  for (let k = 0; k < devices; k++) {
    laptops.push(
      await createBackend({
        workspaceDir: dir,
        device: { settingsDir: `${dir}-settings-${k}`, label: `Laptop ${k + 1}`, host: `host-${k}`, newDeviceId: () => deviceId(k), share: true },
      }),
    );
  }
  let turn = 0;
  const next = async (): Promise<Backend> => {
    const laptop = laptops[turn++ % devices];
    await laptop.syncNow();
    return laptop;
  };
  for (let g = 0; g < YEAR.groups; g++) {
    const group = await (await next()).service.createGroup({
      name: `Group ${g + 1}`, schools: ['Maple School'], subject: 'Mathematics', gradeBand: '4', researchTheme: 'Reasoning', norms: [],
      members: Array.from({ length: 5 }, (_, m) => ({ id: `0000000${g}-0000-4000-8000-00000000000${m}`, name: `Teacher ${m + 1}`, role: 'observer' as const })),
    });
    for (let d = 0; d < YEAR.designsPerGroup; d++) {
      const title = `Comparing fractions, lesson ${d + 1}`;
      const design = await (await next()).service.createDesign({ groupId: group.id, title });
      let content = designContent(rng, title, YEAR.steps);
      for (let v = 0; v < YEAR.versionsPerDesign; v++) {
        const current = await (await next()).service.getDesign({ designId: design.id });
        if (v > 0) await (await next()).service.reviseFromVersion({ designId: design.id, versionId: current.versions.at(-1)!.id, replaceDraft: true });
        for (let a = 0; a < YEAR.autosavesPerVersion; a++) {
          // A typing session: one step's activities grow a little at each autosave.
          const step = content.steps[(a + v) % content.steps.length];
          content = { ...content, steps: content.steps.map((s) => (s.id === step.id ? { ...s, activities: `${s.activities} More ${a}.` } : s)) };
          await (await next()).service.saveDraft({ designId: design.id, content, changeNotes: [] });
        }
        await (await next()).service.saveVersion({ designId: design.id, summary: `Version ${v + 1}`, authors: ['Teacher 1'] });
      }
      const cycle = await (await next()).service.createCycle({ groupId: group.id, title: `Cycle ${d + 1}`, researchQuestion: 'How do students justify comparisons?' });
      for (let e = 0; e < 5; e++) await (await next()).service.updateCycleInfo({ cycleId: cycle.id, title: `Cycle ${d + 1}`, researchQuestion: `How do students justify comparisons? (${e})` });
      const notes = makeNotes(rng, cycle.id, group.members.map((m) => m.id), [], [], ['c'], YEAR.notesPerCycle, new Date('2026-10-01T09:00:00Z'));
      for (const [i, observation] of notes.observations.entries()) {
        const laptop = laptops[i % devices];
        await laptop.service.saveObservation({ observation: { ...observation, codeIds: [], stepId: undefined } });
      }
    }
  }
  for (const laptop of laptops) await laptop.close();
};

const ensureYear = async (cacheDir: string, devices: number): Promise<string> => {
  const dir = path.join(cacheDir, `shared-year-${devices}`);
  if (!existsSync(path.join(dir, '.generated'))) {
    await rm(dir, { recursive: true, force: true });
    for (let k = 0; k < devices; k++) await rm(`${dir}-settings-${k}`, { recursive: true, force: true });
    console.log(`Building a shared school year by ${devices} laptop(s) (once; cached in ${dir})…`);
    await mkdir(dir, { recursive: true });
    await buildYear(dir, devices);
    await writeFile(path.join(dir, '.generated'), 'ok');
  }
  return dir;
};

/** Open as laptop 1 and show what a teacher sees first. */
const openYear = async (dir: string): Promise<void> => {
  const backend = await createBackend({ workspaceDir: dir, device: { settingsDir: `${dir}-settings-0`, label: 'Laptop 1', host: 'host-0', newDeviceId: () => deviceId(0) } });
  const groups = await backend.service.listGroups({});
  let notes = 0;
  for (const group of groups) {
    const cycles = await backend.service.listCycles({ groupId: group.id });
    for (const design of await backend.service.listDesigns({ groupId: group.id })) await backend.service.getDesign({ designId: design.id });
    if (group === groups[0]) notes = (await backend.service.getObservationSession({ cycleId: cycles[0].id })).observations.length;
  }
  await backend.close();
  if (groups.length !== YEAR.groups || notes !== YEAR.notesPerCycle) throw new Error(`expected ${YEAR.groups} groups and ${YEAR.notesPerCycle} notes, got ${groups.length} and ${notes}`);
};

/** Time from a teammate's op log landing (renamed into place) to the host having merged it and told the windows. */
const changeLatency = async (runs: number): Promise<number[]> => {
  const root = await mkdtemp(path.join(tmpdir(), 'ls-bench-sync-'));
  const userData = path.join(root, 'ana');
  const settings = createSettings(new Conf<Record<string, unknown>>({ ...SETTINGS_STORE_OPTIONS, cwd: userData, configName: 'config', projectName: 'lesson-study' }));
  const workspace = path.join(root, 'synced-ana');
  const host = await createHost({
    settings,
    defaultWorkspaceDir: workspace,
    samplesDir: path.join(userData, 'samples'),
    sampleSourceDir: path.resolve('resources/sample-workspace'),
    device: { settingsDir: path.join(userData, 'device'), label: "Ana's laptop", host: 'ana', newDeviceId: () => deviceId(0) },
  });
  await host.service.shareWorkspace({});
  const group = await host.service.createGroup({ name: 'Maple Grove', schools: [], subject: 'Math', gradeBand: '5', researchTheme: '', norms: [], members: [] });
  // Ben's laptop: its own copy of the folder (as the sync tool keeps one per computer).
  const benDir = path.join(root, 'synced-ben');
  await mkdir(path.join(benDir, 'devices'), { recursive: true });
  const anaFolder = path.join(workspace, 'devices', deviceId(0));
  await mkdir(path.join(benDir, 'devices', deviceId(0)), { recursive: true });
  for (const name of ['device.json', 'ops-1.jsonl']) await writeFile(path.join(benDir, 'devices', deviceId(0), name), await readFile(path.join(anaFolder, name)));
  const ben = await createBackend({ workspaceDir: benDir, device: { settingsDir: path.join(root, 'ben-settings'), label: "Ben's laptop", host: 'ben', newDeviceId: () => deviceId(1) } });
  await mkdir(path.join(workspace, 'devices', deviceId(1)), { recursive: true });
  const samples: number[] = [];
  for (let i = -2; i < runs; i++) {
    const { name, schools, subject, gradeBand, norms, members } = await ben.service.getGroup({ groupId: group.id });
    const theme = `Theme ${i}`;
    await ben.service.updateGroup({ groupId: group.id, fields: { name, schools, subject, gradeBand, researchTheme: theme, norms, members } });
    const text = await readFile(path.join(benDir, 'devices', deviceId(1), 'ops-1.jsonl'));
    const temp = path.join(workspace, 'devices', deviceId(1), '.syncthing.ops-1.jsonl.tmp');
    await writeFile(temp, text);
    const store = host.current().context.store;
    const seen = new Promise<number>((resolve) => {
      const listener = async (rel: string) => {
        if (rel !== `groups/${group.id}.json`) return;
        store.changeListeners.splice(store.changeListeners.indexOf(listener), 1);
        resolve(performance.now());
      };
      store.changeListeners.push(listener);
    });
    const landed = performance.now();
    await rename(temp, path.join(workspace, 'devices', deviceId(1), 'ops-1.jsonl'));
    const merged = await seen;
    if ((await host.service.getGroup({ groupId: group.id })).researchTheme !== theme) throw new Error('the change was told before it was merged');
    if (i >= 0) samples.push(merged - landed);
  }
  await ben.close();
  await host.close();
  await rm(root, { recursive: true, force: true });
  return samples;
};

export const syncBenchmarks = async (cacheDir: string, quick = false): Promise<Row[]> => {
  const rows: Row[] = [];
  const six = await ensureYear(cacheDir, 6);
  const one = await ensureYear(cacheDir, 1);
  const open = await paired(quick ? 5 : 15, () => openYear(six), () => openYear(one));
  rows.push(row('open a shared workspace after a school year by 6 laptops (20 designs × 5 versions, 20 cycles × 200 notes)', open.subject, 'same year by 1 laptop', open.baseline, 1.5));
  const latency = await changeLatency(quick ? 10 : 30);
  const visible = row("a teammate's change shown after its file lands (watch + merge + tell the windows)", latency, '', null, null);
  rows.push({ ...visible, max: Number(Math.max(...latency).toFixed(3)), limit: 1000 });
  return rows;
};
