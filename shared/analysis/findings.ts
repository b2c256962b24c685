import type { Finding } from '../domain/analysis';
import type { ChangeNote, EvidenceRef } from '../domain/design';
import type { Observation } from '../domain/observation';
import { liveIds } from './evidence-links';

export type EvidenceRole = 'supporting' | 'contradicting';

const unique = (ids: readonly string[]): string[] => [...new Set(ids)];

/**
 * Link notes to a finding. A note supports or contradicts, never both: linking it in
 * one role takes it out of the other.
 */
export const linkObservations = (finding: Finding, ids: readonly string[], role: EvidenceRole, now: string): Finding => {
  const supporting =
    role === 'supporting'
      ? unique([...finding.supportingObservationIds, ...ids])
      : finding.supportingObservationIds.filter((id) => !ids.includes(id));
  const contradicting =
    role === 'contradicting'
      ? unique([...finding.contradictingObservationIds, ...ids])
      : finding.contradictingObservationIds.filter((id) => !ids.includes(id));
  return { ...finding, supportingObservationIds: supporting, contradictingObservationIds: contradicting, updatedAt: now };
};

export const unlinkObservation = (finding: Finding, id: string, now: string): Finding => ({
  ...finding,
  supportingObservationIds: finding.supportingObservationIds.filter((x) => x !== id),
  contradictingObservationIds: finding.contradictingObservationIds.filter((x) => x !== id),
  updatedAt: now,
});

/**
 * The change note a finding proposes: its statement as the summary, the finding and its
 * live supporting notes as evidence. Notes already deleted are not cited anew.
 */
export const changeNoteFromFinding = (input: {
  finding: Finding;
  cycleId: string;
  stepId?: string;
  observations: ReadonlyMap<string, Observation>;
  rationale?: string;
  newId: () => string;
}): ChangeNote => {
  const { finding, cycleId } = input;
  const evidence: EvidenceRef[] = [
    { kind: 'finding', id: finding.id, cycleId },
    ...liveIds(finding.supportingObservationIds, input.observations).map(
      (id): EvidenceRef => ({ kind: 'observation', id, cycleId }),
    ),
  ];
  const stepId = input.stepId ?? finding.stepId;
  return {
    id: input.newId(),
    ...(stepId ? { stepId } : {}),
    summary: finding.statement.slice(0, 2000),
    rationale: input.rationale ?? finding.statement,
    evidence,
  };
};

/** Does a change note already cite this finding? Proposing twice must not add a second note. */
export const citesFinding = (note: ChangeNote, findingId: string): boolean =>
  note.evidence.some((ref) => ref.kind === 'finding' && ref.id === findingId);
