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

/** A student the group worries about most. Pseudonyms only — the UI says so. */
export const FocusStudent = z.object({
  id: Id,
  pseudonym: Line(60).min(1, 'A focus student needs a pseudonym'),
  /** Which areas concern us. */
  concerns: Text(4000).default(''),
  /** What supports we provide now. */
  supportsNow: Text(4000).default(''),
  /** What supports we will provide. */
  supportsPlanned: Text(4000).default(''),
  retired: z.boolean().default(false),
});
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
  /** A focus student sitting here, or a free label ("Table 3"). */
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
  focusStudents: z.array(FocusStudent).max(200).default([]),
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
