import type { Observation } from '../domain/observation';
import { targetKey, targetKeys } from '../observe/filter';

/** Whom a note is about, as a key (`class`, `group:<label>`, `student:<id>`, `students:<id>,<id>`): one definition, in observe/filter. */
export { targetKey, targetKeys };

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
