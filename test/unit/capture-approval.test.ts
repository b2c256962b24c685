import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceLesson, LiveClock } from '../../shared/capture/protocol';
import { Device, joinedDevice, portOf, postJoin, setUpCapture, type CaptureSetUp } from './support/capture-devices';

/**
 * The facilitator's side of live capture: approving devices (as members or named
 * guests), the one lesson clock, and every way a session ends.
 */

let running: Array<{ setUp: CaptureSetUp; closed: boolean }> = [];
afterEach(async () => {
  for (const entry of running) if (!entry.closed) await entry.setUp.host.close();
  running = [];
});
const started = async () => {
  const setUp = await setUpCapture();
  running.push({ setUp, closed: false });
  return setUp;
};

const lessonOf = (device: Device): DeviceLesson => {
  const approved = device.messages.flatMap((m) => (m.type === 'status' && m.status.status === 'approved' ? [m.status.lesson] : []));
  return approved[approved.length - 1];
};

describe('approval', () => {
  it('a waiting device is told it waits and can read nothing of the lesson', async () => {
    const setUp = await started();
    const { device } = await joinedDevice(setUp, { approve: false });
    expect(device.statuses()).toEqual(['waiting']);
    expect(JSON.stringify(device.messages)).not.toContain('Fractions');
    expect(JSON.stringify(device.messages)).not.toContain('Student A');
    const lesson = await device.call('getLesson', {});
    expect(lesson).toEqual({ ok: false, error: { code: 'forbidden', message: 'Wait until the facilitator lets this device in.' } });
    const status = await setUp.service.getCaptureStatus({ cycleId: setUp.lesson.cycle.id });
    expect(status.devices.map((d) => [d.name, d.state, d.connected])).toEqual([['Ben’s iPad', 'waiting', true]]);
  });

  it('approving as a member pushes the lesson to the device: steps, active codes, pseudonyms only, the clock', async () => {
    const setUp = await started();
    const { device, deviceId } = await joinedDevice(setUp, { approve: false });
    const [student] = setUp.lesson.students;
    await setUp.service.approveDevice({
      cycleId: setUp.lesson.cycle.id,
      deviceId,
      observer: { kind: 'member', memberId: setUp.lesson.group.members[1].id },
      focusStudentIds: [student.id],
    });
    await device.waitForStatus('approved');
    const lesson = lessonOf(device);
    expect(lesson.cycle).toEqual({ id: setUp.lesson.cycle.id, title: 'Cycle 1: fractions' });
    expect(lesson.observer).toEqual({ id: setUp.lesson.group.members[1].id, name: 'Ben Ortiz' });
    expect(lesson.focusStudentIds).toEqual([student.id]);
    expect(lesson.steps.map((s) => s.title)).toEqual(['Introduce the problem', 'Independent problem solving', 'Whole-class discussion']);
    expect(lesson.students).toEqual(setUp.lesson.students.map((s) => ({ id: s.id, pseudonym: s.pseudonym })));
    expect(lesson.codebook.length).toBeGreaterThan(0);
    expect(lesson.clock).toEqual({ clock: { accumulatedMs: 0, runningSince: null }, anchor: { index: 0, atMs: 0 }, hostNowMs: setUp.now.ms });
    const status = await setUp.service.getCaptureStatus({ cycleId: setUp.lesson.cycle.id });
    expect(status.devices[0]).toMatchObject({ state: 'approved', observerName: 'Ben Ortiz', focusStudentIds: [student.id], noteCount: 0 });
    const answer = await device.call<DeviceLesson>('getLesson', {});
    expect(answer.ok && answer.value.observer.name).toBe('Ben Ortiz');
  });

  it('refuses someone who is not a member of the group, or a focus student of no one in it; the device keeps waiting', async () => {
    const setUp = await started();
    const { device, deviceId } = await joinedDevice(setUp, { approve: false });
    const other = await setUp.service.createGroup({ name: 'Other school', schools: [], subject: '', gradeBand: '', researchTheme: '', norms: [], members: [{ id: crypto.randomUUID(), name: 'Stranger', role: 'observer' }] });
    await expect(
      setUp.service.approveDevice({ cycleId: setUp.lesson.cycle.id, deviceId, observer: { kind: 'member', memberId: other.members[0].id }, focusStudentIds: [] }),
    ).rejects.toMatchObject({ code: 'invalid-request', message: 'That person is not a member of this group.' });
    await expect(
      setUp.service.approveDevice({ cycleId: setUp.lesson.cycle.id, deviceId, observer: { kind: 'guest', name: 'Dr. Sato' }, focusStudentIds: [crypto.randomUUID()] }),
    ).rejects.toMatchObject({ code: 'invalid-request' });
    expect((await setUp.service.getCycle({ cycleId: setUp.lesson.cycle.id })).guestObservers).toEqual([]);
    expect((await setUp.service.getCaptureStatus({ cycleId: setUp.lesson.cycle.id })).devices[0].state).toBe('waiting');
    expect(device.statuses()).toEqual(['waiting']);
  });

  it('a guest is saved in the cycle by name; a second device for the same guest writes as the same observer', async () => {
    const setUp = await started();
    const cycleId = setUp.lesson.cycle.id;
    const first = await joinedDevice(setUp, { approve: false, name: 'Visitor phone' });
    const second = await joinedDevice(setUp, { approve: false, name: 'Visitor tablet' });
    await setUp.service.approveDevice({ cycleId, deviceId: first.deviceId, observer: { kind: 'guest', name: 'Dr. Sato' }, focusStudentIds: [] });
    await setUp.service.approveDevice({ cycleId, deviceId: second.deviceId, observer: { kind: 'guest', name: 'dr. sato' }, focusStudentIds: [] });
    await first.device.waitForStatus('approved');
    await second.device.waitForStatus('approved');
    const onDisk = JSON.parse(await readFile(path.join(setUp.userData, 'workspace', 'cycles', `${cycleId}.json`), 'utf8'));
    expect(onDisk.cycle.guestObservers).toHaveLength(1);
    expect(onDisk.cycle.guestObservers[0].name).toBe('Dr. Sato');
    const guestId = onDisk.cycle.guestObservers[0].id;
    expect(lessonOf(first.device).observer).toEqual({ id: guestId, name: 'Dr. Sato' });
    expect(lessonOf(second.device).observer).toEqual({ id: guestId, name: 'Dr. Sato' });
    const session = await setUp.service.getObservationSession({ cycleId });
    expect(session.cycle.guestObservers).toEqual([{ id: guestId, name: 'Dr. Sato' }]);
  });

  it('tells the pages on every join, approval and connection, naming the cycle', async () => {
    const setUp = await started();
    const cycleId = setUp.lesson.cycle.id;
    const status = await setUp.service.openCaptureSession({ cycleId });
    const before = setUp.changes.length;
    const reply = await postJoin(portOf(status.joinUrls[0]), { code: status.joinCode, deviceName: 'Phone' });
    expect(setUp.changes.length).toBe(before + 1);
    const device = await Device.connect(portOf(status.joinUrls[0]));
    device.hello(JSON.parse(reply.body).value.deviceToken);
    await expect.poll(() => setUp.changes.length).toBe(before + 2);
    await setUp.service.approveDevice({ cycleId, deviceId: JSON.parse(reply.body).value.deviceId, observer: { kind: 'guest', name: 'Visitor' }, focusStudentIds: [] });
    expect(setUp.changes.length).toBe(before + 3);
    device.close();
    await expect.poll(() => setUp.changes.length).toBe(before + 4);
    expect(new Set(setUp.changes)).toEqual(new Set([cycleId]));
    expect((await setUp.service.getCaptureStatus({ cycleId })).devices[0].connected).toBe(false);
  });
});

describe('the app log', () => {
  it('records the door and each device by ids and codes only: never a device’s or a guest’s name', async () => {
    const setUp = await started();
    const cycleId = setUp.lesson.cycle.id;
    const { deviceId } = await joinedDevice(setUp, { approve: false, name: 'Aiko Tanaka’s iPad' });
    await setUp.service.approveDevice({ cycleId, deviceId, observer: { kind: 'guest', name: 'Dr. Hiroshi Sato' }, focusStudentIds: [] });
    await setUp.service.removeDevice({ cycleId, deviceId });
    await setUp.service.endCaptureSession({ cycleId });
    const capture = setUp.logged.filter((entry) => String(entry.event).startsWith('capture-'));
    expect(capture.map((entry) => entry.event)).toEqual([
      'capture-door-opened',
      'capture-device-joined',
      'capture-device-approved',
      'capture-device-removed',
      'capture-door-closed',
    ]);
    expect(capture[2]).toEqual({ event: 'capture-device-approved', cycleId, deviceId, observer: 'guest' });
    const text = JSON.stringify(setUp.logged);
    expect(text).not.toContain('Aiko');
    expect(text).not.toContain('Sato');
  });
});

describe('one lesson clock', () => {
  it('pushes the facilitator’s clock to every approved device at once, with the host’s time; waiting devices hear nothing', async () => {
    const setUp = await started();
    const cycleId = setUp.lesson.cycle.id;
    const approved = await joinedDevice(setUp, { name: 'Approved' });
    const waiting = await joinedDevice(setUp, { name: 'Waiting', approve: false });
    expect(await setUp.service.getLessonClock({ cycleId })).toBeNull();
    setUp.now.ms += 5_000;
    const started10 = { accumulatedMs: 0, runningSince: setUp.now.ms - 10_000 };
    const live = await setUp.service.setLessonClock({ cycleId, clock: started10, anchor: { index: 1, atMs: 4_000 } });
    const expected: LiveClock = { clock: started10, anchor: { index: 1, atMs: 4_000 }, hostNowMs: setUp.now.ms };
    expect(live).toEqual(expected);
    await expect.poll(() => approved.device.messages.filter((m) => m.type === 'clock')).toEqual([{ type: 'clock', clock: expected }]);
    expect(waiting.device.messages.filter((m) => m.type === 'clock')).toEqual([]);
    setUp.now.ms += 1_000;
    expect(await setUp.service.getLessonClock({ cycleId })).toEqual({ ...expected, hostNowMs: setUp.now.ms });
  });
});

describe('a session ends', () => {
  it('removing a device tells it, closes its socket, and its token stops working', async () => {
    const setUp = await started();
    const { device, deviceId, deviceToken, port } = await joinedDevice(setUp);
    const status = await setUp.service.removeDevice({ cycleId: setUp.lesson.cycle.id, deviceId });
    expect(status.devices).toEqual([]);
    await device.waitForStatus('removed');
    await device.waitForClose();
    const again = await Device.connect(port);
    again.hello(deviceToken);
    await again.waitForClose();
    expect(again.messages.map((m) => m.type)).toEqual(['refused']);
  });

  it('ending the session tells every device, closes the sockets and the door', async () => {
    const setUp = await started();
    const a = await joinedDevice(setUp, { name: 'A' });
    const b = await joinedDevice(setUp, { name: 'B', approve: false });
    const status = await setUp.service.endCaptureSession({ cycleId: setUp.lesson.cycle.id });
    expect(status).toMatchObject({ open: false, joinUrls: [], joinCode: '', devices: [] });
    for (const { device } of [a, b]) {
      await device.waitForStatus('ended');
      await device.waitForClose();
    }
    await expect(postJoin(a.port, { code: 'ABCDEF', deviceName: 'Late' })).rejects.toThrow();
  });

  it('the cycle leaving the observe phase ends the session', async () => {
    const setUp = await started();
    const { device, deviceToken, port } = await joinedDevice(setUp);
    await setUp.service.moveCycle({ cycleId: setUp.lesson.cycle.id, to: 'teach', by: 'facilitator', reason: 'The lesson was postponed.' });
    await device.waitForStatus('ended');
    await device.waitForClose();
    expect((await setUp.service.getCaptureStatus({ cycleId: setUp.lesson.cycle.id })).open).toBe(false);
    await expect(Device.connect(port).then((d) => d.hello(deviceToken))).rejects.toThrow();
  });

  it('switching to another workspace ends every session', async () => {
    const setUp = await started();
    const { device } = await joinedDevice(setUp);
    const other = path.join(setUp.userData, 'other-workspace');
    setUp.settings.addRecentWorkspace(other);
    await setUp.service.openRecentWorkspace({ path: other });
    await device.waitForStatus('ended');
    await device.waitForClose();
  });

  it('quitting the app ends every session', async () => {
    const setUp = await started();
    const { device } = await joinedDevice(setUp);
    running[running.length - 1].closed = true;
    await setUp.host.close();
    await device.waitForStatus('ended');
    await device.waitForClose();
  });
});
