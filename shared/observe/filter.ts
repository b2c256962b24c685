import type { Observation, ObservationTarget } from '../domain/observation';

/** A stable key for a target, used by filters and pickers. */
export const targetKey = (target: ObservationTarget): string =>
  target.kind === 'class'
    ? 'class'
    : target.kind === 'group'
      ? `group:${target.label}`
      : target.kind === 'student'
        ? `student:${target.studentId}`
        : `students:${target.studentIds.join(',')}`;

/**
 * Every key a note answers to: a note about Mia and Ken is found under Mia's key and
 * under Ken's as well as under its own.
 */
export const targetKeys = (target: ObservationTarget): string[] =>
  target.kind === 'students' ? [targetKey(target), ...target.studentIds.map((id) => `student:${id}`)] : [targetKey(target)];

/** The filter options some note answers to (a student counts when a note names them among others). */
export const optionsInUse = <O extends { key: string }>(options: readonly O[], notes: ReadonlyArray<{ target: ObservationTarget }>): O[] => {
  const keys = new Set(notes.flatMap((note) => targetKeys(note.target)));
  return options.filter((option) => keys.has(option.key));
};

export interface ObservationFilter {
  observerId?: string;
  stepId?: string;
  codeId?: string;
  /** A `targetKey`. */
  target?: string;
  /** Case-insensitive words that must all appear in the text. */
  text?: string;
}

/**
 * Build the predicate once (lower-casing the query once), then run it over thousands of
 * notes: filtering a 5,000-note list must fit in a frame.
 */
/**
 * A note's text lower-cased, once per note object (notes are immutable values: an edit is a
 * new object). Lower-casing 5,000 texts at every key was most of a filter keystroke.
 */
const loweredTexts = new WeakMap<Observation, string>();
const loweredText = (o: Observation): string => {
  let lowered = loweredTexts.get(o);
  if (lowered === undefined) {
    lowered = o.text.toLocaleLowerCase();
    loweredTexts.set(o, lowered);
  }
  return lowered;
};

export const observationMatcher = (filter: ObservationFilter): ((o: Observation) => boolean) => {
  const words = (filter.text ?? '').toLocaleLowerCase().split(/\s+/).filter(Boolean);
  return (o) =>
    !o.deletedAt &&
    (!filter.observerId || o.observerId === filter.observerId) &&
    (!filter.stepId || o.stepId === filter.stepId) &&
    (!filter.codeId || o.codeIds.includes(filter.codeId)) &&
    (!filter.target || targetKeys(o.target).includes(filter.target)) &&
    (words.length === 0 || words.every((w) => loweredText(o).includes(w)));
};

export const filterObservations = (observations: readonly Observation[], filter: ObservationFilter): Observation[] =>
  observations.filter(observationMatcher(filter));

/** Class-mode bands on the clock: each change lasts until the next one (or the end). */
export const classModeBands = <T extends { clockMs: number; mode: string; deletedAt?: string }>(
  changes: readonly T[],
  endMs: number,
): Array<{ mode: string; fromMs: number; toMs: number }> => {
  const live = changes.filter((c) => !c.deletedAt).sort((a, b) => a.clockMs - b.clockMs);
  return live.map((c, i) => ({ mode: c.mode, fromMs: c.clockMs, toMs: Math.max(c.clockMs, live[i + 1]?.clockMs ?? endMs) }));
};
