import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RequestOf } from '../../../shared/contract';
import type { Cycle } from '../../../shared/domain/cycle';
import type { Group } from '../../../shared/domain/group';
import { backend } from '../../api/client';
import { groupKeys } from '../groups/queries';

export const cycleKeys = {
  list: (groupId: string) => ['cycles', groupId] as const,
  one: (cycleId: string) => ['cycle', cycleId] as const,
  teachable: (groupId: string) => ['teachable-versions', groupId] as const,
};

export const useCycles = (groupId: string) =>
  useQuery({ queryKey: cycleKeys.list(groupId), queryFn: () => backend.listCycles({ groupId }) });

export const useCycle = (cycleId: string) =>
  useQuery({ queryKey: cycleKeys.one(cycleId), queryFn: () => backend.getCycle({ cycleId }) });

export const useTeachableVersions = (groupId: string) =>
  useQuery({ queryKey: cycleKeys.teachable(groupId), queryFn: () => backend.listTeachableVersions({ groupId }) });

/** Every change to a cycle answers with the whole cycle: put it in the cache, refresh the dashboard. */
const useCycleChange = <Req>(call: (request: Req) => Promise<Cycle>) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (cycle) => {
      client.setQueryData(cycleKeys.one(cycle.id), cycle);
      return client.invalidateQueries({ queryKey: cycleKeys.list(cycle.groupId) });
    },
  });
};

export const useCreateCycle = () => useCycleChange((r: RequestOf<'createCycle'>) => backend.createCycle(r));
export const useStartReteach = () => useCycleChange((r: RequestOf<'startReteach'>) => backend.startReteach(r));
export const useUpdateCycleInfo = () => useCycleChange((r: RequestOf<'updateCycleInfo'>) => backend.updateCycleInfo(r));
export const useMoveCycle = () => useCycleChange((r: RequestOf<'moveCycle'>) => backend.moveCycle(r));
export const useSetChecklistItem = () => useCycleChange((r: RequestOf<'setChecklistItem'>) => backend.setChecklistItem(r));
export const useAddChecklistItem = () => useCycleChange((r: RequestOf<'addChecklistItem'>) => backend.addChecklistItem(r));
export const useSaveTeaching = () => useCycleChange((r: RequestOf<'saveTeaching'>) => backend.saveTeaching(r));
export const useSetDiscussionDate = () => useCycleChange((r: RequestOf<'setDiscussionDate'>) => backend.setDiscussionDate(r));
export const useSaveMeeting = () => useCycleChange((r: RequestOf<'saveMeeting'>) => backend.saveMeeting(r));
export const useDeleteMeeting = () => useCycleChange((r: RequestOf<'deleteMeeting'>) => backend.deleteMeeting(r));
export const useSaveReflection = () => useCycleChange((r: RequestOf<'saveReflection'>) => backend.saveReflection(r));
export const useSetRevisedVersion = () => useCycleChange((r: RequestOf<'setRevisedVersion'>) => backend.setRevisedVersion(r));
export const useSetCloseWithoutRevision = () =>
  useCycleChange((r: RequestOf<'setCloseWithoutRevision'>) => backend.setCloseWithoutRevision(r));

export const useChooseVersion = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (r: RequestOf<'chooseVersion'>) => backend.chooseVersion(r),
    onSuccess: (cycle) => {
      client.setQueryData(cycleKeys.one(cycle.id), cycle);
      // The chosen version is now taught: the designs feature's views must refresh too.
      void client.invalidateQueries({ queryKey: cycleKeys.teachable(cycle.groupId) });
      void client.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('design') });
      return client.invalidateQueries({ queryKey: cycleKeys.list(cycle.groupId) });
    },
  });
};

export const useDeleteCycle = (groupId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (cycleId: string) => backend.deleteCycle({ cycleId }),
    onSuccess: (_v, cycleId) => {
      client.removeQueries({ queryKey: cycleKeys.one(cycleId) });
      return client.invalidateQueries({ queryKey: cycleKeys.list(groupId) });
    },
  });
};

const useGroupChange = <Req>(name: string, call: (request: Req) => Promise<Group>) => {
  const client = useQueryClient();
  const mutationKey = ['group-change', name];
  return useMutation({
    mutationKey,
    mutationFn: call,
    onSuccess: (group) => {
      // Changes made in quick succession (ticking several roster boxes) are saved in order;
      // only the last reply holds all of them, so an earlier one must not undo a later tick on screen.
      if (client.isMutating({ mutationKey }) <= 1) client.setQueryData(groupKeys.one(group.id), group);
    },
  });
};

export const useSaveFocusStudent = () => useGroupChange('saveFocusStudent', (r: RequestOf<'saveFocusStudent'>) => backend.saveFocusStudent(r));
export const useSaveChecklistTemplate = () =>
  useGroupChange('saveChecklistTemplate', (r: RequestOf<'saveChecklistTemplate'>) => backend.saveChecklistTemplate(r));
