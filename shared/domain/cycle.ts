import { z } from 'zod';
import { Id, Line, Text, Timestamp } from '../ids';

export const phases = ['plan', 'teach', 'observe', 'analyze', 'revise', 'closed'] as const;
export const Phase = z.enum(phases);
export type Phase = z.infer<typeof Phase>;

export const PhaseTransition = z.object({
  id: Id,
  from: Phase,
  to: Phase,
  at: Timestamp,
  /** Member id, or a free name when the actor is not a member. */
  by: Line(120).default(''),
  /** Required when going back. */
  reason: Text(2000).default(''),
});
export type PhaseTransition = z.infer<typeof PhaseTransition>;

export const ChecklistItem = z.object({
  id: Id,
  /** Stable key of a built-in default item (e.g. `plan.goals`): the UI shows it translated. */
  key: Line(80).optional(),
  label: Line(300),
  done: z.boolean().default(false),
  doneAt: Timestamp.optional(),
  doneBy: Line(120).optional(),
});
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const Meeting = z.object({
  id: Id,
  date: z.string().max(40),
  attendeeIds: z.array(Id).max(50).default([]),
  agenda: Text(8000).default(''),
  notes: Text(20000).default(''),
  decisions: Text(8000).default(''),
  followUps: Text(8000).default(''),
});
export type Meeting = z.infer<typeof Meeting>;

export const Teaching = z.object({
  date: z.string().max(40).default(''),
  className: Line(120).default(''),
  teacherId: Id.optional(),
  studentCount: z.number().int().min(0).max(200).optional(),
  briefingHeld: z.boolean().default(false),
});
export type Teaching = z.infer<typeof Teaching>;

/** Per cycle: whether a student of concern responded, from the evidence. */
export const StudentResponse = z.object({
  studentId: Id,
  responded: z.enum(['unknown', 'yes', 'partly', 'no']).default('unknown'),
  note: Text(4000).default(''),
  observationIds: z.array(Id).max(200).default([]),
});
export type StudentResponse = z.infer<typeof StudentResponse>;

export const Reflection = z.object({
  researchTheme: Text(20000).default(''),
  /** For a few collaboration practices: what we do now, possible next steps. */
  practices: z
    .array(
      z.object({
        id: Id,
        /** Stable key of a built-in practice (e.g. `teams`): the UI shows it translated. */
        key: Line(80).optional(),
        practice: Line(200),
        now: Text(4000).default(''),
        next: Text(4000).default(''),
      }),
    )
    .max(20)
    .default([]),
  studentsOfConcern: Text(8000).default(''),
  nextSteps: Text(8000).default(''),
});
export type Reflection = z.infer<typeof Reflection>;

export const GuestObserver = z.object({ id: Id, name: Line(120).min(1) });
export type GuestObserver = z.infer<typeof GuestObserver>;

export const Cycle = z.object({
  id: Id,
  groupId: Id,
  title: Line(300).min(1, 'A cycle needs a title'),
  researchQuestion: Text(4000).default(''),
  designId: Id.optional(),
  /** The version taught in this cycle (frozen once chosen). */
  versionId: Id.optional(),
  /** The version the group revised the lesson into. */
  revisedVersionId: Id.optional(),
  /** A reteach links to the cycle it follows. */
  previousCycleId: Id.optional(),
  phase: Phase.default('plan'),
  history: z.array(PhaseTransition).max(500).default([]),
  checklists: z.record(Phase, z.array(ChecklistItem).max(60)).default({} as Record<Phase, ChecklistItem[]>),
  meetings: z.array(Meeting).max(500).default([]),
  teaching: Teaching.default({ date: '', className: '', briefingHeld: false }),
  /** The day the post-lesson discussion was held; the analysis the revise phase needs. */
  discussionDate: z.string().max(40).default(''),
  /** Why the group closes the cycle without revising the lesson (instead of a revised version). */
  closeWithoutRevisionReason: Text(2000).default(''),
  studentResponses: z.array(StudentResponse).max(200).default([]),
  /**
   * Observers who are not members of the group (a public research lesson), named by the
   * facilitator when approving their device during live capture. Notes carry their id as
   * `observerId`, so screens and reports can name them.
   */
  guestObservers: z.array(GuestObserver).max(1000).default([]),
  reflection: Reflection.default({ researchTheme: '', practices: [], studentsOfConcern: '', nextSteps: '' }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Cycle = z.infer<typeof Cycle>;

export const CycleSummary = z.object({
  id: Id,
  groupId: Id,
  title: z.string(),
  phase: Phase,
  designId: Id.optional(),
  versionId: Id.optional(),
  teachingDate: z.string(),
  updatedAt: Timestamp,
  researchQuestion: z.string().default(''),
  previousCycleId: Id.optional(),
  /** What the group should do next (a key of `NextStepKey` in shared/workflow). */
  nextStep: z.string().default(''),
});
export type CycleSummary = z.infer<typeof CycleSummary>;
