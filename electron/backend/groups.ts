import { z } from 'zod';
import type { groupChannels } from '../../shared/contract/groups';
import { defaultCodebook } from '../../shared/domain/codebook';
import { Group, type GroupFields } from '../../shared/domain/group';
import { LessonStudyError } from '../../shared/result';
import type { DocumentKind } from '../storage/document';
import { groupProtocolPlannedMinutes } from '../storage/migrations/0002-group-protocol-planned-minutes';
import { groupClassRoster } from '../storage/migrations/0003-group-class-roster';
import type { BackendContext } from './context';
import { createRepository } from './repository';
import type { ServiceFor } from './service-types';

export const GroupDocument = z.object({ group: Group });
export type GroupDocument = z.infer<typeof GroupDocument>;

export const groupKind: DocumentKind<GroupDocument> = {
  name: 'group',
  version: 3,
  schema: GroupDocument,
  migrations: [groupProtocolPlannedMinutes, groupClassRoster],
};

/** The first id given twice, if any: ids name one thing each, in a list as in the workspace. */
export const repeatedId = (ids: readonly string[]): string | undefined => ids.find((id, i) => ids.indexOf(id) !== i);

export const groupRepository = createRepository({
  kind: groupKind,
  field: 'group',
  dir: 'groups',
  idOf: (group) => group.id,
  notFound: 'That group no longer exists in this workspace.',
});

/**
 * Read a group or fail with `not-found`, change one under its file's write queue: shared by
 * every feature that belongs to a group.
 */
export const { path: groupPath, load: loadGroup, change: changeGroup } = groupRepository;

/** A new group with the built-in codebook, saved. */
export const saveNewGroup = async (ctx: BackendContext, fields: GroupFields): Promise<Group> => {
  const now = ctx.clock().toISOString();
  const group = Group.parse({
    ...fields,
    id: ctx.newId(),
    createdAt: now,
    updatedAt: now,
    codebook: defaultCodebook(ctx.newId),
  });
  await groupRepository.save(ctx, group);
  return group;
};

export const createGroupService = (ctx: BackendContext): ServiceFor<typeof groupChannels> => ({
  listGroups: () => ctx.catalogue.groups(),

  getGroup: ({ groupId }) => loadGroup(ctx, groupId),

  createGroup: (fields) => saveNewGroup(ctx, fields),

  async updateGroup({ groupId, fields }) {
    if (repeatedId(fields.members.map((m) => m.id))) {
      throw new LessonStudyError('invalid-request', 'Two members share one id; each member needs an id of their own.');
    }
    return changeGroup(ctx, groupId, (group) => ({ ...group, ...fields }));
  },

  async deleteGroup({ groupId }) {
    await loadGroup(ctx, groupId);
    await ctx.store.asOneDeletion(async () => {
      for (const cleanUp of ctx.onGroupDeleted) await cleanUp(groupId);
      await groupRepository.remove(ctx, groupId);
    });
    return null;
  },
});
