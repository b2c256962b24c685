import type { Finding } from '../domain/analysis';
import type { EvidenceRef } from '../domain/design';
import type { Observation } from '../domain/observation';

/**
 * A link to a note or a finding, resolved against what exists now. A link never
 * dangles: a note that was deleted (tombstoned) or is missing resolves to `deleted`,
 * and the UI shows "evidence removed" in its place.
 */
export type ResolvedObservation =
  | { id: string; status: 'present'; observation: Observation }
  | { id: string; status: 'deleted' };

export type ResolvedEvidence =
  | { ref: EvidenceRef; status: 'present'; kind: 'observation'; observation: Observation }
  | { ref: EvidenceRef; status: 'present'; kind: 'finding'; finding: Finding }
  | { ref: EvidenceRef; status: 'deleted'; kind: EvidenceRef['kind'] };

export const indexById = <T extends { id: string }>(items: readonly T[]): Map<string, T> =>
  new Map(items.map((item) => [item.id, item]));

export const resolveObservation = (id: string, observations: ReadonlyMap<string, Observation>): ResolvedObservation => {
  const observation = observations.get(id);
  return observation && !observation.deletedAt ? { id, status: 'present', observation } : { id, status: 'deleted' };
};

export const resolveObservationIds = (
  ids: readonly string[],
  observations: ReadonlyMap<string, Observation>,
): ResolvedObservation[] => ids.map((id) => resolveObservation(id, observations));

/** A finding's supporting and contradicting notes as they stand now. */
export const resolveFindingEvidence = (finding: Finding, observations: ReadonlyMap<string, Observation>) => ({
  supporting: resolveObservationIds(finding.supportingObservationIds, observations),
  contradicting: resolveObservationIds(finding.contradictingObservationIds, observations),
});

/** What a cycle holds now, for resolving the evidence a change note cites. */
export interface CycleEvidence {
  observations: ReadonlyMap<string, Observation>;
  findings: ReadonlyMap<string, Finding>;
}

/**
 * Resolve a change note's evidence. `cycles` maps a cycle id to what it holds; a cycle
 * that no longer exists makes each of its refs `deleted`.
 */
export const resolveEvidenceRefs = (
  refs: readonly EvidenceRef[],
  cycles: ReadonlyMap<string, CycleEvidence>,
): ResolvedEvidence[] =>
  refs.map((ref): ResolvedEvidence => {
    const cycle = cycles.get(ref.cycleId);
    if (ref.kind === 'finding') {
      const finding = cycle?.findings.get(ref.id);
      return finding ? { ref, status: 'present', kind: 'finding', finding } : { ref, status: 'deleted', kind: 'finding' };
    }
    const resolved = cycle ? resolveObservation(ref.id, cycle.observations) : ({ id: ref.id, status: 'deleted' } as const);
    return resolved.status === 'present'
      ? { ref, status: 'present', kind: 'observation', observation: resolved.observation }
      : { ref, status: 'deleted', kind: 'observation' };
  });

/** Ids in `ids` that still point at a live note. */
export const liveIds = (ids: readonly string[], observations: ReadonlyMap<string, Observation>): string[] =>
  ids.filter((id) => resolveObservation(id, observations).status === 'present');
