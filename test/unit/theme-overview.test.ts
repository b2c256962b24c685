import { describe, expect, it } from 'vitest';
import { CycleAnalysis } from '../../shared/domain/analysis';
import { Cycle } from '../../shared/domain/cycle';
import { Design } from '../../shared/domain/design';
import { Group } from '../../shared/domain/group';
import { buildThemeOverview, type ThemeSources } from '../../shared/report/theme-overview';

/**
 * The research theme across cycles, on a small workspace written out below. Every
 * expected value is written by hand from that data, never computed by the code under test.
 *
 * The workspace, in words:
 * - Group "Birch Grade 5 Math", theme "Students explain why, not only what"; Mia on the roster.
 * - Design "Comparing fractions": v1 (Launch, an untitled second step), v2 (the revision of
 *   cycle 1: a change at step 2 citing finding F1, a change to the whole lesson citing a
 *   note only), v3 (a change citing F3 of cycle 2, although cycle 2 names no revised version).
 * - Cycle 1, taught 2025-10-21 (v1, revised into v2): F1 about Mia (3 supporting notes, one
 *   linked twice), F2 (1 note).
 * - Cycle 2, taught 2026-02-03 (v2): F3 (no note yet).
 * - "Planning cycle", no teaching date, created 2026-01-05: taught nothing yet, no findings,
 *   closed without revising ("We ran out of year").
 * - "Cycle 3", no teaching date, created 2026-03-01: nothing at all.
 * - A cycle of another group, which must not appear.
 */

const uid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const AT = '2025-09-01T08:00:00.000Z';

const GROUP = uid(1);
const OTHER_GROUP = uid(2);
const MIA = uid(3);
const DESIGN = uid(10);
const V1 = uid(11);
const V2 = uid(12);
const V3 = uid(13);
const LAUNCH = uid(21);
const EXPLORE = uid(22);
const C1 = uid(31);
const C2 = uid(32);
const PLANNING = uid(33);
const C3 = uid(34);
const ELSEWHERE = uid(35);
const F1 = uid(41);
const F2 = uid(42);
const F3 = uid(43);
const CN1 = uid(51);
const CN2 = uid(52);
const CN3 = uid(53);
const note = (n: number) => uid(100 + n);

const group = Group.parse({
  id: GROUP,
  name: 'Birch Grade 5 Math',
  subject: 'Mathematics',
  gradeBand: 'Grade 5',
  schools: ['Birch Primary'],
  researchTheme: 'Students explain why, not only what',
  focusStudents: [{ id: MIA, pseudonym: 'Mia', focus: true }],
  createdAt: AT,
  updatedAt: AT,
});

const content = (grade: string) => ({
  title: 'Comparing fractions',
  subject: 'Mathematics',
  grade,
  steps: [
    { id: LAUNCH, title: 'Launch' },
    { id: EXPLORE, title: '' },
  ],
});

const design = Design.parse({
  id: DESIGN,
  groupId: GROUP,
  createdAt: AT,
  updatedAt: AT,
  draft: null,
  versions: [
    // Stored out of order: the overview lists revisions by version number.
    {
      id: V3,
      number: 3,
      content: content('Grade 5'),
      createdAt: AT,
      changeNotes: [{ id: CN3, summary: 'Ask for a second way', rationale: '', evidence: [{ kind: 'finding', id: F3, cycleId: C2 }] }],
    },
    { id: V1, number: 1, content: content('Grade 4'), createdAt: AT, taughtInCycleIds: [C1] },
    {
      id: V2,
      number: 2,
      content: content('Grade 5'),
      createdAt: AT,
      taughtInCycleIds: [C2],
      changeNotes: [
        { id: CN1, stepId: EXPLORE, summary: 'Give same-size bars', rationale: 'Wholes differed', evidence: [{ kind: 'finding', id: F1, cycleId: C1 }] },
        { id: CN2, summary: 'Longer closing', rationale: 'Time ran out', evidence: [{ kind: 'observation', id: note(9), cycleId: C1 }] },
      ],
    },
  ],
});

const cycle = (fields: Record<string, unknown>) => Cycle.parse({ groupId: GROUP, createdAt: AT, updatedAt: AT, ...fields });
const analysis = (cycleId: string, findings: Array<{ id: string; statement: string; supportingObservationIds: string[] }>) =>
  CycleAnalysis.parse({
    cycleId,
    groupId: GROUP,
    discussion: { segments: [] },
    findings: findings.map((f) => ({ ...f, createdAt: AT, updatedAt: AT })),
    updatedAt: AT,
  });

const sources: ThemeSources = {
  group,
  designs: [design],
  // Listed in no particular order: the overview orders them.
  cycles: [
    cycle({ id: C3, title: 'Cycle 3', createdAt: '2026-03-01T08:00:00.000Z' }),
    cycle({ id: C2, title: 'Cycle 2', designId: DESIGN, versionId: V2, teaching: { date: '2026-02-03', className: '5A' } }),
    cycle({
      id: PLANNING,
      title: 'Planning cycle',
      createdAt: '2026-01-05T08:00:00.000Z',
      closeWithoutRevisionReason: 'We ran out of year',
    }),
    cycle({ id: ELSEWHERE, groupId: OTHER_GROUP, title: 'Not ours', teaching: { date: '2025-01-01' } }),
    cycle({
      id: C1,
      title: 'Cycle 1',
      researchQuestion: 'Do pairs convince each other?',
      phase: 'closed',
      designId: DESIGN,
      versionId: V1,
      revisedVersionId: V2,
      teaching: { date: '2025-10-21', className: '4B' },
    }),
  ],
  analyses: [
    analysis(C1, [
      { id: F1, statement: 'Mia compared numerators only', supportingObservationIds: [note(1), note(2), note(3), note(1)] },
      { id: F2, statement: 'Pairs restated before agreeing', supportingObservationIds: [note(4)] },
    ]),
    analysis(C2, [{ id: F3, statement: 'Most found one way only', supportingObservationIds: [] }]),
    analysis(PLANNING, []),
  ],
};

describe('the research theme across cycles', () => {
  it('puts the group’s theme on top and its cycles in teaching-date order, undated ones last by creation', () => {
    const overview = buildThemeOverview(sources);
    expect(overview.group).toEqual({
      id: GROUP,
      name: 'Birch Grade 5 Math',
      researchTheme: 'Students explain why, not only what',
      subject: 'Mathematics',
      gradeBand: 'Grade 5',
      schools: ['Birch Primary'],
    });
    expect(overview.cycles.map((c) => c.title)).toEqual(['Cycle 1', 'Cycle 2', 'Planning cycle', 'Cycle 3']);
    expect(overview.cycles.map((c) => c.teachingDate)).toEqual(['2025-10-21', '2026-02-03', '', '']);
    expect(overview.undatedCount).toBe(2);
    expect(overview.anonymized).toBe(false);
  });

  it('gives each cycle its lesson, its findings with their support and the revisions that came from it', () => {
    const [first, second] = buildThemeOverview(sources).cycles;
    expect(first.lesson).toEqual({ designId: DESIGN, title: 'Comparing fractions', versionNumber: 1, subject: 'Mathematics', grade: 'Grade 4' });
    expect(first.researchQuestion).toBe('Do pairs convince each other?');
    expect(first.className).toBe('4B');
    // F1 names note 1 twice: three notes support it.
    expect(first.findings).toEqual([
      { id: F1, statement: 'Mia compared numerators only', supportCount: 3, revisionIds: [CN1] },
      { id: F2, statement: 'Pairs restated before agreeing', supportCount: 1, revisionIds: [] },
    ]);
    expect(first.revisions).toEqual([
      { id: CN1, versionNumber: 2, step: { number: 2, title: '' }, summary: 'Give same-size bars', rationale: 'Wholes differed', findingIds: [F1] },
      { id: CN2, versionNumber: 2, step: null, summary: 'Longer closing', rationale: 'Time ran out', findingIds: [] },
    ]);
    expect(first.gaps).toEqual([]);

    // Cycle 2 names no revised version, but version 3 cites its finding.
    expect(second.lesson?.versionNumber).toBe(2);
    expect(second.findings).toEqual([{ id: F3, statement: 'Most found one way only', supportCount: 0, revisionIds: [CN3] }]);
    expect(second.revisions.map((r) => [r.id, r.versionNumber, r.findingIds])).toEqual([[CN3, 3, [F3]]]);
  });

  it('says what each cycle is missing; closing without a revision is not a gap', () => {
    const [, , planning, third] = buildThemeOverview(sources).cycles;
    expect(planning.lesson).toBeNull();
    expect(planning.closedWithoutRevision).toBe('We ran out of year');
    expect(planning.gaps).toEqual(['lesson', 'findings']);
    expect(third.findings).toEqual([]);
    expect(third.revisions).toEqual([]);
    expect(third.gaps).toEqual(['lesson', 'findings', 'revisions']);
  });

  it('a group with no cycles has only its theme', () => {
    const overview = buildThemeOverview({ group, cycles: [], designs: [], analyses: [] });
    expect(overview.cycles).toEqual([]);
    expect(overview.undatedCount).toBe(0);
    expect(overview.group.researchTheme).toBe('Students explain why, not only what');
  });

  it('anonymised, a student on the roster becomes Student A in every text; ids and the rest stay', () => {
    const overview = buildThemeOverview(sources, { anonymize: true, language: 'en' });
    expect(overview.anonymized).toBe(true);
    expect(overview.cycles[0].findings[0]).toEqual({ id: F1, statement: 'Student A compared numerators only', supportCount: 3, revisionIds: [CN1] });
    expect(overview.cycles[0].revisions[0].findingIds).toEqual([F1]);
    expect(overview.group.name).toBe('Birch Grade 5 Math');
    expect(JSON.stringify(overview)).not.toContain('Mia');
    expect(buildThemeOverview(sources, { anonymize: true, language: 'ja' }).cycles[0].findings[0].statement).toBe('児童 A compared numerators only');
  });
});
