import { mkdir, writeFile } from 'node:fs/promises';
import type { NetworkInterfaceInfo } from 'node:os';
import * as path from 'node:path';
import { expect } from 'vitest';
import { WebSocket } from 'ws';
import { noEffects } from '../../../electron/backend/context';
import { createHost, type Host } from '../../../electron/backend/host';
import { createMemoryStore, createSettings } from '../../../electron/settings';
import type { Heartbeat } from '../../../electron/backend/capture/capture-door';
import type { ServerMessage } from '../../../shared/capture/protocol';
import type { Result } from '../../../shared/result';
import { seedLesson } from '../observ-seed';
import { sendRaw, type Reply } from './door-client';
import { tempDir } from './temp';

/**
 * A facilitator's host over a temporary workspace with one lesson in the observe phase,
 * its capture door on 127.0.0.1, and observer devices as `ws` clients: what the capture
 * tests and the capture benchmark share.
 */

export const OBSERVER_PAGE_TEXT = '<!doctype html><title>Observer</title>';
export const APP_PAGE_TEXT = '<!doctype html><div id="root">the whole app</div>';

/** A laptop on the school Wi-Fi: loopback plus one private address (the door still listens on 127.0.0.1 in tests). */
export const schoolNetwork = (): NodeJS.Dict<NetworkInterfaceInfo[]> => ({
  lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' }],
  wlan0: [
    { address: '192.168.1.23', netmask: '255.255.255.0', family: 'IPv4', mac: '02:00:00:00:00:01', internal: false, cidr: '192.168.1.23/24' },
    { address: 'fe80::1', netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac: '02:00:00:00:00:01', internal: false, cidr: 'fe80::1/64', scopeid: 2 },
  ],
});

export interface CaptureSetUpOptions {
  /** Host wall clock (ms); the test moves it. */
  now?: { ms: number };
  withObserverPage?: boolean;
  interfaces?: () => NodeJS.Dict<NetworkInterfaceInfo[]>;
  limits?: { perAddress: number; overall: number; windowMs: number; maxDevices: number };
  heartbeat?: Heartbeat;
}

/** A heartbeat the test beats itself: `beat()` is one tick on every socket's heartbeat. */
export const manualHeartbeat = () => {
  const beats = new Set<() => void>();
  const heartbeat: Heartbeat = (beat) => {
    beats.add(beat);
    return () => void beats.delete(beat);
  };
  return { heartbeat, sockets: () => beats.size, beat: () => [...beats].forEach((beat) => beat()) };
};

export const setUpCapture = async (options: CaptureSetUpOptions = {}) => {
  const now = options.now ?? { ms: Date.parse('2026-05-12T09:00:00.000Z') };
  const userData = await tempDir('ls-capture-');
  const rendererDir = path.join(userData, 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  if (options.withObserverPage !== false) await writeFile(path.join(rendererDir, 'observer.html'), OBSERVER_PAGE_TEXT);
  await writeFile(path.join(rendererDir, 'index.html'), APP_PAGE_TEXT);
  await writeFile(path.join(rendererDir, 'assets', 'observer.js'), 'console.log("observer")');
  await writeFile(path.join(userData, 'secret.txt'), 'outside the renderer folder');
  const changes: string[] = [];
  const logged: Array<Record<string, unknown>> = [];
  const settings = createSettings(createMemoryStore());
  const host: Host = await createHost({
    settings,
    log: { event: (event, fields = {}) => logged.push({ event, ...fields }) },
    effects: noEffects,
    defaultWorkspaceDir: path.join(userData, 'workspace'),
    samplesDir: path.join(userData, 'samples'),
    sampleSourceDir: path.join(userData, 'no-sample'),
    clock: () => new Date(now.ms),
    capture: { rendererDir, host: '127.0.0.1', port: 0, networkInterfaces: options.interfaces ?? schoolNetwork, nowMs: () => now.ms, limits: options.limits, heartbeat: options.heartbeat },
    onCaptureChanged: (cycleId) => changes.push(cycleId),
  });
  const lesson = await seedLesson(host.current());
  return { host, lesson, now, userData, rendererDir, changes, logged, settings, service: host.service };
};

export type CaptureSetUp = Awaited<ReturnType<typeof setUpCapture>>;

export const portOf = (joinUrl: string): number => Number(new URL(joinUrl).port);
export const secretOf = (joinUrl: string): string => new URL(joinUrl).hash.replace('#join=', '');

/** The headers a browser on the device sends to the door at 127.0.0.1:port. */
export const browserHeaders = (port: number) => ({ host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}`, 'content-type': 'application/json' });

export const postJoin = (port: number, body: unknown, headers: Record<string, string> = browserHeaders(port)): Promise<Reply> =>
  sendRaw(port, 'POST', '/join', headers, JSON.stringify(body));

/** One observer's device on a socket: the messages it got, and calls that resolve with their reply. */
export class Device {
  readonly messages: ServerMessage[] = [];
  /** Pings received (each answered before it is counted, unless the device was made not to answer). */
  pings = 0;
  closed = false;
  closeCode: number | null = null;
  private nextCall = 1;
  private readonly waiting = new Map<string, (result: Result<unknown>) => void>();
  private readonly sentAt = new Map<string, number>();

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as ServerMessage;
      this.messages.push(message);
      if (message.type === 'reply') {
        this.waiting.get(message.id)?.(message.result as Result<unknown>);
        this.waiting.delete(message.id);
      }
    });
    socket.on('ping', () => this.pings++);
    socket.on('close', (code) => {
      this.closed = true;
      this.closeCode = code;
    });
    socket.on('error', () => undefined);
  }

  /** Opens the socket (rejecting with the HTTP status when the upgrade is refused). */
  static connect(port: number, headers: Record<string, string> = browserHeaders(port), { answersPings = true } = {}): Promise<Device> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(`ws://127.0.0.1:${port}/ws`, { headers: { host: headers.host, origin: headers.origin }, autoPong: answersPings });
      socket.once('open', () => resolve(new Device(socket)));
      socket.once('unexpected-response', (_request, response) => reject(new Error(`refused ${response.statusCode}`)));
      socket.once('error', reject);
    });
  }

  hello(token: string): void {
    this.socket.send(JSON.stringify({ type: 'hello', deviceToken: token }));
  }

  call<T = unknown>(channel: string, request: unknown): Promise<Result<T>> {
    const id = `call-${this.nextCall++}`;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve as (result: Result<unknown>) => void);
      this.socket.send(JSON.stringify({ type: 'call', id, channel, request }));
    });
  }

  statuses(): string[] {
    return this.messages.flatMap((m) => (m.type === 'status' ? [m.status.status] : []));
  }

  async waitForStatus(status: string): Promise<void> {
    await expect.poll(() => this.statuses(), { timeout: 5000 }).toContain(status);
  }

  async waitForClose(): Promise<void> {
    await expect.poll(() => this.closed, { timeout: 5000 }).toBe(true);
  }

  close(): void {
    this.socket.close();
  }
}

/** Opens the session, joins a device by code and (unless `approve: false`) approves it as the group's observer member. */
export const joinedDevice = async (
  setUp: CaptureSetUp,
  { name = 'Ben’s iPad', approve = true, memberIndex = 1 }: { name?: string; approve?: boolean; memberIndex?: number } = {},
) => {
  const status = await setUp.service.openCaptureSession({ cycleId: setUp.lesson.cycle.id });
  const port = portOf(status.joinUrls[0]);
  const reply = await postJoin(port, { code: status.joinCode, deviceName: name, language: 'en' });
  expect(reply.status).toBe(200);
  const { deviceId, deviceToken } = JSON.parse(reply.body).value as { deviceId: string; deviceToken: string };
  const device = await Device.connect(port);
  device.hello(deviceToken);
  await device.waitForStatus('waiting');
  if (approve) {
    await setUp.service.approveDevice({
      cycleId: setUp.lesson.cycle.id,
      deviceId,
      observer: { kind: 'member', memberId: setUp.lesson.group.members[memberIndex].id },
      focusStudentIds: [],
    });
    await device.waitForStatus('approved');
  }
  return { device, deviceId, deviceToken, port };
};

/** Every note record of a cycle as the disk holds it (snapshot and journal lines), read straight from the files. */
interface StoredNote {
  id: string;
  cycleId: string;
  observerId: string;
  text: string;
  deletedAt?: string;
}

export const notesOnDisk = async (workspaceDir: string, cycleId: string): Promise<StoredNote[]> => {
  const { readdir, readFile } = await import('node:fs/promises');
  const dir = path.join(workspaceDir, 'observations', cycleId);
  const names = await readdir(dir).catch(() => [] as string[]);
  const records: StoredNote[] = [];
  for (const name of names.sort()) {
    const text = await readFile(path.join(dir, name), 'utf8');
    if (name === 'snapshot.json') records.push(...(JSON.parse(text) as { observations: StoredNote[] }).observations);
    else if (name.endsWith('.jsonl')) {
      for (const line of text.split('\n').filter(Boolean)) {
        const parsed = JSON.parse(line) as { k: string; v: StoredNote };
        if (parsed.k === 'o') records.push(parsed.v);
      }
    }
  }
  return records;
};

/** Files under the workspace's photos/ folder. */
export const photosOnDisk = async (workspaceDir: string): Promise<string[]> => {
  const { readdir } = await import('node:fs/promises');
  return readdir(path.join(workspaceDir, 'photos')).catch(() => [] as string[]);
};
