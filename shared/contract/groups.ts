import { z } from 'zod';
import { Id } from '../ids';
import { Group, GroupFields, GroupSummary } from '../domain/group';
import { channel } from './channel';

export const groupChannels = {
  listGroups: channel(z.object({}).strict(), z.array(GroupSummary)),
  getGroup: channel(z.object({ groupId: Id }).strict(), Group),
  createGroup: channel(GroupFields.strict(), Group),
  updateGroup: channel(z.object({ groupId: Id, fields: GroupFields.strict() }).strict(), Group),
  deleteGroup: channel(z.object({ groupId: Id }).strict(), z.null()),
};
