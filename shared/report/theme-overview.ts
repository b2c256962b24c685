import type { CycleAnalysis } from '../domain/analysis';
import type { Cycle, Phase } from '../domain/cycle';
import type { ChangeNote, Design, DesignVersion } from '../domain/design';
import type { Group } from '../domain/group';
import { anonymizeDeep } from './anonymize';
import { rosterAnonymizer, studentWords } from './anonymize-export';

/**
 * The research theme across a group's cycles, as plain data: what the "Research theme"
 * screen shows and the end-of-year Word document prints. Under the group's long-term
 * goal, each cycle with the lesson it taught, what the group found and how the lesson
 * changed because of it. Pure and wordless (the screen and the document bring their own
 * language), so it is unit-tested without React or Word.
 */

/** What the overview is made from: a group and everything of it, as stored. */
export interface ThemeSources {
  group: Group;
  cycles: readonly Cycle[];
  designs: readonly Design[];
  /** The analysis of each cycle that has one; a cycle without is shown with no findings. */
  analyses: readonly CycleAnalysis[];
}

export interface ThemeFinding {
  id: string;
  statement: string;
  /** Notes linked as supporting it (as the findings screen counts them). */
  supportCount: number;
  /** The revisions (change notes) that cite this finding. */
  revisionIds: string[];
}

export interface ThemeRevision {
  /** The change note's id. */
  id: string;
  /** The version the change was made in. */
  versionNumber: number;
  /** The flow step it changed, numbered from 1 in that version; null for the design as a whole. */
  step: { number: number; title: string } | null;
  summary: string;
  rationale: string;
  /** Findings of this cycle the change cites as its evidence. */
  findingIds: string[];
}

/** What a cycle does not have yet; the screen offers the place to add it. */
export type ThemeGap = 'lesson' | 'findings' | 'revisions';

export interface ThemeCycle {
  id: string;
  title: string;
  researchQuestion: string;
  phase: Phase;
  /** `YYYY-MM-DD` as entered; empty when the lesson has no teaching date yet. */
  teachingDate: string;
  className: string;
  /** The version taught; null until the cycle chose one. */
  lesson: { designId: string; title: string; versionNumber: number; subject: string; grade: string } | null;
  findings: ThemeFinding[];
  revisions: ThemeRevision[];
  /** Why the group closed the cycle without revising the lesson, if it did. */
  closedWithoutRevision: string;
  gaps: ThemeGap[];
}

export interface ThemeOverview {
  anonymized: boolean;
  group: { id: string; name: string; researchTheme: string; subject: string; gradeBand: string; schools: string[] };
  /** Taught cycles by teaching date, oldest first; then cycles with no teaching date, oldest created first. */
  cycles: ThemeCycle[];
  /** How many of `cycles` (the last ones) have no teaching date. */
  undatedCount: number;
}

export interface ThemeOptions {
  /** Every student pseudonym becomes "Student A"… as in the cycle report. */
  anonymize: boolean;
  language: 'en' | 'ja';
}

const DATE = /^\d{4}-\d{2}-\d{2}/;

/** Dated cycles first by date, then undated ones; ties and undated by when they were created. */
const byTeachingDate = (a: Cycle, b: Cycle): number => {
  const da = DATE.test(a.teaching.date) ? a.teaching.date : '';
  const db = DATE.test(b.teaching.date) ? b.teaching.date : '';
  if (da && !db) return -1;
  if (db && !da) return 1;
  return da.localeCompare(db) || a.createdAt.localeCompare(b.createdAt);
};

const findVersion = (designs: readonly Design[], designId: string | undefined, versionId: string | undefined): DesignVersion | null =>
  (designId && versionId && designs.find((d) => d.id === designId)?.versions.find((v) => v.id === versionId)) || null;

const citesCycle = (note: ChangeNote, cycleId: string) => note.evidence.some((e) => e.cycleId === cycleId);

/**
 * The change notes that came from a cycle: those of the version the cycle revised the
 * lesson into, and those of any other version of the group's designs that cite this
 * cycle's notes or findings (a revision made later, or of another design).
 */
const revisionsOf = (cycle: Cycle, designs: readonly Design[]): ThemeRevision[] => {
  const revised = findVersion(designs, cycle.designId, cycle.revisedVersionId);
  const versions = designs.flatMap((d) => [...d.versions].sort((a, b) => a.number - b.number));
  const chosen = versions.flatMap((version) =>
    version.changeNotes
      .filter((note) => version.id === revised?.id || citesCycle(note, cycle.id))
      .map((note) => ({ version, note })),
  );
  return chosen.map(({ version, note }) => {
    const index = note.stepId ? version.content.steps.findIndex((s) => s.id === note.stepId) : -1;
    return {
      id: note.id,
      versionNumber: version.number,
      step: index < 0 ? null : { number: index + 1, title: version.content.steps[index].title.trim() },
      summary: note.summary,
      rationale: note.rationale,
      findingIds: note.evidence.filter((e) => e.kind === 'finding' && e.cycleId === cycle.id).map((e) => e.id),
    };
  });
};

const themeCycle = (cycle: Cycle, sources: ThemeSources): ThemeCycle => {
  const taught = findVersion(sources.designs, cycle.designId, cycle.versionId);
  const revisions = revisionsOf(cycle, sources.designs);
  const findings = (sources.analyses.find((a) => a.cycleId === cycle.id)?.findings ?? []).map((f) => ({
    id: f.id,
    statement: f.statement,
    supportCount: new Set(f.supportingObservationIds).size,
    revisionIds: revisions.filter((r) => r.findingIds.includes(f.id)).map((r) => r.id),
  }));
  const closedWithoutRevision = cycle.closeWithoutRevisionReason.trim();
  const gaps: ThemeGap[] = [];
  if (!taught) gaps.push('lesson');
  if (!findings.length) gaps.push('findings');
  if (!revisions.length && !closedWithoutRevision) gaps.push('revisions');
  return {
    id: cycle.id,
    title: cycle.title,
    researchQuestion: cycle.researchQuestion,
    phase: cycle.phase,
    teachingDate: DATE.test(cycle.teaching.date) ? cycle.teaching.date.slice(0, 10) : '',
    className: cycle.teaching.className,
    lesson: taught && {
      designId: cycle.designId!,
      title: taught.content.title,
      versionNumber: taught.number,
      subject: taught.content.subject,
      grade: taught.content.grade,
    },
    findings,
    revisions,
    closedWithoutRevision,
    gaps,
  };
};

export const buildThemeOverview = (sources: ThemeSources, options: ThemeOptions = { anonymize: false, language: 'en' }): ThemeOverview => {
  const { group } = sources;
  const cycles = sources.cycles
    .filter((c) => c.groupId === group.id)
    .sort(byTeachingDate)
    .map((c) => themeCycle(c, sources));
  const overview: ThemeOverview = {
    anonymized: options.anonymize,
    group: {
      id: group.id,
      name: group.name,
      researchTheme: group.researchTheme,
      subject: group.subject,
      gradeBand: group.gradeBand,
      schools: [...group.schools],
    },
    cycles,
    undatedCount: cycles.filter((c) => !c.teachingDate).length,
  };
  // Every text field, free text included, goes through the report's anonymiser.
  return options.anonymize ? anonymizeDeep(overview, rosterAnonymizer(group, studentWords[options.language])) : overview;
};
