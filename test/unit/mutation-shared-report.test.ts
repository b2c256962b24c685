import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CycleAnalysis, Finding } from '../../shared/domain/analysis';
import { Cycle } from '../../shared/domain/cycle';
import { DesignContent, type DesignVersion } from '../../shared/domain/design';
import { Group } from '../../shared/domain/group';
import type { ClassModeChange, Observation } from '../../shared/domain/observation';
import { buildReportModel, type ReportSources } from '../../shared/report/model';

// The cycle report's model built by hand from one small lesson (issue 13: the model was
// reached only through the Word export before). Every expectation below is read off the
// lesson as a group would tell it, not off the function.

const id = () => randomUUID();
const [fumi, taro, olga, kato] = [id(), id(), id(), id()];
const [ken, mei] = [id(), id()];
const [usesModel, draws, retiredCode] = [id(), id(), id()];
const [launch, explore, exitTicket] = [id(), id(), id()];
const [pointLaunch, pointExplore] = [id(), id()];
const cycleId = id();
const otherCycleId = id();

const group = Group.parse({
  id: id(),
  name: 'Maple Math',
  schools: ['Maple Elementary'],
  subject: 'Mathematics',
  gradeBand: '4',
  researchTheme: 'Reasoning with models',
  norms: ['Evidence first'],
  members: [
    { id: taro, name: 'Taro', role: 'teacher' },
    { id: fumi, name: 'Fumi', role: 'facilitator' },
    { id: olga, name: 'Olga', role: 'observer' },
    { id: kato, name: 'Prof. Kato', role: 'knowledgeable-other' },
  ],
  focusStudents: [
    { id: mei, pseudonym: 'Mei', focus: true, concerns: 'Quiet in pairs' },
    { id: ken, pseudonym: 'Ken', focus: true, concerns: 'Compares numerators only' },
  ],
  codebook: [
    { id: usesModel, label: 'Uses a model', color: '#112233' },
    { id: draws, label: 'Draws', color: '#445566' },
    { id: retiredCode, label: 'Old code', color: '#778899', retired: true },
  ],
  createdAt: '2025-04-01T09:00:00.000Z',
  updatedAt: '2025-04-01T09:00:00.000Z',
});

const taughtContent = DesignContent.parse({
  title: 'Comparing fractions',
  teacher: 'Taro (as planned)',
  steps: [
    {
      id: launch,
      title: 'Launch',
      minutes: 5,
      anticipatedResponses: [{ id: id(), text: 'counts the parts' }, { id: id(), text: '  ' }],
      pointsToNotice: [{ id: pointLaunch, text: 'Do they name the whole?' }],
    },
    { id: explore, title: '   ', minutes: 20, pointsToNotice: [{ id: pointExplore, text: 'Do they draw strips?' }] },
  ],
  observationPlan: [{ id: id(), observerId: olga, studentId: ken, lookFor: 'Watch how Ken compares' }],
});
const taught: DesignVersion = {
  id: id(),
  number: 1,
  content: taughtContent,
  summary: 'First plan',
  authors: ['Fumi'],
  createdAt: '2025-04-10T09:00:00.000Z',
  changeNotes: [],
  taughtInCycleIds: [cycleId],
};

const T = (min: number, sec = 0) => min * 60_000 + sec * 1000;
const stamp = '2025-05-01T10:00:00.000Z';
const obs = (extra: Partial<Observation> & Pick<Observation, 'text'>): Observation => ({
  id: id(),
  cycleId,
  observerId: olga,
  clockMs: 0,
  wallTime: stamp,
  target: { kind: 'class' },
  codeIds: [],
  photos: [],
  pointToNoticeIds: [],
  createdAt: stamp,
  updatedAt: stamp,
  ...extra,
});
const photo = { hash: 'ab'.repeat(32), ext: 'jpg' as const, name: 'board.jpg', bytes: 1000 };
const kenQuote = obs({
  text: '"I think 3/4 is bigger because 4 is bigger" — Ken',
  clockMs: T(1),
  stepId: launch,
  target: { kind: 'student', studentId: ken },
  codeIds: [usesModel],
  photos: [photo],
});
const quiet = obs({ text: 'The class is quiet', clockMs: T(2), stepId: launch });
const strips = obs({
  text: 'Table 2 draws strips',
  clockMs: T(10, 5),
  stepId: explore,
  observerId: fumi,
  target: { kind: 'group', label: 'Table 2' },
  codeIds: [draws],
  pointToNoticeIds: [pointExplore],
});
const meiLeaves = obs({ text: 'Mei leaves early', clockMs: T(30), target: { kind: 'student', studentId: mei } });
const deleted = obs({ text: 'Typo note', clockMs: T(0, 30), stepId: launch, deletedAt: stamp });
const observations = [meiLeaves, strips, deleted, quiet, kenQuote];

const finding: Finding = {
  id: id(),
  statement: 'Strips help students compare',
  supportingObservationIds: [strips.id, deleted.id],
  contradictingObservationIds: [quiet.id],
  impliesRevision: true,
  stepId: explore,
  createdAt: stamp,
  updatedAt: stamp,
};
const otherFinding: Finding = { ...finding, id: id(), statement: 'From the first cycle', stepId: undefined };
const analysis: CycleAnalysis = {
  cycleId,
  groupId: group.id,
  discussion: {
    segments: [
      { id: id(), kind: 'thanks', title: '', speakerIds: [fumi], plannedMinutes: 2, elapsedMs: 0, notes: 'Thanks to Taro' },
      { id: id(), kind: 'observers', title: '', speakerIds: [id(), fumi], plannedMinutes: 30, elapsedMs: 0, notes: '' },
    ],
    finalComments: 'Keep the strips',
    finalCommentsBy: kato,
    queue: [],
  },
  findings: [finding],
  updatedAt: stamp,
};

const missingNote = id();
const revised: DesignVersion = {
  ...taught,
  id: id(),
  number: 2,
  summary: 'Strips earlier',
  content: DesignContent.parse({
    ...taughtContent,
    steps: [...taughtContent.steps, { id: exitTicket, title: 'Exit ticket', minutes: 5 }],
  }),
  changeNotes: [
    {
      id: id(),
      stepId: explore,
      summary: 'Hand out strips at once',
      rationale: 'Groups with strips compared well',
      evidence: [
        { kind: 'finding', id: finding.id, cycleId },
        { kind: 'observation', id: strips.id, cycleId },
        { kind: 'observation', id: deleted.id, cycleId },
        { kind: 'observation', id: missingNote, cycleId },
        { kind: 'finding', id: otherFinding.id, cycleId: otherCycleId },
        { kind: 'finding', id: id(), cycleId: otherCycleId },
      ],
    },
    { id: id(), summary: 'Shorter lesson', rationale: '', evidence: [] },
  ],
  taughtInCycleIds: [],
};

const cycle = Cycle.parse({
  id: cycleId,
  groupId: group.id,
  title: 'Fractions, spring',
  researchQuestion: 'Do strips help?',
  phase: 'closed',
  history: [
    { id: id(), from: 'revise', to: 'closed', at: '2025-05-20T10:00:00.000Z', by: fumi },
    { id: id(), from: 'closed', to: 'revise', at: '2025-05-21T10:00:00.000Z', by: fumi, reason: 'one more change' },
    { id: id(), from: 'revise', to: 'closed', at: '2025-05-22T10:00:00.000Z', by: fumi },
  ],
  meetings: [{ id: id(), date: '2025-04-15', attendeeIds: [fumi, id()], agenda: 'Plan' }],
  teaching: { date: '2025-05-01', className: '4B', teacherId: taro, studentCount: 28 },
  discussionDate: '2025-05-01',
  studentResponses: [{ studentId: ken, responded: 'partly', note: 'Used strips once' }],
  reflection: {
    researchTheme: 'Models first',
    practices: [
      { id: id(), practice: 'Working in teams', now: 'We plan together', next: '' },
      { id: id(), practice: 'Shared responsibility', now: '  ', next: '' },
    ],
    studentsOfConcern: 'Mei',
    nextSteps: 'Reteach in 4A',
  },
  createdAt: '2025-04-02T08:00:00.000Z',
  updatedAt: '2025-05-22T10:00:00.000Z',
});

const classModes: ClassModeChange[] = [
  { id: id(), cycleId, observerId: olga, clockMs: T(5), wallTime: stamp, mode: 'pairs', updatedAt: stamp },
  { id: id(), cycleId, observerId: olga, clockMs: 0, wallTime: stamp, mode: 'whole-class', updatedAt: stamp },
  { id: id(), cycleId, observerId: olga, clockMs: T(3), wallTime: stamp, mode: 'individual', updatedAt: stamp, deletedAt: stamp },
];

const sources: ReportSources = {
  group,
  cycle,
  taught,
  revised,
  observations,
  classModes,
  analysis,
  otherCycles: new Map([[otherCycleId, { observations: [], analysis: { ...analysis, cycleId: otherCycleId, findings: [otherFinding] } }]]),
};
const plain = { anonymize: false, includeAppendix: false, includePhotos: false };

const noteOf = (o: Observation, step: string, observer: string, target: string, codes: string[]) => ({
  id: o.id,
  clock: expect.any(String),
  clockMs: o.clockMs,
  step,
  observer,
  target,
  codes,
  text: o.text,
  photoCount: o.photos.length,
});
const kenNote = noteOf(kenQuote, 'Launch', 'Olga', 'Ken', ['Uses a model']);
const quietNote = noteOf(quiet, 'Launch', 'Olga', 'Whole class', []);
const stripsNote = noteOf(strips, 'Step 2', 'Fumi', 'Table 2', ['Draws']);
const meiNote = noteOf(meiLeaves, 'Outside any step', 'Olga', 'Mei', []);

describe('the cycle report model', () => {
  // Built inside each test, not once here: a mutant is only active while a test runs.
  const build = () => buildReportModel(sources, plain);

  it('names the cycle, its author, its teacher and its dates', () => {
    const model = build();
    expect(model.anonymized).toBe(false);
    expect(model.title).toBe('Fractions, spring');
    expect(model.author).toBe('Fumi');
    expect(model.group).toEqual({
      name: 'Maple Math',
      schools: ['Maple Elementary'],
      subject: 'Mathematics',
      gradeBand: '4',
      researchTheme: 'Reasoning with models',
      norms: ['Evidence first'],
    });
    expect(model.members.map((m) => `${m.name}/${m.role}`)).toEqual(['Taro/teacher', 'Fumi/facilitator', 'Olga/observer', 'Prof. Kato/knowledgeable-other']);
    expect(model.cycle).toEqual({
      title: 'Fractions, spring',
      researchQuestion: 'Do strips help?',
      phase: 'closed',
      teachingDate: '2025-05-01',
      className: '4B',
      teacher: 'Taro',
      studentCount: 28,
      discussionDate: '2025-05-01',
      startedOn: '2025-04-02',
      // Reopened once: the report shows the last time it closed.
      closedOn: '2025-05-22',
    });
    expect(model.meetings).toEqual([
      { date: '2025-04-15', agenda: 'Plan', notes: '', decisions: '', followUps: '', attendees: ['Fumi', 'Former member'] },
    ]);
    expect(model.lesson).toEqual({ versionNumber: 1, content: taughtContent });
  });

  it('counts live notes only, per observer, most first', () => {
    const model = build();
    expect(model.observations.noteCount).toBe(4);
    expect(model.observations.observers).toEqual([
      { name: 'Olga', count: 3 },
      { name: 'Fumi', count: 1 },
    ]);
    expect(model.observations.studentNoteCount).toBe(2);
  });

  it('lays out the step × code heat map with titles for untitled steps and a row for notes outside any step', () => {
    const model = build();
    expect(model.observations.heatmap).toEqual({
      columns: ['Uses a model', 'Draws', 'No code'],
      rows: [
        { label: 'Launch', counts: [1, 0, 1], total: 2 },
        { label: 'Step 2', counts: [0, 1, 0], total: 1 },
        { label: 'Outside any step', counts: [0, 0, 1], total: 1 },
      ],
      max: 1,
    });
  });

  it('quotes notes per step in clock order', () => {
    const model = build();
    expect(model.observations.keyQuotes.map((q) => [q.step, q.quotes.map((n) => n.text)])).toEqual([
      ['Launch', [kenQuote.text, quiet.text]],
      ['Step 2', [strips.text]],
      ['Outside any step', [meiLeaves.text]],
    ]);
    expect(model.observations.keyQuotes[0].quotes[0]).toEqual({ ...kenNote, clock: '1:00' });
    expect(model.observations.keyQuotes[1].quotes[0].clock).toBe('10:05');
  });

  it('shows which points to notice have evidence, with an example', () => {
    const model = build();
    expect(model.observations.coverage).toEqual({
      pointCount: 2,
      coveredCount: 1,
      steps: [
        { step: 'Launch', points: [{ text: 'Do they name the whole?', count: 0, example: '' }] },
        { step: 'Step 2', points: [{ text: 'Do they draw strips?', count: 1, example: 'Table 2 draws strips' }] },
      ],
    });
  });

  it('lists live class-mode changes in clock order', () => {
    const model = build();
    expect(model.observations.classModes).toEqual([
      { clock: '0:00', mode: 'whole-class' },
      { clock: '5:00', mode: 'pairs' },
    ]);
  });

  it('gives a predicted-vs-actual sheet to the planned student first, then to the other focus student', () => {
    const model = build();
    expect(model.observations.students).toEqual([
      {
        name: 'Ken',
        concerns: 'Compares numerators only',
        lookFors: ['Watch how Ken compares'],
        steps: [
          { step: 'Launch', anticipated: ['counts the parts'], notes: [kenNote] },
          { step: 'Step 2', anticipated: [], notes: [] },
        ],
        unplaced: [],
        response: { responded: 'partly', note: 'Used strips once' },
      },
      {
        name: 'Mei',
        concerns: 'Quiet in pairs',
        lookFors: [],
        steps: [
          { step: 'Launch', anticipated: ['counts the parts'], notes: [] },
          { step: 'Step 2', anticipated: [], notes: [] },
        ],
        unplaced: [meiNote],
        response: null,
      },
    ]);
  });

  it('names the discussion’s speakers and the final comments’ author', () => {
    const model = build();
    expect(model.discussion).toEqual({
      segments: [
        { kind: 'thanks', title: '', speakers: ['Fumi'], plannedMinutes: 2, notes: 'Thanks to Taro' },
        { kind: 'observers', title: '', speakers: ['Former member', 'Fumi'], plannedMinutes: 30, notes: '' },
      ],
      finalComments: 'Keep the strips',
      finalCommentsBy: 'Prof. Kato',
    });
  });

  it('quotes a finding’s live evidence and counts what was deleted since', () => {
    const model = build();
    expect(model.findings).toEqual([
      {
        statement: 'Strips help students compare',
        step: 'Step 2',
        impliesRevision: true,
        supporting: [stripsNote],
        contradicting: [quietNote],
        removed: 1,
      },
    ]);
  });

  it('compares the taught and revised versions and resolves what each change note cites', () => {
    const model = build();
    const revision = model.revision!;
    expect(revision.fromNumber).toBe(1);
    expect(revision.toNumber).toBe(2);
    expect(revision.versionSummary).toBe('Strips earlier');
    expect(revision.diff.counts).toMatchObject({ added: 1, changed: 0, removed: 0 });
    expect(revision.stepTitles).toEqual({ [launch]: 'Launch', [explore]: 'Step 2', [exitTicket]: 'Exit ticket' });
    expect(revision.changeNotes).toEqual([
      {
        stepId: explore,
        step: 'Step 2',
        summary: 'Hand out strips at once',
        rationale: 'Groups with strips compared well',
        evidence: [
          { kind: 'finding', status: 'present', text: 'Strips help students compare', source: '' },
          { kind: 'observation', status: 'present', text: 'Table 2 draws strips', source: '10:05 · Fumi · Table 2' },
          { kind: 'observation', status: 'deleted', text: '', source: '' },
          { kind: 'observation', status: 'deleted', text: '', source: '' },
          { kind: 'finding', status: 'present', text: 'From the first cycle', source: '' },
          { kind: 'finding', status: 'deleted', text: '', source: '' },
        ],
      },
      { step: '', summary: 'Shorter lesson', rationale: '', evidence: [] },
    ]);
  });

  it('keeps the reflection’s practices that say something', () => {
    const model = build();
    expect(model.reflection).toEqual({
      researchTheme: 'Models first',
      practices: [{ practice: 'Working in teams', now: 'We plan together', next: '' }],
      studentsOfConcern: 'Mei',
      nextSteps: 'Reteach in 4A',
    });
    expect(model.closeWithoutRevisionReason).toBe('');
  });

  it('leaves out the appendix and photos unless asked', () => {
    const model = build();
    expect(model.appendix).toBeNull();
    expect(model.photos).toEqual([]);
    const full = buildReportModel(sources, { anonymize: false, includeAppendix: true, includePhotos: true });
    expect(full.appendix!.map((n) => n.text)).toEqual([kenQuote.text, quiet.text, strips.text, meiLeaves.text]);
    expect(full.photos).toEqual([{ hash: photo.hash, ext: 'jpg', name: 'board.jpg', caption: '1:00 · Launch · Olga · Ken' }]);
  });

  it('replaces every student name, in targets and in free text, when anonymised', () => {
    const model2 = buildReportModel(sources, { ...plain, anonymize: true, includeAppendix: true });
    expect(model2.anonymized).toBe(true);
    // Roster order by pseudonym: Ken is A, Mei is B.
    expect(model2.observations.students.map((s) => s.name)).toEqual(['Student A', 'Student B']);
    expect(model2.appendix!.map((n) => [n.target, n.text])).toEqual([
      ['Student A', '"I think 3/4 is bigger because 4 is bigger" — Student A'],
      ['Whole class', 'The class is quiet'],
      ['Table 2', 'Table 2 draws strips'],
      ['Student B', 'Student B leaves early'],
    ]);
    expect(JSON.stringify(model2)).not.toMatch(/\bKen\b|\bMei\b/);
  });
});

describe('a report before the lesson is taught', () => {
  it('has no lesson, no revision, and falls back to the group for the author and to the plan for the teacher', () => {
    const early = buildReportModel(
      {
        group: { ...group, members: group.members.filter((m) => m.role !== 'facilitator') },
        cycle: { ...cycle, phase: 'plan', history: [], teaching: { ...cycle.teaching, teacherId: undefined } },
        taught: null,
        revised: null,
        observations: [],
        classModes: [],
        analysis: null,
      },
      plain,
    );
    expect(early.author).toBe('Maple Math');
    expect(early.cycle.teacher).toBe('');
    expect(early.cycle.closedOn).toBe('');
    expect(early.lesson).toBeNull();
    expect(early.revision).toBeNull();
    expect(early.findings).toEqual([]);
    expect(early.discussion).toEqual({ segments: [], finalComments: '', finalCommentsBy: '' });
    expect(early.observations.keyQuotes).toEqual([]);

    const planned = buildReportModel({ ...sources, cycle: { ...cycle, teaching: { ...cycle.teaching, teacherId: undefined } }, revised: null }, plain);
    expect(planned.cycle.teacher).toBe('Taro (as planned)');
    expect(planned.revision).toBeNull();
  });

  it('picks at most three key quotes per step: spoken words, then cited notes, then coded ones', () => {
    const inLaunch = (text: string, min: number, extra: Partial<Observation> = {}) => obs({ text, clockMs: T(min), stepId: launch, ...extra });
    const plainEarly = inLaunch('plain early', 1);
    const coded = inLaunch('coded', 2, { codeIds: [draws] });
    const cited = inLaunch('cited', 3);
    const spoken = inLaunch('Ken: “halves”', 4);
    const plainLate = inLaunch('plain late', 5);
    const model = buildReportModel(
      {
        ...sources,
        observations: [plainEarly, coded, cited, spoken, plainLate],
        analysis: { ...analysis, findings: [{ ...finding, supportingObservationIds: [cited.id], contradictingObservationIds: [] }] },
      },
      plain,
    );
    expect(model.observations.keyQuotes).toEqual([{ step: 'Launch', quotes: [expect.objectContaining({ text: 'coded' }), expect.objectContaining({ text: 'cited' }), expect.objectContaining({ text: 'Ken: “halves”' })] }]);
  });
});
