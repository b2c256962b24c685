import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pointsToNoticeCoverage } from '../../shared/analysis/coverage';
import { applyTimer, buildDiscussion, isOverTime } from '../../shared/analysis/discussion';
import { indexById, resolveEvidenceRefs, resolveFindingEvidence } from '../../shared/analysis/evidence-links';
import { filterObservations, targetKey } from '../../shared/analysis/filters';
import { changeNoteFromFinding, linkObservations } from '../../shared/analysis/findings';
import { stepCodeHeatmap } from '../../shared/analysis/heatmap';
import { predictedVsActual } from '../../shared/analysis/predicted-vs-actual';
import { segmentElapsedMs, type Finding } from '../../shared/domain/analysis';
import type { FlowStep } from '../../shared/domain/design';
import type { Code, FocusStudent, Member } from '../../shared/domain/group';
import type { Observation, ObservationTarget } from '../../shared/domain/observation';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const T = '2025-05-01T10:00:00.000Z';

// Fixed data: a three-step lesson, three codes (one retired), two focus students.
const steps: FlowStep[] = [
  {
    id: id(101), title: 'Launch', minutes: 5, activities: '', teacherSupport: '',
    anticipatedResponses: [{ id: id(111), text: 'Counts the tiles one by one' }],
    pointsToNotice: [{ id: id(121), text: 'Do students notice the pattern grows by 2?' }],
  },
  {
    id: id(102), title: 'Explore', minutes: 20, activities: '', teacherSupport: '',
    anticipatedResponses: [{ id: id(112), text: 'Draws a table' }, { id: id(113), text: 'Writes 2n + 1' }],
    pointsToNotice: [{ id: id(122), text: 'Who uses a table?' }, { id: id(123), text: 'Do pairs justify to each other?' }],
  },
  { id: id(103), title: '', minutes: 10, activities: '', teacherSupport: '', anticipatedResponses: [], pointsToNotice: [] },
];
const codes: Code[] = [
  { id: id(201), label: 'Strategy', color: '#2563eb', retired: false },
  { id: id(202), label: 'Misconception', color: '#dc2626', retired: false },
  { id: id(203), label: 'Old code', color: '#999999', retired: true },
];
const students: FocusStudent[] = [
  { id: id(301), pseudonym: 'Maya', focus: true, concern: true, concerns: 'Rarely shares', supportsNow: '', supportsPlanned: '', retired: false },
  { id: id(302), pseudonym: 'Ken', focus: true, concern: false, concerns: '', supportsNow: '', supportsPlanned: '', retired: false },
  { id: id(303), pseudonym: 'Old', focus: true, concern: false, concerns: '', supportsNow: '', supportsPlanned: '', retired: true },
];
const obsA = id(401);
const obsB = id(402);

let seq = 0;
const note = (fields: {
  stepId?: string; codeIds?: string[]; target?: ObservationTarget; observerId?: string;
  pointToNoticeIds?: string[]; deleted?: boolean; text?: string; clockMs?: number;
}): Observation => {
  seq += 1;
  return {
    id: id(500 + seq), cycleId: id(900), observerId: fields.observerId ?? obsA, clockMs: fields.clockMs ?? seq * 1000,
    wallTime: T, ...(fields.stepId ? { stepId: fields.stepId } : {}), target: fields.target ?? { kind: 'class' },
    codeIds: fields.codeIds ?? [], text: fields.text ?? `note ${seq}`, photos: [], pointToNoticeIds: fields.pointToNoticeIds ?? [],
    createdAt: T, updatedAt: T, ...(fields.deleted ? { deletedAt: T } : {}),
  };
};
const maya: ObservationTarget = { kind: 'student', studentId: id(301) };
const notes: Observation[] = [
  note({ stepId: id(101), codeIds: [id(201)], target: maya, pointToNoticeIds: [id(121)] }),      // 0
  note({ stepId: id(101), codeIds: [id(201), id(202)] }),                                        // 1 two codes
  note({ stepId: id(102), codeIds: [id(202)], observerId: obsB, target: maya }),                 // 2
  note({ stepId: id(102), codeIds: [id(201)], observerId: obsB, pointToNoticeIds: [id(122)] }),  // 3
  note({ stepId: id(102), codeIds: [] , target: { kind: 'group', label: 'Table 3' } }),         // 4 uncoded
  note({ codeIds: [id(203)], target: maya }),                                                    // 5 no step, retired code
  note({ stepId: id(102), codeIds: [id(202)], deleted: true, pointToNoticeIds: [id(123)], target: maya }), // 6 deleted
  note({ stepId: id(999), codeIds: [id(201)] }),                                                 // 7 step no longer in plan
];

describe('step × code heatmap', () => {
  const map = stepCodeHeatmap({ steps, codes, observations: notes });
  const cell = (stepId: string | null, codeId: string | null) =>
    map.rows.find((r) => r.stepId === stepId)!.cells.find((c) => c.codeId === codeId)!;

  it('counts live notes per step and code; a note with two codes counts in both cells', () => {
    expect(map.columns.map((c) => c.label)).toEqual(['Strategy', 'Misconception', 'Old code', 'No code']);
    expect(map.rows.map((r) => r.label)).toEqual(['Launch', 'Explore', 'Step 3', 'No step']);
    expect(cell(id(101), id(201)).count).toBe(2);
    expect(cell(id(101), id(202)).count).toBe(1);
    expect(cell(id(101), id(202)).observationIds).toEqual([notes[1].id]);
    expect(cell(id(102), id(202)).count).toBe(1); // the deleted note is not counted
    expect(cell(id(102), null).count).toBe(1);
    expect(map.rows.find((r) => r.stepId === id(101))!.total).toBe(2);
    expect(map.noteCount).toBe(7);
    expect(map.max).toBe(2);
  });

  it('puts notes outside any step, or in a step the plan no longer has, on a "No step" row', () => {
    expect(cell(null, id(201)).observationIds).toEqual([notes[7].id]);
    expect(cell(null, id(203)).observationIds).toEqual([notes[5].id]);
  });

  it('shows a retired code only when a note uses it, and no "No code" column when every note has a code', () => {
    const coded = stepCodeHeatmap({ steps, codes, observations: notes.filter((n) => n.codeIds.length && n.codeIds[0] !== id(203)) });
    expect(coded.columns.map((c) => c.label)).toEqual(['Strategy', 'Misconception']);
    expect(coded.rows.map((r) => r.label)).toEqual(['Launch', 'Explore', 'Step 3', 'No step']);
  });

  it('can leave out codes that no counted note carries', () => {
    const onlyB = stepCodeHeatmap({ steps, codes, observations: notes, filter: { observerIds: [obsB] }, hideEmptyCodes: true });
    expect(onlyB.columns.map((c) => c.label)).toEqual(['Strategy', 'Misconception']);
    const all = stepCodeHeatmap({ steps, codes, observations: notes, filter: { observerIds: [obsB] } });
    expect(all.columns.map((c) => c.label)).toEqual(['Strategy', 'Misconception']);
    const none = stepCodeHeatmap({ steps, codes: [...codes, { id: id(204), label: 'Unused', color: '#000000', retired: false }], observations: notes, hideEmptyCodes: true });
    expect(none.columns.map((c) => c.label)).not.toContain('Unused');
  });

  it('filters by observer, target, code and step', () => {
    const byObserver = stepCodeHeatmap({ steps, codes, observations: notes, filter: { observerIds: [obsB] } });
    expect(byObserver.noteCount).toBe(2);
    const byTarget = stepCodeHeatmap({ steps, codes, observations: notes, filter: { targets: [targetKey(maya)] } });
    expect(byTarget.noteCount).toBe(3);
    const byCode = stepCodeHeatmap({ steps, codes, observations: notes, filter: { codeIds: [id(202)] } });
    expect(byCode.columns.map((c) => c.codeId)).toEqual([id(202)]);
    expect(byCode.noteCount).toBe(2);
    const byStep = stepCodeHeatmap({ steps, codes, observations: notes, filter: { stepIds: [id(102)] } });
    expect(byStep.noteCount).toBe(3);
    const noStep = filterObservations(notes, { stepIds: [null] });
    expect(noStep.map((n) => n.id)).toEqual([notes[5].id]);
  });

  it('property: every live note is counted in exactly one row, and each cell lists the notes it counts', () => {
    const arbNote = fc.record({
      step: fc.constantFrom(id(101), id(102), id(103), undefined),
      codes: fc.subarray([id(201), id(202), id(203)]),
      deleted: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(arbNote, { maxLength: 40 }), (specs) => {
        const list = specs.map((s) => note({ stepId: s.step, codeIds: s.codes, deleted: s.deleted }));
        const m = stepCodeHeatmap({ steps, codes, observations: list });
        const live = list.filter((n) => !n.deletedAt);
        expect(m.rows.reduce((sum, r) => sum + r.total, 0)).toBe(live.length);
        for (const row of m.rows) for (const c of row.cells) expect(c.count).toBe(c.observationIds.length);
        const cellSum = m.rows.flatMap((r) => r.cells).reduce((s, c) => s + c.count, 0);
        const expected = live.reduce((s, n) => s + Math.max(1, n.codeIds.length), 0);
        expect(cellSum).toBe(expected);
      }),
    );
  });
});

describe('points-to-notice coverage', () => {
  it('lists the live notes linked to each point and marks points with none as "no evidence collected"', () => {
    const coverage = pointsToNoticeCoverage({ steps, observations: notes });
    const points = coverage.steps.flatMap((s) => s.points);
    expect(points.map((p) => [p.text, p.observationIds])).toEqual([
      ['Do students notice the pattern grows by 2?', [notes[0].id]],
      ['Who uses a table?', [notes[3].id]],
      // Only a deleted note was linked here: that is no evidence.
      ['Do pairs justify to each other?', []],
    ]);
    expect(points.map((p) => p.covered)).toEqual([true, true, false]);
    expect([coverage.pointCount, coverage.coveredCount]).toEqual([3, 2]);
    expect(coverage.steps[2].points).toEqual([]);
  });
});

describe('predicted vs actual', () => {
  const sheets = predictedVsActual({
    steps,
    observationPlan: [
      { id: id(601), observerId: obsB, studentId: id(302), groupLabel: '', lookFor: 'Does Ken use the table?' },
      { id: id(602), observerId: obsA, studentId: id(301), groupLabel: '', lookFor: 'Does Maya explain to her partner?' },
    ],
    focusStudents: students,
    observations: notes,
  });

  it('lists planned students first, then other focus students; retired ones only when noted', () => {
    expect(sheets.map((s) => s.pseudonym)).toEqual(['Ken', 'Maya']);
  });

  it('pairs each step’s anticipated responses with the notes about that student in that step', () => {
    const m = sheets.find((s) => s.pseudonym === 'Maya')!;
    expect(m.lookFors).toEqual([{ assignmentId: id(602), observerId: obsA, text: 'Does Maya explain to her partner?' }]);
    expect(m.steps.map((r) => [r.title, r.anticipated.map((a) => a.text), r.observationIds])).toEqual([
      ['Launch', ['Counts the tiles one by one'], [notes[0].id]],
      ['Explore', ['Draws a table', 'Writes 2n + 1'], [notes[2].id]],
      ['', [], []],
    ]);
    expect(m.unplacedObservationIds).toEqual([notes[5].id]);
    expect(m.noteCount).toBe(3);
    const k = sheets.find((s) => s.pseudonym === 'Ken')!;
    expect(k.noteCount).toBe(0);
    expect(k.steps[1].anticipated).toHaveLength(2);
  });
});

describe('finding ↔ evidence ↔ change links', () => {
  const finding: Finding = {
    id: id(701), statement: 'Students who drew a table explained the pattern', supportingObservationIds: [notes[0].id, notes[3].id],
    contradictingObservationIds: [notes[2].id], impliesRevision: true, stepId: id(102), createdAt: T, updatedAt: T,
  };

  it('a note supports or contradicts, never both', () => {
    const moved = linkObservations(finding, [notes[2].id], 'supporting', T);
    expect(moved.supportingObservationIds).toEqual([notes[0].id, notes[3].id, notes[2].id]);
    expect(moved.contradictingObservationIds).toEqual([]);
    expect(linkObservations(moved, [notes[0].id], 'supporting', T).supportingObservationIds).toHaveLength(3);
  });

  it('an edited note resolves to its new text; a deleted note resolves as removed, its id kept', () => {
    const edited = notes.map((n) => (n.id === notes[0].id ? { ...n, text: 'Maya: “it goes up by two each time”' } : n));
    const deleted = edited.map((n) => (n.id === notes[3].id ? { ...n, deletedAt: T } : n));
    const resolved = resolveFindingEvidence(finding, indexById(deleted));
    expect(resolved.supporting.map((r) => r.status)).toEqual(['present', 'deleted']);
    expect(resolved.supporting[0].status === 'present' && resolved.supporting[0].observation.text).toBe('Maya: “it goes up by two each time”');
    expect(resolved.supporting[1].id).toBe(notes[3].id);
    // Missing entirely (e.g. never merged onto this laptop) is "removed" too.
    expect(resolveFindingEvidence(finding, indexById([])).contradicting).toEqual([{ id: notes[2].id, status: 'deleted' }]);
  });

  it('a change note cites the finding and its live supporting notes; deleting either shows as removed', () => {
    let n = 0;
    const live = indexById(notes.filter((o) => o.id !== notes[3].id));
    const change = changeNoteFromFinding({ finding, cycleId: id(900), observations: live, newId: () => id(800 + ++n) });
    expect(change.stepId).toBe(id(102));
    expect(change.summary).toBe(finding.statement);
    expect(change.evidence).toEqual([
      { kind: 'finding', id: finding.id, cycleId: id(900) },
      { kind: 'observation', id: notes[0].id, cycleId: id(900) },
    ]);
    const before = resolveEvidenceRefs(change.evidence, new Map([[id(900), { observations: live, findings: indexById([finding]) }]]));
    expect(before.map((r) => r.status)).toEqual(['present', 'present']);
    const after = resolveEvidenceRefs(
      change.evidence,
      new Map([[id(900), { observations: indexById(notes.map((o) => ({ ...o, deletedAt: T }))), findings: indexById<Finding>([]) }]]),
    );
    expect(after.map((r) => [r.kind, r.status])).toEqual([['finding', 'deleted'], ['observation', 'deleted']]);
    // A cycle that no longer exists makes its refs removed, not an error.
    expect(resolveEvidenceRefs(change.evidence, new Map()).every((r) => r.status === 'deleted')).toBe(true);
  });
});

describe('discussion protocol and timers', () => {
  const members: Member[] = [
    { id: id(1), name: 'Aiko', role: 'facilitator' },
    { id: id(2), name: 'Ben', role: 'teacher' },
    { id: id(3), name: 'Chie', role: 'observer' },
    { id: id(4), name: 'Dr. Sato', role: 'knowledgeable-other' },
  ];
  let n = 0;
  const newId = () => id(1000 + ++n);

  it('follows the established order with speakers by role when the group has no protocol of its own', () => {
    const d = buildDiscussion({ protocol: [], members, teacherId: id(2), newId });
    expect(d.segments.map((s) => [s.kind, s.speakerIds])).toEqual([
      ['thanks', [id(1)]], ['reflections', [id(2)]], ['planning-team', [id(1)]], ['observers', [id(3)]], ['final-comments', [id(4)]],
    ]);
    expect(d.currentSegmentId).toBe(d.segments[0].id);
    expect(d.finalCommentsBy).toBe(id(4));
  });

  it('uses the group’s edited protocol order when it has one', () => {
    const d = buildDiscussion({
      protocol: [{ id: id(50), title: 'Observers first', plannedMinutes: 20 }, { id: id(51), title: 'Instructor', plannedMinutes: 5 }],
      members, newId,
    });
    expect(d.segments.map((s) => [s.kind, s.title, s.plannedMinutes])).toEqual([['custom', 'Observers first', 20], ['custom', 'Instructor', 5]]);
  });

  it('runs one timer at a time and keeps elapsed time across pauses', () => {
    const t0 = new Date('2025-05-01T15:00:00Z');
    const at = (s: number) => new Date(t0.getTime() + s * 1000);
    let d = buildDiscussion({ protocol: [], members, newId });
    const [a, b] = d.segments;
    d = applyTimer(d, a.id, 'start', at(0));
    d = applyTimer(d, a.id, 'pause', at(90));
    expect(d.segments[0].elapsedMs).toBe(90_000);
    d = applyTimer(d, a.id, 'start', at(100));
    expect(segmentElapsedMs(d.segments[0], at(130))).toBe(120_000);
    expect(isOverTime(d.segments[0], at(130))).toBe(false); // planned 2 minutes
    expect(isOverTime(d.segments[0], at(131))).toBe(true);
    d = applyTimer(d, b.id, 'start', at(200));
    expect(d.segments[0].runningSince).toBeUndefined();
    expect(d.segments[0].elapsedMs).toBe(190_000);
    expect(d.currentSegmentId).toBe(b.id);
    d = applyTimer(d, b.id, 'reset', at(260));
    expect(segmentElapsedMs(d.segments[1], at(300))).toBe(0);
  });
});
