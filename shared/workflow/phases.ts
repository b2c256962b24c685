import type { Cycle, Phase, PhaseTransition } from '../domain/cycle';
import { phases } from '../domain/cycle';
import { LessonStudyError } from '../result';

/**
 * The phase engine of a lesson study cycle: plan → teach → observe → analyze → revise → closed.
 *
 * Rules, from lesson study practice, each checkable from the cycle's own data:
 * - Forward moves go one phase at a time; a group does not skip a phase (skipping the
 *   post-lesson discussion, say, is exactly what the loop is meant to prevent).
 * - plan → teach: a design version is chosen. Choosing it marks the version taught, which
 *   freezes it: observers' evidence must refer to the plan that was actually taught.
 * - teach → observe: the research lesson is taught now — date, class and teacher (授業者)
 *   recorded, and the date is today or earlier. Observe is where notes are taken while the
 *   lesson is taught, so a cycle cannot collect notes for a lesson still ahead. This is the
 *   one teaching-date rule (`teachingDateProblem`): observe → analyze checks the same rule
 *   (it holds already, unless the cycle entered Observe under an older version of the app),
 *   and the teaching date of a cycle in Observe or later cannot be moved into the future.
 * - analyze → revise: the post-lesson discussion (事後協議会) has been held — its date is
 *   recorded. Revisions rest on the group's shared analysis, not on one person's view.
 * - revise → closed: a revised version is chosen, or the group records why it closes the
 *   cycle without revising (e.g. the lesson worked and the theme moves on).
 * - Going back to any earlier phase (also reopening a closed cycle) is allowed with a
 *   recorded reason: the history must say why the group returned.
 * - Checklists never block a move; unticked items are shown as a reminder only.
 * Every move is appended to `history` with its time and who made it.
 */

export const phaseIndex = (phase: Phase): number => phases.indexOf(phase);

export const nextPhase = (phase: Phase): Phase | null => phases[phaseIndex(phase) + 1] ?? null;

export const earlierPhases = (phase: Phase): Phase[] => phases.slice(0, phaseIndex(phase));

/** 0…1: how far through the cycle a phase is (closed = 1). */
export const phaseProgress = (phase: Phase): number => phaseIndex(phase) / (phases.length - 1);

/** Why a move is refused. The renderer translates `refusal.<code>`; the backend uses the English message. */
export const refusalCodes = [
  'same-phase',
  'skips-phase',
  'needs-version',
  'needs-teaching-details',
  'not-taught-yet',
  'needs-discussion',
  'needs-revision-or-reason',
  'needs-reason',
] as const;
export type Refusal = (typeof refusalCodes)[number];

export const refusalMessages: Record<Refusal, string> = {
  'same-phase': 'The cycle is already in that phase.',
  'skips-phase': 'Phases are taken one at a time; finish the current phase first.',
  'needs-version': 'Choose the design version to teach first.',
  'needs-teaching-details': 'Record the teaching date, the class and the teacher first.',
  'not-taught-yet':
    'The teaching date is still ahead, and notes are taken while the lesson is taught. Set the teaching date to today if the lesson is being taught now, or move on on the day of the lesson.',
  'needs-discussion': 'Record the date of the post-lesson discussion first.',
  'needs-revision-or-reason': 'Choose the revised version, or give a reason for closing without revision.',
  'needs-reason': 'Going back needs a reason, so the history says why.',
};

export type TransitionCheck =
  | { ok: true; direction: 'forward' | 'back' }
  | { ok: false; refusal: Refusal; message: string };

const refuse = (refusal: Refusal): TransitionCheck => ({ ok: false, refusal, message: refusalMessages[refusal] });

/** `YYYY-MM-DD` of a moment in the local time zone, the way a date input writes it. */
export const localDate = (now: Date): string => {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
};

/**
 * The one teaching-date rule, for every moment it is checked (entering Observe, entering
 * Analyze, changing the date of a lesson being observed): the lesson is scheduled and its
 * date is not in the future.
 */
export const teachingDateProblem = (teaching: Cycle['teaching'], now: Date): 'needs-teaching-details' | 'not-taught-yet' | null => {
  if (teachingDateAhead(teaching.date, now)) return 'not-taught-yet';
  return teaching.date && teaching.className.trim() && teaching.teacherId ? null : 'needs-teaching-details';
};

/** A teaching date (`YYYY-MM-DD`) after today, in the local time zone. */
export const teachingDateAhead = (date: string, now: Date): boolean => date !== '' && date > localDate(now);

/** Phases in which the lesson has been taught: the teaching date may not lie ahead. */
export const isTaughtPhase = (phase: Phase): boolean => phaseIndex(phase) >= phaseIndex('observe');

/** What must be true of the cycle before it may enter `phase` from the phase before it. */
export const entryRequirement = (cycle: Cycle, phase: Phase, now: Date): Refusal | null => {
  switch (phase) {
    case 'plan':
      return null;
    case 'teach':
      return cycle.designId && cycle.versionId ? null : 'needs-version';
    case 'observe':
    case 'analyze':
      return teachingDateProblem(cycle.teaching, now);
    case 'revise':
      return cycle.discussionDate ? null : 'needs-discussion';
    case 'closed':
      return cycle.revisedVersionId || cycle.closeWithoutRevisionReason.trim() ? null : 'needs-revision-or-reason';
  }
};

/** May the cycle move from its phase to `to`? `reason` is what the group wrote for going back. */
export const checkTransition = (cycle: Cycle, to: Phase, options: { now: Date; reason?: string }): TransitionCheck => {
  const from = phaseIndex(cycle.phase);
  const target = phaseIndex(to);
  if (target === from) return refuse('same-phase');
  if (target < from) return options.reason?.trim() ? { ok: true, direction: 'back' } : refuse('needs-reason');
  if (target > from + 1) return refuse('skips-phase');
  const missing = entryRequirement(cycle, to, options.now);
  return missing ? refuse(missing) : { ok: true, direction: 'forward' };
};

/** Move the cycle, appending the transition to its history; throws `invalid-transition` when refused. */
export const applyTransition = (
  cycle: Cycle,
  to: Phase,
  options: { id: string; now: Date; by: string; reason?: string },
): Cycle => {
  const check = checkTransition(cycle, to, options);
  if (!check.ok) throw new LessonStudyError('invalid-transition', check.message);
  const at = options.now.toISOString();
  const transition: PhaseTransition = {
    id: options.id,
    from: cycle.phase,
    to,
    at,
    by: options.by.trim(),
    reason: (options.reason ?? '').trim(),
  };
  return { ...cycle, phase: to, history: [...cycle.history, transition], updatedAt: at };
};

/** The one thing the dashboard suggests doing next. Translated as `nextStep.<key>`. */
export type NextStepKey =
  | 'chooseVersion'
  | 'recordTeaching'
  | 'teachLesson'
  | 'holdDiscussion'
  | 'chooseRevision'
  | 'moveToTeach'
  | 'moveToObserve'
  | 'moveToAnalyze'
  | 'moveToRevise'
  | 'moveToClosed'
  | 'writeReflection'
  | 'reteach';

const stepForRefusal: Partial<Record<Refusal, NextStepKey>> = {
  'needs-version': 'chooseVersion',
  'needs-teaching-details': 'recordTeaching',
  'not-taught-yet': 'teachLesson',
  'needs-discussion': 'holdDiscussion',
  'needs-revision-or-reason': 'chooseRevision',
};

const moveStep: Record<Phase, NextStepKey> = {
  plan: 'chooseVersion',
  teach: 'moveToTeach',
  observe: 'moveToObserve',
  analyze: 'moveToAnalyze',
  revise: 'moveToRevise',
  closed: 'moveToClosed',
};

export const nextStep = (cycle: Cycle, now: Date): NextStepKey => {
  const next = nextPhase(cycle.phase);
  if (!next) return cycle.reflection.researchTheme.trim() ? 'reteach' : 'writeReflection';
  const missing = entryRequirement(cycle, next, now);
  return missing ? (stepForRefusal[missing] ?? moveStep[next]) : moveStep[next];
};
