import type { FocusStudent, SeatingChart } from '../domain/group';
import type { Observation } from '../domain/observation';

/**
 * Anonymising a report: every student the group names becomes "Student A", "Student B"…
 * (after Z: AA, AB…, as spreadsheet columns count), in every field, free text included.
 *
 * Who counts as a student:
 * - every focus student on the group's roster (retired ones too — old notes name them);
 * - the label of a seat that is assigned to a student (a nickname used in the chart);
 * - a student a note targets (`target.kind === 'student'`) even when the roster no longer
 *   has them, so the target still gets a label instead of leaking an id or a blank.
 *
 * Order (what makes the labels stable): roster students sorted by pseudonym
 * (case-insensitive, then by id), then students known only from notes, by id. The same
 * cycle therefore always gets the same labels, whatever order the notes were taken in.
 *
 * Matching in free text is whole-word and case-insensitive, longest name first (so
 * "Maya Lin" wins over "Maya"). "Whole word" is Unicode-aware: a name is not replaced
 * inside a longer word of a space-separated script ("Ana" stays in "Banana"). Japanese
 * and Chinese text has no spaces between words, so next to Han, Hiragana or Katakana
 * characters a name always matches ("ゆいさん" → "Student Aさん"); the cost is that a
 * CJK name written inside a longer CJK word is replaced too. Member (teacher) names are
 * not students and are left alone.
 */

export interface StudentEntry {
  /** Absent for a name that appears only as a seat label. */
  studentId?: string;
  /** Pseudonym and other names (seat labels) this student is known by. */
  names: string[];
}

export interface AnonymizedStudent extends StudentEntry {
  label: string;
}

export interface Anonymizer {
  readonly students: readonly AnonymizedStudent[];
  /** The label of a student id, when the id is known. */
  labelFor(studentId: string): string | undefined;
  /** The text with every student name replaced by its label. */
  text(value: string): string;
}

/** 0 → A, 25 → Z, 26 → AA, 27 → AB … (bijective base 26). */
export const letterLabel = (index: number): string => {
  let n = Math.floor(index) + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
};

/** Every student the report might name, in label order (see the module comment). */
export const collectStudents = (input: {
  /** The whole class roster — focus or not, every student is anonymised. */
  focusStudents: readonly Pick<FocusStudent, 'id' | 'pseudonym'>[];
  seatingChart?: Pick<SeatingChart, 'seats'>;
  observations?: readonly Pick<Observation, 'target'>[];
}): StudentEntry[] => {
  const byId = new Map<string, StudentEntry>();
  const roster = [...input.focusStudents].sort(
    (a, b) =>
      a.pseudonym.localeCompare(b.pseudonym, 'en', { sensitivity: 'base' }) ||
      (a.pseudonym < b.pseudonym ? -1 : a.pseudonym > b.pseudonym ? 1 : 0) ||
      a.id.localeCompare(b.id),
  );
  for (const student of roster) byId.set(student.id, { studentId: student.id, names: [student.pseudonym] });

  const unknownIds = new Set<string>();
  for (const seat of input.seatingChart?.seats ?? []) if (seat.studentId && !byId.has(seat.studentId)) unknownIds.add(seat.studentId);
  for (const note of input.observations ?? []) {
    if (note.target.kind === 'student' && !byId.has(note.target.studentId)) unknownIds.add(note.target.studentId);
  }
  for (const id of [...unknownIds].sort()) byId.set(id, { studentId: id, names: [] });

  for (const seat of input.seatingChart?.seats ?? []) {
    const label = seat.label.trim();
    if (!seat.studentId || !label) continue;
    const entry = byId.get(seat.studentId)!;
    if (!entry.names.some((n) => n.toLocaleLowerCase() === label.toLocaleLowerCase())) entry.names.push(label);
  }
  return [...byId.values()];
};

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A letter, mark, digit or underscore of a script that separates words with spaces. A
 * CJK character is not one: it counts as a word boundary (see the module comment).
 */
const WORD_CHAR = '(?![\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}])[\\p{L}\\p{M}\\p{N}_]';

/** Build an anonymiser. `prefix` is the word before the letter: "Student", "児童". */
export const createAnonymizer = (entries: readonly StudentEntry[], options: { prefix?: string } = {}): Anonymizer => {
  const prefix = options.prefix ?? 'Student';
  const students: AnonymizedStudent[] = entries.map((entry, i) => ({ ...entry, label: `${prefix} ${letterLabel(i)}` }));
  const byId = new Map(students.flatMap((s) => (s.studentId ? [[s.studentId, s.label] as const] : [])));

  // Longest name first, so a full name is replaced before a first name inside it.
  const byName = new Map<string, string>();
  for (const student of students) {
    for (const name of student.names) {
      const key = name.trim().normalize('NFC').toLocaleLowerCase();
      if (key && !byName.has(key)) byName.set(key, student.label);
    }
  }
  const names = [...byName.keys()].sort((a, b) => b.length - a.length || a.localeCompare(b));
  const pattern = names.length
    ? new RegExp(`(?<!${WORD_CHAR})(?:${names.map(escapeRegExp).join('|')})(?!${WORD_CHAR})`, 'giu')
    : null;

  // The regex matched case-insensitively by Unicode simple case folding; when plain
  // lower-casing differs from that folding (rare scripts), find the name the slow way.
  const labelOfMatch = (match: string): string => {
    for (const name of names) if (new RegExp(`^${escapeRegExp(name)}$`, 'iu').test(match)) return byName.get(name)!;
    return prefix;
  };

  return {
    students,
    labelFor: (studentId) => byId.get(studentId),
    text: (value) => {
      if (!pattern || !value) return value;
      return value.normalize('NFC').replace(pattern, (match) => byName.get(match.toLocaleLowerCase()) ?? labelOfMatch(match));
    },
  };
};

/**
 * Keys whose string values are identifiers, hashes, colours, times or enum values — never
 * prose. (An enum value must survive even if a student were called "Pairs".)
 */
const NON_TEXT_KEY = /^(id|hash|ext|color|fill|kind|mode|phase|role|responded|status|field)$|Id$|Ids$|At$|^wallTime$/;

/**
 * A copy of a plain data value (objects, arrays, strings) with every string that could
 * carry prose passed through `anonymizer.text`. Ids, hashes and timestamps are kept.
 */
export const anonymizeDeep = <T>(value: T, anonymizer: Pick<Anonymizer, 'text'>, key = ''): T => {
  if (typeof value === 'string') return (NON_TEXT_KEY.test(key) ? value : anonymizer.text(value)) as T;
  if (Array.isArray(value)) return value.map((item) => anonymizeDeep(item, anonymizer, key)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, anonymizeDeep(v, anonymizer, k)]),
    ) as T;
  }
  return value;
};
