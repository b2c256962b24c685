import type { LiveClock, ServerMessage } from '../../../shared/capture/protocol';
import type { CaptureStatus, captureChannels } from '../../../shared/contract/capture';
import type { Cycle } from '../../../shared/domain/cycle';
import { initialAnchor, stoppedClock } from '../../../shared/observe/clock';
import { LessonStudyError } from '../../../shared/result';
import { changeCycle, loadCycle } from '../cycles';
import { loadGroup } from '../groups';
import type { Backend } from '../index';
import { noLog, type AppLog } from '../log';
import type { ServiceFor } from '../service-types';
import { startCaptureDoor, type CaptureDoor, type DeviceLine, type DeviceLink, type Heartbeat } from './capture-door';
import { createDeviceService, deviceLesson, dispatchDeviceCall } from './device-service';
import { doorHostNames, reachableAddresses, systemNetworkInterfaces, type NetworkInterfaces } from './network';
import { createCaptureSession, type CaptureSession, type DeviceRecord, type JoinLimits } from './session';

/**
 * Live classroom capture on the facilitator's computer (issue #15): one capture session
 * per cycle in the observe phase, each with its own door on the school network, and the
 * lesson clock every device follows. The host implements the facilitator's channels with
 * this (shared/contract/capture.ts); devices reach only device-service.ts through the door.
 *
 * A session ends — every token stops working, every socket is told and closed — when the
 * facilitator ends it, the cycle leaves the observe phase (seen on each change of the
 * cycle file and on each device call), the workspace is switched, or the app quits.
 */

export interface CaptureHubOptions {
  getBackend: () => Backend;
  /** Where observer.html and assets/ are (dist/renderer). */
  rendererDir: string;
  /** 0.0.0.0 by default: the school network must reach it. Tests give 127.0.0.1. */
  host?: string;
  /** 0 (a free port) by default. */
  port?: number;
  networkInterfaces?: NetworkInterfaces;
  /** Host wall clock in ms (the lesson clock's time base); injected by tests. */
  nowMs?: () => number;
  limits?: JoinLimits;
  /** When device sockets are pinged (capture-door.ts); tests beat it themselves. */
  heartbeat?: Heartbeat;
  log?: AppLog;
  /** A device joined, was approved or removed, connected or left, or saved a note. */
  onChanged?: (cycleId: string) => void;
}

export interface CaptureHub {
  channels: ServiceFor<typeof captureChannels>;
  /** Watch a workspace just opened: a cycle that leaves the observe phase ends its session. */
  follow(backend: Backend): void;
  /** End every session (a workspace switch, the app quitting). */
  endAll(): Promise<void>;
}

interface OpenSession {
  session: CaptureSession;
  door: CaptureDoor;
  lines: Map<string, Set<DeviceLine>>;
}

interface StoredClock {
  clock: LiveClock['clock'];
  anchor: LiveClock['anchor'];
}

const notOpen = () => new LessonStudyError('not-found', 'No capture session is open for this lesson. Invite observers first.');

type Approved = DeviceRecord & { observer: { id: string; name: string } };
const isApproved = (device: DeviceRecord): device is Approved => device.state === 'approved' && device.observer !== undefined;

export const createCaptureHub = (options: CaptureHubOptions): CaptureHub => {
  const { getBackend, log = noLog } = options;
  const interfaces = options.networkInterfaces ?? systemNetworkInterfaces;
  const nowMs = options.nowMs ?? Date.now;
  const sessions = new Map<string, OpenSession>();
  const opening = new Map<string, Promise<OpenSession>>();
  const clocks = new Map<string, StoredClock>();
  /** The port each cycle's door last had, for as long as the app runs. */
  const lastPorts = new Map<string, number>();
  const changed = (cycleId: string) => options.onChanged?.(cycleId);

  const liveClock = (cycleId: string): LiveClock => {
    const stored = clocks.get(cycleId);
    return { clock: stored?.clock ?? stoppedClock, anchor: stored?.anchor ?? initialAnchor, hostNowMs: nowMs() };
  };

  const statusOf = (cycleId: string): CaptureStatus => {
    const open = sessions.get(cycleId);
    const addresses = reachableAddresses(interfaces);
    if (!open) return { cycleId, open: false, joinUrls: [], joinCode: '', devices: [], noNetwork: addresses.length === 0 };
    const { session, door } = open;
    return {
      cycleId,
      open: true,
      joinUrls: addresses.map((address) => `http://${address}:${door.port}/#join=${session.secret}`),
      joinCode: session.joinCode,
      devices: session.describe(),
      noNetwork: addresses.length === 0,
    };
  };

  const tell = (open: Pick<OpenSession, 'lines'>, deviceId: string, message: ServerMessage) => {
    for (const line of open.lines.get(deviceId) ?? []) line.send(message);
  };
  const closeLines = (open: Pick<OpenSession, 'lines'>, deviceId: string) => {
    for (const line of open.lines.get(deviceId) ?? []) line.close();
    open.lines.delete(deviceId);
  };

  const endSession = async (cycleId: string, why: string) => {
    const open = sessions.get(cycleId);
    if (!open) return;
    sessions.delete(cycleId);
    open.session.end();
    for (const device of open.session.devices()) {
      tell(open, device.id, { type: 'status', status: { status: 'ended' } });
      closeLines(open, device.id);
    }
    await open.door.close();
    log.event('capture-door-closed', { cycleId, port: open.door.port, why });
    changed(cycleId);
  };

  const checkObserving = (cycle: Cycle) => {
    if (cycle.phase !== 'observe') {
      throw new LessonStudyError('invalid-transition', 'Observers can join only while the cycle is in the observe phase.');
    }
  };

  /** The cycle as it is now; a cycle no longer observed (or gone) ends its session. */
  const stillObserving = async (cycleId: string): Promise<boolean> => {
    const cycle = await loadCycle(getBackend().context, cycleId).catch(() => null);
    if (cycle?.phase === 'observe') return true;
    await endSession(cycleId, 'cycle-left-observe');
    return false;
  };

  const statusMessage = async (cycleId: string, device: DeviceRecord): Promise<ServerMessage> =>
    isApproved(device)
      ? { type: 'status', status: { status: 'approved', lesson: await deviceLesson(getBackend(), cycleId, device, liveClock(cycleId)) } }
      : { type: 'status', status: { status: 'waiting' } };

  const attachDevice = async (open: Omit<OpenSession, 'door'>, token: string, line: DeviceLine): Promise<DeviceLink | null> => {
    const { session } = open;
    const cycleId = session.cycleId;
    const found = session.deviceByToken(token);
    if (!found || !(await stillObserving(cycleId)) || session.ended) return null;
    const device: DeviceRecord = found;
    const lines = open.lines.get(device.id) ?? new Set<DeviceLine>();
    open.lines.set(device.id, lines.add(line));
    device.sockets += 1;
    session.touch(device);
    changed(cycleId);
    line.send(await statusMessage(cycleId, device));
    const current = () => !session.ended && session.device(device.id) === device;
    return {
      async call(channel, request) {
        if (!current()) return { ok: false, error: { code: 'forbidden', message: 'This device is no longer part of the lesson.' } };
        session.touch(device);
        if (!isApproved(device)) {
          return { ok: false, error: { code: 'forbidden', message: 'Wait until the facilitator lets this device in.' } };
        }
        if (!(await stillObserving(cycleId))) {
          return { ok: false, error: { code: 'forbidden', message: 'The lesson is no longer being observed.' } };
        }
        const service = createDeviceService({ backend: getBackend(), cycleId, device, liveClock: () => liveClock(cycleId) });
        const result = await dispatchDeviceCall(service, channel, request);
        if (result.ok && (channel === 'saveNote' || channel === 'deleteNote')) changed(cycleId);
        return result;
      },
      seen: () => session.touch(device),
      closed() {
        lines.delete(line);
        device.sockets = Math.max(0, device.sockets - 1);
        session.touch(device);
        if (current()) changed(cycleId);
      },
    };
  };

  const openSession = async (cycleId: string): Promise<OpenSession> => {
    const backend = getBackend();
    checkObserving(await loadCycle(backend.context, cycleId));
    const session = createCaptureSession({ cycleId, newId: backend.context.newId, nowMs, limits: options.limits });
    const lines = new Map<string, Set<DeviceLine>>();
    const startDoor = (port: number) =>
      startCaptureDoor({
        host: options.host,
        port,
        rendererDir: options.rendererDir,
        hostNames: () => doorHostNames(interfaces),
        heartbeat: options.heartbeat,
        log,
        join(request, remoteAddress) {
          const answer = session.join(request, remoteAddress);
          log.event('capture-device-joined', { cycleId, deviceId: answer.deviceId });
          changed(cycleId);
          return answer;
        },
        attach: (token, line) => attachDevice({ session, lines }, token, line),
      });
    // The lesson's next session opens on the same port when it can: a device's page keeps
    // its unsent notes per address (IndexedDB is per origin), so there it finds them again and sends them.
    const again = options.port ? undefined : lastPorts.get(cycleId);
    let door: CaptureDoor;
    try {
      door = await startDoor(options.port || again || 0);
    } catch (error) {
      if (again === undefined) throw error;
      door = await startDoor(0);
    }
    lastPorts.set(cycleId, door.port);
    log.event('capture-door-opened', { cycleId, port: door.port });
    return { session, lines, door };
  };

  const sessionFor = (cycleId: string): OpenSession => {
    const open = sessions.get(cycleId);
    if (!open) throw notOpen();
    return open;
  };

  const channels: ServiceFor<typeof captureChannels> = {
    async openCaptureSession({ cycleId }) {
      if (!sessions.has(cycleId)) {
        // Two quick clicks open one session, not two doors.
        let pending = opening.get(cycleId);
        if (!pending) {
          pending = openSession(cycleId).finally(() => opening.delete(cycleId));
          opening.set(cycleId, pending);
          sessions.set(cycleId, await pending);
          changed(cycleId);
        } else await pending;
      }
      return statusOf(cycleId);
    },

    async getCaptureStatus({ cycleId }) {
      await loadCycle(getBackend().context, cycleId);
      return statusOf(cycleId);
    },

    async approveDevice({ cycleId, deviceId, observer, focusStudentIds }) {
      const open = sessionFor(cycleId);
      const device = open.session.device(deviceId);
      if (!device) throw new LessonStudyError('not-found', 'That device is no longer asking to join.');
      const ctx = getBackend().context;
      const cycle = await loadCycle(ctx, cycleId);
      if (!(await stillObserving(cycleId))) checkObserving(cycle);
      const group = await loadGroup(ctx, cycle.groupId);
      const unknownStudent = focusStudentIds.find((id) => !group.focusStudents.some((s) => s.id === id));
      if (unknownStudent) throw new LessonStudyError('invalid-request', 'A focus student chosen for this observer is not in the group.');
      let who: { id: string; name: string };
      if (observer.kind === 'member') {
        const member = group.members.find((m) => m.id === observer.memberId);
        if (!member) throw new LessonStudyError('invalid-request', 'That person is not a member of this group.');
        who = { id: member.id, name: member.name };
      } else {
        // The same guest approved on a second device writes as the same observer.
        const sameName = (name: string) => name.localeCompare(observer.name, undefined, { sensitivity: 'accent' }) === 0;
        const saved = await changeCycle(ctx, cycleId, (current) =>
          current.guestObservers.some((guest) => sameName(guest.name))
            ? current
            : { ...current, guestObservers: [...current.guestObservers, { id: ctx.newId(), name: observer.name }] },
        );
        who = saved.guestObservers.find((guest) => sameName(guest.name))!;
      }
      if (open.session.device(deviceId) !== device) throw new LessonStudyError('not-found', 'That device is no longer asking to join.');
      device.state = 'approved';
      device.observer = who;
      device.focusStudentIds = focusStudentIds;
      log.event('capture-device-approved', { cycleId, deviceId, observer: observer.kind });
      tell(open, deviceId, await statusMessage(cycleId, device));
      changed(cycleId);
      return statusOf(cycleId);
    },

    async removeDevice({ cycleId, deviceId }) {
      const open = sessionFor(cycleId);
      if (!open.session.remove(deviceId)) throw new LessonStudyError('not-found', 'That device is no longer in this lesson.');
      tell(open, deviceId, { type: 'status', status: { status: 'removed' } });
      closeLines(open, deviceId);
      log.event('capture-device-removed', { cycleId, deviceId });
      changed(cycleId);
      return statusOf(cycleId);
    },

    async endCaptureSession({ cycleId }) {
      await endSession(cycleId, 'ended-by-facilitator');
      return statusOf(cycleId);
    },

    async setLessonClock({ cycleId, clock, anchor }) {
      await loadCycle(getBackend().context, cycleId);
      clocks.set(cycleId, { clock, anchor });
      const live = liveClock(cycleId);
      const open = sessions.get(cycleId);
      if (open) for (const device of open.session.devices()) if (isApproved(device)) tell(open, device.id, { type: 'clock', clock: live });
      return live;
    },

    async getLessonClock({ cycleId }) {
      await loadCycle(getBackend().context, cycleId);
      return clocks.has(cycleId) ? liveClock(cycleId) : null;
    },
  };

  return {
    channels,
    follow(backend) {
      backend.context.store.changeListeners.push(async (rel, value) => {
        const cycleId = /^cycles\/([^/]+)\.json$/.exec(rel)?.[1];
        if (!cycleId || !sessions.has(cycleId) || backend !== getBackend()) return;
        const phase = (value as { cycle?: { phase?: string } } | null)?.cycle?.phase;
        if (phase !== 'observe') void endSession(cycleId, 'cycle-left-observe');
      });
    },
    async endAll() {
      await Promise.all([...opening.values()].map((pending) => pending.catch(() => undefined)));
      await Promise.all([...sessions.keys()].map((cycleId) => endSession(cycleId, 'closed')));
      clocks.clear();
    },
  };
};
