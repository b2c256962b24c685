import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FindingFields } from '../../../shared/contract/analysis';
import type { CycleAnalysis, Finding } from '../../../shared/domain/analysis';
import type { Cycle, StudentResponse } from '../../../shared/domain/cycle';
import type { EvidenceRef } from '../../../shared/domain/design';
import type { Observation } from '../../../shared/domain/observation';
import { backend } from '../../api/client';
import { cycleKeys } from '../cycle/queries';

export const analyzeKeys = {
  evidence: (cycleId: string) => ['cycle-evidence', cycleId] as const,
  resolved: (refs: readonly EvidenceRef[]) => ['resolved-evidence', refs.map((r) => `${r.kind}:${r.cycleId}:${r.id}`).join(',')] as const,
};

/** Everything the analyze screens show for one cycle: plan, notes, roster, discussion, findings. */
export const useCycleEvidence = (cycleId: string) =>
  useQuery({ queryKey: analyzeKeys.evidence(cycleId), queryFn: () => backend.getCycleEvidence({ cycleId }) });

/** Keep the cached bundle's analysis in step with what a save returned. */
const useSetAnalysis = (cycleId: string) => {
  const client = useQueryClient();
  return (analysis: CycleAnalysis) =>
    client.setQueryData(analyzeKeys.evidence(cycleId), (old: Awaited<ReturnType<typeof backend.getCycleEvidence>> | undefined) =>
      old ? { ...old, analysis } : old,
    );
};

const useSetFinding = (cycleId: string) => {
  const client = useQueryClient();
  return (finding: Finding) =>
    client.setQueryData(analyzeKeys.evidence(cycleId), (old: Awaited<ReturnType<typeof backend.getCycleEvidence>> | undefined) => {
      if (!old) return old;
      const exists = old.analysis.findings.some((f) => f.id === finding.id);
      const findings = exists
        ? old.analysis.findings.map((f) => (f.id === finding.id ? finding : f))
        : [...old.analysis.findings, finding];
      return { ...old, analysis: { ...old.analysis, findings } };
    });
};

export const useSegmentUpdate = (cycleId: string) => {
  const set = useSetAnalysis(cycleId);
  return useMutation({
    mutationFn: (fields: { segmentId: string; speakerIds?: string[]; plannedMinutes?: number; notes?: string }) =>
      backend.updateDiscussionSegment({ cycleId, ...fields }),
    onSuccess: set,
  });
};

export const useSegmentTimer = (cycleId: string) => {
  const set = useSetAnalysis(cycleId);
  return useMutation({
    mutationFn: (fields: { segmentId: string; action: 'start' | 'pause' | 'reset' }) => backend.runSegmentTimer({ cycleId, ...fields }),
    onSuccess: set,
  });
};

export const useCurrentSegment = (cycleId: string) => {
  const set = useSetAnalysis(cycleId);
  return useMutation({
    mutationFn: (segmentId: string) => backend.setCurrentSegment({ cycleId, segmentId }),
    onSuccess: set,
  });
};

export const useFinalComments = (cycleId: string) => {
  const set = useSetAnalysis(cycleId);
  return useMutation({
    mutationFn: (fields: { text: string; by?: string | null }) => backend.setFinalComments({ cycleId, ...fields }),
    onSuccess: set,
  });
};

export const useCreateFinding = (cycleId: string) => {
  const set = useSetFinding(cycleId);
  return useMutation({ mutationFn: (fields: FindingFields) => backend.createFinding({ cycleId, fields }), onSuccess: set });
};

export const useUpdateFinding = (cycleId: string) => {
  const set = useSetFinding(cycleId);
  return useMutation({
    mutationFn: ({ findingId, fields }: { findingId: string; fields: FindingFields }) => backend.updateFinding({ cycleId, findingId, fields }),
    onSuccess: set,
  });
};

export const useDeleteFinding = (cycleId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (findingId: string) => backend.deleteFinding({ cycleId, findingId }),
    onSuccess: () => client.invalidateQueries({ queryKey: analyzeKeys.evidence(cycleId) }),
  });
};

export const useLinkToFinding = (cycleId: string) => {
  const set = useSetFinding(cycleId);
  return useMutation({
    mutationFn: (fields: { findingId: string; observationIds: string[]; role: 'supporting' | 'contradicting' }) =>
      backend.linkToFinding({ cycleId, ...fields }),
    onSuccess: set,
  });
};

export const useUnlinkFromFinding = (cycleId: string) => {
  const set = useSetFinding(cycleId);
  return useMutation({
    mutationFn: (fields: { findingId: string; observationId: string }) => backend.unlinkFromFinding({ cycleId, ...fields }),
    onSuccess: set,
  });
};

export const useProposeChange = (cycleId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (fields: { findingId: string; stepId?: string | null }) => backend.proposeChangeFromFinding({ cycleId, ...fields }),
    onSuccess: (proposed) =>
      Promise.all([
        client.invalidateQueries({ queryKey: analyzeKeys.evidence(cycleId) }),
        // The designs feature caches the design; its draft just changed.
        client.invalidateQueries({ predicate: (q) => JSON.stringify(q.queryKey).includes(proposed.designId) }),
      ]),
  });
};

/** Whether a student of concern responded: one channel for the evidence screen and the closing reflection. */
export const useRecordStudentResponse = (cycleId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (response: StudentResponse) => backend.recordStudentResponse({ cycleId, ...response }),
    onSuccess: (studentResponses) => {
      client.setQueryData(analyzeKeys.evidence(cycleId), (old: Awaited<ReturnType<typeof backend.getCycleEvidence>> | undefined) =>
        old ? { ...old, cycle: { ...old.cycle, studentResponses } } : old,
      );
      client.setQueryData(cycleKeys.one(cycleId), (old: Cycle | undefined) => (old ? { ...old, studentResponses } : old));
    },
  });
};

/** Cited evidence as it stands now (for a change note's rationale). */
export const useResolvedEvidence = (refs: readonly EvidenceRef[]) =>
  useQuery({
    queryKey: analyzeKeys.resolved(refs),
    queryFn: () => backend.resolveEvidence({ refs: [...refs] }),
    enabled: refs.length > 0,
  });

/**
 * Link or unlink a note to points to notice and anticipated responses: the note is saved
 * whole (the newest edit wins on merge) and put back into the cached bundle.
 */
export const useSaveNoteLinks = (cycleId: string) => {
  const client = useQueryClient();
  const put = (note: Observation) =>
    client.setQueryData(analyzeKeys.evidence(cycleId), (old: Awaited<ReturnType<typeof backend.getCycleEvidence>> | undefined) =>
      old ? { ...old, observations: old.observations.map((o) => (o.id === note.id ? note : o)) } : old,
    );
  const mutationKey = ['note-links', cycleId];
  return useMutation({
    mutationKey,
    mutationFn: (observation: Observation) => backend.saveObservation({ observation }),
    // Shown at once, replaced by the saved note — by the last reply only, which holds every
    // tick made meanwhile (saves are in order); a failure re-reads the cycle.
    onMutate: (note) => put(note),
    onSuccess: (saved) => (client.isMutating({ mutationKey }) <= 1 ? put(saved) : undefined),
    onError: () => client.invalidateQueries({ queryKey: analyzeKeys.evidence(cycleId) }),
  });
};
