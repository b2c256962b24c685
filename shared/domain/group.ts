import { z } from 'zod';
import { Id, Line, Text, Timestamp } from '../ids';

export const memberRoles = ['facilitator', 'teacher', 'observer', 'knowledgeable-other'] as const;
export const MemberRole = z.enum(memberRoles);
export type MemberRole = z.infer<typeof MemberRole>;

export const Member = z.object({
  id: Id,
  name: Line(120).min(1, 'Every member needs a name'),
  role: MemberRole,
});
export type Member = z.infer<typeof Member>;

/**
 * A student of the class, on the group's class roster. Pseudonyms only — the UI says so.
 *
 * Field names (group file schema 3): the roster is still stored as `focusStudents` — the
 * name schema 1 gave the list, which the IPC contract, the Word export and the observer's
 * page read — but it now holds every student of the class. Two flags say what the list
 * used to mean by itself:
 * - `focus`: a focus ("case") student observers follow closely in a research lesson;
 * - `concern`: a student the group worries about; the concerns/supports texts below
 *   belong to such students (they are kept on the student whatever the flags say).
 * Schema 2 files become schema 3 by flagging every listed student focus and concern
 * (electron/storage/migrations/0003-group-class-roster.ts).
 */
export const RosterStudent = z.object({
  id: Id,
  pseudonym: Line(60).min(1, 'A student needs a pseudonym'),
  focus: z.boolean().default(false),
  concern: z.boolean().default(false),
  /** Which areas concern us. */
  concerns: Text(4000).default(''),
  /** What supports we provide now. */
  supportsNow: Text(4000).default(''),
  /** What supports we will provide. */
  supportsPlanned: Text(4000).default(''),
  /** Removed from the class: kept for old notes and seats, offered nowhere new. */
  retired: z.boolean().default(false),
});
export type RosterStudent = z.infer<typeof RosterStudent>;

/** The name the contract and older readers use for a roster student. */
export const FocusStudent = RosterStudent;
export type FocusStudent = z.infer<typeof FocusStudent>;

export const Code = z.object({
  id: Id,
  label: Line(60).min(1),
  /** CSS hex colour; colour is never the only signal, the label is always shown. */
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  /** Codes from a ready rubric (e.g. mathematical argument) are grouped under it. */
  rubric: Line(60).optional(),
  /** Retired codes stay on old notes but are not offered for new ones. */
  retired: z.boolean().default(false),
});
export type Code = z.infer<typeof Code>;

export const Seat = z.object({
  id: Id,
  col: z.number().int().min(0).max(40),
  row: z.number().int().min(0).max(40),
  /** A roster student sitting here, or a free label ("Table 3"). */
  studentId: Id.optional(),
  label: Line(60).default(''),
});
export type Seat = z.infer<typeof Seat>;

export const SeatingChart = z.object({
  cols: z.number().int().min(1).max(40).default(8),
  rows: z.number().int().min(1).max(40).default(6),
  seats: z.array(Seat).max(400).default([]),
});
export type SeatingChart = z.infer<typeof SeatingChart>;

/**
 * One segment of a group's own post-lesson discussion order. `plannedMinutes` is the
 * name the discussion segment built from it uses too (schema 2 of the group file).
 */
export const ProtocolEntry = z.object({ id: Id, title: Line(200), plannedMinutes: z.number().int().min(0).max(240) });
export type ProtocolEntry = z.infer<typeof ProtocolEntry>;

export const GroupFields = z.object({
  name: Line(120).min(1, 'The group needs a name'),
  schools: z.array(Line(160)).max(20).default([]),
  subject: Line(80).default(''),
  gradeBand: Line(40).default(''),
  researchTheme: Text(2000).default(''),
  norms: z.array(Line(400)).max(50).default([]),
  members: z.array(Member).max(50).default([]),
});
export type GroupFields = z.infer<typeof GroupFields>;

export const Group = GroupFields.extend({
  id: Id,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** The class roster (every student; see RosterStudent for the name). */
  focusStudents: z.array(RosterStudent).max(200).default([]),
  codebook: z.array(Code).max(200).default([]),
  seatingChart: SeatingChart.default({ cols: 8, rows: 6, seats: [] }),
  /** Per-group overrides of the phase checklists, keyed by phase. */
  checklistTemplates: z.record(z.string(), z.array(Line(300)).max(40)).default({}),
  /** Per-group discussion protocol; empty means the established default order. */
  discussionProtocol: z.array(ProtocolEntry).max(30).default([]),
});
export type Group = z.infer<typeof Group>;

export const GroupSummary = z.object({
  id: Id,
  name: z.string(),
  subject: z.string(),
  gradeBand: z.string(),
  schools: z.array(z.string()),
  memberCount: z.number().int(),
  updatedAt: Timestamp,
});
export type GroupSummary = z.infer<typeof GroupSummary>;

export const summarizeGroup = (group: Group): GroupSummary => ({
  id: group.id,
  name: group.name,
  subject: group.subject,
  gradeBand: group.gradeBand,
  schools: group.schools,
  memberCount: group.members.length,
  updatedAt: group.updatedAt,
});

/** Students still in the class, in roster order: the ones offered for seats and notes. */
export const activeRoster = <S extends Pick<RosterStudent, 'retired'>>(roster: readonly S[]): S[] => roster.filter((s) => !s.retired);

/** The class's focus students (retired ones stay on old notes only). */
export const focusStudentsOf = <S extends Pick<RosterStudent, 'retired' | 'focus'>>(roster: readonly S[]): S[] =>
  roster.filter((s) => s.focus && !s.retired);

const PSEUDONYM_MAX = 60;
// Compare names as a teacher reads them: full-width and half-width forms, case and
// surrounding spaces do not make two students.
const sameName = (name: string) => name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase();

/**
 * A pasted class list, one name per line, read into the names to add: blank lines
 * dropped, spaces tidied, names already on the roster (or twice in the paste) skipped,
 * names longer than a pseudonym may be reported rather than cut.
 */
export const namesFromPaste = (
  pasted: string,
  roster: readonly Pick<RosterStudent, 'pseudonym' | 'retired'>[],
): { add: string[]; alreadyOnRoster: string[]; tooLong: string[] } => {
  const seen = new Set(activeRoster(roster).map((s) => sameName(s.pseudonym)));
  const result = { add: [] as string[], alreadyOnRoster: [] as string[], tooLong: [] as string[] };
  for (const line of pasted.split(/\r\n|\r|\n/)) {
    const name = line.trim().replace(/\s+/g, ' ');
    if (!name) continue;
    if (name.length > PSEUDONYM_MAX) result.tooLong.push(name);
    else if (seen.has(sameName(name))) result.alreadyOnRoster.push(name);
    else {
      seen.add(sameName(name));
      result.add.push(name);
    }
  }
  return result;
};
