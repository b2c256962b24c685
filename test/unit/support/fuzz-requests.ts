import fc from 'fast-check';
import type { ChannelName, RequestOf, WorkspaceService } from '../../../shared/contract';
import { phases } from '../../../shared/domain/cycle';
import { classModes as modes } from '../../../shared/domain/observation';
import { hostileText, idFrom, idList, isoTime } from './hostile';

/**
 * Requests for the IPC fuzz (ipc-fuzz.test.ts): per channel, an arbitrary of payloads its
 * request schema accepts, built on group A's real records with group B's ids, duplicated
 * ids and hostile text mixed in.
 */

/** What one group's requests may name: real ids read from the workspace. */
export interface Side {
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
}

export const readSide = async (service: WorkspaceService, ids: Pick<Side, 'groupId' | 'cycleId' | 'designId'>): Promise<Side> => {
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
  };
};

/** Group A (with a cycle still in plan), group B, and the hashes of the photos in the workspace. */
export type Seeds = { a: Side & { planCycleId: string }; b: Side; photos: string[] };
/** `slow`: the channel writes a Word document or an export file, ~100× the cost of a save. */
export type FuzzedChannels = { [K in ChannelName]?: { slow?: true; payload: (s: Seeds) => fc.Arbitrary<RequestOf<K>> } };

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
/** A whole 1×1 PNG, and one cut off after its signature: both are stored, since the type is read from the first bytes. */
export const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
export const PNG_CUT = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const photoBytes = fc.constantFrom(PNG_1X1, PNG_CUT, Buffer.from('not an image'), Buffer.alloc(0));

/** The channels fuzzed, each request built on group A's records with group B's ids mixed in. */
export const fuzzedChannels: FuzzedChannels = {
  saveObservation: {
    payload: ({ a, b, photos }) =>
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
              hash: fc.oneof(fc.constantFrom(...photos, 'a'.repeat(64)), fc.stringMatching(/^[0-9a-f]{64}$/)),
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
    payload: ({ a }) => fc.record({ cycleId: fc.constant(a.cycleId), name: hostileText(260), dataBase64: photoBytes.map((bytes) => bytes.toString('base64')) }),
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
        speakerIds: maybe(idList(idFrom(a.members, b.members), 30)),
        plannedMinutes: maybe(fc.integer({ min: 0, max: 240 })),
        notes: maybe(hostileText(20_000)),
        title: maybe(hostileText(200)),
      }),
  },
  changeSpeakingQueue: {
    payload: ({ a, b }) =>
      fc.record({
        cycleId: fc.constant(a.cycleId),
        change: fc.oneof(
          fc.record({ action: fc.constant('raise' as const), speakerId: idFrom(a.members, b.members) }),
          fc.record({ action: fc.constant('next' as const) }),
          fc.record({ action: fc.constant('remove' as const), entryId: idFrom(a.members, b.segments) }),
        ),
      }),
  },
  setDiscussionEnded: {
    payload: ({ a }) => fc.record({ cycleId: fc.constant(a.cycleId), ended: fc.boolean() }),
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
  moveCode: {
    payload: ({ a, b }) => fc.record({ groupId: fc.constant(a.groupId), codeId: idFrom(a.codes, b.codes), direction: fc.constantFrom('earlier', 'later') }),
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
  getObservationChanges: {
    payload: ({ a, b }) =>
      fc.record({
        cycleId: fc.constantFrom(a.cycleId, b.cycleId),
        since: fc.record({ epoch: fc.oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 64 })), revision: fc.nat() }),
      }),
  },
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
  resolveSharedConflict: { payload: () => fc.record({ key: hostileText(2000, true), candidate: fc.integer({ min: 0, max: 100 }) }) },
  getPhotoDataUrl: { payload: ({ photos }) => fc.record({ hash: fc.oneof(fc.constantFrom(...photos), fc.stringMatching(/^[0-9a-f]{64}$/)) }) },
  exportCycleReport: {
    slow: true,
    payload: ({ a }) =>
      fc.record({ cycleId: fc.constant(a.cycleId), anonymize: fc.boolean(), includeAppendix: fc.boolean(), includePhotos: fc.boolean(), language: fc.constantFrom('en' as const, 'ja' as const) }),
  },
  exportThemeReport: {
    slow: true,
    payload: ({ a, b }) => fc.record({ groupId: fc.constantFrom(a.groupId, b.groupId), anonymize: fc.boolean(), language: fc.constantFrom('en' as const, 'ja' as const) }),
  },
  exportLessonPlanDocx: {
    slow: true,
    payload: ({ a }) => fc.record({ designId: fc.constant(a.designId), versionId: fc.constantFrom('draft' as const, ...a.versions), language: fc.constantFrom('en' as const, 'ja' as const) }),
  },
  exportObservationsCsv: { slow: true, payload: ({ a }) => fc.record({ cycleId: fc.constant(a.cycleId) }) },
  exportObservationPack: {
    slow: true,
    payload: ({ a, b }) => fc.record({ cycleId: fc.constant(a.cycleId), observerId: maybe(idFrom(a.members, b.members)) }),
  },
};
