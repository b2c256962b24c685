import type { cycleChannels } from '../../shared/contract/cycles';
import type { Cycle, CycleSummary } from '../../shared/domain/cycle';
import { LessonStudyError } from '../../shared/result';
import { setChecklistItem } from '../../shared/workflow/checklists';
import { applyTransition, isTaughtPhase, nextStep, teachingDateAhead } from '../../shared/workflow/phases';
import type { BackendContext } from './context';
import { createCycleGroupService } from './cycles-group';
import { changeCycle, cycleRepository, loadCycle, loadGroupCycles, newCycle } from './cycles-store';
import { createCycleVersionService } from './cycles-versions';
import { loadGroup, repeatedId } from './groups';
import type { ServiceFor } from './service-types';

// The storage accessors live in cycles-store.ts; other features import them from here.
export { CycleDocument, changeCycle, cycleKind, cyclePath, cycleRepository, loadCycle, loadGroupCycles, newCycle } from './cycles-store';

export const summarizeCycle = (cycle: Cycle, now: Date): CycleSummary => ({
  id: cycle.id,
  groupId: cycle.groupId,
  title: cycle.title,
  phase: cycle.phase,
  designId: cycle.designId,
  versionId: cycle.versionId,
  teachingDate: cycle.teaching.date,
  updatedAt: cycle.updatedAt,
  researchQuestion: cycle.researchQuestion,
  previousCycleId: cycle.previousCycleId,
  nextStep: nextStep(cycle, now),
});

export const createCycleService = (ctx: BackendContext): ServiceFor<typeof cycleChannels> => {
  const removeCycle = (cycleId: string) =>
    ctx.store.asOneDeletion(async () => {
      for (const cleanUp of ctx.onCycleDeleted) await cleanUp(cycleId);
      await cycleRepository.remove(ctx, cycleId);
    });
  // Deleting a group moves its cycles into the trash with it.
  ctx.onGroupDeleted.push(async (groupId) => {
    for (const cycle of await loadGroupCycles(ctx, groupId)) await removeCycle(cycle.id);
  });
  /** The members of the cycle's group: the only people a cycle may name. */
  const memberIdsOf = async (cycleId: string) =>
    new Set((await loadGroup(ctx, (await loadCycle(ctx, cycleId)).groupId)).members.map((m) => m.id));

  return {
    ...createCycleVersionService(ctx),
    ...createCycleGroupService(ctx),

    async listCycles({ groupId }) {
      // The catalogue knows the groups; reading the group file here would cost a file per call.
      if (!(await ctx.catalogue.groups()).some((group) => group.id === groupId)) await loadGroup(ctx, groupId);
      const now = ctx.clock();
      return (await ctx.catalogue.cycleDigests(groupId)).map((cycle) => summarizeCycle(cycle, now));
    },

    getCycle: ({ cycleId }) => loadCycle(ctx, cycleId),

    async createCycle(fields) {
      const cycle = await newCycle(ctx, fields);
      await cycleRepository.save(ctx, cycle);
      return cycle;
    },

    updateCycleInfo: ({ cycleId, title, researchQuestion }) =>
      changeCycle(ctx, cycleId, (cycle) => ({ ...cycle, title, researchQuestion })),

    async deleteCycle({ cycleId }) {
      await loadCycle(ctx, cycleId);
      await removeCycle(cycleId);
      return null;
    },

    moveCycle: ({ cycleId, to, by, reason }) =>
      changeCycle(ctx, cycleId, (cycle) => applyTransition(cycle, to, { id: ctx.newId(), now: ctx.clock(), by, reason })),

    setChecklistItem: ({ cycleId, phase, itemId, done, by }) =>
      changeCycle(ctx, cycleId, (cycle) => {
        if (!(cycle.checklists[phase] ?? []).some((item) => item.id === itemId)) {
          throw new LessonStudyError('not-found', 'That checklist item no longer exists.');
        }
        return setChecklistItem(cycle, phase, itemId, done, { at: ctx.clock().toISOString(), by });
      }),

    addChecklistItem: ({ cycleId, phase, label }) =>
      changeCycle(ctx, cycleId, (cycle) => ({
        ...cycle,
        checklists: {
          ...cycle.checklists,
          [phase]: [...(cycle.checklists[phase] ?? []), { id: ctx.newId(), label, done: false }],
        },
      })),

    saveTeaching: async ({ cycleId, teaching }) => {
      const members = await memberIdsOf(cycleId);
      return changeCycle(ctx, cycleId, (cycle) => {
        // A teacher who has since left the group may stay where an earlier save put them.
        if (teaching.teacherId && teaching.teacherId !== cycle.teaching.teacherId && !members.has(teaching.teacherId)) {
          throw new LessonStudyError('invalid-request', 'The teacher is not a member of this group. Choose a member of the group.');
        }
        // The same rule that lets a cycle into Observe: a lesson being observed is not in the future.
        if (isTaughtPhase(cycle.phase) && teachingDateAhead(teaching.date, ctx.clock())) {
          throw new LessonStudyError(
            'invalid-request',
            'This lesson is already being observed, so its teaching date cannot be in the future. Set it to today or the day it was taught.',
          );
        }
        return { ...cycle, teaching };
      });
    },

    setDiscussionDate: ({ cycleId, date }) => changeCycle(ctx, cycleId, (cycle) => ({ ...cycle, discussionDate: date })),

    saveMeeting: async ({ cycleId, meeting }) => {
      const members = await memberIdsOf(cycleId);
      if (repeatedId(meeting.attendeeIds)) throw new LessonStudyError('invalid-request', 'A member is listed twice among the attendees.');
      return changeCycle(ctx, cycleId, (cycle) => {
        const id = meeting.id ?? ctx.newId();
        const before = new Set(cycle.meetings.find((m) => m.id === id)?.attendeeIds ?? []);
        if (meeting.attendeeIds.some((a) => !members.has(a) && !before.has(a))) {
          throw new LessonStudyError('invalid-request', 'An attendee is not a member of this group. Choose members of the group.');
        }
        const saved = { ...meeting, id };
        const exists = cycle.meetings.some((m) => m.id === id);
        const meetings = exists ? cycle.meetings.map((m) => (m.id === id ? saved : m)) : [...cycle.meetings, saved];
        return { ...cycle, meetings: meetings.sort((a, b) => a.date.localeCompare(b.date)) };
      });
    },

    deleteMeeting: ({ cycleId, meetingId }) =>
      changeCycle(ctx, cycleId, (cycle) => ({ ...cycle, meetings: cycle.meetings.filter((m) => m.id !== meetingId) })),

    saveReflection: ({ cycleId, reflection }) => changeCycle(ctx, cycleId, (cycle) => ({ ...cycle, reflection })),
  };
};
