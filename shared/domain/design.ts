import { z } from 'zod';
import { Id, Line, Text, Timestamp } from '../ids';
import { latestVersion } from './versions';

/** One item in a list with a stable id, so diffs and evidence links survive edits. */
export const ListItem = z.object({ id: Id, text: Text(4000) });
export type ListItem = z.infer<typeof ListItem>;

/** One row of the lesson flow table ("teaching-learning process"). */
export const FlowStep = z.object({
  id: Id,
  title: Line(300).default(''),
  minutes: z.number().int().min(0).max(600).default(5),
  /** Learning activities and key questions (hatsumon). */
  activities: Text(8000).default(''),
  anticipatedResponses: z.array(ListItem).max(60).default([]),
  /** Teacher support / responses to the anticipated responses. */
  teacherSupport: Text(8000).default(''),
  /** Points to notice: what observers look for, how the goal is evaluated. */
  pointsToNotice: z.array(ListItem).max(40).default([]),
});
export type FlowStep = z.infer<typeof FlowStep>;

export const UnitLesson = z.object({ id: Id, title: Line(300), isThisLesson: z.boolean().default(false) });
export type UnitLesson = z.infer<typeof UnitLesson>;

/** Which observer watches which focus student or group, and what to look for. */
export const ObservationAssignment = z.object({
  id: Id,
  observerId: Id.optional(),
  studentId: Id.optional(),
  groupLabel: Line(120).default(''),
  lookFor: Text(4000).default(''),
});
export type ObservationAssignment = z.infer<typeof ObservationAssignment>;

/** The full research lesson plan: everything a version freezes. */
export const DesignContent = z.object({
  title: Line(300).min(1, 'A lesson design needs a title'),
  subject: Line(120).default(''),
  grade: Line(60).default(''),
  unitName: Line(300).default(''),
  unitSequence: z.array(UnitLesson).max(60).default([]),
  durationMinutes: z.number().int().min(1).max(600).default(45),
  plannedDate: z.string().max(40).default(''),
  teacher: Line(120).default(''),
  /** Empty means "the group's research theme". */
  researchTheme: Text(2000).default(''),
  goals: z
    .object({ longTerm: Text(4000).default(''), unit: Text(4000).default(''), lesson: Text(4000).default('') })
    .default({ longTerm: '', unit: '', lesson: '' }),
  background: Text(20000).default(''),
  /** Study of the material (kyouzai kenkyuu). */
  materialStudy: Text(20000).default(''),
  materials: Text(4000).default(''),
  steps: z.array(FlowStep).max(120).default([]),
  boardPlan: Text(8000).default(''),
  observationPlan: z.array(ObservationAssignment).max(60).default([]),
});
export type DesignContent = z.infer<typeof DesignContent>;

/** Evidence a change cites: a finding or an observation from some cycle. */
export const EvidenceRef = z.object({
  kind: z.enum(['finding', 'observation']),
  id: Id,
  cycleId: Id,
});
export type EvidenceRef = z.infer<typeof EvidenceRef>;

/** Why something changed between versions. `stepId` absent = the design as a whole. */
export const ChangeNote = z.object({
  id: Id,
  stepId: Id.optional(),
  summary: Text(2000).default(''),
  rationale: Text(8000).default(''),
  evidence: z.array(EvidenceRef).max(100).default([]),
});
export type ChangeNote = z.infer<typeof ChangeNote>;

/** A saved version. Immutable once written: nothing edits it. */
export const DesignVersion = z.object({
  id: Id,
  number: z.number().int().min(1),
  content: DesignContent,
  summary: Text(2000).default(''),
  authors: z.array(Line(120)).max(30).default([]),
  createdAt: Timestamp,
  basedOnVersionId: Id.optional(),
  changeNotes: z.array(ChangeNote).max(200).default([]),
  /** Cycles that taught this version; a taught version is frozen for good. */
  taughtInCycleIds: z.array(Id).max(50).default([]),
});
export type DesignVersion = z.infer<typeof DesignVersion>;

export const DesignDraft = z.object({
  content: DesignContent,
  basedOnVersionId: Id.optional(),
  changeNotes: z.array(ChangeNote).max(200).default([]),
  updatedAt: Timestamp,
});
export type DesignDraft = z.infer<typeof DesignDraft>;

export const Design = z.object({
  id: Id,
  groupId: Id,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  draft: DesignDraft.nullable(),
  versions: z.array(DesignVersion).max(500).default([]),
});
export type Design = z.infer<typeof Design>;

/** One row of a group's list of lesson designs. */
export const DesignSummary = z.object({
  id: Id,
  groupId: Id,
  title: z.string(),
  subject: z.string(),
  grade: z.string(),
  updatedAt: Timestamp,
  versionCount: z.number().int(),
  latestVersionNumber: z.number().int().nullable(),
  hasDraft: z.boolean(),
  taught: z.boolean(),
});
export type DesignSummary = z.infer<typeof DesignSummary>;

/** The content a design shows now: its draft, else its newest version. */
export const currentContent = (design: Design): DesignContent | null =>
  design.draft?.content ?? latestVersion(design)?.content ?? null;

export { latestVersion };

export const summarizeDesign = (design: Design): DesignSummary => {
  const content = currentContent(design);
  const latest = latestVersion(design);
  return {
    id: design.id,
    groupId: design.groupId,
    title: content?.title ?? '',
    subject: content?.subject ?? '',
    grade: content?.grade ?? '',
    updatedAt: design.updatedAt,
    versionCount: design.versions.length,
    latestVersionNumber: latest?.number ?? null,
    hasDraft: design.draft !== null,
    taught: design.versions.some((v) => v.taughtInCycleIds.length > 0),
  };
};

/** Sum of the steps' minutes, shown against the lesson's duration. */
export const totalMinutes = (content: Pick<DesignContent, 'steps'>): number =>
  content.steps.reduce((sum, step) => sum + step.minutes, 0);

/** A blank design with only a title; every other field takes its schema default. */
export const emptyDesignContent = (title: string): DesignContent => DesignContent.parse({ title });

export const emptyStep = (id: string): FlowStep => FlowStep.parse({ id });

/**
 * The `.lessonstudy.json` exchange file: one design with every version, for sharing a
 * lesson across schools. Validated with the same schemas as the workspace files.
 */
export const LESSON_STUDY_FILE_FORMAT = 'lesson-study-design';
export const LessonStudyFile = z.object({
  format: z.literal(LESSON_STUDY_FILE_FORMAT),
  formatVersion: z.literal(1),
  exportedAt: Timestamp,
  design: Design,
});
export type LessonStudyFile = z.infer<typeof LessonStudyFile>;
