import type { FocusStudent, SeatingChart } from '../domain/group';
import type { Observation } from '../domain/observation';
import { studentIdsOf } from '../observe/target-students';
import { COMMON_WORD_NAMES, foldText, formsOf, formsRegExp, isNameHere, nameKey, type FormKind } from './name-forms';

/**
 * Anonymising an export: every student the workspace knows becomes "Student A",
 * "Student B"… (after Z: AA, AB…, as spreadsheet columns count), in every field, free
 * text included. Guests and members are teachers, not students, and keep their names.
 *
 * Who counts as a student:
 * - every student on the group's class roster — focus, of concern or neither, retired
 *   ones too (old notes name them);
 * - the label of a seat assigned to a student (a nickname used in the chart);
 * - a student a note targets even when the roster no longer has them, so the target
 *   still gets a label instead of leaking an id or a blank.
 *
 * The forms a name is found in (first name alone, any spacing, no accents, possessives,
 * Japanese honorifics, any case) are described in `name-forms.ts`.
 *
 * Labels are given in order of first appearance: the first student the export mentions
 * is Student A, whatever the names, the roster's order or the ids. A student the export
 * never mentions gets no label.
 *
 * Ambiguity: a form that is one student's whole name is that student ("Maya" is Maya,
 * not "Maya Lin"). A short form shared by several students and nobody's whole name
 * ("José" with both "José Luis" and "José María" on the roster) names all of them —
 * "Student A or B" — rather than pick one wrongly.
 *
 * Everyday words ("Will", "May", "Grace"; `COMMON_WORD_NAMES`): such a name alone is
 * replaced only where written with a capital and not at a sentence's start, or as a
 * capitalised possessive ("Will's"); the whole name "Will Barnes" always. So "Will you
 * help? I will." stays as written, and so — the price — does "Will said…" at a
 * sentence's start, which is why the roster asks for another pseudonym.
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
  /** The students labelled so far, in label order. */
  readonly students: readonly AnonymizedStudent[];
  /** The label of a student id (given now if the student has none yet); undefined for an id nobody knows. */
  labelFor(studentId: string): string | undefined;
  /** The text with every student name replaced by its label. */
  text(value: string): string;
}

export interface AnonymizerOptions {
  /** The word before the letter: "Student", "児童". */
  prefix?: string;
  /** Joins the letters of an ambiguous name: "or" → "Student A or B". */
  or?: string;
  /** Every label is the prefix alone, no letter (file names, where letters could disagree with the document). */
  lettersOff?: boolean;
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

/** Every student an export might name (see the module comment); their order decides nothing. */
export const collectStudents = (input: {
  /** The whole class roster. */
  focusStudents: readonly Pick<FocusStudent, 'id' | 'pseudonym'>[];
  seatingChart?: Pick<SeatingChart, 'seats'>;
  observations?: readonly Pick<Observation, 'target'>[];
}): StudentEntry[] => {
  const byId = new Map<string, StudentEntry>();
  for (const student of input.focusStudents) byId.set(student.id, { studentId: student.id, names: [student.pseudonym] });
  const ids = [
    ...(input.seatingChart?.seats ?? []).map((seat) => seat.studentId),
    ...(input.observations ?? []).flatMap((note) => studentIdsOf(note.target)),
  ];
  for (const id of ids) if (id && !byId.has(id)) byId.set(id, { studentId: id, names: [] });
  for (const seat of input.seatingChart?.seats ?? []) {
    const label = seat.label.trim();
    if (!seat.studentId || !label) continue;
    const entry = byId.get(seat.studentId)!;
    if (!entry.names.some((n) => n.toLocaleLowerCase() === label.toLocaleLowerCase())) entry.names.push(label);
  }
  return [...byId.values()];
};

/**
 * Marks the report model writes where it names people: a student id, which `text` turns
 * into the label; a member's or guest's name, which `text` keeps as written — a teacher
 * called "Mia Tanaka" is not the student Mia.
 */
const MARKER = /\uE000([^\uE001]*)\uE001|\uE002([^\uE003]*)\uE003/g;
export const studentMarker = (studentId: string): string => `\uE000${studentId}\uE001`;
export const keepAsWritten = (name: string): string => (name ? `\uE002${name}\uE003` : '');

export const createAnonymizer = (entries: readonly StudentEntry[], options: AnonymizerOptions = {}): Anonymizer => {
  const prefix = options.prefix ?? 'Student';
  const or = options.or ?? 'or';
  const given: AnonymizedStudent[] = [];
  const letterOf = new Map<number, string>();
  const letter = (entry: number): string => {
    if (!letterOf.has(entry)) {
      letterOf.set(entry, letterLabel(letterOf.size));
      given.push({ ...entries[entry], label: `${prefix} ${letterOf.get(entry)}` });
    }
    return letterOf.get(entry)!;
  };
  const label = (candidates: readonly number[]): string =>
    options.lettersOff ? prefix : `${prefix} ${candidates.map(letter).join(` ${or} `)}`;

  // Each form's students: a whole name beats a short form of someone else's name.
  const owners = new Map<string, { kind: FormKind; parts: string[]; entries: number[]; common: boolean }>();
  entries.forEach((entry, index) => {
    for (const form of entry.names.flatMap(formsOf)) {
      const key = nameKey(form.parts);
      const known = owners.get(key);
      const common = form.parts.length === 1 && COMMON_WORD_NAMES.has(form.parts[0]);
      if (!known || (known.kind === 'short' && form.kind === 'full')) owners.set(key, { kind: form.kind, parts: form.parts, entries: [index], common });
      else if (known.kind === form.kind && !known.entries.includes(index)) known.entries.push(index);
    }
  });
  const pattern = formsRegExp([...owners.values()].map((owner) => owner.parts));
  const byId = new Map(entries.flatMap((e, i) => (e.studentId ? [[e.studentId, i] as const] : [])));

  const names = (value: string): string => {
    if (!pattern || !value) return value;
    const { folded, origin } = foldText(value);
    const end = (foldedEnd: number) => {
      // Past the last matched character, and past combining marks the folding dropped.
      let i = foldedEnd < origin.length ? origin[foldedEnd] : value.length;
      while (i < value.length && /\p{M}/u.test(value[i]) && !/[\u3099\u309A]/.test(value[i])) i += 1;
      return i;
    };
    let out = '';
    let copied = 0;
    for (const match of folded.matchAll(pattern)) {
      const [whole, name, possessive] = match;
      const owner = owners.get(name.replace(/\s+/g, ''));
      if (!owner) continue;
      const start = origin[match.index];
      const original = value.slice(start, end(match.index + name.length));
      if (owner.common && !isNameHere(value, start, original, Boolean(possessive))) continue;
      const apostrophe = possessive === "'s" ? value.slice(end(match.index + name.length)).charAt(0) : "'";
      out += value.slice(copied, start) + label(owner.entries) + (possessive ? `${apostrophe}s` : '');
      copied = end(match.index + whole.length);
    }
    return out + value.slice(copied);
  };

  return {
    get students() {
      return given;
    },
    labelFor: (studentId) => {
      const entry = byId.get(studentId);
      return entry === undefined ? undefined : label([entry]);
    },
    text: (value) => {
      if (!value) return value;
      let out = '';
      let copied = 0;
      for (const match of value.matchAll(MARKER)) {
        const student = match[1] === undefined ? null : byId.has(match[1]) ? label([byId.get(match[1])!]) : prefix;
        out += names(value.slice(copied, match.index)) + (student ?? match[2]);
        copied = match.index + match[0].length;
      }
      return out + names(value.slice(copied));
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
 * carry prose passed through `anonymizer.text`, in the order the value lists them (which
 * decides the labels' order). Ids, hashes and timestamps are kept.
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
