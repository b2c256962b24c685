import type { observationChannels } from '../../shared/contract/observations';
import type { Cycle } from '../../shared/domain/cycle';
import type { FlowStep } from '../../shared/domain/design';
import type { Group } from '../../shared/domain/group';
import type { ClassModeChange, Observation } from '../../shared/domain/observation';
import { addCode, changeCode, moveCode, CodebookError } from '../../shared/observe/codebook';
import { nextUpdatedAt } from '../../shared/observe/stamp';
import { studentIdsOf } from '../../shared/observe/target-students';
import { LessonStudyError } from '../../shared/result';
import { storageError } from '../storage/durable-write';
import type { BackendContext } from './context';
import { loadCycle } from './cycles';
import { loadVersion } from './designs';
import { changeGroup, loadGroup } from './groups';
import { exportCsv, exportPack, importPacks } from './observations-exchange';
import { appendRecords, changesSince, cycleLog } from './observations-log';
import { checkPhotoSize, photoDataUrl, readPhoto, storePhoto } from './observations-photos';
import type { ServiceFor } from './service-types';

export { compactNow, cycleLog, forgetCycleLog, removeCycleObservations } from './observations-log';
import { removeCycleObservations as removeCycleLog } from './observations-log';

const byClock = <T extends { clockMs: number; wallTime: string }>(a: T, b: T) =>
  a.clockMs - b.clockMs || a.wallTime.localeCompare(b.wallTime);

/** The live (not deleted) notes of a cycle in clock order. For analysis and reports. */
export const listObservations = async (ctx: BackendContext, cycleId: string): Promise<Observation[]> => {
  const log = await cycleLog(ctx, cycleId);
  return [...log.observations.values()].filter((o) => !o.deletedAt).sort(byClock);
};

/** The live class-mode changes of a cycle in clock order. */
export const listClassModes = async (ctx: BackendContext, cycleId: string): Promise<ClassModeChange[]> => {
  const log = await cycleLog(ctx, cycleId);
  return [...log.classModes.values()].filter((m) => !m.deletedAt).sort(byClock);
};

/** The taught version's flow table, or none when the cycle has not chosen one yet. */
export const taughtSteps = async (ctx: BackendContext, cycle: Cycle): Promise<FlowStep[]> => {
  if (!cycle.designId || !cycle.versionId) return [];
  try {
    return (await loadVersion(ctx, cycle.designId, cycle.versionId)).content.steps;
  } catch (error) {
    if (error instanceof LessonStudyError && error.code === 'not-found') return [];
    throw error;
  }
};

const openCycle = async (ctx: BackendContext, cycleId: string): Promise<Cycle> => loadCycle(ctx, cycleId);

/**
 * A note names people and plan items of its own group and lesson only: the observer is a
 * member or a guest of the cycle, the student is on the group's roster, the points to notice
 * and anticipated responses are the taught plan's. What an earlier save stored may stay (a
 * member who has left keeps their old notes editable).
 */
const checkNoteReferences = (
  group: Group,
  cycle: Cycle,
  steps: readonly FlowStep[],
  note: Observation,
  previous: Observation | undefined,
): void => {
  const observers = new Set([...group.members.map((m) => m.id), ...cycle.guestObservers.map((g) => g.id)]);
  if (note.observerId !== previous?.observerId && !observers.has(note.observerId)) {
    throw new LessonStudyError('invalid-request', 'The note’s observer is not a member of this group or a guest of this lesson.');
  }
  const { target } = note;
  // A student the note already named stays (a retired student's old notes can still be edited).
  const named = new Set(previous ? studentIdsOf(previous.target) : []);
  const onRoster = new Set(group.focusStudents.map((s) => s.id));
  if (studentIdsOf(target).some((id) => !named.has(id) && !onRoster.has(id))) {
    throw new LessonStudyError('invalid-request', 'The note is about a student who is not on this group’s class roster.');
  }
  if (target.kind === 'students' && new Set(target.studentIds).size !== target.studentIds.length) {
    throw new LessonStudyError('invalid-request', 'The note names the same student twice.');
  }
  // A corrected step is one of the lesson's steps (or none); a note's old step may stay.
  if (previous && note.stepId !== undefined && note.stepId !== previous.stepId && !steps.some((s) => s.id === note.stepId)) {
    throw new LessonStudyError('invalid-request', 'The note’s step is not a step of the lesson being taught.');
  }
  const inPlan = (ids: readonly string[], planned: readonly string[], before: readonly string[] = []) =>
    ids.every((id) => planned.includes(id) || before.includes(id));
  if (!inPlan(note.pointToNoticeIds, steps.flatMap((s) => s.pointsToNotice.map((p) => p.id)), previous?.pointToNoticeIds)) {
    throw new LessonStudyError('invalid-request', 'A point to notice on the note is not in the lesson being taught.');
  }
  const responses = steps.flatMap((s) => s.anticipatedResponses.map((r) => r.id));
  if (!inPlan(note.anticipatedResponseIds ?? [], responses, previous?.anticipatedResponseIds)) {
    throw new LessonStudyError('invalid-request', 'An anticipated response on the note is not in the lesson being taught.');
  }
};

const assertOpen = (cycle: Cycle, action: string): void => {
  if (cycle.phase === 'closed') {
    throw new LessonStudyError('immutable', `This cycle is closed, so its observations can no longer be ${action}.`);
  }
};

const existing = async (ctx: BackendContext, cycleId: string, observationId: string): Promise<Observation> => {
  const found = (await cycleLog(ctx, cycleId)).observations.get(observationId);
  if (!found) throw new LessonStudyError('not-found', 'That note is not in this cycle.');
  return found;
};

const codebookError = (error: unknown): never => {
  if (error instanceof CodebookError) throw new LessonStudyError('conflict', error.message);
  throw error;
};

export const createObservationService = (ctx: BackendContext): ServiceFor<typeof observationChannels> => {
  // A deleted cycle (or a deleted group's cycles) takes its notes and journal with it.
  ctx.onCycleDeleted.push((cycleId) => removeCycleLog(ctx, cycleId));
  return createObservationChannels(ctx);
};

const createObservationChannels = (ctx: BackendContext): ServiceFor<typeof observationChannels> => ({
  async getObservationSession({ cycleId }) {
    const cycle = await openCycle(ctx, cycleId);
    const [group, steps, log] = await Promise.all([loadGroup(ctx, cycle.groupId), taughtSteps(ctx, cycle), cycleLog(ctx, cycleId)]);
    return {
      cycle: { id: cycle.id, title: cycle.title, phase: cycle.phase, groupId: cycle.groupId },
      group,
      steps,
      observations: [...log.observations.values()].sort(byClock),
      classModes: [...log.classModes.values()].sort(byClock),
      notesRevision: { epoch: log.epoch, revision: log.revision },
    };
  },

  async getObservationChanges({ cycleId, since }) {
    await openCycle(ctx, cycleId);
    const changes = changesSince(await cycleLog(ctx, cycleId), since.epoch, since.revision);
    return {
      notesRevision: { epoch: changes.epoch, revision: changes.revision },
      reset: changes.reset,
      observations: changes.observations.sort(byClock),
      classModes: changes.classModes.sort(byClock),
    };
  },

  async saveObservation({ observation }) {
    const cycle = await openCycle(ctx, observation.cycleId);
    assertOpen(cycle, 'changed');
    const previous = (await cycleLog(ctx, cycle.id)).observations.get(observation.id);
    const [group, steps] = await Promise.all([loadGroup(ctx, cycle.groupId), taughtSteps(ctx, cycle)]);
    checkNoteReferences(group, cycle, steps, observation, previous);
    const saved: Observation = {
      ...observation,
      createdAt: previous?.createdAt ?? observation.createdAt,
      updatedAt: nextUpdatedAt(previous?.updatedAt, ctx.clock()),
    };
    await appendRecords(ctx, cycle.id, [{ k: 'o', v: saved }]);
    return saved;
  },

  async deleteObservation({ cycleId, observationId }) {
    assertOpen(await openCycle(ctx, cycleId), 'deleted');
    const previous = await existing(ctx, cycleId, observationId);
    const updatedAt = nextUpdatedAt(previous.updatedAt, ctx.clock());
    const saved: Observation = { ...previous, updatedAt, deletedAt: updatedAt };
    await appendRecords(ctx, cycleId, [{ k: 'o', v: saved }]);
    return saved;
  },

  async restoreObservation({ cycleId, observationId }) {
    assertOpen(await openCycle(ctx, cycleId), 'restored');
    const previous = await existing(ctx, cycleId, observationId);
    const { deletedAt: _gone, ...rest } = previous;
    const saved: Observation = { ...rest, updatedAt: nextUpdatedAt(previous.updatedAt, ctx.clock()) };
    await appendRecords(ctx, cycleId, [{ k: 'o', v: saved }]);
    return saved;
  },

  async saveClassMode({ change }) {
    assertOpen(await openCycle(ctx, change.cycleId), 'changed');
    const previous = (await cycleLog(ctx, change.cycleId)).classModes.get(change.id);
    const saved: ClassModeChange = { ...change, updatedAt: nextUpdatedAt(previous?.updatedAt, ctx.clock()) };
    await appendRecords(ctx, change.cycleId, [{ k: 'm', v: saved }]);
    return saved;
  },

  async deleteClassMode({ cycleId, changeId }) {
    assertOpen(await openCycle(ctx, cycleId), 'changed');
    const previous = (await cycleLog(ctx, cycleId)).classModes.get(changeId);
    if (!previous) throw new LessonStudyError('not-found', 'That class-mode change is not in this cycle.');
    const updatedAt = nextUpdatedAt(previous.updatedAt, ctx.clock());
    const saved: ClassModeChange = { ...previous, updatedAt, deletedAt: updatedAt };
    await appendRecords(ctx, cycleId, [{ k: 'm', v: saved }]);
    return saved;
  },

  async attachPhotosFromDialog({ cycleId }) {
    await openCycle(ctx, cycleId);
    const files = await ctx.effects.chooseOpenPaths({
      title: 'Attach photos',
      filters: [{ name: 'Images', extensions: ['png', 'jpg', 'jpeg', 'gif', 'webp'] }],
      multiple: true,
    });
    const refs = [];
    for (const file of files) {
      const fs = ctx.store.deps.fs;
      const name = file.split(/[\\/]/).pop() ?? '';
      let size: number;
      try {
        size = (await fs.stat(file)).size;
      } catch (error) {
        throw storageError(error, file);
      }
      // Refuse an oversized file before reading it into memory.
      checkPhotoSize(size, name);
      refs.push(await storePhoto(ctx, (await fs.readFile(file)) as Buffer, name));
    }
    return refs;
  },

  async attachPhotoBytes({ cycleId, name, dataBase64 }) {
    await openCycle(ctx, cycleId);
    return storePhoto(ctx, Buffer.from(dataBase64, 'base64'), name);
  },

  async getPhotoDataUrl({ hash }) {
    const photo = await readPhoto(ctx, hash);
    if (!photo) throw new LessonStudyError('not-found', 'That photo is not in this workspace.');
    return { dataUrl: photoDataUrl(photo.ext, photo.bytes) };
  },

  async exportObservationPack({ cycleId, observerId }) {
    const cycle = await openCycle(ctx, cycleId);
    return exportPack(ctx, cycle, await loadGroup(ctx, cycle.groupId), observerId);
  },

  async importObservationPacks({ cycleId }) {
    const cycle = await openCycle(ctx, cycleId);
    assertOpen(cycle, 'changed');
    return importPacks(ctx, cycle);
  },

  async exportObservationsCsv({ cycleId }) {
    const cycle = await openCycle(ctx, cycleId);
    const [group, steps, observations] = await Promise.all([
      loadGroup(ctx, cycle.groupId),
      taughtSteps(ctx, cycle),
      listObservations(ctx, cycleId),
    ]);
    return exportCsv(ctx, cycle, group, steps, observations);
  },

  addCode: ({ groupId, label, color, rubric }) =>
    changeGroup(ctx, groupId, (group) => {
      try {
        return { ...group, codebook: addCode(group.codebook, { id: ctx.newId(), label, color, ...(rubric ? { rubric } : {}) }) };
      } catch (error) {
        return codebookError(error);
      }
    }),

  updateCode: ({ groupId, codeId, ...change }) =>
    changeGroup(ctx, groupId, (group) => {
      try {
        return { ...group, codebook: changeCode(group.codebook, codeId, change) };
      } catch (error) {
        return codebookError(error);
      }
    }),

  moveCode: ({ groupId, codeId, direction }) =>
    changeGroup(ctx, groupId, (group) => {
      try {
        return { ...group, codebook: moveCode(group.codebook, codeId, direction) };
      } catch (error) {
        return codebookError(error);
      }
    }),

  saveSeatingChart: ({ groupId, seatingChart }) =>
    changeGroup(ctx, groupId, (group) => {
      const cells = new Set<string>();
      for (const seat of seatingChart.seats) {
        const cell = `${seat.col},${seat.row}`;
        if (seat.col >= seatingChart.cols || seat.row >= seatingChart.rows || cells.has(cell)) {
          throw new LessonStudyError('invalid-request', 'Two seats share a cell, or a seat is outside the grid.');
        }
        cells.add(cell);
        if (seat.studentId && !group.focusStudents.some((s) => s.id === seat.studentId)) {
          throw new LessonStudyError('invalid-request', 'A seat names a student who is not in this group.');
        }
      }
      return { ...group, seatingChart };
    }),
});
