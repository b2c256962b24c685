import { activeRoster, focusStudentsOf } from '../../../shared/domain/group';
import { deviceChannels, type DeviceLesson, type DeviceNote, type LiveClock } from '../../../shared/capture/protocol';
import type { ChannelSpec } from '../../../shared/contract/channel';
import { Observation } from '../../../shared/domain/observation';
import { clockMsAt } from '../../../shared/observe/clock';
import { activeCodes } from '../../../shared/observe/codebook';
import { studentIdsOf } from '../../../shared/observe/target-students';
import { LessonStudyError, type Result } from '../../../shared/result';
import type { Backend } from '../index';
import { loadCycle } from '../cycles';
import { loadGroup } from '../groups';
import { cycleLog, taughtSteps } from '../observations';
import type { ServiceFor } from '../service-types';
import type { DeviceRecord } from './session';

/**
 * The restricted sub-contract an approved observer's device may call (shared/capture/
 * protocol.ts `deviceChannels`): this one cycle's lesson, and its own notes and photos.
 * The cycle and the observer come from the device's approval, never from what it sends;
 * every refusal is a clear error and writes nothing.
 */

/** A note's lesson time may run this far ahead of the host's clock (a device whose offset is off a little). */
export const CLOCK_SLACK_MS = 10 * 60_000;

export interface DeviceScope {
  backend: Backend;
  cycleId: string;
  device: DeviceRecord & { observer: { id: string; name: string } };
  liveClock: () => LiveClock;
}

const refuse = (code: 'forbidden' | 'invalid-request' | 'not-found', message: string): never => {
  throw new LessonStudyError(code, message);
};

/** Everything an approved device needs for this lesson; pseudonyms only, never a student's concerns. */
export const deviceLesson = async (
  backend: Backend,
  cycleId: string,
  device: { observer: { id: string; name: string }; focusStudentIds: string[] },
  clock: LiveClock,
): Promise<DeviceLesson> => {
  const ctx = backend.context;
  const cycle = await loadCycle(ctx, cycleId);
  const [group, steps] = await Promise.all([loadGroup(ctx, cycle.groupId), taughtSteps(ctx, cycle)]);
  return {
    cycle: { id: cycle.id, title: cycle.title },
    groupName: group.name,
    observer: device.observer,
    // The students this observer was asked to follow; without an assignment, the class's focus students.
    focusStudentIds: device.focusStudentIds.length ? device.focusStudentIds : focusStudentsOf(group.focusStudents).map((s) => s.id),
    steps,
    codebook: activeCodes(group.codebook),
    students: activeRoster(group.focusStudents).map((s) => ({ id: s.id, pseudonym: s.pseudonym })),
    seatingChart: group.seatingChart,
    clock,
  };
};

export const createDeviceService = (scope: DeviceScope): ServiceFor<typeof deviceChannels> => {
  const { backend, cycleId, device } = scope;
  const ctx = backend.context;

  const checkNote = async (note: DeviceNote) => {
    const cycle = await loadCycle(ctx, cycleId);
    const [group, steps, log] = await Promise.all([loadGroup(ctx, cycle.groupId), taughtSteps(ctx, cycle), cycleLog(ctx, cycleId)]);
    const previous = log.observations.get(note.id);
    if (previous && previous.observerId !== device.observer.id) refuse('forbidden', 'That note belongs to another observer.');
    // A device writes only into this cycle's notes (the cycle comes from the approval): an id
    // that another lesson also uses names a different note there, which nothing here can reach.
    if (note.stepId !== undefined && !steps.some((step) => step.id === note.stepId)) {
      refuse('invalid-request', 'That step is not in the lesson being taught.');
    }
    const points = new Set(steps.flatMap((step) => step.pointsToNotice.map((point) => point.id)));
    if (!note.pointToNoticeIds.every((id) => points.has(id))) refuse('invalid-request', 'That point to notice is not in the lesson being taught.');
    const responses = new Set(steps.flatMap((step) => step.anticipatedResponses.map((response) => response.id)));
    if (!(note.anticipatedResponseIds ?? []).every((id) => responses.has(id))) {
      refuse('invalid-request', 'That anticipated response is not in the lesson being taught.');
    }
    const codes = new Set(group.codebook.map((code) => code.id));
    if (!note.codeIds.every((id) => codes.has(id))) refuse('invalid-request', 'That code is not in the group’s codebook.');
    // One student or several (a pair, a table): every one must be a student of this lesson's class.
    const students = studentIdsOf(note.target);
    if (!students.every((id) => group.focusStudents.some((s) => s.id === id))) refuse('invalid-request', 'That student is not in this group.');
    if (new Set(students).size !== students.length) refuse('invalid-request', 'That note names the same student twice.');
    const earlier = new Map((previous?.photos ?? []).map((photo) => [photo.hash, photo]));
    const photos = note.photos.map(
      (photo) =>
        device.photos.get(photo.hash) ??
        earlier.get(photo.hash) ??
        refuse('forbidden', 'A photo on that note was not sent from this device. Take the photo again.'),
    );
    const live = scope.liveClock();
    if (note.clockMs > clockMsAt(live.clock, live.hostNowMs) + CLOCK_SLACK_MS) {
      refuse('invalid-request', 'That note’s lesson time is later than the lesson clock. Check that the device shows the lesson clock.');
    }
    return { previous, photos };
  };

  return {
    getLesson: async () => deviceLesson(backend, cycleId, device, scope.liveClock()),

    async saveNote({ note }) {
      const { previous, photos } = await checkNote(note);
      // Fields the device does not send (a tombstone, links made on the laptop) stay as they were: a stale resend after a delete does not bring the note back.
      const observation = Observation.parse({ ...previous, ...note, stepId: note.stepId, photos, cycleId, observerId: device.observer.id, updatedAt: ctx.clock().toISOString() });
      const saved = await backend.service.saveObservation({ observation });
      if (!previous) device.noteCount += 1;
      return { id: saved.id, updatedAt: saved.updatedAt };
    },

    async deleteNote({ id }) {
      const previous = (await cycleLog(ctx, cycleId)).observations.get(id);
      if (!previous) return refuse('not-found', 'That note is not in this lesson.');
      if (previous.observerId !== device.observer.id) refuse('forbidden', 'That note belongs to another observer.');
      // Deleting again (a resend) changes nothing.
      if (previous.deletedAt) return { id, updatedAt: previous.updatedAt };
      const saved = await backend.service.deleteObservation({ cycleId, observationId: id });
      device.noteCount = Math.max(0, device.noteCount - 1);
      return { id: saved.id, updatedAt: saved.updatedAt };
    },

    async setClassMode({ change }) {
      const previous = (await cycleLog(ctx, cycleId)).classModes.get(change.id);
      if (previous && previous.observerId !== device.observer.id) refuse('forbidden', 'That class-mode change belongs to another observer.');
      const live = scope.liveClock();
      if (change.clockMs > clockMsAt(live.clock, live.hostNowMs) + CLOCK_SLACK_MS) {
        refuse('invalid-request', 'That class-mode change is later than the lesson clock. Check that the device shows the lesson clock.');
      }
      const saved = await backend.service.saveClassMode({ change: { ...change, cycleId, observerId: device.observer.id, updatedAt: ctx.clock().toISOString() } });
      return { id: saved.id, updatedAt: saved.updatedAt };
    },

    async attachPhoto({ name, dataBase64 }) {
      const ref = await backend.service.attachPhotoBytes({ cycleId, name, dataBase64 });
      device.photos.set(ref.hash, ref);
      return ref;
    },
  };
};

const describeIssues = (issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string =>
  issues
    .slice(0, 3)
    .map((issue) => (issue.path.length ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ');

/**
 * electron/dispatch.ts for the device sub-contract: only `deviceChannels` exist here, so a
 * channel of the window's contract (listGroups, deleteCycle…) is an unknown request.
 */
export const dispatchDeviceCall = async (
  service: ServiceFor<typeof deviceChannels>,
  name: string,
  payload: unknown,
): Promise<Result<unknown>> => {
  if (!Object.hasOwn(deviceChannels, name)) {
    return { ok: false, error: { code: 'forbidden', message: `A device cannot ask for "${name.slice(0, 60)}".` } };
  }
  const key = name as keyof typeof deviceChannels;
  const spec: ChannelSpec = deviceChannels[key];
  const parsed = spec.request.safeParse(payload);
  if (!parsed.success) return { ok: false, error: { code: 'invalid-request', message: `Invalid request to ${name}: ${describeIssues(parsed.error.issues)}` } };
  try {
    const value = await (service[key] as (request: unknown) => Promise<unknown>)(parsed.data);
    const checked = spec.response.safeParse(value);
    if (!checked.success) return { ok: false, error: { code: 'internal', message: `The app produced an invalid answer for ${name}.` } };
    return { ok: true, value: checked.data };
  } catch (error) {
    if (error instanceof LessonStudyError) return { ok: false, error: { code: error.code, message: error.message } };
    return { ok: false, error: { code: 'internal', message: 'The note could not be saved; it stays on the device and is sent again.' } };
  }
};
