import { diffWordsWithSpace } from 'diff';
import { existsSync } from 'node:fs';
import { mkdtemp, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Papa from 'papaparse';
import { createBackend, type Backend } from '../electron/backend';
import { noEffects } from '../electron/backend/context';
import { OBSERVATION_PACK_FORMAT, type Observation } from '../shared/domain/observation';
import { designContent, generateWorkspace, makeNotes } from './generate';
import { paired, row, timeIt, type Row } from './measure';
import { noteText, seeded } from './text';

const RUNS = Number(process.env.BENCH_RUNS ?? 9);

/** The physical floor of a durable write, with no project code: temp file, fsync, rename, fsync the folder. */
export const rawDurableWrite = async (file: string, data: string) => {
  const temp = `${file}.bench-tmp`;
  const handle = await open(temp, 'w', 0o600);
  await handle.writeFile(data);
  await handle.sync();
  await handle.close();
  await rename(temp, file);
  const dir = await open(path.dirname(file), 'r');
  await dir.sync();
  await dir.close();
};

const ensureWorkspace = async (cacheDir: string, size: 'small' | 'district') => {
  const dir = path.join(cacheDir, size);
  if (!existsSync(path.join(dir, '.generated'))) {
    await rm(dir, { recursive: true, force: true });
    console.log(`Generating the ${size} workspace (once; cached in ${dir})…`);
    await generateWorkspace(size, dir);
    await writeFile(path.join(dir, '.generated'), 'ok');
  }
  return dir;
};

const openAndList = async (dir: string) => {
  const backend = await createBackend({ workspaceDir: dir });
  const groups = await backend.service.listGroups({});
  let cycles = 0;
  for (const group of groups) cycles += (await backend.service.listCycles({ groupId: group.id })).length;
  await backend.close();
  return cycles;
};

/** A workspace with one cycle holding `notes` observations, built through the backend. */
export const cycleWithNotes = async (notes: number, savePaths: string[] = []) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'ls-bench-'));
  const rng = seeded(notes);
  let packs: string[] = [];
  const backend = await createBackend({
    workspaceDir: dir,
    effects: { ...noEffects, chooseOpenPaths: async () => packs, chooseSavePath: async () => savePaths.shift() ?? null },
  });
  const { service } = backend;
  const observer = { id: '5b0c4d4e-9f51-4b8f-8a47-1b2c3d4e5f60', name: 'Observer', role: 'observer' as const };
  const group = await service.createGroup({ name: 'Bench', schools: [], subject: '', gradeBand: '', researchTheme: '', norms: [], members: [observer] });
  const design = await service.createDesign({ groupId: group.id, title: 'Bench lesson' });
  await service.saveDraft({ designId: design.id, content: designContent(rng, 'Bench lesson', 8), changeNotes: [] });
  const saved = await service.saveVersion({ designId: design.id, summary: 'v1', authors: [] });
  const cycle = await service.createCycle({ groupId: group.id, title: 'Bench cycle', researchQuestion: '' });
  await service.chooseVersion({ cycleId: cycle.id, designId: design.id, versionId: saved.versions[0].id });
  const steps = saved.versions[0].content.steps.map((s) => s.id);
  const generated = makeNotes(rng, cycle.id, [observer.id], [], steps, group.codebook.map((c) => c.id), notes, new Date());
  const pack = path.join(dir, 'seed.lsobs.json');
  await writeFile(pack, JSON.stringify({ format: OBSERVATION_PACK_FORMAT, formatVersion: 1, cycleId: cycle.id, exportedAt: new Date().toISOString(), ...generated, photos: [] }));
  packs = [pack];
  await service.importObservationPacks({ cycleId: cycle.id });
  await rm(pack);
  // Start measuring from an opened lesson, as the capture screen would be.
  await service.getObservationSession({ cycleId: cycle.id });
  return { dir, backend, cycle, group, observer, steps, design, rng, savePaths };
};

export const newNote = (setup: Awaited<ReturnType<typeof cycleWithNotes>>, i: number): Observation => {
  const now = new Date().toISOString();
  return {
    id: crypto.randomUUID(),
    cycleId: setup.cycle.id,
    observerId: setup.observer.id,
    clockMs: 60_000 + i,
    wallTime: now,
    stepId: setup.steps[0],
    target: { kind: 'class' },
    codeIds: [setup.group.codebook[0].id],
    text: noteText(setup.rng),
    photos: [],
    pointToNoticeIds: [],
    createdAt: now,
    updatedAt: now,
  };
};

export const nodeBenchmarks = async (cacheDir: string): Promise<Row[]> => {
  const rows: Row[] = [];
  const small = await ensureWorkspace(cacheDir, 'small');
  const district = await ensureWorkspace(cacheDir, 'district');

  // 1. Open a workspace and list groups and cycles: listing must not parse observations.
  const open1 = await paired(Math.max(RUNS, 25), () => openAndList(district), () => openAndList(small));
  rows.push(row('open workspace + list groups and cycles (district: 20 groups, 200 cycles, 100k notes)', open1.subject, 'same, small workspace', open1.baseline, 3));

  // 2. Open one cycle with 500 notes, cold (a fresh backend each time).
  const probe = await createBackend({ workspaceDir: district });
  const [firstGroup] = await probe.service.listGroups({});
  const [firstCycle] = await probe.service.listCycles({ groupId: firstGroup.id });
  await probe.close();
  let opened: Backend | null = null;
  const open2 = await paired(
    RUNS,
    async () => {
      opened = await createBackend({ workspaceDir: district });
      const session = await opened.service.getObservationSession({ cycleId: firstCycle.id });
      await opened.close();
      if (session.observations.length !== 500) throw new Error(`expected 500 notes, got ${session.observations.length}`);
    },
    async () => {
      const folder = path.join(district, 'observations', firstCycle.id);
      for (const name of await readdir(folder)) {
        const text = await readFile(path.join(folder, name), 'utf8');
        if (name.endsWith('.json')) JSON.parse(text);
        else for (const line of text.split('\n')) if (line) JSON.parse(line);
      }
    },
  );
  rows.push(row('open one cycle with 500 notes (cold)', open2.subject, 'read + JSON.parse its files', open2.baseline));

  // 3. Add one observation durably, vs the physical floor; and at 2,000 notes vs at 10.
  const ten = await cycleWithNotes(10);
  const twoThousand = await cycleWithNotes(2000);
  const floorFile = path.join(ten.dir, 'floor.json');
  let last = '';
  const add = await paired(
    Math.max(RUNS, 25),
    async (i) => {
      const note = newNote(ten, i);
      last = JSON.stringify({ k: 'o', v: note });
      await ten.backend.service.saveObservation({ observation: note });
    },
    async () => rawDurableWrite(floorFile, `${last}\n`),
  );
  rows.push(row('add one observation, durably (lesson of 10 notes)', add.subject, 'temp file + fsync + rename + fsync dir', add.baseline, 2));
  const growth = await paired(
    Math.max(RUNS, 25),
    async (i) => twoThousand.backend.service.saveObservation({ observation: newNote(twoThousand, i) }),
    async (i) => ten.backend.service.saveObservation({ observation: newNote(ten, 1000 + i) }),
  );
  rows.push(row('add one observation at 2,000 notes', growth.subject, 'same at 10 notes', growth.baseline, 2));

  // 4. Save a design version; compare two 40-step versions.
  const rng = seeded(7);
  const designSetup = ten;
  const { service } = designSetup.backend;
  const design = await service.createDesign({ groupId: designSetup.group.id, title: 'Forty steps' });
  const forty = designContent(rng, 'Forty steps', 40);
  await service.saveDraft({ designId: design.id, content: forty, changeNotes: [] });
  let current = await service.saveVersion({ designId: design.id, summary: 'v1', authors: [] });
  const designFile = path.join(designSetup.dir, 'designs', `${design.id}.json`);
  const saveSamples: number[] = [];
  const saveBaseline: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await service.reviseFromVersion({ designId: design.id, versionId: current.versions.at(-1)!.id, replaceDraft: true });
    const edited = { ...forty, steps: forty.steps.map((s, j) => (j === i % 40 ? { ...s, activities: `${s.activities} (revised ${i})` } : s)) };
    await service.saveDraft({ designId: design.id, content: edited, changeNotes: [] });
    let start = performance.now();
    current = await service.saveVersion({ designId: design.id, summary: `v${i + 2}`, authors: [] });
    saveSamples.push(performance.now() - start);
    const bytes = await readFile(designFile, 'utf8');
    start = performance.now();
    await rawDurableWrite(path.join(designSetup.dir, 'floor-design.json'), bytes);
    saveBaseline.push(performance.now() - start);
  }
  rows.push(row('save a design version (40 steps)', saveSamples, 'durable write of the design file', saveBaseline));

  const [v1, vLast] = [current.versions[0], current.versions.at(-1)!];
  const textOf = (v: typeof v1) => v.content.steps.map((s) => [s.title, s.activities, s.teacherSupport, ...s.anticipatedResponses.map((r) => r.text), ...s.pointsToNotice.map((p) => p.text)].join('\n')).join('\n');
  const compare = await paired(
    RUNS,
    () => service.compareVersions({ designId: design.id, fromVersionId: v1.id, toVersionId: vLast.id }),
    () => diffWordsWithSpace(textOf(v1), textOf(vLast)),
  );
  rows.push(row('compare two 40-step versions', compare.subject, 'jsdiff words over the same text', compare.baseline));

  // 6. CSV export of 10,000 notes.
  const csvOut = path.join(tmpdir(), `ls-bench-${process.pid}.csv`);
  const big = await cycleWithNotes(10_000);
  const session = await big.backend.service.getObservationSession({ cycleId: big.cycle.id });
  const csv = await paired(
    Math.min(RUNS, 5),
    async () => {
      big.savePaths.push(csvOut);
      await big.backend.service.exportObservationsCsv({ cycleId: big.cycle.id });
    },
    async () => {
      const rows = session.observations.map((o) => [big.cycle.title, o.stepId, o.clockMs, o.wallTime, o.observerId, o.target.kind, o.codeIds.join(';'), o.text, '']);
      await writeFile(csvOut, `\uFEFF${Papa.unparse(rows)}`);
    },
  );
  rows.push(row('CSV export of 10,000 notes', csv.subject, 'papaparse.unparse + writeFile', csv.baseline));

  for (const setup of [ten, twoThousand, big]) {
    await setup.backend.close();
    await rm(setup.dir, { recursive: true, force: true });
  }
  await rm(csvOut, { force: true });
  void timeIt;
  return rows;
};
