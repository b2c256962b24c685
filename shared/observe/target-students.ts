import type { ObservationTarget } from '../domain/observation';

/*
 * Whom a note is about, in roster students. Kept apart from the schema module so the
 * screens that only read targets do not pull zod in.
 */

/** The roster students a note is about: one, several, or none (whole class, free group). */
export const studentIdsOf = (target: ObservationTarget): string[] =>
  target.kind === 'student' ? [target.studentId] : target.kind === 'students' ? target.studentIds : [];

/**
 * Several students' names as one label: "Mia and Ken" in the reader's language when it is
 * given, else "Mia, Ken" (CSV columns and reports that must read the same in every tongue).
 */
export const joinStudentNames = (names: readonly string[], language?: string): string =>
  language ? new Intl.ListFormat(language, { style: 'long', type: 'conjunction' }).format(names) : names.join(', ');

/** Whether a note is about this roster student (alone or with others). */
export const isAboutStudent = (target: ObservationTarget, studentId: string): boolean =>
  studentIdsOf(target).includes(studentId);

/** A note names at most 40 students (the schema's limit); a larger pick is a group. */
export const STUDENTS_MAX = 40;

/** A group label is at most 120 characters (the schema's Line(120)). */
export const GROUP_LABEL_MAX = 120;

const shorten = (label: string): string => (label.length <= GROUP_LABEL_MAX ? label : `${label.slice(0, GROUP_LABEL_MAX - 1)}…`);

/** One thing picked for a note: a roster student (a seat or a chip) or a free-labelled seat. */
export interface TargetPick {
  studentId?: string;
  /** What it is called: the student's pseudonym, else the seat's label ("Table 3"). */
  name: string;
}

/**
 * Whom a note is about, from what was picked (on the laptop's chart or a device's):
 * nothing is the whole class; one student is that student; several students (a pair, a
 * table) are those students, so the note counts for each of them; anything with a
 * free-labelled seat in it is a group whose label lists the names, in the order picked.
 */
export const targetOfPicks = (picks: readonly TargetPick[]): ObservationTarget => {
  if (picks.length === 0) return { kind: 'class' };
  const studentIds = [...new Set(picks.map((pick) => pick.studentId))];
  if (studentIds.every((id): id is string => id !== undefined)) {
    if (studentIds.length === 1) return { kind: 'student', studentId: studentIds[0] };
    if (studentIds.length <= STUDENTS_MAX) return { kind: 'students', studentIds };
  }
  const names = picks.map((pick) => pick.name.trim()).filter((name) => name !== '');
  if (names.length === 0) return { kind: 'class' };
  return { kind: 'group', label: shorten(names.join(', ')) };
};
