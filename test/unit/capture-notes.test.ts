import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceNote, NoteAck } from '../../shared/capture/protocol';
import { DEVICE_CHANNEL_NAMES } from '../../shared/capture/protocol';
import { channelNames } from '../../shared/contract';
import type { PhotoRef } from '../../shared/domain/observation';
import { seedLesson } from './observ-seed';
import { joinedDevice, notesOnDisk, photosOnDisk, setUpCapture, type CaptureSetUp } from './support/capture-devices';

/**
 * Notes and photos sent from an approved device, through the real door: what is stored,
 * and everything that must be refused with nothing written (read back from the files).
 */

let running: CaptureSetUp[] = [];
afterEach(async () => {
  for (const setUp of running) await setUp.host.close();
  running = [];
});
const started = async () => {
  const setUp = await setUpCapture();
  running.push(setUp);
  return setUp;
};

const workspaceOf = (setUp: CaptureSetUp) => path.join(setUp.userData, 'workspace');

const noteFor = (setUp: CaptureSetUp, fields: Partial<DeviceNote> = {}): DeviceNote => ({
  id: randomUUID(),
  clockMs: 60_000,
  wallTime: '2026-05-12T09:01:00.000Z',
  stepId: setUp.lesson.steps[0].id,
  target: { kind: 'class' },
  codeIds: [],
  text: 'Student A counted on from 3/4 to 1.',
  photos: [],
  pointToNoticeIds: [],
  createdAt: '2026-05-12T09:01:00.000Z',
  ...fields,
});

const smallPng = () => sharp({ create: { width: 4, height: 3, channels: 3, background: '#336699' } }).png().toBuffer();

describe('saving notes from a device', () => {
  it('stores a note under the approved observer and this cycle, whatever the device claims; the count goes up', async () => {
    const setUp = await started();
    const { device } = await joinedDevice(setUp);
    const note = noteFor(setUp, { target: { kind: 'student', studentId: setUp.lesson.students[1].id }, pointToNoticeIds: [setUp.lesson.steps[0].pointsToNotice[0].id] });
    const before = setUp.changes.length;
    const ack = await device.call<NoteAck>('saveNote', { note });
    expect(ack).toEqual({ ok: true, value: { id: note.id, updatedAt: '2026-05-12T09:00:00.000Z' } });
    const stored = await notesOnDisk(workspaceOf(setUp), setUp.lesson.cycle.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ id: note.id, cycleId: setUp.lesson.cycle.id, observerId: setUp.lesson.group.members[1].id, text: note.text });
    expect(setUp.changes.length).toBe(before + 1);
    expect((await setUp.service.getCaptureStatus({ cycleId: setUp.lesson.cycle.id })).devices[0].noteCount).toBe(1);
  });

  it('refuses a note that names its own cycle or observer: those come from the approval, never from the device', async () => {
    const setUp = await started();
    const { device } = await joinedDevice(setUp);
    const forged = { ...noteFor(setUp), cycleId: randomUUID(), observerId: setUp.lesson.group.members[0].id };
    const answer = await device.call('saveNote', { note: forged });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await notesOnDisk(workspaceOf(setUp), setUp.lesson.cycle.id)).toEqual([]);
  });

  it('a resend of the same note is acknowledged again and stored once', async () => {
    const setUp = await started();
    const { device } = await joinedDevice(setUp);
    const note = noteFor(setUp);
    const first = await device.call<NoteAck>('saveNote', { note });
    setUp.now.ms += 2_000;
    const again = await device.call<NoteAck>('saveNote', { note });
    expect(first.ok && again.ok).toBe(true);
    expect(again).toEqual({ ok: true, value: { id: note.id, updatedAt: '2026-05-12T09:00:02.000Z' } });
    const session = await setUp.service.getObservationSession({ cycleId: setUp.lesson.cycle.id });
    expect(session.observations.map((o) => o.id)).toEqual([note.id]);
    expect(new Set((await notesOnDisk(workspaceOf(setUp), setUp.lesson.cycle.id)).map((o) => o.id))).toEqual(new Set([note.id]));
    expect((await setUp.service.getCaptureStatus({ cycleId: setUp.lesson.cycle.id })).devices[0].noteCount).toBe(1);
  });

  it('refuses, with a clear error and nothing written: a step, code, student or point to notice that is not this lesson’s, and a time past the lesson clock', async () => {
    const setUp = await started();
    const { device } = await joinedDevice(setUp);
    const elsewhere = await seedLesson(setUp.host.current(), { title: 'Another lesson' });
    const refusals: Array<[Partial<DeviceNote>, string]> = [
      [{ stepId: elsewhere.steps[0].id }, 'That step is not in the lesson being taught.'],
      [{ codeIds: [randomUUID()] }, 'That code is not in the group’s codebook.'],
      [{ target: { kind: 'student', studentId: elsewhere.students[0].id } }, 'That student is not in this group.'],
      [{ pointToNoticeIds: [elsewhere.steps[0].pointsToNotice[0].id] }, 'That point to notice is not in the lesson being taught.'],
      // No clock set: the lesson clock reads 0, and a note may run ten minutes ahead of it at most.
      [{ clockMs: 10 * 60_000 + 1 }, 'That note’s lesson time is later than the lesson clock. Check that the device shows the lesson clock.'],
    ];
    for (const [fields, message] of refusals) {
      const answer = await device.call('saveNote', { note: noteFor(setUp, fields) });
      expect(answer, message).toEqual({ ok: false, error: { code: expect.any(String), message } });
    }
    expect(await notesOnDisk(workspaceOf(setUp), setUp.lesson.cycle.id)).toEqual([]);
    expect((await device.call('saveNote', { note: noteFor(setUp, { clockMs: 10 * 60_000 }) })).ok).toBe(true);
  });

  it('a note about several students (a pair) is stored with both; one with a student of another lesson is refused, nothing written', async () => {
    const setUp = await started();
    const { device } = await joinedDevice(setUp);
    const elsewhere = await seedLesson(setUp.host.current(), { title: 'Another lesson' });
    const [a, b] = setUp.lesson.students;
    const refusals: Array<[Partial<DeviceNote>, string]> = [
      [{ target: { kind: 'students', studentIds: [a.id, elsewhere.students[0].id] } }, 'That student is not in this group.'],
      [{ target: { kind: 'students', studentIds: [a.id, a.id] } }, 'That note names the same student twice.'],
    ];
    for (const [fields, message] of refusals) {
      const answer = await device.call('saveNote', { note: noteFor(setUp, fields) });
      expect(answer, message).toEqual({ ok: false, error: { code: 'invalid-request', message } });
    }
    expect(await notesOnDisk(workspaceOf(setUp), setUp.lesson.cycle.id)).toEqual([]);

    const pair = noteFor(setUp, { target: { kind: 'students', studentIds: [b.id, a.id] } });
    expect((await device.call('saveNote', { note: pair })).ok).toBe(true);
    const stored = await notesOnDisk(workspaceOf(setUp), setUp.lesson.cycle.id);
    // The support's StoredNote leaves the target out; the file has it.
    expect(stored.map((n) => (n as typeof n & { target?: unknown }).target)).toEqual([{ kind: 'students', studentIds: [b.id, a.id] }]);
  });

  it('follows the lesson clock: a note fifteen minutes into a lesson the facilitator started five minutes ago is refused', async () => {
    const setUp = await started();
    const { device } = await joinedDevice(setUp);
    await setUp.service.setLessonClock({ cycleId: setUp.lesson.cycle.id, clock: { accumulatedMs: 0, runningSince: setUp.now.ms - 5 * 60_000 }, anchor: { index: 0, atMs: 0 } });
    expect((await device.call('saveNote', { note: noteFor(setUp, { clockMs: 15 * 60_000 + 1 }) })).ok).toBe(false);
    expect((await device.call('saveNote', { note: noteFor(setUp, { clockMs: 15 * 60_000 }) })).ok).toBe(true);
    expect(await notesOnDisk(workspaceOf(setUp), setUp.lesson.cycle.id)).toHaveLength(1);
  });

  it('cannot reach another lesson’s note through its id: the device’s note lands in this lesson only, and theirs stays as it was', async () => {
    const setUp = await started();
    const { device } = await joinedDevice(setUp);
    const elsewhere = await seedLesson(setUp.host.current(), { title: 'Another lesson' });
    const theirs = await setUp.service.saveObservation({
      observation: { ...noteFor(setUp), stepId: elsewhere.steps[0].id, cycleId: elsewhere.cycle.id, observerId: elsewhere.group.members[0].id, text: 'Their note', updatedAt: '2026-05-12T09:00:00.000Z' },
    });
    const answer = await device.call('saveNote', { note: noteFor(setUp, { id: theirs.id, text: 'Overwritten?' }) });
    expect(answer.ok).toBe(true);
    expect((await notesOnDisk(workspaceOf(setUp), setUp.lesson.cycle.id)).map((o) => o.text)).toEqual(['Overwritten?']);
    expect((await notesOnDisk(workspaceOf(setUp), elsewhere.cycle.id)).map((o) => o.text)).toEqual(['Their note']);
  });

  it('another observer’s notes cannot be changed or deleted from this device; its own can be deleted', async () => {
    const setUp = await started();
    const ben = await joinedDevice(setUp, { name: 'Ben’s phone', memberIndex: 1 });
    const aiko = await joinedDevice(setUp, { name: 'Aiko’s tablet', memberIndex: 0 });
    const bensNote = noteFor(setUp, { text: 'Ben saw this.' });
    expect((await ben.device.call('saveNote', { note: bensNote })).ok).toBe(true);
    expect(await aiko.device.call('saveNote', { note: { ...bensNote, text: 'Aiko changed it.' } })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'That note belongs to another observer.' },
    });
    expect(await aiko.device.call('deleteNote', { id: bensNote.id })).toEqual({ ok: false, error: { code: 'forbidden', message: 'That note belongs to another observer.' } });
    expect(await aiko.device.call('deleteNote', { id: randomUUID() })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const afterRefusals = await notesOnDisk(workspaceOf(setUp), setUp.lesson.cycle.id);
    expect(afterRefusals.map((o) => [o.text, o.deletedAt])).toEqual([['Ben saw this.', undefined]]);

    expect((await ben.device.call('deleteNote', { id: bensNote.id })).ok).toBe(true);
    expect((await ben.device.call('deleteNote', { id: bensNote.id })).ok).toBe(true);
    const records = await notesOnDisk(workspaceOf(setUp), setUp.lesson.cycle.id);
    expect(records).toHaveLength(2);
    expect(records[1].deletedAt).toBeDefined();
    expect((await setUp.service.getCaptureStatus({ cycleId: setUp.lesson.cycle.id })).devices.map((d) => d.noteCount)).toEqual([0, 0]);

    // A save still queued on the device when it deleted the note arrives late: the note stays deleted.
    expect((await ben.device.call('saveNote', { note: bensNote })).ok).toBe(true);
    expect((await setUp.service.getObservationSession({ cycleId: setUp.lesson.cycle.id })).observations.map((o) => [o.id, o.deletedAt !== undefined])).toEqual([[bensNote.id, true]]);
  });

  it('an edit can take the step off a note', async () => {
    const setUp = await started();
    const { device } = await joinedDevice(setUp);
    const note = noteFor(setUp);
    expect((await device.call('saveNote', { note })).ok).toBe(true);
    const { stepId: _step, ...withoutStep } = note;
    expect((await device.call('saveNote', { note: withoutStep })).ok).toBe(true);
    const [stored] = (await setUp.service.getObservationSession({ cycleId: setUp.lesson.cycle.id })).observations;
    expect(stored.stepId).toBeUndefined();
  });
});

describe('photos from a device', () => {
  it('attaches a photo and lets only the device that sent it put it on a note', async () => {
    const setUp = await started();
    const ben = await joinedDevice(setUp, { name: 'Ben’s phone', memberIndex: 1 });
    const aiko = await joinedDevice(setUp, { name: 'Aiko’s tablet', memberIndex: 0 });
    const attached = await ben.device.call<PhotoRef>('attachPhoto', { name: 'board.png', dataBase64: (await smallPng()).toString('base64') });
    expect(attached.ok).toBe(true);
    const photo = (attached as { value: PhotoRef }).value;
    expect(await photosOnDisk(workspaceOf(setUp))).toHaveLength(1);
    expect(await aiko.device.call('saveNote', { note: noteFor(setUp, { photos: [photo] }) })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'A photo on that note was not sent from this device. Take the photo again.' },
    });
    const forgedHash = { ...photo, hash: 'f'.repeat(64) };
    expect((await ben.device.call('saveNote', { note: noteFor(setUp, { photos: [forgedHash] }) })).ok).toBe(false);
    expect(await notesOnDisk(workspaceOf(setUp), setUp.lesson.cycle.id)).toEqual([]);
    expect((await ben.device.call('saveNote', { note: noteFor(setUp, { photos: [photo] }) })).ok).toBe(true);
  });

  it('refuses bytes that are not an image, and stores nothing', async () => {
    const setUp = await started();
    const { device } = await joinedDevice(setUp);
    const answer = await device.call('attachPhoto', { name: 'notes.txt', dataBase64: Buffer.from('not a picture').toString('base64') });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await photosOnDisk(workspaceOf(setUp))).toEqual([]);
  });
});

describe('the restricted sub-contract', () => {
  it('refuses every channel of the window’s contract sent through the device socket, and nothing changes', async () => {
    const setUp = await started();
    const { device } = await joinedDevice(setUp);
    expect(channelNames.filter((name) => (DEVICE_CHANNEL_NAMES as string[]).includes(name))).toEqual([]);
    const groupsBefore = await setUp.service.listGroups({});
    const cycleBefore = await setUp.service.getCycle({ cycleId: setUp.lesson.cycle.id });
    for (const name of channelNames) {
      const answer = await device.call(name, { cycleId: setUp.lesson.cycle.id, groupId: setUp.lesson.group.id });
      expect(answer, name).toEqual({ ok: false, error: { code: 'forbidden', message: `A device cannot ask for "${name}".` } });
    }
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect((await device.call(name, {})).ok, name).toBe(false);
    }
    expect(await setUp.service.listGroups({})).toEqual(groupsBefore);
    expect(await setUp.service.getCycle({ cycleId: setUp.lesson.cycle.id })).toEqual(cycleBefore);
    expect(await notesOnDisk(workspaceOf(setUp), setUp.lesson.cycle.id)).toEqual([]);
    expect((await setUp.service.getCaptureStatus({ cycleId: setUp.lesson.cycle.id })).open).toBe(true);
  });

  it('validates device calls with the protocol’s schemas', async () => {
    const setUp = await started();
    const { device } = await joinedDevice(setUp);
    expect(await device.call('getLesson', { cycleId: randomUUID() })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await device.call('saveNote', { note: { ...noteFor(setUp), text: 5 } })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await device.call('deleteNote', { id: '../../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await notesOnDisk(workspaceOf(setUp), setUp.lesson.cycle.id)).toEqual([]);
  });
});

describe('class mode and anticipated responses from a device', () => {
  it('records the class mode under the approved observer and this cycle, and a note tagged with an anticipated response of the lesson', async () => {
    const setUp = await started();
    const { device } = await joinedDevice(setUp);
    const changeId = randomUUID();
    const ack = await device.call<NoteAck>('setClassMode', { change: { id: changeId, clockMs: 120_000, wallTime: '2026-05-12T09:02:00.000Z', mode: 'pairs' } });
    expect(ack).toEqual({ ok: true, value: { id: changeId, updatedAt: '2026-05-12T09:00:00.000Z' } });
    const response = setUp.lesson.steps[0].anticipatedResponses[0];
    const note = noteFor(setUp, { anticipatedResponseIds: [response.id] });
    expect((await device.call('saveNote', { note })).ok).toBe(true);

    const session = await setUp.service.getObservationSession({ cycleId: setUp.lesson.cycle.id });
    expect(session.classModes.map((m) => ({ id: m.id, mode: m.mode, observerId: m.observerId, cycleId: m.cycleId, clockMs: m.clockMs }))).toEqual([
      { id: changeId, mode: 'pairs', observerId: setUp.lesson.group.members[1].id, cycleId: setUp.lesson.cycle.id, clockMs: 120_000 },
    ]);
    expect(session.observations.find((o) => o.id === note.id)?.anticipatedResponseIds).toEqual([response.id]);
  });

  it('refuses a class mode later than the lesson clock, another observer’s change, and a response not in the lesson — writing nothing', async () => {
    const setUp = await started();
    const ben = await joinedDevice(setUp, { name: 'Ben’s phone', memberIndex: 1 });
    const aiko = await joinedDevice(setUp, { name: 'Aiko’s tablet', memberIndex: 0 });
    await setUp.service.setLessonClock({ cycleId: setUp.lesson.cycle.id, clock: { accumulatedMs: 0, runningSince: setUp.now.ms - 5 * 60_000 }, anchor: { index: 0, atMs: 0 } });
    const late = await ben.device.call('setClassMode', { change: { id: randomUUID(), clockMs: 15 * 60_000 + 1, wallTime: '2026-05-12T09:15:00.000Z', mode: 'pairs' } });
    expect(late.ok).toBe(false);
    const bens = randomUUID();
    expect((await ben.device.call('setClassMode', { change: { id: bens, clockMs: 60_000, wallTime: '2026-05-12T09:01:00.000Z', mode: 'individual' } })).ok).toBe(true);
    const taken = await aiko.device.call('setClassMode', { change: { id: bens, clockMs: 60_000, wallTime: '2026-05-12T09:01:00.000Z', mode: 'whole-class' } });
    expect(taken).toEqual({ ok: false, error: { code: 'forbidden', message: 'That class-mode change belongs to another observer.' } });
    const foreign = await ben.device.call('saveNote', { note: noteFor(setUp, { anticipatedResponseIds: [randomUUID()] }) });
    expect(foreign).toEqual({ ok: false, error: { code: 'invalid-request', message: 'That anticipated response is not in the lesson being taught.' } });

    const session = await setUp.service.getObservationSession({ cycleId: setUp.lesson.cycle.id });
    expect(session.classModes.map((m) => m.mode)).toEqual(['individual']);
    expect(session.observations).toEqual([]);
  });
});
