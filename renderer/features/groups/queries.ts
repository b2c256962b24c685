import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { GroupFields } from '../../../shared/domain/group';
import { backend } from '../../api/client';

export const groupKeys = {
  all: ['groups'] as const,
  one: (groupId: string) => ['group', groupId] as const,
};

export const groupsQuery = queryOptions({ queryKey: groupKeys.all, queryFn: () => backend.listGroups({}) });

export const useGroups = () => useQuery(groupsQuery);

export const useGroup = (groupId: string) =>
  useQuery({ queryKey: groupKeys.one(groupId), queryFn: () => backend.getGroup({ groupId }) });

export const useCreateGroup = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (fields: GroupFields) => backend.createGroup(fields),
    onSuccess: (group) => {
      client.setQueryData(groupKeys.one(group.id), group);
      return client.invalidateQueries({ queryKey: groupKeys.all });
    },
  });
};

export const useUpdateGroup = (groupId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (fields: GroupFields) => backend.updateGroup({ groupId, fields }),
    onSuccess: (group) => {
      client.setQueryData(groupKeys.one(groupId), group);
      return client.invalidateQueries({ queryKey: groupKeys.all });
    },
  });
};

export const useDeleteGroup = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (groupId: string) => backend.deleteGroup({ groupId }),
    onSuccess: (_value, groupId) => {
      client.removeQueries({ queryKey: groupKeys.one(groupId) });
      return client.invalidateQueries({ queryKey: groupKeys.all });
    },
  });
};
