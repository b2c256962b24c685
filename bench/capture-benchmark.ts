import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { WebSocket } from 'ws';
import { createBackend } from '../electron/backend';
import { noEffects } from '../electron/backend/context';
import { createHost } from '../electron/backend/host';
import { dispatch } from '../electron/dispatch';
import { createMemoryStore, createSettings } from '../electron/settings';
import type { DeviceNote, ServerMessage } from '../shared/capture/protocol';
import type { BackendService } from '../shared/contract';
import { seedLesson } from '../test/unit/observ-seed';
import { sendRaw } from '../test/unit/support/door-client';
import { median, row, type Row } from './measure';

/**
 * Live capture at a public research lesson (issue #15): DEVICES observers' devices, each a
 * WebSocket client on loopback, save a note every NOTE_EVERY_MS for the whole duration
 * (two minutes; `--quick` shortens it). Measured: the time from sending a note to its
 * acknowledgement (p50, p99 against the 50 ms target), and afterwards, from the workspace
 * opened again from disk, how many notes were lost or duplicated (both must be zero).
 * One note in twenty is sent a second time after its acknowledgement, as a device whose
 * connection dropped would: the resend must not become a second note.
 */

const DEVICES = 100;
const NOTE_EVERY_MS = 3_000;
const ACK_TARGET_MS = 50;
const BASELINE_NOTES = 200;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const quantile = (samples: number[], q: number) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};

export interface BenchDevice {
  socket: WebSocket;
  waiting: Map<string, (ok: boolean) => void>;
  approved: Promise<void>;
}

export const connectDevice = (port: number, token: string): Promise<BenchDevice> =>
  new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws`, { headers: { origin: `http://127.0.0.1:${port}` } });
    const waiting = new Map<string, (ok: boolean) => void>();
    let approve: () => void = () => undefined;
    const approved = new Promise<void>((done) => (approve = done));
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as ServerMessage;
      if (message.type === 'status' && message.status.status === 'approved') approve();
      if (message.type === 'reply') {
        waiting.get(message.id)?.(message.result.ok);
        waiting.delete(message.id);
      }
    });
    socket.once('open', () => {
      socket.send(JSON.stringify({ type: 'hello', deviceToken: token }));
      resolve({ socket, waiting, approved });
    });
    socket.once('error', reject);
  });

/** Send one call and wait for its reply; the milliseconds it took, or null when refused. */
export const callTimed = (device: BenchDevice, request: unknown): Promise<number | null> => {
  const id = randomUUID();
  const start = performance.now();
  return new Promise((resolve) => {
    device.waiting.set(id, (ok) => resolve(ok ? performance.now() - start : null));
    device.socket.send(JSON.stringify({ type: 'call', id, channel: 'saveNote', request }));
  });
};

/**
 * Open the cycle's capture session and bring `count` devices in as a room would: each
 * joins by the typed code over the door's HTTP, opens its socket, and is approved as a
 * guest observer of its own.
 */
export const joinDevices = async (service: Pick<BackendService, 'openCaptureSession' | 'approveDevice'>, cycleId: string, count: number): Promise<BenchDevice[]> => {
  const status = await service.openCaptureSession({ cycleId });
  const port = Number(new URL(status.joinUrls[0]).port);
  const devices: BenchDevice[] = [];
  for (let i = 0; i < count; i++) {
    const joined = await sendRaw(port, 'POST', '/join', { host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}`, 'content-type': 'application/json' }, JSON.stringify({ code: status.joinCode, deviceName: `Device ${i + 1}` }));
    if (joined.status !== 200) throw new Error(`device ${i + 1} could not join: ${joined.status} ${joined.body}`);
    const { deviceId, deviceToken } = JSON.parse(joined.body).value as { deviceId: string; deviceToken: string };
    const device = await connectDevice(port, deviceToken);
    await service.approveDevice({ cycleId, deviceId, observer: { kind: 'guest', name: `Guest observer ${i + 1}` }, focusStudentIds: [] });
    await device.approved;
    devices.push(device);
  }
  return devices;
};

/** A school laptop on the Wi-Fi, whatever network the machine running the benchmark has. */
export const schoolWifi = () => ({ wlan0: [{ address: '192.168.1.23', netmask: '255.255.255.0', family: 'IPv4' as const, mac: '02:00:00:00:00:01', internal: false, cidr: '192.168.1.23/24' }] });

/** Every simulated device comes from 127.0.0.1: the join throttle must let a whole hall in. */
export const hallLimits = (devices: number) => ({ perAddress: devices * 2, overall: devices * 2, windowMs: 60_000, maxDevices: devices * 2 });

export interface CaptureBenchOptions {
  durationMs: number;
  devices?: number;
}

export const captureBenchmark = async ({ durationMs, devices: deviceCount = DEVICES }: CaptureBenchOptions): Promise<Row[]> => {
  const userData = await mkdtemp(path.join(tmpdir(), 'ls-bench-capture-'));
  const rendererDir = path.join(userData, 'renderer');
  await mkdir(rendererDir, { recursive: true });
  await writeFile(path.join(rendererDir, 'observer.html'), '<!doctype html>');
  const workspaceDir = path.join(userData, 'workspace');
  const host = await createHost({
    settings: createSettings(createMemoryStore()),
    effects: noEffects,
    defaultWorkspaceDir: workspaceDir,
    samplesDir: path.join(userData, 'samples'),
    sampleSourceDir: path.join(userData, 'no-sample'),
    capture: {
      rendererDir,
      host: '127.0.0.1',
      networkInterfaces: schoolWifi,
      limits: hallLimits(deviceCount),
    },
  });
  let closed = false;
  try {
    const lesson = await seedLesson(host.current());
    const cycleId = lesson.cycle.id;
    const noteAt = (clockMs: number, text: string): DeviceNote => {
      const now = new Date().toISOString();
      return { id: randomUUID(), clockMs, wallTime: now, stepId: lesson.steps[0].id, target: { kind: 'class' }, codeIds: [], text, photos: [], pointToNoticeIds: [], createdAt: now };
    };

    // Baseline: the same note saved in-process through dispatch, as the window's own door does.
    const observerId = lesson.group.members[0].id;
    const baseline: number[] = [];
    for (let i = 0; i < BASELINE_NOTES; i++) {
      const start = performance.now();
      const saved = await dispatch(host.service, 'saveObservation', {
        observation: { ...noteAt(1_000, `Baseline note ${i}`), cycleId, observerId, updatedAt: new Date().toISOString() },
      });
      if (!saved.ok) throw new Error(`baseline note refused: ${saved.error.message}`);
      baseline.push(performance.now() - start);
    }

    const devices = await joinDevices(host.service, cycleId, deviceCount);
    const lessonStart = Date.now();
    await host.service.setLessonClock({ cycleId, clock: { accumulatedMs: 0, runningSince: lessonStart }, anchor: { index: 0, atMs: 0 } });

    const latencies: number[] = [];
    const sent = new Set<string>();
    let refused = 0;
    const runDevice = async (device: BenchDevice, index: number) => {
      // Spread the devices over the interval, as a room of observers writes.
      await pause((index * NOTE_EVERY_MS) / devices.length);
      for (let n = 0; performance.now() - started < durationMs; n++) {
        const tick = performance.now();
        const note = noteAt(Date.now() - lessonStart, `Device ${index + 1}, note ${n + 1}: a student explained why 3/4 is less than 1.`);
        sent.add(note.id);
        const took = await callTimed(device, { note });
        if (took === null) refused += 1;
        else latencies.push(took);
        if (n % 20 === 19 && (await callTimed(device, { note })) === null) refused += 1;
        await pause(Math.max(0, NOTE_EVERY_MS - (performance.now() - tick)));
      }
    };
    const started = performance.now();
    await Promise.all(devices.map(runDevice));
    for (const device of devices) device.socket.close();
    closed = true;
    await host.close();

    // Count from the files, in a backend opened afresh: what a facilitator would see after a restart.
    const reopened = await createBackend({ workspaceDir });
    const stored = (await reopened.service.getObservationSession({ cycleId })).observations.filter((o) => !o.deletedAt && !o.text.startsWith('Baseline'));
    await reopened.close();
    const storedIds = new Set(stored.map((o) => o.id));
    const lost = [...sent].filter((id) => !storedIds.has(id)).length + refused;
    // Notes in the workspace beyond the ones sent: a resend stored as a second note would count here.
    const duplicated = stored.length - [...sent].filter((id) => storedIds.has(id)).length;
    const p50 = quantile(latencies, 0.5);
    const p99 = quantile(latencies, 0.99);
    const label = `capture: ${devices.length} devices × 1 note / ${NOTE_EVERY_MS / 1000} s for ${Math.round(durationMs / 1000)} s (${sent.size} notes)`;
    console.log(`${label}: p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms, max ${Math.max(...latencies).toFixed(2)} ms, lost ${lost}, duplicated ${duplicated}`);
    const ackRow = (name: string, value: number, limit?: number): Row => ({
      ...row(name, latencies, 'in-process saveObservation', baseline),
      value: Number(value.toFixed(3)),
      ratio: Number((value / median(baseline)).toFixed(2)),
      ...(limit === undefined ? {} : { max: Number(value.toFixed(3)), limit }),
    });
    const count = (name: string, value: number): Row => ({ name, value, unit: 'notes', baseline: null, ratio: null, target: null, spread: '—', baselineName: '—', max: value, limit: 0 });
    return [
      ackRow(`${label}: send → ack p50`, p50),
      ackRow(`${label}: send → ack p99`, p99, ACK_TARGET_MS),
      count(`${label}: notes lost`, lost),
      count(`${label}: notes duplicated`, duplicated),
    ];
  } finally {
    if (!closed) await host.close().catch(() => undefined);
    await rm(userData, { recursive: true, force: true });
  }
};
