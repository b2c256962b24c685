import type { VersionComparison } from '../contract/designs';
import { diffDesign } from '../diff';
import type { DesignContent } from '../domain/design';
import type { Group } from '../domain/group';
import { anonymizeDeep, collectStudents, createAnonymizer, keepAsWritten, type Anonymizer } from './anonymize';

/**
 * Anonymising the lesson plan and the comparison exports, and the file names the save
 * dialog suggests, with the same anonymiser as the cycle report (anonymize.ts).
 */

export interface StudentWords {
  /** "Student", "児童". */
  prefix: string;
  /** "or", "または". */
  or: string;
}

export const studentWords: Record<'en' | 'ja', StudentWords> = {
  en: { prefix: 'Student', or: 'or' },
  ja: { prefix: '児童', or: 'または' },
};

type Roster = Pick<Group, 'focusStudents' | 'seatingChart'>;

/** A plan's content with its teacher marked as a person, not a student (a teacher "Mia Tanaka" stays). */
export const teacherKept = (content: DesignContent): DesignContent => ({ ...content, teacher: keepAsWritten(content.teacher) });

export const rosterAnonymizer = (group: Roster | undefined, words: StudentWords, lettersOff = false): Anonymizer =>
  createAnonymizer(collectStudents({ focusStudents: group?.focusStudents ?? [], seatingChart: group?.seatingChart }), {
    prefix: words.prefix,
    or: words.or,
    lettersOff,
  });

/**
 * A title fit for an anonymised export's file name: every student becomes the word
 * "Student" without a letter — the file is named before the document gives its letters,
 * and a letter that disagreed with the document would mislead.
 */
export const anonymousTitle = (title: string, group: Roster | undefined, words: StudentWords): string =>
  rosterAnonymizer(group, words, true).text(title);

/**
 * A lesson plan's content and the group it names students from, anonymised: every text
 * field, then the observation plan's students (Student A is the first the plan names).
 */
export const anonymizeLessonPlan = <G extends Roster & Pick<Group, 'researchTheme'>>(
  content: DesignContent,
  group: G | undefined,
  words: StudentWords,
): { content: DesignContent; group: G | undefined } => {
  const anonymizer = rosterAnonymizer(group, words);
  const anonymous = anonymizeDeep(teacherKept(content), anonymizer);
  if (!group) return { content: anonymous, group };
  const named = new Set(content.observationPlan.flatMap((row) => (row.studentId ? [row.studentId] : [])));
  const focusStudents = group.focusStudents
    .filter((s) => named.has(s.id))
    .map((s) => ({ ...s, pseudonym: anonymizer.labelFor(s.id) ?? words.prefix, concerns: '', supportsNow: '', supportsPlanned: '' }));
  return { content: anonymous, group: { ...group, focusStudents, researchTheme: anonymizer.text(group.researchTheme) } };
};

/** A cited finding or note as the comparison prints it. */
export interface EvidenceText {
  text: string;
  source: string;
}

/**
 * A comparison anonymised before it is diffed: both versions' texts, then the word diff
 * made again from them (so a revision of "José Luis" to "José" strikes nothing through),
 * the change notes and the evidence they cite.
 */
export const anonymizeComparison = <E extends EvidenceText>(
  comparison: VersionComparison,
  evidence: readonly E[],
  group: Roster | undefined,
  words: StudentWords,
): { comparison: VersionComparison; evidence: E[] } => {
  const anonymizer = rosterAnonymizer(group, words);
  const version = (v: VersionComparison['from']) => ({ ...v, authors: v.authors.map(keepAsWritten), content: teacherKept(v.content) });
  const from = anonymizeDeep(version(comparison.from), anonymizer);
  const to = anonymizeDeep(version(comparison.to), anonymizer);
  const changeNotes = anonymizeDeep(comparison.changeNotes, anonymizer);
  return {
    comparison: { ...comparison, from, to, diff: diffDesign(from.content, to.content), changeNotes },
    evidence: evidence.map((e) => ({ ...e, text: anonymizer.text(e.text), source: anonymizer.text(e.source) })),
  };
};
