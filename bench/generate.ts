import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { createBackend, type Backend } from '../electron/backend';
import { noEffects } from '../electron/backend/context';
import type { DesignContent } from '../shared/domain/design';
import { OBSERVATION_PACK_FORMAT, type ClassModeChange, type Observation } from '../shared/domain/observation';
import { noteText, paragraph, seeded, type Rng } from './text';

/**
 * Writes a valid workspace of a given size THROUGH THE REAL BACKEND (the same service
 * functions the app calls), so every file is exactly what the app would write.
 * Observations go in as one observation pack per cycle via `importObservationPacks`,
 * the facilitator's bulk path, because 100,000 individually fsync'd notes would take
 * the generator longer than the benchmarks it feeds.
 */
export const sizes = {
  small: { groups: 1, cyclesPerGroup: 1, versionsPerDesign: 2, notesPerCycle: 100, steps: 6 },
  school: { groups: 4, cyclesPerGroup: 5, versionsPerDesign: 5, notesPerCycle: 500, steps: 8 },
  // 20 groups × 10 cycles = 200 cycles; 200 designs × 5 versions = 1,000 versions; 200 × 500 = 100,000 notes.
  district: { groups: 20, cyclesPerGroup: 10, versionsPerDesign: 5, notesPerCycle: 500, steps: 8 },
} as const;
export type Size = keyof typeof sizes;

const id = (rng: Rng) => {
  // Deterministic UUID v4 from the seeded generator.
  const hex = Array.from({ length: 32 }, () => Math.floor(rng.next() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[Math.floor(rng.next() * 4)]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

export const designContent = (rng: Rng, title: string, steps: number): DesignContent => ({
  title,
  subject: 'Mathematics',
  grade: '4',
  unitName: 'Comparing fractions',
  unitSequence: [],
  durationMinutes: 45,
  plannedDate: '',
  teacher: '',
  researchTheme: '',
  goals: { longTerm: paragraph(rng, 1), unit: paragraph(rng, 1), lesson: paragraph(rng, 2) },
  background: paragraph(rng, 6),
  materialStudy: paragraph(rng, 5),
  materials: 'Fraction strips, number lines, mini whiteboards',
  steps: Array.from({ length: steps }, (_, i) => ({
    id: id(rng),
    title: `Step ${i + 1}`,
    minutes: Math.max(2, Math.round(45 / steps)),
    activities: paragraph(rng, 2),
    anticipatedResponses: Array.from({ length: 3 }, () => ({ id: id(rng), text: noteText(rng) })),
    teacherSupport: paragraph(rng, 2),
    pointsToNotice: Array.from({ length: 2 }, () => ({ id: id(rng), text: paragraph(rng, 1) })),
  })),
  boardPlan: paragraph(rng, 2),
  observationPlan: [],
});

export const makeNotes = (
  rng: Rng,
  cycleId: string,
  observerIds: string[],
  studentIds: string[],
  stepIds: string[],
  codeIds: string[],
  count: number,
  start: Date,
): { observations: Observation[]; classModes: ClassModeChange[] } => {
  const observations: Observation[] = [];
  for (let i = 0; i < count; i++) {
    const clockMs = Math.floor((i / count) * 45 * 60_000);
    const at = new Date(start.getTime() + clockMs).toISOString();
    const target = rng.next() < 0.5 && studentIds.length ? { kind: 'student' as const, studentId: rng.pick(studentIds) } : { kind: 'class' as const };
    observations.push({
      id: id(rng),
      cycleId,
      observerId: rng.pick(observerIds),
      clockMs,
      wallTime: at,
      stepId: stepIds[Math.min(stepIds.length - 1, Math.floor((i / count) * stepIds.length))],
      target,
      codeIds: [rng.pick(codeIds), ...(rng.next() < 0.3 ? [rng.pick(codeIds)] : [])].filter((v, j, all) => all.indexOf(v) === j),
      text: noteText(rng),
      photos: [],
      pointToNoticeIds: [],
      createdAt: at,
      updatedAt: at,
    });
  }
  const modes = ['whole-class', 'pairs', 'small-groups', 'whole-class'] as const;
  const classModes = modes.map((mode, i) => ({
    id: id(rng),
    cycleId,
    observerId: observerIds[0],
    clockMs: i * 10 * 60_000,
    wallTime: new Date(start.getTime() + i * 10 * 60_000).toISOString(),
    mode,
    updatedAt: new Date(start.getTime() + i * 10 * 60_000).toISOString(),
  }));
  return { observations, classModes };
};

export const generateWorkspace = async (size: Size, out: string, seed = 42): Promise<{ groups: number; cycles: number; versions: number; notes: number }> => {
  const spec = sizes[size];
  const rng = seeded(seed);
  let now = Date.parse('2026-04-01T08:00:00Z');
  const clock = () => new Date((now += 1000));
  const packDir = await mkdtemp(path.join(tmpdir(), 'ls-gen-packs-'));
  let nextPacks: string[] = [];
  const backend: Backend = await createBackend({
    workspaceDir: out,
    clock,
    newId: () => id(rng),
    effects: { ...noEffects, chooseOpenPaths: async () => nextPacks },
  });
  const { service } = backend;
  const counts = { groups: 0, cycles: 0, versions: 0, notes: 0 };
  try {
    for (let g = 0; g < spec.groups; g++) {
      const members = ['Facilitator', 'Teacher A', 'Teacher B', 'Observer C', 'Knowledgeable other'].map((name, i) => ({
        id: id(rng),
        name: `${name} ${g + 1}`,
        role: (['facilitator', 'teacher', 'teacher', 'observer', 'knowledgeable-other'] as const)[i],
      }));
      const group = await service.createGroup({
        name: `Group ${g + 1} — Grade 4 Mathematics`,
        schools: [`School ${(g % 7) + 1}`],
        subject: 'Mathematics',
        gradeBand: '4–5',
        researchTheme: 'Students justify their reasoning to peers',
        norms: ['Evidence, not judgement'],
        members,
      });
      counts.groups++;
      const studentIds: string[] = [];
      for (const pseudonym of ['Kenji', 'Mia', 'Leo', 'Aya']) {
        const saved = await service.saveFocusStudent({
          groupId: group.id,
          student: { pseudonym, focus: true, concern: true, concerns: 'Rarely explains reasoning', supportsNow: '', supportsPlanned: '', retired: false },
        });
        const added = saved.focusStudents.find((s) => s.pseudonym === pseudonym);
        if (added) studentIds.push(added.id);
      }
      const codeIds = group.codebook.map((c) => c.id);
      const observerIds = members.slice(0, 4).map((m) => m.id);
      for (let c = 0; c < spec.cyclesPerGroup; c++) {
        const design = await service.createDesign({ groupId: group.id, title: `Comparing fractions, lesson ${c + 1}` });
        let latest = design;
        for (let v = 0; v < spec.versionsPerDesign; v++) {
          if (v > 0) latest = await service.reviseFromVersion({ designId: design.id, versionId: latest.versions.at(-1)!.id, replaceDraft: true });
          await service.saveDraft({ designId: design.id, content: designContent(rng, `Comparing fractions, lesson ${c + 1}`, spec.steps), changeNotes: [] });
          latest = await service.saveVersion({ designId: design.id, summary: `Version ${v + 1}`, authors: [members[1].name] });
          counts.versions++;
        }
        const taught = latest.versions[0];
        const cycle = await service.createCycle({ groupId: group.id, title: `Cycle ${c + 1}`, researchQuestion: 'How do students justify comparisons?' });
        await service.chooseVersion({ cycleId: cycle.id, designId: design.id, versionId: taught.id });
        counts.cycles++;
        const notes = makeNotes(rng, cycle.id, observerIds, studentIds, taught.content.steps.map((s) => s.id), codeIds, spec.notesPerCycle, new Date(now));
        const pack = path.join(packDir, `${cycle.id}.lsobs.json`);
        await writeFile(pack, JSON.stringify({ format: OBSERVATION_PACK_FORMAT, formatVersion: 1, cycleId: cycle.id, exportedAt: new Date(now).toISOString(), ...notes, photos: [] }));
        nextPacks = [pack];
        const summary = await service.importObservationPacks({ cycleId: cycle.id });
        counts.notes += summary?.added ?? 0;
      }
    }
  } finally {
    await backend.close();
    await rm(packDir, { recursive: true, force: true });
  }
  return counts;
};

const main = async () => {
  const { values } = parseArgs({ options: { size: { type: 'string', default: 'small' }, out: { type: 'string' }, seed: { type: 'string', default: '42' } } });
  if (!values.out || !(values.size! in sizes)) {
    console.error('Usage: npm run gen -- --size small|school|district --out DIR [--seed N]');
    process.exit(2);
  }
  await mkdir(values.out, { recursive: true });
  const started = performance.now();
  const counts = await generateWorkspace(values.size as Size, path.resolve(values.out), Number(values.seed));
  console.log(`Wrote a ${values.size} workspace to ${values.out}: ${counts.groups} groups, ${counts.cycles} cycles, ${counts.versions} design versions, ${counts.notes} observations (${((performance.now() - started) / 1000).toFixed(1)} s).`);
};

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
