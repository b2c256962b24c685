/**
 * Group file, schema 2 → 3: the list of students becomes the class roster.
 *
 * Why: until schema 2 a group knew only the students it worried about (`focusStudents`,
 * with their concerns and supports); every other student existed only as a seat label,
 * so notes about them read "Group: Mia". From schema 3 the same list holds every student
 * of the class, and `focus` / `concern` are flags on a student (shared/domain/group.ts).
 * Every student a schema-2 file lists was one the group chose to follow and worried
 * about, so each becomes a roster student flagged both; ids stay, so seats, notes and
 * observation plans keep pointing at the same students.
 *
 * Pure: a version-2 body in, a version-3 body out. A body that is not the shape version 2
 * wrote is passed on unchanged, so the schema check after the migrations reports it.
 */
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// A hand-edited file that already carries a flag keeps it.
const flagStudent = (student: unknown): unknown =>
  isRecord(student) ? { ...student, focus: student.focus ?? true, concern: student.concern ?? true } : student;

export const groupClassRoster = (body: Record<string, unknown>): Record<string, unknown> => {
  const group = body.group;
  if (!isRecord(group) || !Array.isArray(group.focusStudents)) return body;
  return { ...body, group: { ...group, focusStudents: group.focusStudents.map(flagStudent) } };
};
