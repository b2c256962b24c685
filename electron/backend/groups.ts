import { z } from 'zod';
import type { groupChannels } from '../../shared/contract/groups';
import { defaultCodebook } from '../../shared/domain/codebook';
import { Group } from '../../shared/domain/group';
import { LessonStudyError } from '../../shared/result';
import type { DocumentKind } from '../storage/document';
import { groupProtocolPlannedMinutes } from '../storage/migrations/0002-group-protocol-planned-minutes';
import type { BackendContext } from './context';
import type { ServiceFor } from './service-types';

export const GroupDocument = z.object({ group: Group });
export type GroupDocument = z.infer<typeof GroupDocument>;

export const groupKind: DocumentKind<GroupDocument> = {
  name: 'group',
  version: 2,
  schema: GroupDocument,
  migrations: [groupProtocolPlannedMinutes],
};

export const groupPath = (groupId: string): string => `groups/${groupId}.json`;

/** Read a group or fail with `not-found`; shared by every feature that belongs to a group. */
export const loadGroup = async (ctx: BackendContext, groupId: string): Promise<Group> => {
  const doc = await ctx.store.read(groupKind, groupPath(groupId));
  if (!doc) throw new LessonStudyError('not-found', 'That group no longer exists in this workspace.');
  return doc.group;
};

/** Apply a change to a stored group under its file's write queue. */
export const changeGroup = async (
  ctx: BackendContext,
  groupId: string,
  change: (group: Group) => Group,
): Promise<Group> => {
  const doc = await ctx.store.update(groupKind, groupPath(groupId), (current) => {
    if (!current) throw new LessonStudyError('not-found', 'That group no longer exists in this workspace.');
    return { group: { ...change(current.group), updatedAt: ctx.clock().toISOString() } };
  });
  return doc.group;
};

export const createGroupService = (ctx: BackendContext): ServiceFor<typeof groupChannels> => ({
  listGroups: () => ctx.catalogue.groups(),

  getGroup: ({ groupId }) => loadGroup(ctx, groupId),

  async createGroup(fields) {
    const now = ctx.clock().toISOString();
    const group = Group.parse({
      ...fields,
      id: ctx.newId(),
      createdAt: now,
      updatedAt: now,
      codebook: defaultCodebook(ctx.newId),
    });
    await ctx.store.write(groupKind, groupPath(group.id), { group });
    return group;
  },

  updateGroup: ({ groupId, fields }) => changeGroup(ctx, groupId, (group) => ({ ...group, ...fields })),

  async deleteGroup({ groupId }) {
    await loadGroup(ctx, groupId);
    await ctx.store.asOneDeletion(async () => {
      for (const cleanUp of ctx.onGroupDeleted) await cleanUp(groupId);
      await ctx.store.remove(groupPath(groupId));
    });
    return null;
  },
});
