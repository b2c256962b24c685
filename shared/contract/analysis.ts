import { z } from 'zod';
import { CycleAnalysis, Finding, MAX_SPEAKERS } from '../domain/analysis';
import { Cycle, StudentResponse } from '../domain/cycle';
import { EvidenceRef, FlowStep, ObservationAssignment } from '../domain/design';
import { Code, FocusStudent, Group, Member, ProtocolEntry } from '../domain/group';
import { Observation } from '../domain/observation';
import { Id, Line, Text } from '../ids';
import { channel } from './channel';

const cycleRequest = z.object({ cycleId: Id }).strict();

/** The lesson plan the cycle taught (or, before teaching, the design's current plan). */
export const AnalyzedPlan = z.object({
  designId: Id,
  /** Absent when the plan is an unsaved draft. */
  versionId: Id.optional(),
  versionNumber: z.number().int().nullable(),
  title: z.string(),
  lessonGoal: z.string(),
  steps: z.array(FlowStep),
  observationPlan: z.array(ObservationAssignment),
});
export type AnalyzedPlan = z.infer<typeof AnalyzedPlan>;

/** Everything the evidence views of one cycle need, in one round trip. */
export const CycleEvidenceBundle = z.object({
  cycle: Cycle,
  groupName: z.string(),
  members: z.array(Member),
  focusStudents: z.array(FocusStudent),
  codes: z.array(Code),
  plan: AnalyzedPlan.nullable(),
  /** The live notes of the cycle; a linked id not among them shows as "evidence removed". */
  observations: z.array(Observation),
  analysis: CycleAnalysis,
});
export type CycleEvidenceBundle = z.infer<typeof CycleEvidenceBundle>;

/** One cited piece of evidence as it stands now; `deleted` shows as "evidence removed". */
export const ResolvedEvidenceView = z.object({
  kind: z.enum(['finding', 'observation']),
  id: Id,
  cycleId: Id,
  status: z.enum(['present', 'deleted']),
  /** The finding's statement or the note's text; empty when deleted. */
  text: z.string(),
  /** Lesson clock of a note. */
  clockMs: z.number().int().optional(),
  /** The app route that shows it highlighted. */
  href: z.string(),
});
export type ResolvedEvidenceView = z.infer<typeof ResolvedEvidenceView>;

export const FindingFields = z
  .object({
    statement: Text(2000).min(1, 'A finding needs a statement'),
    impliesRevision: z.boolean().default(false),
    stepId: Id.nullable().default(null),
    supportingObservationIds: z.array(Id).max(500).optional(),
    contradictingObservationIds: z.array(Id).max(500).optional(),
  })
  .strict();
export type FindingFields = z.input<typeof FindingFields>;

export const ProposedChange = z.object({
  designId: Id,
  stepId: Id.optional(),
  changeNoteId: Id,
  /** True when proposing the change started a new draft from the taught version. */
  createdDraft: z.boolean(),
});
export type ProposedChange = z.infer<typeof ProposedChange>;

// Channels of the analysis feature. Owned by that feature; the contract index spreads them in.
export const analysisChannels = {
  /** The group's own post-lesson discussion order; an empty list restores the established order. */
  saveDiscussionProtocol: channel(
    z
      .object({
        groupId: Id,
        protocol: z
          .array(ProtocolEntry.extend({ title: Line(200).min(1) }).strict())
          .max(30),
      })
      .strict(),
    Group,
  ),
  getCycleEvidence: channel(cycleRequest, CycleEvidenceBundle),
  getAnalysis: channel(cycleRequest, CycleAnalysis),
  updateDiscussionSegment: channel(
    z
      .object({
        cycleId: Id,
        segmentId: Id,
        /** The part's speakers in speaking order (members or the lesson's guest observers). */
        speakerIds: z.array(Id).max(MAX_SPEAKERS).optional(),
        plannedMinutes: z.number().int().min(0).max(240).optional(),
        notes: Text(20000).optional(),
        title: Line(200).optional(),
      })
      .strict(),
    CycleAnalysis,
  ),
  runSegmentTimer: channel(
    z.object({ cycleId: Id, segmentId: Id, action: z.enum(['start', 'pause', 'reset']) }).strict(),
    CycleAnalysis,
  ),
  /**
   * The speaking queue: raise a hand for a member or guest, give the floor to the first in
   * line (who joins the current part's speakers), or take someone out of the line.
   */
  changeSpeakingQueue: channel(
    z
      .object({
        cycleId: Id,
        change: z.discriminatedUnion('action', [
          z.object({ action: z.literal('raise'), speakerId: Id }).strict(),
          z.object({ action: z.literal('next') }).strict(),
          z.object({ action: z.literal('remove'), entryId: Id }).strict(),
        ]),
      })
      .strict(),
    CycleAnalysis,
  ),
  /** End the discussion (timers stop for good, the time is kept) or reopen it explicitly. */
  setDiscussionEnded: channel(z.object({ cycleId: Id, ended: z.boolean() }).strict(), CycleAnalysis),
  setCurrentSegment: channel(z.object({ cycleId: Id, segmentId: Id }).strict(), CycleAnalysis),
  setFinalComments: channel(
    z.object({ cycleId: Id, text: Text(20000), by: Id.nullable().optional() }).strict(),
    CycleAnalysis,
  ),
  createFinding: channel(z.object({ cycleId: Id, fields: FindingFields }).strict(), Finding),
  updateFinding: channel(z.object({ cycleId: Id, findingId: Id, fields: FindingFields }).strict(), Finding),
  deleteFinding: channel(z.object({ cycleId: Id, findingId: Id }).strict(), z.null()),
  /** Link selected notes to a finding (from any evidence view). */
  linkToFinding: channel(
    z
      .object({
        cycleId: Id,
        findingId: Id,
        observationIds: z.array(Id).min(1).max(500),
        role: z.enum(['supporting', 'contradicting']).default('supporting'),
      })
      .strict(),
    Finding,
  ),
  unlinkFromFinding: channel(z.object({ cycleId: Id, findingId: Id, observationId: Id }).strict(), Finding),
  /**
   * Open (or start) the next draft of the cycle's design with a change note citing the
   * finding and its supporting notes. Proposing the same finding twice reuses its note.
   */
  proposeChangeFromFinding: channel(
    z.object({ cycleId: Id, findingId: Id, stepId: Id.nullable().optional() }).strict(),
    ProposedChange,
  ),
  /** The students-of-concern roster: whether a student responded, from the evidence. */
  recordStudentResponse: channel(
    z
      .object({
        cycleId: Id,
        studentId: Id,
        responded: StudentResponse.shape.responded,
        note: Text(4000).default(''),
        observationIds: z.array(Id).max(200).default([]),
      })
      .strict(),
    z.array(StudentResponse),
  ),
  /** Resolve cited evidence (e.g. a change note's) to what exists now. */
  resolveEvidence: channel(z.object({ refs: z.array(EvidenceRef).max(500) }).strict(), z.array(ResolvedEvidenceView)),
};
