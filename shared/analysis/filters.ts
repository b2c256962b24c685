import type { Observation, ObservationTarget } from '../domain/observation';

/** A stable string for whom a note is about: `class`, `group:<label>`, `student:<id>` or `students:<id>,<id>`. */
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

/**
 * What an evidence view narrows to. Each list is "any of"; an absent or empty list does
 * not filter. In `stepIds`, `null` stands for notes recorded outside any step.
 */
export interface EvidenceFilter {
  observerIds?: readonly string[];
  /** Keys from `targetKey`. */
  targets?: readonly string[];
  codeIds?: readonly string[];
  stepIds?: ReadonlyArray<string | null>;
  /** Case-insensitive substring of the note's text. */
  text?: string;
}

const active = <T>(list: readonly T[] | undefined): list is readonly T[] => Array.isArray(list) && list.length > 0;

/** A deleted note is a tombstone: it is kept for merges and links, never counted. */
export const isLive = (observation: Observation): boolean => !observation.deletedAt;

export const matchesFilter = (observation: Observation, filter: EvidenceFilter): boolean => {
  if (active(filter.observerIds) && !filter.observerIds.includes(observation.observerId)) return false;
  if (active(filter.targets) && !targetKeys(observation.target).some((key) => filter.targets!.includes(key))) return false;
  if (active(filter.codeIds) && !observation.codeIds.some((id) => filter.codeIds!.includes(id))) return false;
  if (active(filter.stepIds) && !filter.stepIds.includes(observation.stepId ?? null)) return false;
  if (filter.text && !observation.text.toLowerCase().includes(filter.text.trim().toLowerCase())) return false;
  return true;
};

/** Live notes that pass the filter, in lesson-clock order. */
export const filterObservations = (observations: readonly Observation[], filter: EvidenceFilter = {}): Observation[] =>
  observations
    .filter((o) => isLive(o) && matchesFilter(o, filter))
    .sort((a, b) => a.clockMs - b.clockMs || a.createdAt.localeCompare(b.createdAt));
