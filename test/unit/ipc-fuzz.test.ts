import fc from 'fast-check';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/backend/index';
import { noEffects } from '../../electron/backend/context';
import { createHost, type Host } from '../../electron/backend/host';
import { dispatch } from '../../electron/dispatch';
import { createMemoryStore, createSettings } from '../../electron/settings';
import { channelNames, contract, type ChannelName, type RequestOf, type WorkspaceService } from '../../shared/contract';
import { phases } from '../../shared/domain/cycle';
import { classModes as modes } from '../../shared/domain/observation';
import { errorCodes, LessonStudyError } from '../../shared/result';
import { invalidParts, unpackDocx } from '../fixtures/sample/report-helpers';
import { seedAnalyzedLesson } from './analysis-seed';
import { hostileText, idFrom, idList, isoTime } from './support/hostile';
import { validateWorkspace, walk } from './support/validate-workspace';

/**
 * IPC fuzz that reaches the backend. Every payload is built from real ids of a seeded
 * workspace and PASSES its channel's request schema (checked first, so the fuzz cannot
 * quietly stop at the gate); only string contents and id choices are hostile: text at the
 * schema's length limit, Unicode that XML/JSON/RTL/normalisation trip on, ids of group B's
 * records inside group A's requests, and duplicated ids in lists.
 *
 * After every run: the answer is `{ ok: true }` with a valid response or a typed error
 * other than 'internal'; nothing was quarantined; every file validates; the workspace
 * reopens; and not one byte of group B's files changed.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 8);
/** Channels that build a Word document or a file export cost ~100× a save. */
const EXPORT_RUNS = Math.max(1, Math.round(RUNS / 4));

/** What one group's requests may name: real ids read from the workspace. */
interface Side {
  groupId: string;
  cycleId: string;
  designId: string;
  versions: string[];
  members: string[];
  students: string[];
  codes: string[];
  steps: string[];
  points: string[];
  notes: string[];
  findings: string[];
  segments: string[];
  meetings: string[];
  classModes: string[];
  photos: string[];
}

const readSide = async (service: WorkspaceService, ids: Pick<Side, 'groupId' | 'cycleId' | 'designId'>): Promise<Side> => {
  const group = await service.getGroup({ groupId: ids.groupId });
  const cycle = await service.getCycle({ cycleId: ids.cycleId });
  const design = await service.getDesign({ designId: ids.designId });
  const session = await service.getObservationSession({ cycleId: ids.cycleId });
  const analysis = await service.getAnalysis({ cycleId: ids.cycleId });
  const steps = design.versions.flatMap((v) => v.content.steps);
  return {
    ...ids,
    versions: design.versions.map((v) => v.id),
    members: group.members.map((m) => m.id),
    students: group.focusStudents.map((s) => s.id),
    codes: group.codebook.map((c) => c.id),
    steps: steps.map((s) => s.id),
    points: steps.flatMap((s) => s.pointsToNotice.map((p) => p.id)),
    notes: session.observations.map((o) => o.id),
    findings: analysis.findings.map((f) => f.id),
    segments: analysis.discussion.segments.map((s) => s.id),
    meetings: cycle.meetings.map((m) => m.id),
    classModes: session.classModes.map((m) => m.id),
    photos: session.observations.flatMap((o) => o.photos.map((p) => p.hash)),
  };
};

type Seeds = { a: Side & { planCycleId: string }; b: Side };
type Fuzz = { [K in ChannelName]?: { runs?: number; payload: (s: Seeds) => fc.Arbitrary<RequestOf<K>> } };

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const tiny = fc.constantFrom(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.from('not an image'), Buffer.alloc(0));

/** The channels fuzzed, each request built on group A's records with group B's ids mixed in. */
const fuzzed: Fuzz = {
  saveObservation: {
    payload: ({ a, b }) =>
      fc.record({
        observation: fc.record({
          id: idFrom(a.notes, b.notes),
          cycleId: fc.constant(a.cycleId),
          observerId: idFrom(a.members, b.members),
          clockMs: fc.oneof(fc.constantFrom(0, 24 * 3600 * 1000), fc.nat(24 * 3600 * 1000)),
          wallTime: isoTime,
          stepId: maybe(idFrom(a.steps, b.steps)),
          target: fc.oneof(
            fc.constant({ kind: 'class' as const }),
            hostileText(120).map((label) => ({ kind: 'group' as const, label })),
            idFrom(a.students, b.students).map((studentId) => ({ kind: 'student' as const, studentId })),
          ),
          codeIds: idList(idFrom(a.codes, b.codes), 30),
          text: hostileText(20_000),
          photos: fc.array(
            fc.record({
              hash: fc.oneof(fc.constantFrom(...a.photos, ...b.photos, 'a'.repeat(64)), fc.stringMatching(/^[0-9a-f]{64}$/)),
              ext: fc.constantFrom('png' as const, 'jpg' as const, 'gif' as const, 'webp' as const),
              name: hostileText(260),
              bytes: fc.nat(),
            }),
            { maxLength: 2 },
          ),
          pointToNoticeIds: idList(idFrom(a.points, b.points), 20),
          createdAt: isoTime,
          updatedAt: isoTime,
          deletedAt: maybe(isoTime),
        }),
      }),
  },
  deleteObservation: { payload: ({ a, b }) => fc.record({ cycleId: fc.constant(a.cycleId), observationId: idFrom(a.notes, b.notes) }) },
  restoreObservation: { payload: ({ a, b }) => fc.record({ cycleId: fc.constant(a.cycleId), observationId: idFrom(a.notes, b.notes) }) },
  saveClassMode: {
    payload: ({ a, b }) =>
      fc.record({
        change: fc.record({
          id: idFrom(a.classModes, b.classModes),
          cycleId: fc.constant(a.cycleId),
          observerId: idFrom(a.members, b.members),
          clockMs: fc.nat(24 * 3600 * 1000),
          wallTime: isoTime,
          mode: fc.constantFrom(...modes),
          updatedAt: isoTime,
          deletedAt: maybe(isoTime),
        }),
      }),
  },
  attachPhotoBytes: {
    payload: ({ a }) => fc.record({ cycleId: fc.constant(a.cycleId), name: hostileText(260), dataBase64: tiny.map((bytes) => bytes.toString('base64')) }),
  },
  createFinding: {
    payload: ({ a, b }) =>
      fc.record({
        cycleId: fc.constant(a.cycleId),
        fields: fc.record({
          statement: hostileText(2000, true),
          impliesRevision: fc.boolean(),
          stepId: fc.oneof(fc.constant(null), idFrom(a.steps, b.steps)),
          supportingObservationIds: maybe(idList(idFrom(a.notes, b.notes), 500)),
          contradictingObservationIds: maybe(idList(idFrom(a.notes, b.notes), 500)),
        }),
      }),
  },
  updateFinding: {
    payload: ({ a, b }) =>
      fc.record({
        cycleId: fc.constant(a.cycleId),
        findingId: idFrom(a.findings, b.findings),
        fields: fc.record({
          statement: hostileText(2000, true),
          impliesRevision: fc.boolean(),
          stepId: fc.oneof(fc.constant(null), idFrom(a.steps, b.steps)),
          supportingObservationIds: maybe(idList(idFrom(a.notes, b.notes), 500)),
          contradictingObservationIds: maybe(idList(idFrom(a.notes), 500)),
        }),
      }),
  },
  linkToFinding: {
    payload: ({ a, b }) =>
      fc.record({
        cycleId: fc.constant(a.cycleId),
        findingId: idFrom(a.findings, b.findings),
        observationIds: idList(idFrom(a.notes, b.notes), 500, 1),
        role: fc.constantFrom('supporting' as const, 'contradicting' as const),
      }),
  },
  unlinkFromFinding: {
    payload: ({ a, b }) =>
      fc.record({ cycleId: fc.constant(a.cycleId), findingId: idFrom(a.findings, b.findings), observationId: idFrom(a.notes, b.notes) }),
  },
  proposeChangeFromFinding: {
    payload: ({ a, b }) =>
      fc.record({ cycleId: fc.constant(a.cycleId), findingId: idFrom(a.findings, b.findings), stepId: maybe(fc.oneof(fc.constant(null), idFrom(a.steps, b.steps))) }),
  },
  updateDiscussionSegment: {
    payload: ({ a, b }) =>
      fc.record({
        cycleId: fc.constant(a.cycleId),
        segmentId: idFrom(a.segments, b.segments),
        speakerId: maybe(fc.oneof(fc.constant(null), idFrom(a.members, b.members))),
        plannedMinutes: maybe(fc.integer({ min: 0, max: 240 })),
        notes: maybe(hostileText(20_000)),
        title: maybe(hostileText(200)),
      }),
  },
  setFinalComments: {
    payload: ({ a, b }) =>
      fc.record({ cycleId: fc.constant(a.cycleId), text: hostileText(20_000), by: maybe(fc.oneof(fc.constant(null), idFrom(a.members, b.members))) }),
  },
  recordStudentResponse: {
    payload: ({ a, b }) =>
      fc.record({
        cycleId: fc.constant(a.cycleId),
        studentId: idFrom(a.students, b.students),
        responded: fc.constantFrom('unknown' as const, 'yes' as const, 'partly' as const, 'no' as const),
        note: hostileText(4000),
        observationIds: idList(idFrom(a.notes, b.notes), 200),
      }),
  },
  saveTeaching: {
    payload: ({ a, b }) =>
      fc.record({
        cycleId: fc.constant(a.cycleId),
        teaching: fc.record({
          date: hostileText(40),
          className: hostileText(120),
          teacherId: maybe(idFrom(a.members, b.members)),
          studentCount: maybe(fc.integer({ min: 0, max: 200 })),
          briefingHeld: fc.boolean(),
        }),
      }),
  },
  setDiscussionDate: { payload: ({ a }) => fc.record({ cycleId: fc.constant(a.cycleId), date: hostileText(40) }) },
  saveMeeting: {
    payload: ({ a, b }) =>
      fc.record({
        cycleId: fc.constant(a.cycleId),
        meeting: fc.record({
          id: maybe(idFrom(a.meetings, b.meetings)),
          date: hostileText(40),
          attendeeIds: idList(idFrom(a.members, b.members), 50),
          agenda: hostileText(8000),
          notes: hostileText(20_000),
          decisions: hostileText(8000),
          followUps: hostileText(8000),
        }),
      }),
  },
  saveReflection: {
    payload: ({ a }) =>
      fc.record({
        cycleId: fc.constant(a.cycleId),
        reflection: fc.record({
          researchTheme: hostileText(20_000),
          practices: idList(fc.uuid({ version: 4 }), 20).chain((ids) =>
            fc.tuple(...ids.map((id) => fc.record({ id: fc.constant(id), practice: hostileText(200), now: hostileText(4000), next: hostileText(4000) }))),
          ),
          studentsOfConcern: hostileText(8000),
          nextSteps: hostileText(8000),
        }),
      }),
  },
  updateCycleInfo: {
    payload: ({ a }) => fc.record({ cycleId: fc.constant(a.cycleId), title: hostileText(300, true), researchQuestion: hostileText(4000) }),
  },
  addChecklistItem: {
    payload: ({ a }) => fc.record({ cycleId: fc.constant(a.cycleId), phase: fc.constantFrom(...phases), label: hostileText(300, true) }),
  },
  chooseVersion: {
    // The plan-phase cycle of group A asked to teach group B's design must be refused.
    payload: ({ a, b }) =>
      fc.record({ cycleId: fc.constant(a.planCycleId), designId: fc.constantFrom(a.designId, b.designId), versionId: idFrom(a.versions, b.versions) }),
  },
  saveFocusStudent: {
    payload: ({ a, b }) =>
      fc.record({
        groupId: fc.constant(a.groupId),
        student: fc.record({
          id: maybe(idFrom(a.students, b.students)),
          pseudonym: hostileText(60, true),
          concerns: hostileText(4000),
          supportsNow: hostileText(4000),
          supportsPlanned: hostileText(4000),
          retired: fc.boolean(),
        }),
      }),
  },
  saveChecklistTemplate: {
    payload: ({ a }) =>
      fc.record({ groupId: fc.constant(a.groupId), phase: fc.constantFrom(...phases), labels: fc.array(hostileText(300, true), { maxLength: 40 }) }),
  },
  updateGroup: {
    payload: ({ a, b }) =>
      fc.record({
        groupId: fc.constant(a.groupId),
        fields: fc.record({
          name: hostileText(120, true),
          schools: fc.array(hostileText(160), { maxLength: 3 }),
          subject: hostileText(80),
          gradeBand: hostileText(40),
          researchTheme: hostileText(2000),
          norms: fc.array(hostileText(400), { maxLength: 4 }),
          // Member ids of group B, and the same id twice.
          members: idList(idFrom(a.members, b.members), 50).chain((ids) =>
            fc.tuple(
              ...ids.map((id) =>
                fc.record({ id: fc.constant(id), name: hostileText(120, true), role: fc.constantFrom('facilitator' as const, 'teacher' as const, 'observer' as const, 'knowledgeable-other' as const) }),
              ),
            ),
          ),
        }),
      }),
  },
  addCode: {
    payload: ({ a }) =>
      fc.record({ groupId: fc.constant(a.groupId), label: hostileText(60, true), color: fc.constantFrom('#000000', '#FFffFF', '#2563eb'), rubric: maybe(hostileText(60)) }),
  },
  updateCode: {
    payload: ({ a, b }) =>
      fc.record({
        groupId: fc.constant(a.groupId),
        codeId: idFrom(a.codes, b.codes),
        label: maybe(hostileText(60, true)),
        color: maybe(fc.constantFrom('#123456', '#abcdef')),
        retired: maybe(fc.boolean()),
      }),
  },
  saveSeatingChart: {
    payload: ({ a, b }) =>
      fc.record({
        groupId: fc.constant(a.groupId),
        seatingChart: fc.record({
          cols: fc.integer({ min: 1, max: 40 }),
          rows: fc.integer({ min: 1, max: 40 }),
          seats: idList(fc.uuid({ version: 4 }), 400).chain((ids) =>
            fc.tuple(
              ...ids.map((id) =>
                fc.record({
                  id: fc.constant(id),
                  col: fc.integer({ min: 0, max: 40 }),
                  row: fc.integer({ min: 0, max: 40 }),
                  studentId: maybe(idFrom(a.students, b.students)),
                  label: hostileText(60),
                }),
              ),
            ),
          ),
        }),
      }),
  },
  saveDiscussionProtocol: {
    payload: ({ a }) =>
      fc.record({
        groupId: fc.constant(a.groupId),
        protocol: idList(fc.uuid({ version: 4 }), 30).chain((ids) =>
          fc.tuple(...ids.map((id) => fc.record({ id: fc.constant(id), title: hostileText(200, true), plannedMinutes: fc.integer({ min: 0, max: 240 }) }))),
        ),
      }),
  },
  saveDraft: {
    payload: ({ a, b }) =>
      fc.record({
        designId: fc.constant(a.designId),
        content: fc.record({
          title: hostileText(300, true),
          subject: hostileText(120),
          plannedDate: hostileText(40),
          background: hostileText(20_000),
          goals: fc.record({ longTerm: hostileText(4000), unit: hostileText(4000), lesson: hostileText(4000) }),
          // Step ids of this design and of group B's, and one id twice.
          steps: idList(idFrom(a.steps, b.steps), 120).chain((ids) =>
            fc.tuple(
              ...ids.map((id) =>
                fc.record({
                  id: fc.constant(id),
                  title: hostileText(300),
                  minutes: fc.integer({ min: 0, max: 600 }),
                  activities: hostileText(8000),
                  anticipatedResponses: fc.array(fc.record({ id: idFrom(a.points), text: hostileText(4000) }), { maxLength: 3 }),
                  pointsToNotice: fc.array(fc.record({ id: idFrom(a.points, b.points), text: hostileText(4000) }), { maxLength: 3 }),
                }),
              ),
            ),
          ),
          observationPlan: fc.array(
            fc.record({ id: fc.uuid({ version: 4 }), observerId: maybe(idFrom(a.members, b.members)), studentId: maybe(idFrom(a.students, b.students)), lookFor: hostileText(4000) }),
            { maxLength: 3 },
          ),
        }),
        changeNotes: fc.array(
          fc.record({
            id: fc.uuid({ version: 4 }),
            stepId: maybe(idFrom(a.steps, b.steps)),
            summary: hostileText(2000),
            rationale: hostileText(8000),
            // Evidence from another group's cycle.
            evidence: fc.array(
              fc.record({
                kind: fc.constantFrom('finding' as const, 'observation' as const),
                id: idFrom(a.notes, a.findings, b.notes, b.findings),
                cycleId: fc.constantFrom(a.cycleId, b.cycleId),
              }),
              { maxLength: 4 },
            ),
          }),
          { maxLength: 3 },
        ),
      }),
  },
  copyDesignToGroup: { payload: ({ a, b }) => fc.record({ designId: fc.constantFrom(a.designId, b.designId), groupId: fc.constant(a.groupId) }) },
  createDesign: { payload: ({ a }) => fc.record({ groupId: fc.constant(a.groupId), title: hostileText(300, true) }) },
  createCycle: { payload: ({ a }) => fc.record({ groupId: fc.constant(a.groupId), title: hostileText(300, true), researchQuestion: hostileText(4000) }) },
  // Reading channels, on A's records and B's.
  getCycleEvidence: { payload: ({ a, b }) => fc.record({ cycleId: fc.constantFrom(a.cycleId, b.cycleId) }) },
  getObservationSession: { payload: ({ a, b }) => fc.record({ cycleId: fc.constantFrom(a.cycleId, b.cycleId) }) },
  compareVersions: {
    payload: ({ a, b }) => {
      const ref = fc.oneof(fc.constant('draft' as const), idFrom(a.versions, b.versions));
      return fc.record({ designId: fc.constant(a.designId), fromVersionId: ref, toVersionId: ref });
    },
  },
  resolveEvidence: {
    payload: ({ a, b }) =>
      fc.record({
        refs: fc.array(
          fc.record({
            kind: fc.constantFrom('finding' as const, 'observation' as const),
            id: idFrom(a.notes, a.findings, b.notes, b.findings),
            cycleId: idFrom([a.cycleId, b.cycleId]),
          }),
          { maxLength: 8 },
        ),
      }),
  },
  getPhotoDataUrl: { payload: ({ a }) => fc.record({ hash: fc.oneof(fc.constantFrom(...a.photos, 'f'.repeat(64)), fc.stringMatching(/^[0-9a-f]{64}$/)) }) },
  exportCycleReport: {
    runs: EXPORT_RUNS,
    payload: ({ a }) =>
      fc.record({ cycleId: fc.constant(a.cycleId), anonymize: fc.boolean(), includeAppendix: fc.boolean(), includePhotos: fc.boolean(), language: fc.constantFrom('en' as const, 'ja' as const) }),
  },
  exportLessonPlanDocx: {
    runs: EXPORT_RUNS,
    payload: ({ a }) => fc.record({ designId: fc.constant(a.designId), versionId: fc.constantFrom('draft' as const, ...a.versions), language: fc.constantFrom('en' as const, 'ja' as const) }),
  },
  exportObservationsCsv: { runs: EXPORT_RUNS, payload: ({ a }) => fc.record({ cycleId: fc.constant(a.cycleId) }) },
  exportObservationPack: {
    runs: EXPORT_RUNS,
    payload: ({ a, b }) => fc.record({ cycleId: fc.constant(a.cycleId), observerId: maybe(idFrom(a.members, b.members)) }),
  },
};

/**
 * A ZodError the backend throws on its own data, after the contract accepted the
 * request, is a crash; dispatch would report it as 'invalid-request'. Rethrown as a plain
 * Error, dispatch reports it as 'internal' and this test names it.
 */
const exposeInternalValidation = (service: WorkspaceService): WorkspaceService =>
  new Proxy(service, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return async (request: unknown) => {
        try {
          return await (value as (r: unknown) => Promise<unknown>).call(target, request);
        } catch (error) {
          if (error && typeof error === 'object' && 'issues' in error && !(error instanceof LessonStudyError)) {
            throw new Error(`backend's own validation failed after the contract accepted the request: ${JSON.stringify((error as { issues: unknown }).issues).slice(0, 400)}`);
          }
          throw error;
        }
      };
    },
  });

describe('IPC fuzz with requests the contract accepts, carrying hostile content', () => {
  let dir: string;
  let exportsDir: string;
  let backend: Backend;
  let ids: { a: Pick<Side, 'groupId' | 'cycleId' | 'designId'> & { planCycleId: string }; b: Pick<Side, 'groupId' | 'cycleId' | 'designId'> };
  let groupBFiles: string[];
  let groupBBefore: Map<string, string>;
  let exported = 0;

  const open = () =>
    createBackend({
      workspaceDir: dir,
      effects: { ...noEffects, chooseSavePath: async () => path.join(exportsDir, `export-${exported++}`) },
    });

  const readGroupB = async (): Promise<Map<string, string>> =>
    new Map(await Promise.all(groupBFiles.map(async (rel) => [rel, await readFile(path.join(dir, rel), 'utf8')] as const)));

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ls-fuzz-'));
    exportsDir = await mkdtemp(path.join(tmpdir(), 'ls-fuzz-out-'));
    backend = await open();
    const { service } = backend;
    const seeded = [await seedAnalyzedLesson(backend), await seedAnalyzedLesson(backend)];
    for (const seed of seeded) {
      const notes = Object.values(seed.notes).map((n) => n.id);
      await service.createFinding({ cycleId: seed.cycle.id, fields: { statement: 'Tables helped', supportingObservationIds: notes.slice(0, 2), contradictingObservationIds: notes.slice(2, 3) } });
      await service.saveMeeting({ cycleId: seed.cycle.id, meeting: { date: '2025-04-20', attendeeIds: [seed.members.facilitator.id], agenda: 'Plan' } });
      await service.saveClassMode({ change: { id: backend.context.newId(), cycleId: seed.cycle.id, observerId: seed.members.observer.id, clockMs: 0, wallTime: '2025-05-01T10:00:00.000Z', mode: 'pairs', updatedAt: '2025-05-01T10:00:00.000Z' } });
    }
    const [a, b] = seeded;
    // Group A also has a draft (saveDraft needs one) and a cycle still in plan (chooseVersion needs one).
    await service.reviseFromVersion({ designId: a.design.id, versionId: a.version.id });
    const planCycle = await service.createCycle({ groupId: a.group.id, title: 'Reteach', researchQuestion: '' });
    ids = {
      a: { groupId: a.group.id, cycleId: a.cycle.id, designId: a.design.id, planCycleId: planCycle.id },
      b: { groupId: b.group.id, cycleId: b.cycle.id, designId: b.design.id },
    };
    await readSide(service, ids.b); // B's analysis file exists before the snapshot: reading it never writes.
    await backend.close();
    groupBFiles = (await walk(dir)).filter(
      (rel) =>
        [`groups/${b.group.id}.json`, `designs/${b.design.id}.json`, `cycles/${b.cycle.id}.json`, `analysis/${b.cycle.id}.json`].includes(rel) ||
        rel.startsWith(`observations/${b.cycle.id}/`),
    );
    expect(groupBFiles.length).toBeGreaterThanOrEqual(5);
    groupBBefore = await readGroupB();
    backend = await open();
  }, 60_000);

  afterAll(async () => {
    console.log(JSON.stringify((globalThis as any).STATS, null, 1));
    await backend?.close();
    await rm(dir, { recursive: true, force: true });
    await rm(exportsDir, { recursive: true, force: true });
  });

  for (const [name, spec] of Object.entries(fuzzed) as Array<[ChannelName, { runs?: number; payload: (s: Seeds) => fc.Arbitrary<unknown> }]>) {
    it(name, async () => {
      const seeds: Seeds = {
        a: { ...(await readSide(backend.service, ids.a)), planCycleId: ids.a.planCycleId },
        b: await readSide(backend.service, ids.b),
      };
      await fc.assert(
        fc.asyncProperty(spec.payload(seeds), async (payload) => {
          const gate = contract[name].request.safeParse(payload);
          expect(gate.success, `the generator built a payload the contract refuses: ${gate.error?.issues[0]?.message}`).toBe(true);

          const result = await dispatch(exposeInternalValidation(backend.service), name, payload);
          const k = `${name} ${result.ok ? 'ok' : result.error.code}`; (globalThis as any).STATS ??= {}; (globalThis as any).STATS[k] = ((globalThis as any).STATS[k] ?? 0) + 1;
          if (!result.ok && process.env.FUZZ_MSG) console.log(name, result.error.code, result.error.message.slice(0, 200));
          if (result.ok) {
            expect(contract[name].response.safeParse(result.value).success).toBe(true);
          } else {
            expect(errorCodes).toContain(result.error.code);
            expect(result.error.code, `an unhandled crash: ${result.error.message}`).not.toBe('internal');
          }
          const damaged = (await backend.service.listNotices({})).filter((n) => n.kind === 'quarantined' || n.kind === 'restored-from-backup');
          expect(damaged).toEqual([]);

          await backend.close();
          expect(await validateWorkspace(dir, { backups: false })).toEqual([]);
          expect(await readGroupB()).toEqual(groupBBefore);
          backend = await open();
        }),
        { numRuns: spec.runs ?? RUNS },
      );
    }, 60_000);
  }

  it('reads everything written back, exports it as valid Word XML, and keeps every backup valid', async () => {
    const { service } = backend;
    const evidence = await service.getCycleEvidence({ cycleId: ids.a.cycleId });
    expect(evidence.cycle.id).toBe(ids.a.cycleId);
    for (const anonymize of [false, true]) {
      const saved = await service.exportCycleReport({ cycleId: ids.a.cycleId, anonymize, includeAppendix: true, includePhotos: true, language: 'en' });
      const files = await readdir(exportsDir);
      const newest = (await Promise.all(files.map(async (f) => ({ f, t: (await stat(path.join(exportsDir, f))).mtimeMs })))).sort((x, y) => y.t - x.t)[0];
      expect(saved?.fileName).toBe(newest.f);
      const docx = await unpackDocx(await readFile(path.join(exportsDir, newest.f)));
      expect(invalidParts(docx.parts)).toEqual([]);
    }
    expect(await validateWorkspace(dir)).toEqual([]);
    expect(await readGroupB()).toEqual(groupBBefore);
  }, 60_000);
});

// ── The gate: payloads no request schema accepts are refused before any backend code ──

const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.anything({ maxDepth: 3, maxKeys: 5 }), weight: 6 },
  { arbitrary: fc.constantFrom(Number.NaN, Infinity, -0, 2 ** 64, '', 'null', '../../etc/passwd'), weight: 2 },
  // Shared constants: generating fresh megabytes every run would test the generator, not the app.
  { arbitrary: fc.constantFrom('x'.repeat(9_000_000), Array.from({ length: 100_000 }, (_, i) => i)), weight: 1 },
);

/** Not an object, or an object with a key no strict request schema has. */
const refusedPayload = (knownKeys: string[]): fc.Arbitrary<unknown> =>
  fc.oneof(
    anyValue.filter((value) => typeof value !== 'object' || value === null || Array.isArray(value)),
    fc
      .record({
        known: fc.dictionary(fc.constantFrom(...(knownKeys.length ? knownKeys : ['x'])), anyValue, { maxKeys: 3 }),
        extra: anyValue,
        key: fc.constantFrom('__proto__', 'constructor', 'x_unexpected', 'prototype'),
      })
      .map(({ known, extra, key }) => {
        // JSON.parse makes "__proto__" an own key, as a payload arriving over IPC would have.
        const payload = JSON.parse(JSON.stringify(known) ?? '{}') as Record<string, unknown>;
        Object.defineProperty(payload, key, { value: extra ?? 1, enumerable: true, configurable: true, writable: true });
        return payload;
      }),
  );

describe('every IPC channel refuses, at the gate, payloads its schema cannot accept', () => {
  let host: Host;
  let userData: string;

  beforeAll(async () => {
    userData = await mkdtemp(path.join(tmpdir(), 'ls-fuzz-gate-'));
    host = await createHost({
      settings: createSettings(createMemoryStore()),
      effects: noEffects,
      defaultWorkspaceDir: path.join(userData, 'workspace'),
      samplesDir: path.join(userData, 'samples'),
      sampleSourceDir: path.join(userData, 'no-sample'),
    });
  });
  afterAll(async () => {
    await host.close();
    await rm(userData, { recursive: true, force: true });
  });

  const snapshot = async () =>
    Promise.all((await walk(userData)).map(async (rel) => `${rel}:${(await stat(path.join(userData, rel))).mtimeMs}`));

  it('with a typed error and nothing written', async () => {
    const before = await snapshot();
    for (const name of channelNames) {
      const shape = (contract[name].request as unknown as { shape?: Record<string, unknown> }).shape ?? {};
      await fc.assert(
        fc.asyncProperty(refusedPayload(Object.keys(shape)), async (payload) => {
          expect(contract[name].request.safeParse(payload).success).toBe(false);
          const result = await dispatch(host.service, name, payload);
          expect(result.ok).toBe(false);
          if (!result.ok) expect(['invalid-request', 'too-large']).toContain(result.error.code);
        }),
        { numRuns: 10 },
      );
    }
    expect(await snapshot()).toEqual(before);
  }, 60_000);
});
