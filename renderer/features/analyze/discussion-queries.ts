import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CycleEvidenceBundle } from '../../../shared/contract/analysis';
import type { CycleAnalysis } from '../../../shared/domain/analysis';
import { backend } from '../../api/client';
import { analyzeKeys } from './queries';

/** Keep the cached bundle's analysis in step with what a save returned. */
const useSetAnalysis = (cycleId: string) => {
  const client = useQueryClient();
  return (analysis: CycleAnalysis) =>
    client.setQueryData(analyzeKeys.evidence(cycleId), (old: CycleEvidenceBundle | undefined) => (old ? { ...old, analysis } : old));
};

export type QueueRequest = { action: 'raise'; speakerId: string } | { action: 'next' } | { action: 'remove'; entryId: string };

/** The speaking queue: raise a hand, give the floor to the next person, take someone out. */
export const useSpeakingQueue = (cycleId: string) => {
  const set = useSetAnalysis(cycleId);
  return useMutation({ mutationFn: (request: QueueRequest) => backend.changeSpeakingQueue({ cycleId, change: request }), onSuccess: set });
};

/** End the discussion, or reopen it. */
export const useDiscussionEnded = (cycleId: string) => {
  const set = useSetAnalysis(cycleId);
  return useMutation({ mutationFn: (ended: boolean) => backend.setDiscussionEnded({ cycleId, ended }), onSuccess: set });
};

/** Who may speak: the group's members, then the lesson's guest observers. */
export const speakerOptions = (bundle: CycleEvidenceBundle): Array<{ id: string; name: string; role: string | null }> => [
  ...bundle.members.map((m) => ({ id: m.id, name: m.name, role: m.role as string })),
  ...bundle.cycle.guestObservers.map((g) => ({ id: g.id, name: g.name, role: null })),
];
