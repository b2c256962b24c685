import type { ChecklistItem, Cycle, Phase, Reflection } from '../domain/cycle';
import { phases } from '../domain/cycle';

/**
 * The default checklist of each phase, from lesson study practice. Each item has a stable
 * key (the renderer shows `checklist.<key>` translated) and an English label kept in the
 * file, so reports and other tools can read it without the app's catalogues.
 * A group may replace a phase's list with its own labels (Group.checklistTemplates).
 */
export const defaultChecklists: Record<Phase, Array<{ key: string; label: string }>> = {
  plan: [
    { key: 'plan.theme', label: 'Research theme agreed' },
    { key: 'plan.material', label: 'Teaching material studied (kyouzai kenkyuu)' },
    { key: 'plan.goals', label: 'Goals written: long-term, unit and lesson' },
    { key: 'plan.responses', label: 'Anticipated student responses for every step' },
    { key: 'plan.observationPlan', label: 'Observation plan with focus students assigned to observers' },
  ],
  teach: [
    { key: 'teach.details', label: 'Date, class, teacher and number of students recorded' },
    { key: 'teach.copies', label: 'Observers have the lesson plan and seating chart' },
    { key: 'teach.materials', label: 'Materials and board plan ready' },
    { key: 'teach.briefing', label: 'Pre-lesson briefing held with observers' },
  ],
  observe: [
    { key: 'observe.everyObserver', label: 'Every observer is recording' },
    { key: 'observe.focusStudents', label: 'Every focus student is covered by an observer' },
    { key: 'observe.studentWork', label: 'Student work and the board photographed' },
  ],
  analyze: [
    { key: 'analyze.discussion', label: 'Post-lesson discussion held' },
    { key: 'analyze.findings', label: 'Findings recorded, each tied to evidence' },
    { key: 'analyze.finalComments', label: "Knowledgeable other's final comments noted" },
  ],
  revise: [
    { key: 'revise.rationale', label: 'Every change has a rationale' },
    { key: 'revise.evidence', label: 'Changes cite the evidence that motivated them' },
    { key: 'revise.reteach', label: 'Decided whether to reteach' },
  ],
  closed: [
    { key: 'closed.reflection', label: 'Closing reflection written' },
    { key: 'closed.report', label: 'Report shared with the school' },
  ],
};

/** Build a new cycle's checklists: the group's own labels where it has them, else the defaults. */
export const buildChecklists = (
  templates: Record<string, string[]>,
  newId: () => string,
): Record<Phase, ChecklistItem[]> => {
  const result = {} as Record<Phase, ChecklistItem[]>;
  for (const phase of phases) {
    const own = templates[phase];
    result[phase] =
      own && own.length
        ? own.map((label) => ({ id: newId(), label, done: false }))
        : defaultChecklists[phase].map(({ key, label }) => ({ id: newId(), key, label, done: false }));
  }
  return result;
};

/** Tick or untick one item; `by` and the time are kept for ticked items. */
export const setChecklistItem = (
  cycle: Cycle,
  phase: Phase,
  itemId: string,
  done: boolean,
  stamp: { at: string; by: string },
): Cycle => {
  const items = cycle.checklists[phase] ?? [];
  if (!items.some((item) => item.id === itemId)) return cycle;
  const next = items.map((item) =>
    item.id !== itemId
      ? item
      : done
        ? { ...item, done: true, doneAt: stamp.at, doneBy: stamp.by || undefined }
        : { id: item.id, key: item.key, label: item.label, done: false },
  );
  return { ...cycle, checklists: { ...cycle.checklists, [phase]: next } };
};

export const checklistProgress = (items: ChecklistItem[] | undefined): { done: number; total: number } => ({
  done: (items ?? []).filter((item) => item.done).length,
  total: (items ?? []).length,
});

/** The collaboration practices a closing reflection looks at (issue: teams, evidence, shared responsibility). */
export const defaultPractices = [
  { key: 'teams', label: 'Working in teams' },
  { key: 'evidence', label: 'Evidence over opinion' },
  { key: 'responsibility', label: 'Shared responsibility' },
] as const;

export const emptyReflection = (newId: () => string): Reflection => ({
  researchTheme: '',
  practices: defaultPractices.map(({ key, label }) => ({ id: newId(), key, practice: label, now: '', next: '' })),
  studentsOfConcern: '',
  nextSteps: '',
});
