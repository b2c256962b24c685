import { z } from 'zod';

/**
 * The shape of a comparison between two versions of a lesson design. Declared as zod
 * schemas because it crosses IPC (compareVersions) and every response is validated.
 */

/** A run of words that is common to both texts, only in the old one, or only in the new one. */
export const TextPart = z.object({
  value: z.string(),
  added: z.boolean(),
  removed: z.boolean(),
});
export type TextPart = z.infer<typeof TextPart>;

/** Word-level diff of one text field. `parts` joined without removed = new text. */
export const TextDiff = z.object({
  changed: z.boolean(),
  parts: z.array(TextPart),
});
export type TextDiff = z.infer<typeof TextDiff>;

export const ChangeStatus = z.enum(['unchanged', 'changed', 'added', 'removed']);
export type ChangeStatus = z.infer<typeof ChangeStatus>;

/** One item of a list field (anticipated responses, points to notice), matched by id. */
export const ListItemDiff = z.object({
  id: z.string(),
  status: ChangeStatus,
  moved: z.boolean(),
  text: TextDiff,
});
export type ListItemDiff = z.infer<typeof ListItemDiff>;

export const ListDiff = z.object({
  changed: z.boolean(),
  items: z.array(ListItemDiff),
});
export type ListDiff = z.infer<typeof ListDiff>;

export const NumberDiff = z.object({
  changed: z.boolean(),
  from: z.number().nullable(),
  to: z.number().nullable(),
});
export type NumberDiff = z.infer<typeof NumberDiff>;

export const stepFields = ['title', 'minutes', 'activities', 'anticipatedResponses', 'teacherSupport', 'pointsToNotice'] as const;
export const StepField = z.enum(stepFields);
export type StepField = z.infer<typeof StepField>;

/**
 * One step of the flow table across the two versions. Every step of either version
 * appears exactly once in `DesignDiff.steps`, matched by its stable id.
 */
export const StepDiff = z.object({
  stepId: z.string(),
  status: ChangeStatus,
  /** Its order relative to the other kept steps changed. */
  moved: z.boolean(),
  /** 1-based position in the old / new version; null where the step does not exist. */
  fromPosition: z.number().int().nullable(),
  toPosition: z.number().int().nullable(),
  title: TextDiff,
  minutes: NumberDiff,
  activities: TextDiff,
  anticipatedResponses: ListDiff,
  teacherSupport: TextDiff,
  pointsToNotice: ListDiff,
  changedFields: z.array(StepField),
});
export type StepDiff = z.infer<typeof StepDiff>;

/** Fields of the design outside the flow table, in the order the plan shows them. */
export const designTextFields = [
  'title',
  'subject',
  'grade',
  'unitName',
  'plannedDate',
  'teacher',
  'researchTheme',
  'goals.longTerm',
  'goals.unit',
  'goals.lesson',
  'background',
  'materialStudy',
  'materials',
  'boardPlan',
] as const;
export const DesignTextField = z.enum(designTextFields);
export type DesignTextField = z.infer<typeof DesignTextField>;

export const DesignDiff = z.object({
  fields: z.array(z.object({ field: DesignTextField, diff: TextDiff })),
  durationMinutes: NumberDiff,
  unitSequence: ListDiff,
  observationPlan: ListDiff,
  /** New order, with each removed step placed just after the step that preceded it before. */
  steps: z.array(StepDiff),
  counts: z.object({
    changed: z.number().int(),
    added: z.number().int(),
    removed: z.number().int(),
    moved: z.number().int(),
    unchanged: z.number().int(),
  }),
  /** True when the two versions hold the same content. */
  identical: z.boolean(),
});
export type DesignDiff = z.infer<typeof DesignDiff>;
