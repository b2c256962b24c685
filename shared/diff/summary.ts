import type { DesignDiff, DesignTextField } from './types';

/** The facts a one-line summary is made of; the UI words them in the user's language. */
export interface DiffSummaryFacts {
  identical: boolean;
  changed: number;
  added: number;
  removed: number;
  moved: number;
  /** New-version (else old-version) step numbers whose anticipated responses changed. */
  responsesRevisedIn: number[];
  pointsRevisedIn: number[];
  fieldsChanged: Array<DesignTextField | 'durationMinutes' | 'unitSequence' | 'observationPlan'>;
}

export const summaryFacts = (diff: DesignDiff): DiffSummaryFacts => {
  const stepNumber = (s: DesignDiff['steps'][number]) => (s.toPosition ?? s.fromPosition)!;
  const revised = (key: 'anticipatedResponses' | 'pointsToNotice') =>
    diff.steps.filter((s) => s.status === 'changed' && s[key].changed).map(stepNumber);
  return {
    identical: diff.identical,
    ...diff.counts,
    responsesRevisedIn: revised('anticipatedResponses'),
    pointsRevisedIn: revised('pointsToNotice'),
    fieldsChanged: [
      ...diff.fields.filter((f) => f.diff.changed).map((f) => f.field),
      ...(diff.durationMinutes.changed ? (['durationMinutes'] as const) : []),
      ...(diff.unitSequence.changed ? (['unitSequence'] as const) : []),
      ...(diff.observationPlan.changed ? (['observationPlan'] as const) : []),
    ],
  };
};

/** How to word a summary; English by default, the renderer passes its translations. */
export interface SummaryWords {
  identical: string;
  /** `first` is true for the first step clause, which names the noun ("1 step added"). */
  stepsChanged: (n: number, first: boolean) => string;
  added: (n: number, first: boolean) => string;
  removed: (n: number, first: boolean) => string;
  moved: (n: number, first: boolean) => string;
  responsesRevised: (steps: number[]) => string;
  pointsRevised: (steps: number[]) => string;
  fieldsChanged: (fields: DiffSummaryFacts['fieldsChanged']) => string;
  /** Joins the clauses, e.g. with ", " in English and "、" in Japanese. */
  join: (clauses: string[]) => string;
}

const stepList = (steps: number[]) =>
  steps.length === 1 ? `step ${steps[0]}` : `steps ${steps.slice(0, -1).join(', ')} and ${steps.at(-1)}`;

const steps = (n: number) => (n === 1 ? 'step' : 'steps');

const fieldNames: Record<DiffSummaryFacts['fieldsChanged'][number], string> = {
  title: 'title',
  subject: 'subject',
  grade: 'grade',
  unitName: 'unit',
  plannedDate: 'date',
  teacher: 'teacher',
  researchTheme: 'research theme',
  'goals.longTerm': 'long-term goal',
  'goals.unit': 'unit goal',
  'goals.lesson': 'lesson goal',
  background: 'background',
  materialStudy: 'study of the material',
  materials: 'materials',
  boardPlan: 'board plan',
  durationMinutes: 'duration',
  unitSequence: 'unit sequence',
  observationPlan: 'observation plan',
};

export const englishSummaryWords: SummaryWords = {
  identical: 'No changes',
  stepsChanged: (n) => `${n} ${steps(n)} changed`,
  added: (n, first) => (first ? `${n} ${steps(n)} added` : `${n} added`),
  removed: (n, first) => (first ? `${n} ${steps(n)} removed` : `${n} removed`),
  moved: (n, first) => (first ? `${n} ${steps(n)} moved` : `${n} moved`),
  responsesRevised: (steps) => `anticipated responses revised in ${stepList(steps)}`,
  pointsRevised: (steps) => `points to notice revised in ${stepList(steps)}`,
  fieldsChanged: (fields) => `${fields.map((f) => fieldNames[f]).join(', ')} changed`,
  join: (clauses) => clauses.join(', '),
};

/** "3 steps changed, 1 added, anticipated responses revised in step 2" */
export const summarizeDiff = (diff: DesignDiff, words: SummaryWords = englishSummaryWords): string => {
  const facts = summaryFacts(diff);
  if (facts.identical) return words.identical;
  const clauses: string[] = [];
  const stepClauses = [
    [facts.changed, words.stepsChanged],
    [facts.added, words.added],
    [facts.removed, words.removed],
    [facts.moved, words.moved],
  ] as const;
  for (const [n, word] of stepClauses) if (n) clauses.push(word(n, clauses.length === 0));
  if (facts.responsesRevisedIn.length) clauses.push(words.responsesRevised(facts.responsesRevisedIn));
  if (facts.pointsRevisedIn.length) clauses.push(words.pointsRevised(facts.pointsRevisedIn));
  if (facts.fieldsChanged.length) clauses.push(words.fieldsChanged(facts.fieldsChanged));
  return words.join(clauses);
};
