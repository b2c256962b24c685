import type { cycleChannels } from '../../shared/contract/cycles';
import { LessonStudyError } from '../../shared/result';
import type { BackendContext } from './context';
import { changeGroup } from './groups';
import type { ServiceFor } from './service-types';

type GroupChannels = Pick<typeof cycleChannels, 'saveFocusStudent' | 'saveChecklistTemplate'>;

/**
 * The parts of a group the cycle workflow looks after: the class roster (one student
 * added or changed at a time; removing a student retires it, so old notes keep a name) and
 * the group's own phase checklists. The group file is the groups feature's; we change it
 * only through its write queue (changeGroup).
 */
export const createCycleGroupService = (ctx: BackendContext): ServiceFor<GroupChannels> => ({
  saveFocusStudent: ({ groupId, student }) =>
    changeGroup(ctx, groupId, (group) => {
      if (!student.id) return { ...group, focusStudents: [...group.focusStudents, { ...student, id: ctx.newId() }] };
      const id = student.id;
      if (!group.focusStudents.some((s) => s.id === id)) {
        throw new LessonStudyError('not-found', 'That student is no longer on the roster.');
      }
      return { ...group, focusStudents: group.focusStudents.map((s) => (s.id === id ? { ...student, id } : s)) };
    }),

  saveChecklistTemplate: ({ groupId, phase, labels }) =>
    changeGroup(ctx, groupId, (group) => {
      const { [phase]: _previous, ...others } = group.checklistTemplates;
      return { ...group, checklistTemplates: labels.length ? { ...others, [phase]: labels } : others };
    }),
});
