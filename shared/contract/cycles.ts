import { z } from 'zod';
import { Id, Line, Text, Timestamp } from '../ids';
import { Cycle, CycleSummary, Meeting, Phase, Reflection, Teaching } from '../domain/cycle';
import { FocusStudent, Group } from '../domain/group';
import { channel } from './channel';

/** A design a cycle may teach, with its saved versions (newest last). */
export const TeachableDesign = z.object({
  designId: Id,
  title: z.string(),
  versions: z.array(
    z.object({
      id: Id,
      number: z.number().int(),
      title: z.string(),
      summary: z.string(),
      createdAt: Timestamp,
      taught: z.boolean(),
    }),
  ),
});
export type TeachableDesign = z.infer<typeof TeachableDesign>;

const CycleRef = z.object({ cycleId: Id }).strict();

// Channels of the cycles feature. Owned by that feature; the contract index spreads them in.
export const cycleChannels = {
  listCycles: channel(z.object({ groupId: Id }).strict(), z.array(CycleSummary)),
  getCycle: channel(CycleRef, Cycle),
  createCycle: channel(
    z
      .object({
        groupId: Id,
        title: Line(300).min(1, 'A cycle needs a title'),
        researchQuestion: Text(4000).default(''),
      })
      .strict(),
    Cycle,
  ),
  updateCycleInfo: channel(
    z.object({ cycleId: Id, title: Line(300).min(1, 'A cycle needs a title'), researchQuestion: Text(4000) }).strict(),
    Cycle,
  ),
  deleteCycle: channel(CycleRef, z.null()),
  /** Reteach: a new cycle in plan, teaching the revised version, linked to this one. */
  startReteach: channel(z.object({ cycleId: Id, title: Line(300).min(1) }).strict(), Cycle),

  listTeachableVersions: channel(z.object({ groupId: Id }).strict(), z.array(TeachableDesign)),
  /** Choose the version to teach (plan phase only); marks that version taught and frozen. */
  chooseVersion: channel(z.object({ cycleId: Id, designId: Id, versionId: Id }).strict(), Cycle),
  /** The version the lesson was revised into; null clears it. */
  setRevisedVersion: channel(z.object({ cycleId: Id, versionId: Id.nullable() }).strict(), Cycle),
  setCloseWithoutRevision: channel(z.object({ cycleId: Id, reason: Text(2000) }).strict(), Cycle),

  /** Move to another phase. `by` is a member id; `reason` is required when going back. */
  moveCycle: channel(
    z.object({ cycleId: Id, to: Phase, by: Line(120).default(''), reason: Text(2000).default('') }).strict(),
    Cycle,
  ),
  setChecklistItem: channel(
    z.object({ cycleId: Id, phase: Phase, itemId: Id, done: z.boolean(), by: Line(120).default('') }).strict(),
    Cycle,
  ),
  addChecklistItem: channel(z.object({ cycleId: Id, phase: Phase, label: Line(300).min(1) }).strict(), Cycle),
  saveTeaching: channel(z.object({ cycleId: Id, teaching: Teaching }).strict(), Cycle),
  setDiscussionDate: channel(z.object({ cycleId: Id, date: z.string().max(40) }).strict(), Cycle),
  /** Add (no id) or replace (with id) a planning meeting. */
  saveMeeting: channel(
    z.object({ cycleId: Id, meeting: Meeting.extend({ id: Id.optional() }) }).strict(),
    Cycle,
  ),
  deleteMeeting: channel(z.object({ cycleId: Id, meetingId: Id }).strict(), Cycle),
  saveReflection: channel(z.object({ cycleId: Id, reflection: Reflection }).strict(), Cycle),

  /** Add (no id) or replace a student of concern on the group's roster. */
  saveFocusStudent: channel(
    z.object({ groupId: Id, student: FocusStudent.extend({ id: Id.optional() }) }).strict(),
    Group,
  ),
  /** A group's own checklist for a phase; an empty list restores the built-in default. */
  saveChecklistTemplate: channel(
    z.object({ groupId: Id, phase: Phase, labels: z.array(Line(300).min(1)).max(40) }).strict(),
    Group,
  ),
};
