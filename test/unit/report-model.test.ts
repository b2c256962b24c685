import mammoth from 'mammoth';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { reportDocx } from '../../electron/docx/report/document';
import { CycleAnalysis } from '../../shared/domain/analysis';
import { Cycle } from '../../shared/domain/cycle';
import { DesignVersion } from '../../shared/domain/design';
import { Group } from '../../shared/domain/group';
import { Observation, type ClassModeChange } from '../../shared/domain/observation';
import { buildReportModel, type ReportModel, type ReportSources } from '../../shared/report/model';

/**
 * The cycle report's model, on one small cycle written out below as domain data. Every
 * expected value is written by hand from that data and the domain rules (DESIGN.md), never
 * computed by the code under test: counts are literals, orders are spelled out.
 *
 * The cycle, in words:
 * - Group "Cedar Grade 5 Math": Aiko (facilitator), Ben (teacher), Chie (observer).
 *   Focus students Zoe, Maya, Ken, Sora and Rin (Rin retired). Codes Strategy,
 *   Misconception, Question and a retired, unused Engagement.
 * - Version 1, taught: Launch → Explore → Compare. The observation plan names Ken, then Zoe.
 * - Five live notes and one deleted note:
 *     N1 2:00   Launch   Chie  Zoe    Strategy              (point to notice "pattern")
 *     N2 4:30   Launch   Aiko  class  Strategy + Question
 *     N3 12:00  Explore  Chie  Ken    Misconception         (text names Maya too)
 *     N4 15:00  Explore  Aiko  Maya   Strategy
 *     N5 31:05  —        Chie  Zoe    (no code)
 *     N6 20:00  Compare  Chie  Maya   Question              DELETED
 * - Findings: F1 (supported by N1, N4; contradicted by N3; about Explore),
 *   F2 (supported by N2 and the deleted N6), F3 (linked to nothing).
 * - Version 2, the revision, with one change note at Explore citing F1, N3 and N6.
 */

const uid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const AIKO = uid(1);
const BEN = uid(2);
const CHIE = uid(3);
const FORMER = uid(9);
const ZOE = uid(11);
const MAYA = uid(12);
const KEN = uid(13);
const SORA = uid(14);
const RIN = uid(15);
const STRATEGY = uid(21);
const MISCONCEPTION = uid(22);
const QUESTION = uid(23);
const ENGAGEMENT = uid(24);
const LAUNCH = uid(31);
const EXPLORE = uid(32);
const COMPARE = uid(33);
const POINT_PATTERN = uid(41);
const POINT_TABLE = uid(42);
const CYCLE = uid(50);
const OTHER_CYCLE = uid(51);
const GROUP = uid(60);
const [N1, N2, N3, N4, N5, N6] = [uid(71), uid(72), uid(73), uid(74), uid(75), uid(76)];
const [F1, F2, F3] = [uid(81), uid(82), uid(83)];
const T = '2026-05-01T08:00:00.000Z';

const group = Group.parse({
  id: GROUP,
  name: 'Cedar Grade 5 Math',
  schools: ['Cedar Elementary'],
  subject: 'Mathematics',
  gradeBand: '5',
  researchTheme: 'Students justify their reasoning to peers',
  norms: ['Observe students, not the teacher'],
  members: [
    { id: AIKO, name: 'Aiko Tanaka', role: 'facilitator' },
    { id: BEN, name: 'Ben Ortiz', role: 'teacher' },
    { id: CHIE, name: 'Chie Mori', role: 'observer' },
  ],
  focusStudents: [
    { id: ZOE, pseudonym: 'Zoe', focus: true, concerns: 'Rarely speaks in whole-class talk' },
    { id: MAYA, pseudonym: 'Maya', focus: true, concerns: 'Gives up when stuck' },
    { id: KEN, pseudonym: 'Ken', focus: true, concerns: 'Guesses a rule from two cases' },
    { id: SORA, pseudonym: 'Sora', focus: true, concerns: 'New to the school' },
    { id: RIN, pseudonym: 'Rin', focus: true, concerns: 'Moved to another class', retired: true },
  ],
  codebook: [
    { id: STRATEGY, label: 'Strategy', color: '#2563eb' },
    { id: MISCONCEPTION, label: 'Misconception', color: '#dc2626' },
    { id: QUESTION, label: 'Question', color: '#7c3aed' },
    { id: ENGAGEMENT, label: 'Engagement', color: '#d97706', retired: true },
  ],
  createdAt: T,
  updatedAt: T,
});

const steps = [
  {
    id: LAUNCH,
    title: 'Launch',
    minutes: 5,
    anticipatedResponses: [{ id: uid(101), text: 'Counts the tiles one by one' }],
    pointsToNotice: [{ id: POINT_PATTERN, text: 'Do students notice the pattern grows by 2?' }],
  },
  {
    id: EXPLORE,
    title: 'Explore',
    minutes: 20,
    anticipatedResponses: [
      { id: uid(102), text: 'Draws a table' },
      { id: uid(103), text: 'Writes 2n + 1' },
    ],
    pointsToNotice: [{ id: POINT_TABLE, text: 'Who uses a table?' }],
  },
  { id: COMPARE, title: 'Compare', minutes: 15 },
];

const taught = DesignVersion.parse({
  id: uid(201),
  number: 1,
  content: {
    title: 'Growing tile patterns',
    plannedDate: '2026-06-10',
    steps,
    observationPlan: [
      { id: uid(211), observerId: CHIE, studentId: KEN, lookFor: 'Does Ken organise his counts?' },
      { id: uid(212), observerId: CHIE, studentId: ZOE, lookFor: 'Does Zoe explain to her partner?' },
    ],
  },
  summary: 'First version',
  createdAt: T,
  taughtInCycleIds: [CYCLE],
});

const revised = DesignVersion.parse({
  id: uid(202),
  number: 2,
  basedOnVersionId: taught.id,
  content: {
    ...taught.content,
    steps: [steps[0], { ...steps[1], title: 'Explore with a table template' }, steps[2]],
  },
  summary: 'A table template in Explore',
  createdAt: '2026-06-20T08:00:00.000Z',
  changeNotes: [
    {
      id: uid(221),
      stepId: EXPLORE,
      summary: 'Offer a table template',
      rationale: 'Ken guessed n + 2 from two cases; Maya organised her counts once she had a table.',
      evidence: [
        { kind: 'finding', id: F1, cycleId: CYCLE },
        { kind: 'observation', id: N3, cycleId: CYCLE },
        { kind: 'observation', id: N6, cycleId: CYCLE },
        { kind: 'finding', id: uid(299), cycleId: OTHER_CYCLE },
      ],
    },
  ],
});

const note = (
  noteId: string,
  clockMs: number,
  stepId: string | undefined,
  observerId: string,
  target: Observation['target'],
  codeIds: string[],
  text: string,
  extra: Partial<Observation> = {},
): Observation =>
  Observation.parse({
    id: noteId,
    cycleId: CYCLE,
    observerId,
    clockMs,
    wallTime: new Date(Date.parse('2026-06-12T09:00:00.000Z') + clockMs).toISOString(),
    ...(stepId ? { stepId } : {}),
    target,
    codeIds,
    text,
    createdAt: T,
    updatedAt: T,
    ...extra,
  });

const student = (studentId: string) => ({ kind: 'student' as const, studentId });

const observations: Observation[] = [
  note(N1, 120_000, LAUNCH, CHIE, student(ZOE), [STRATEGY], 'Zoe counts every tile aloud: “one, two, three”', {
    pointToNoticeIds: [POINT_PATTERN],
  }),
  note(N2, 270_000, LAUNCH, AIKO, { kind: 'class' }, [STRATEGY, QUESTION], 'Several pairs ask whether the pattern adds two'),
  note(N3, 720_000, EXPLORE, CHIE, student(KEN), [MISCONCEPTION], 'Ken writes n + 2 and tells Maya it goes up by two'),
  note(N4, 900_000, EXPLORE, AIKO, student(MAYA), [STRATEGY], 'Maya draws a two-column table'),
  note(N5, 1_865_000, undefined, CHIE, student(ZOE), [], 'Zoe explains the rule to Ken at the board'),
  note(N6, 1_200_000, COMPARE, CHIE, student(MAYA), [QUESTION], 'Maya asks why the formula works', {
    deletedAt: '2026-06-12T10:00:00.000Z',
  }),
];

const classModes: ClassModeChange[] = [
  { id: uid(301), cycleId: CYCLE, observerId: AIKO, clockMs: 600_000, wallTime: T, mode: 'pairs', updatedAt: T },
  { id: uid(302), cycleId: CYCLE, observerId: AIKO, clockMs: 0, wallTime: T, mode: 'whole-class', updatedAt: T },
  { id: uid(303), cycleId: CYCLE, observerId: AIKO, clockMs: 300_000, wallTime: T, mode: 'individual', updatedAt: T, deletedAt: T },
];

const cycle = Cycle.parse({
  id: CYCLE,
  groupId: GROUP,
  title: 'Cycle 1: growing patterns',
  researchQuestion: 'Does a table help students justify a rule?',
  designId: uid(200),
  versionId: taught.id,
  revisedVersionId: revised.id,
  phase: 'revise',
  meetings: [
    { id: uid(401), date: '2026-05-20', attendeeIds: [AIKO, FORMER], agenda: 'Study the unit' },
  ],
  teaching: { date: '2026-06-12', className: '5-2', teacherId: BEN, studentCount: 28, briefingHeld: true },
  discussionDate: '2026-06-15',
  studentResponses: [{ studentId: ZOE, responded: 'partly', note: 'Spoke once, to her partner', observationIds: [N1] }],
  createdAt: T,
  updatedAt: T,
});

const analysis = CycleAnalysis.parse({
  cycleId: CYCLE,
  groupId: GROUP,
  discussion: {
    segments: [
      { id: uid(501), kind: 'thanks', speakerIds: [AIKO], plannedMinutes: 2 },
      { id: uid(502), kind: 'reflections', speakerIds: [BEN], plannedMinutes: 10 },
      { id: uid(503), kind: 'planning-team', speakerIds: [AIKO], plannedMinutes: 10 },
      { id: uid(504), kind: 'observers', speakerIds: [CHIE, BEN], plannedMinutes: 30, notes: 'Zoe spoke to her partner, not the class' },
      { id: uid(505), kind: 'final-comments', plannedMinutes: 15 },
    ],
    finalComments: 'Give Zoe time to rehearse with a partner before sharing.',
  },
  findings: [
    {
      id: F1,
      statement: 'Students who counted aloud moved on to a table',
      supportingObservationIds: [N1, N4],
      contradictingObservationIds: [N3],
      impliesRevision: true,
      stepId: EXPLORE,
      createdAt: T,
      updatedAt: T,
    },
    { id: F2, statement: 'Pairs questioned the growth rule', supportingObservationIds: [N2, N6], createdAt: T, updatedAt: T },
    { id: F3, statement: 'Quiet students need rehearsal time', createdAt: T, updatedAt: T },
  ],
  updatedAt: T,
});

const sources: ReportSources = { group, cycle, taught, revised, observations, classModes, analysis };
const everything = { anonymize: false, includeAppendix: true, includePhotos: true };
const plain = buildReportModel(sources, everything);
const anonymous = buildReportModel(sources, { ...everything, anonymize: true });

const occurrences = (model: ReportModel, text: string) => JSON.stringify(model).split(text).length - 1;

describe('the report model of one small cycle', () => {
  it('counts the live notes: five, four of them about a student, by observer', () => {
    expect(plain.observations.noteCount).toBe(5);
    expect(plain.observations.studentNoteCount).toBe(4);
    expect(plain.observations.observers).toEqual([
      { name: 'Chie Mori', count: 3 },
      { name: 'Aiko Tanaka', count: 2 },
    ]);
    // The deleted note is in no list of the report.
    expect(JSON.stringify(plain)).not.toContain('Maya asks why the formula works');
  });

  it('counts notes per step and per code: rows in flow order, then notes outside any step', () => {
    const { heatmap } = plain.observations;
    // Engagement is retired and unused: no column. Zoe's last note has no code: a column for that.
    expect(heatmap.columns).toEqual(['Strategy', 'Misconception', 'Question', 'No code']);
    expect(heatmap.rows).toEqual([
      { label: 'Launch', counts: [2, 0, 1, 0], total: 2 },
      { label: 'Explore', counts: [1, 1, 0, 0], total: 2 },
      // Compare had only the deleted note.
      { label: 'Compare', counts: [0, 0, 0, 0], total: 0 },
      { label: 'Outside any step', counts: [0, 0, 0, 1], total: 1 },
    ]);
    expect(heatmap.max).toBe(2);
  });

  it('quotes per step in flow order, in lesson-clock order within a step, and skips a step with no live note', () => {
    expect(plain.observations.keyQuotes.map((s) => [s.step, s.quotes.map((q) => q.clock)])).toEqual([
      ['Launch', ['2:00', '4:30']],
      ['Explore', ['12:00', '15:00']],
      ['Outside any step', ['31:05']],
    ]);
    expect(plain.observations.keyQuotes[1].quotes[0]).toEqual({
      id: N3,
      clock: '12:00',
      clockMs: 720_000,
      step: 'Explore',
      observer: 'Chie Mori',
      target: 'Ken',
      codes: ['Misconception'],
      text: 'Ken writes n + 2 and tells Maya it goes up by two',
      photoCount: 0,
    });
  });

  it('covers one of the two points to notice', () => {
    expect(plain.observations.coverage).toEqual({
      pointCount: 2,
      coveredCount: 1,
      steps: [
        { step: 'Launch', points: [{ text: 'Do students notice the pattern grows by 2?', count: 1, example: 'Zoe counts every tile aloud: “one, two, three”' }] },
        { step: 'Explore', points: [{ text: 'Who uses a table?', count: 0, example: '' }] },
      ],
    });
  });

  it('lists the live class-mode changes on the lesson clock', () => {
    expect(plain.observations.classModes).toEqual([
      { clock: '0:00', mode: 'whole-class' },
      { clock: '10:00', mode: 'pairs' },
    ]);
  });

  it('gives a predicted-vs-actual sheet to the planned students first, then the other active focus students; not to a retired one', () => {
    const sheets = plain.observations.students;
    // Ken and Zoe in the plan's order; then Maya and Sora in roster order. Sora has no note:
    // the sheet still shows, empty, because no evidence about a student of concern is itself
    // worth seeing. Rin is retired and no note names her.
    expect(sheets.map((s) => s.name)).toEqual(['Ken', 'Zoe', 'Maya', 'Sora']);

    const zoe = sheets[1];
    expect(zoe.concerns).toBe('Rarely speaks in whole-class talk');
    expect(zoe.lookFors).toEqual(['Does Zoe explain to her partner?']);
    expect(zoe.steps.map((row) => [row.step, row.anticipated, row.notes.map((n) => n.id)])).toEqual([
      ['Launch', ['Counts the tiles one by one'], [N1]],
      ['Explore', ['Draws a table', 'Writes 2n + 1'], []],
      ['Compare', [], []],
    ]);
    expect(zoe.unplaced.map((n) => n.id)).toEqual([N5]);
    expect(zoe.response).toEqual({ responded: 'partly', note: 'Spoke once, to her partner' });

    expect(sheets[0].steps.map((row) => row.notes.map((n) => n.id))).toEqual([[], [N3], []]);
    expect(sheets[0].response).toBeNull();
    // Maya's Compare note was deleted: her Compare row is empty.
    expect(sheets[2].steps.map((row) => row.notes.map((n) => n.id))).toEqual([[], [N4], []]);
    expect(sheets[2].lookFors).toEqual([]);
    expect(sheets[3].steps.flatMap((row) => row.notes)).toEqual([]);
    expect(sheets[3].unplaced).toEqual([]);
  });

  it('keeps the discussion in protocol order with each speaker named', () => {
    expect(plain.discussion.segments.map((s) => [s.kind, s.speakers, s.plannedMinutes])).toEqual([
      ['thanks', ['Aiko Tanaka'], 2],
      ['reflections', ['Ben Ortiz'], 10],
      ['planning-team', ['Aiko Tanaka'], 10],
      ['observers', ['Chie Mori', 'Ben Ortiz'], 30],
      ['final-comments', [], 15],
    ]);
    expect(plain.discussion.finalComments).toBe('Give Zoe time to rehearse with a partner before sharing.');
  });

  it('shows each finding with the live notes linked to it; an unlinked finding shows no evidence', () => {
    const summary = plain.findings.map((f) => ({
      statement: f.statement,
      step: f.step,
      supporting: f.supporting.map((n) => n.id),
      contradicting: f.contradicting.map((n) => n.id),
      removed: f.removed,
    }));
    expect(summary).toEqual([
      { statement: 'Students who counted aloud moved on to a table', step: 'Explore', supporting: [N1, N4], contradicting: [N3], removed: 0 },
      // The deleted N6 is counted as removed evidence, never quoted.
      { statement: 'Pairs questioned the growth rule', step: '', supporting: [N2], contradicting: [], removed: 1 },
      { statement: 'Quiet students need rehearsal time', step: '', supporting: [], contradicting: [], removed: 0 },
    ]);
  });

  it('explains the revision with the evidence as it stands now', () => {
    const revision = plain.revision!;
    expect([revision.fromNumber, revision.toNumber, revision.versionSummary]).toEqual([1, 2, 'A table template in Explore']);
    // The taught version's step title names the step the note is about.
    expect(revision.stepTitles[EXPLORE]).toBe('Explore');
    expect(revision.changeNotes).toHaveLength(1);
    expect(revision.changeNotes[0].step).toBe('Explore');
    expect(revision.changeNotes[0].evidence).toEqual([
      { kind: 'finding', status: 'present', text: 'Students who counted aloud moved on to a table', source: '' },
      { kind: 'observation', status: 'present', text: 'Ken writes n + 2 and tells Maya it goes up by two', source: '12:00 · Chie Mori · Ken' },
      { kind: 'observation', status: 'deleted', text: '', source: '' },
      // A finding of a cycle the sources do not hold.
      { kind: 'finding', status: 'deleted', text: '', source: '' },
    ]);
  });

  it('names the cycle’s people and meetings, a removed member as a former member', () => {
    expect(plain.author).toBe('Aiko Tanaka');
    expect(plain.cycle.teacher).toBe('Ben Ortiz');
    expect(plain.cycle.studentCount).toBe(28);
    expect(plain.meetings.map((m) => [m.date, m.attendees])).toEqual([['2026-05-20', ['Aiko Tanaka', 'Former member']]]);
  });

  it('gives the lesson date once, as the day it was taught, apart from the discussion and start dates', () => {
    expect(plain.cycle.teachingDate).toBe('2026-06-12');
    expect(plain.cycle.discussionDate).toBe('2026-06-15');
    expect(plain.cycle.startedOn).toBe('2026-05-01');
    expect(plain.cycle.closedOn).toBe('');
    expect(occurrences(plain, '2026-06-12')).toBe(1);
    // Anonymising rewrites names, never dates.
    expect(anonymous.cycle.teachingDate).toBe('2026-06-12');
    expect(occurrences(anonymous, '2026-06-12')).toBe(1);
  });

  it('lists every live note in the appendix in lesson-clock order', () => {
    expect(plain.appendix!.map((n) => [n.clock, n.step, n.target, n.codes])).toEqual([
      ['2:00', 'Launch', 'Zoe', ['Strategy']],
      ['4:30', 'Launch', 'Whole class', ['Strategy', 'Question']],
      ['12:00', 'Explore', 'Ken', ['Misconception']],
      ['15:00', 'Explore', 'Maya', ['Strategy']],
      ['31:05', 'Outside any step', 'Zoe', []],
    ]);
    expect(buildReportModel(sources, { ...everything, includeAppendix: false }).appendix).toBeNull();
  });
});

describe('the anonymised report model', () => {
  // Labels in order of first appearance: the taught plan's observation plan looks for Ken,
  // then Zoe; Maya is first named in a note, Sora only on her predicted-vs-actual sheet;
  // Rin (retired, never mentioned) gets no label. Alphabetical would have been Ken, Maya, Rin, Sora, Zoe.
  it('labels students in the order the report first names them, in names and in free text', () => {
    expect(anonymous.anonymized).toBe(true);
    expect(anonymous.observations.students.map((s) => s.name)).toEqual(['Student A', 'Student B', 'Student C', 'Student D']);
    expect(anonymous.appendix!.map((n) => [n.target, n.text])).toEqual([
      ['Student B', 'Student B counts every tile aloud: “one, two, three”'],
      ['Whole class', 'Several pairs ask whether the pattern adds two'],
      ['Student A', 'Student A writes n + 2 and tells Student C it goes up by two'],
      ['Student C', 'Student C draws a two-column table'],
      ['Student B', 'Student B explains the rule to Student A at the board'],
    ]);
    expect(anonymous.discussion.finalComments).toBe('Give Student B time to rehearse with a partner before sharing.');
    expect(anonymous.revision!.changeNotes[0].evidence[1].source).toBe('12:00 · Chie Mori · Student A');
    expect(anonymous.revision!.changeNotes[0].rationale).toBe(
      'Student A guessed n + 2 from two cases; Student C organised her counts once she had a table.',
    );
  });

  it('leaves no pseudonym anywhere and keeps the members’ names', () => {
    const json = JSON.stringify(anonymous);
    for (const name of ['Zoe', 'Maya', 'Ken', 'Sora', 'Rin']) expect(json).not.toMatch(new RegExp(`\\b${name}\\b`));
    expect(anonymous.members.map((m) => m.name)).toEqual(['Aiko Tanaka', 'Ben Ortiz', 'Chie Mori']);
    expect(anonymous.observations.observers.map((o) => o.name)).toEqual(['Chie Mori', 'Aiko Tanaka']);
  });

  it('gives the same labels whatever order the notes and the roster come in', () => {
    const shuffled = buildReportModel(
      {
        ...sources,
        group: { ...group, focusStudents: [...group.focusStudents].reverse() },
        observations: [...observations].reverse(),
      },
      { ...everything, anonymize: true },
    );
    expect(shuffled.lesson!.content.observationPlan.map((row) => row.lookFor)).toEqual([
      'Does Student A organise his counts?',
      'Does Student B explain to her partner?',
    ]);
    // The appendix is in clock order, so the notes' order does not matter; the labels do not move.
    expect(shuffled.appendix!.map((n) => n.target)).toEqual(['Student B', 'Whole class', 'Student A', 'Student C', 'Student B']);
  });
});

describe('the report document built from the model', () => {
  it('has its chapters in the order a reader of a cycle report expects', async () => {
    const bytes = await reportDocx({ model: plain, language: 'en' });
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
    const chapters = [...xml.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<w:pStyle w:val="Heading1"\/>(?:(?!<\/w:p>).)*?<\/w:p>/gs)].map((m) =>
      [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
    );
    expect(chapters).toEqual([
      'The lesson as taught',
      'Observation summary',
      'Post-lesson discussion',
      'Findings',
      'Revisions to the lesson',
      'Closing reflection and next steps',
      'Appendix: all observations',
    ]);
  });

  it('prints the final comments under the "Final comments" segment, never below its "No notes were taken."', async () => {
    const text = (await mammoth.extractRawText({ buffer: await reportDocx({ model: plain, language: 'en' }) })).value;
    const segment = text.indexOf('5. Final comments');
    expect(segment).toBeGreaterThan(0);
    const after = text.slice(segment, text.indexOf('Findings', segment));
    expect(after).toContain('Give Zoe time to rehearse with a partner before sharing.');
    expect(after).not.toContain('No notes were taken.');
  });
});
