import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { applyTimer, buildDiscussion, isOverTime } from '../../shared/analysis/discussion';
import { filterObservations, matchesFilter, targetKey } from '../../shared/analysis/filters';
import { changeNoteFromFinding, citesFinding, linkObservations, unlinkObservation } from '../../shared/analysis/findings';
import { predictedVsActual } from '../../shared/analysis/predicted-vs-actual';
import type { DiscussionSegment, Finding } from '../../shared/domain/analysis';
import type { ChangeNote } from '../../shared/domain/design';
import type { FocusStudent, Member } from '../../shared/domain/group';
import type { Observation, ObservationTarget } from '../../shared/domain/observation';

// Tests written from the mutation report of shared/analysis (issue 13).

const cycleId = randomUUID();
const observer = randomUUID();
const T0 = '2025-05-01T10:00:00.000Z';
const LATER = '2025-05-01T11:00:00.000Z';

const note = (text: string, extra: Partial<Observation> = {}): Observation => ({
  id: randomUUID(),
  cycleId,
  observerId: observer,
  clockMs: 60_000,
  wallTime: T0,
  target: { kind: 'class' },
  codeIds: [],
  text,
  photos: [],
  pointToNoticeIds: [],
  createdAt: T0,
  updatedAt: T0,
  ...extra,
});

const finding = (extra: Partial<Finding> = {}): Finding => ({
  id: randomUUID(),
  statement: 'Students compared numerators only until the strips were shown.',
  supportingObservationIds: [],
  contradictingObservationIds: [],
  impliesRevision: true,
  createdAt: T0,
  updatedAt: T0,
  ...extra,
});

describe('linking and unlinking notes on a finding', () => {
  const [n1, n2, n3] = [randomUUID(), randomUUID(), randomUUID()];

  it('unlinking a note takes it out of whichever role it had, and nothing else', () => {
    const f = finding({ supportingObservationIds: [n1, n2], contradictingObservationIds: [n3] });
    const withoutSupport = unlinkObservation(f, n1, LATER);
    expect(withoutSupport.supportingObservationIds).toEqual([n2]);
    expect(withoutSupport.contradictingObservationIds).toEqual([n3]);
    expect(withoutSupport.updatedAt).toBe(LATER);
    const withoutContra = unlinkObservation(f, n3, LATER);
    expect(withoutContra.supportingObservationIds).toEqual([n1, n2]);
    expect(withoutContra.contradictingObservationIds).toEqual([]);
    // The finding itself is not edited in place.
    expect(f.supportingObservationIds).toEqual([n1, n2]);
  });

  it('linking as contradicting moves a supporting note over, once, and keeps the others', () => {
    const f = finding({ supportingObservationIds: [n1, n2], contradictingObservationIds: [n3] });
    const moved = linkObservations(f, [n1, n3], 'contradicting', LATER);
    expect(moved.supportingObservationIds).toEqual([n2]);
    expect(moved.contradictingObservationIds).toEqual([n3, n1]);
    expect(moved.updatedAt).toBe(LATER);
    const back = linkObservations(moved, [n1], 'supporting', LATER);
    expect(back.supportingObservationIds).toEqual([n2, n1]);
    expect(back.contradictingObservationIds).toEqual([n3]);
  });

  it('a change note cites a finding only through a finding reference with its id', () => {
    const f = finding();
    const other = randomUUID();
    const cites = (evidence: ChangeNote['evidence']) =>
      citesFinding({ id: randomUUID(), summary: '', rationale: '', evidence }, f.id);
    expect(cites([{ kind: 'finding', id: f.id, cycleId }])).toBe(true);
    expect(cites([{ kind: 'observation', id: f.id, cycleId }])).toBe(false);
    expect(cites([{ kind: 'finding', id: other, cycleId }])).toBe(false);
    expect(cites([{ kind: 'finding', id: other, cycleId }, { kind: 'finding', id: f.id, cycleId }])).toBe(true);
    expect(cites([])).toBe(false);
  });

  it('the proposed change note uses the statement as summary and rationale unless a rationale is given', () => {
    const f = finding({ stepId: randomUUID() });
    const plain = changeNoteFromFinding({ finding: f, cycleId, observations: new Map(), newId: () => 'note-1' });
    expect(plain).toEqual({
      id: 'note-1',
      stepId: f.stepId,
      summary: f.statement,
      rationale: f.statement,
      evidence: [{ kind: 'finding', id: f.id, cycleId }],
    });
    const argued = changeNoteFromFinding({ finding: f, cycleId, observations: new Map(), rationale: 'Show strips earlier', newId: () => 'n' });
    expect(argued.rationale).toBe('Show strips earlier');
    const long = finding({ statement: 'x'.repeat(2500) });
    expect(changeNoteFromFinding({ finding: long, cycleId, observations: new Map(), newId: () => 'n' }).summary).toHaveLength(2000);
  });
});

describe('which students get a predicted-vs-actual sheet', () => {
  const student = (pseudonym: string, retired = false): FocusStudent =>
    ({ id: randomUUID(), pseudonym, concerns: `${pseudonym} rushes`, supportsNow: '', supportsPlanned: '', retired }) as FocusStudent;
  const ken = student('Ken');
  const mei = student('Mei');
  const old = student('Old', true);
  const oldNoted = student('Noted', true);
  const steps = [
    { id: randomUUID(), title: 'Launch', anticipatedResponses: [{ id: randomUUID(), text: 'counts' }] },
    { id: randomUUID(), title: 'Explore', anticipatedResponses: [] },
  ];
  const about = (s: FocusStudent, extra: Partial<Observation> = {}) =>
    note(`about ${s.pseudonym}`, { target: { kind: 'student', studentId: s.id }, ...extra });

  it('planned students first, then other current focus students, and a retired one only when noted', () => {
    const sheets = predictedVsActual({
      steps,
      observationPlan: [{ id: randomUUID(), studentId: mei.id, observerId: observer, groupLabel: '', lookFor: 'Mei explains' }],
      focusStudents: [ken, mei, old, oldNoted],
      observations: [about(oldNoted, { stepId: steps[0].id })],
    });
    expect(sheets.map((s) => s.pseudonym)).toEqual(['Mei', 'Ken', 'Noted']);
    expect(sheets[0].lookFors).toEqual([{ assignmentId: expect.any(String), observerId: observer, text: 'Mei explains' }]);
    expect(sheets[1].lookFors).toEqual([]);
    expect(sheets[2].noteCount).toBe(1);
  });

  it('a student named only by a deleted note, or by a note about the class, gets no sheet', () => {
    const sheets = predictedVsActual({
      steps,
      observationPlan: [],
      focusStudents: [old],
      observations: [about(old, { deletedAt: LATER }), note('whole class')],
    });
    expect(sheets).toEqual([]);
  });

  it('a planned retired student still gets a sheet, and notes are placed by step', () => {
    const inLaunch = about(old, { stepId: steps[0].id });
    const outside = about(old);
    const goneStep = about(old, { stepId: randomUUID() });
    const [sheet] = predictedVsActual({
      steps,
      observationPlan: [{ id: randomUUID(), studentId: old.id, groupLabel: '', lookFor: '' }],
      focusStudents: [old],
      observations: [inLaunch, outside, goneStep, about(ken, { stepId: steps[0].id })],
    });
    expect(sheet.studentId).toBe(old.id);
    expect(sheet.concerns).toBe('Old rushes');
    expect(sheet.steps.map((s) => [s.title, s.observationIds])).toEqual([
      ['Launch', [inLaunch.id]],
      ['Explore', []],
    ]);
    expect(sheet.steps[0].anticipated.map((a) => a.text)).toEqual(['counts']);
    expect(sheet.unplacedObservationIds).toEqual([outside.id, goneStep.id]);
    expect(sheet.noteCount).toBe(3);
  });
});

describe('evidence filters', () => {
  it('keys a target by its kind', () => {
    const id = randomUUID();
    expect(targetKey({ kind: 'class' })).toBe('class');
    expect(targetKey({ kind: 'group', label: 'Table 2' })).toBe('group:Table 2');
    expect(targetKey({ kind: 'student', studentId: id })).toBe(`student:${id}`);
  });

  it('narrows by target and by words, ignoring case and surrounding spaces', () => {
    const group: ObservationTarget = { kind: 'group', label: 'Table 2' };
    const n = note('Ken Uses The Strips', { target: group });
    expect(matchesFilter(n, { targets: ['group:Table 2'] })).toBe(true);
    expect(matchesFilter(n, { targets: ['class'] })).toBe(false);
    expect(matchesFilter(n, { text: '  uses the  ' })).toBe(true);
    expect(matchesFilter(n, { text: 'number line' })).toBe(false);
    expect(matchesFilter(n, { targets: [] })).toBe(true);
  });

  it('lists live notes in clock order, then in the order they were written', () => {
    const late = note('late', { clockMs: 120_000 });
    const secondAtOne = note('second', { clockMs: 60_000, createdAt: '2025-05-01T10:01:02.000Z' });
    const firstAtOne = note('first', { clockMs: 60_000, createdAt: '2025-05-01T10:01:01.000Z' });
    const gone = note('gone', { clockMs: 0, deletedAt: LATER });
    expect(filterObservations([late, secondAtOne, gone, firstAtOne]).map((o) => o.text)).toEqual(['first', 'second', 'late']);
  });
});

describe('the post-lesson discussion', () => {
  const member = (role: Member['role'], name: string): Member => ({ id: randomUUID(), name, role });
  const facilitator = member('facilitator', 'Fumi');
  const teacher = member('teacher', 'Taro');
  const otherTeacher = member('teacher', 'Tomo');
  const obs = member('observer', 'Olga');
  const ko = member('knowledgeable-other', 'Prof. Kato');
  let n = 0;
  const newId = () => `seg-${++n}`;

  it('gives each built-in segment its speaker: the lesson’s own teacher when a member, else the first teacher', () => {
    const members = [facilitator, teacher, otherTeacher, obs, ko];
    const withTeacher = buildDiscussion({ protocol: [], members, teacherId: otherTeacher.id, newId });
    expect(withTeacher.segments.map((s) => [s.kind, s.speakerIds, s.title, s.notes, s.elapsedMs])).toEqual([
      ['thanks', [facilitator.id], '', '', 0],
      ['reflections', [otherTeacher.id], '', '', 0],
      ['planning-team', [facilitator.id], '', '', 0],
      ['observers', [obs.id], '', '', 0],
      ['final-comments', [ko.id], '', '', 0],
    ]);
    expect(withTeacher.currentSegmentId).toBe(withTeacher.segments[0].id);
    expect(withTeacher.finalComments).toBe('');
    expect(withTeacher.finalCommentsBy).toBe(ko.id);

    const formerTeacher = buildDiscussion({ protocol: [], members, teacherId: randomUUID(), newId });
    expect(formerTeacher.segments[1].speakerIds).toEqual([teacher.id]);
    const noTeacher = buildDiscussion({ protocol: [], members, newId });
    expect(noTeacher.segments[1].speakerIds).toEqual([teacher.id]);
  });

  it('a group without such members gets no speakers and no final-comments author', () => {
    const d = buildDiscussion({ protocol: [], members: [], newId });
    expect(d.segments.map((s) => s.speakerIds)).toEqual([[], [], [], [], []]);
    expect(d.finalCommentsBy).toBeUndefined();
    const custom = buildDiscussion({ protocol: [{ id: randomUUID(), title: 'Data walk', plannedMinutes: 20 }], members: [], newId });
    expect(custom.segments.map((s) => [s.kind, s.title, s.plannedMinutes, s.notes])).toEqual([['custom', 'Data walk', 20, '']]);
    const empty = buildDiscussion({ protocol: [{ id: randomUUID(), title: 'Only', plannedMinutes: 1 }], members: [], newId });
    expect(empty.currentSegmentId).toBe(empty.segments[0].id);
  });

  it('one timer runs at a time; pausing or resetting another segment leaves the running one alone', () => {
    const d = buildDiscussion({ protocol: [], members: [], newId });
    const [first, second] = d.segments;
    const at = (s: number) => new Date(Date.UTC(2025, 4, 1, 15, 0, s));
    const running = applyTimer(d, first.id, 'start', at(0));
    expect(running.segments[0].runningSince).toBe(at(0).toISOString());
    expect(running.currentSegmentId).toBe(first.id);
    // Starting an already running timer does not restart it.
    expect(applyTimer(running, first.id, 'start', at(5)).segments[0].runningSince).toBe(at(0).toISOString());

    const pausedOther = applyTimer(running, second.id, 'pause', at(10));
    expect(pausedOther.segments[0].runningSince).toBe(at(0).toISOString());
    expect(pausedOther.currentSegmentId).toBe(first.id);
    const resetOther = applyTimer(running, second.id, 'reset', at(10));
    expect(resetOther.segments[0].runningSince).toBe(at(0).toISOString());

    const switched = applyTimer(running, second.id, 'start', at(30));
    expect(switched.segments[0]).not.toHaveProperty('runningSince');
    expect(switched.segments[0].elapsedMs).toBe(30_000);
    expect(switched.currentSegmentId).toBe(second.id);

    const reset = applyTimer(switched, second.id, 'reset', at(40));
    expect(reset.segments[1]).not.toHaveProperty('runningSince');
    expect(reset.segments[1].elapsedMs).toBe(0);
    expect(applyTimer(d, 'no-such-segment', 'start', at(0))).toBe(d);
  });

  it('a segment is over time only past its planned minutes, and never without a plan', () => {
    const seg = (plannedMinutes: number, elapsedMs: number): DiscussionSegment => ({
      id: randomUUID(),
      kind: 'custom',
      title: '',
      speakerIds: [],
      plannedMinutes,
      elapsedMs,
      notes: '',
    });
    const now = new Date();
    expect(isOverTime(seg(2, 120_000), now)).toBe(false);
    expect(isOverTime(seg(2, 120_001), now)).toBe(true);
    expect(isOverTime(seg(0, 999_999), now)).toBe(false);
  });
});
