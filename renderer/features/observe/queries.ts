import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { ObservationSession } from '../../../shared/contract/observations';
import type { Group, SeatingChart } from '../../../shared/domain/group';
import type { ClassModeChange, Observation } from '../../../shared/domain/observation';
import { backend } from '../../api/client';
import { groupKeys } from '../groups/queries';
import { guestsOf, type GuestObserver } from './labels';
import { useFollowNotes } from './live-notes';

export const observeKeys = {
  // Not 'observations': the app-wide live updates would refetch it at every device's note; live-notes.ts follows it, coalesced.
  session: (cycleId: string) => ['observe-session', cycleId] as const,
  photo: (hash: string) => ['photo', hash] as const,
};

/** The cycle's notes and what they refer to, following changes made elsewhere (one screen at a time calls this). */
export const useObservationSession = (cycleId: string) => {
  useFollowNotes(observeKeys.session(cycleId), (since) => backend.getObservationChanges({ cycleId, since }));
  return useQuery({ queryKey: observeKeys.session(cycleId), queryFn: () => backend.getObservationSession({ cycleId }) });
};

/** The taught lesson's steps, from the session a screen has loaded: a new note elsewhere does not re-render the caller. */
export const useLessonSteps = (cycleId: string) =>
  useQuery({ queryKey: observeKeys.session(cycleId), queryFn: () => backend.getObservationSession({ cycleId }), select: (s) => s.steps }).data;

const noGuests: GuestObserver[] = [];

/**
 * The cycle's guest observers, read from the observation session the screen showing the
 * notes has already loaded (the same query: no second request).
 */
export const useGuestObservers = (cycleId: string): GuestObserver[] =>
  useQuery({
    queryKey: observeKeys.session(cycleId),
    queryFn: () => backend.getObservationSession({ cycleId }),
    enabled: cycleId !== '',
    select: (s) => guestsOf(s.cycle),
  }).data ?? noGuests;

/** Put one record into the cached session, keeping clock order; O(n) copy, once per save — never per keystroke. */
const upsert = <T extends { id: string; clockMs: number }>(list: readonly T[], record: T): T[] => {
  const at = list.findIndex((r) => r.id === record.id);
  if (at >= 0 && list[at].clockMs === record.clockMs) {
    const next = list.slice();
    next[at] = record;
    return next;
  }
  // New, or its lesson time was corrected: (re)placed where its clock puts it.
  if (at >= 0) list = [...list.slice(0, at), ...list.slice(at + 1)];
  let i = list.length;
  while (i > 0 && list[i - 1].clockMs > record.clockMs) i -= 1;
  return [...list.slice(0, i), record, ...list.slice(i)];
};

const patchSession = (client: QueryClient, cycleId: string, change: (s: ObservationSession) => ObservationSession) =>
  client.setQueryData<ObservationSession>(observeKeys.session(cycleId), (s) => (s ? change(s) : s));

export const putObservation = (client: QueryClient, cycleId: string, observation: Observation) =>
  patchSession(client, cycleId, (s) => ({ ...s, observations: upsert(s.observations, observation) }));

const putClassMode = (client: QueryClient, cycleId: string, change: ClassModeChange) =>
  patchSession(client, cycleId, (s) => ({ ...s, classModes: upsert(s.classModes, change) }));

/**
 * Saving is optimistic: the note is in the list at once and the save runs in the
 * background. On failure the note (and its text) stays, SaveStatus says why and offers
 * a retry, which re-sends the same note (saves are upserts, so retrying is safe).
 */
export const useSaveObservation = (cycleId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationKey: ['saveObservation', cycleId],
    mutationFn: (observation: Observation) => backend.saveObservation({ observation }),
    onMutate: (observation) => putObservation(client, cycleId, observation),
    onSuccess: (saved) => putObservation(client, cycleId, saved),
  });
};

export const useDeleteObservation = (cycleId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (observation: Observation) => backend.deleteObservation({ cycleId, observationId: observation.id }),
    onMutate: (observation) => putObservation(client, cycleId, { ...observation, deletedAt: new Date().toISOString() }),
    onSuccess: (saved) => putObservation(client, cycleId, saved),
    onError: (_error, observation) => putObservation(client, cycleId, observation),
  });
};

export const useRestoreObservation = (cycleId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (observationId: string) => backend.restoreObservation({ cycleId, observationId }),
    onSuccess: (saved) => putObservation(client, cycleId, saved),
  });
};

export const useSaveClassMode = (cycleId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: ClassModeChange) => backend.saveClassMode({ change }),
    onMutate: (change) => putClassMode(client, cycleId, change),
    onSuccess: (saved) => putClassMode(client, cycleId, saved),
  });
};

export const useDeleteClassMode = (cycleId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (changeId: string) => backend.deleteClassMode({ cycleId, changeId }),
    onSuccess: (saved) => putClassMode(client, cycleId, saved),
  });
};

export const usePhotoDataUrl = (hash: string) =>
  useQuery({ queryKey: observeKeys.photo(hash), queryFn: () => backend.getPhotoDataUrl({ hash }), staleTime: Infinity });

export const useObservationFiles = (cycleId: string) => {
  const client = useQueryClient();
  return {
    exportPack: useMutation({ mutationFn: (observerId?: string) => backend.exportObservationPack({ cycleId, ...(observerId ? { observerId } : {}) }) }),
    importPacks: useMutation({
      mutationFn: () => backend.importObservationPacks({ cycleId }),
      onSuccess: () => client.invalidateQueries({ queryKey: observeKeys.session(cycleId) }),
    }),
    exportCsv: useMutation({ mutationFn: () => backend.exportObservationsCsv({ cycleId }) }),
  };
};

/** Codebook and seating-chart edits: the answer is the whole group, put into both caches. */
const useGroupChange = <V,>(groupId: string, run: (v: V) => Promise<Group>) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (group) => {
      client.setQueryData(groupKeys.one(groupId), group);
      void client.invalidateQueries({ queryKey: ['observe-session'] });
    },
  });
};

export const useAddCode = (groupId: string) =>
  useGroupChange(groupId, (v: { label: string; color: string; rubric?: string }) => backend.addCode({ groupId, ...v }));

export const useUpdateCode = (groupId: string) =>
  useGroupChange(groupId, (v: { codeId: string; label?: string; color?: string; retired?: boolean }) =>
    backend.updateCode({ groupId, ...v }),
  );

export const useMoveCode = (groupId: string) =>
  useGroupChange(groupId, (v: { codeId: string; direction: 'earlier' | 'later' }) => backend.moveCode({ groupId, ...v }));

export const useSaveSeatingChart = (groupId: string) =>
  useGroupChange(groupId, (seatingChart: SeatingChart) => backend.saveSeatingChart({ groupId, seatingChart }));
