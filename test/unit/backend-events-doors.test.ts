/**
 * The pushed events through both doors: the window's MessagePort (the backend process
 * with real worker_threads ports, the preload's port client on the window's end) and the
 * HTTP door's WebSocket of the real server (server-main.ts), after a change made by POST.
 */
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import * as path from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { noLog } from '../../electron/backend/log';
import { runBackendProcess } from '../../electron/backend/process/backend-process';
import type { ServerPort } from '../../electron/backend/process/port-door';
import type { FromBackend, ToBackend } from '../../electron/backend/process/protocol';
import { startServer, type RunningServer } from '../../electron/backend/server-main';
import type { BackendEvent } from '../../shared/contract/backend-events';
import { createPortClient, type PortEndpoint } from '../../shared/contract/port-client';
import { tempDir } from './support/temp';

const group = { name: 'Maple Grade 4–5 Math', schools: [], subject: 'Mathematics', gradeBand: '4–5', researchTheme: '', norms: [], members: [] };

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('events on the window’s port', () => {
  /** The backend process on a real line, started by hand as main would; bursts flushed when the test says. */
  const startBackendProcess = async () => {
    const userData = await tempDir('ls-events-port-');
    const line = new MessageChannel();
    const flushes: Array<() => void> = [];
    const fromBackend: FromBackend[] = [];
    line.port1.on('message', (message: FromBackend) => void fromBackend.push(message));
    runBackendProcess(
      {
        postMessage: (message) => line.port2.postMessage(message),
        onMessage: (listener) =>
          line.port2.on('message', ({ message, ports }: { message: unknown; ports: MessagePort[] }) => listener(message, ports as unknown as ServerPort[])),
      },
      { createLog: () => noLog, scheduleEvents: (flush) => void flushes.push(flush) },
    );
    const send = (message: ToBackend, ports: MessagePort[] = []) => line.port1.postMessage({ message, ports }, ports);
    send({
      type: 'start',
      options: {
        defaultWorkspaceDir: path.join(userData, 'workspace'),
        samplesDir: path.join(userData, 'samples'),
        sampleSourceDir: path.resolve('resources/sample-workspace'),
        logDir: path.join(userData, 'logs'),
        version: '0.0.0-test',
      },
      preferences: {},
    });
    await vi.waitFor(() => expect(fromBackend.map((m) => m.type)).toContain('ready'), { timeout: 10_000 });
    cleanups.push(async () => {
      send({ type: 'close' });
      await vi.waitFor(() => expect(fromBackend.map((m) => m.type)).toContain('closed'), { timeout: 10_000 });
      line.port1.close();
    });
    /** A window: a port client on one end of a fresh port, the other end given to the backend process. */
    const openWindow = () => {
      const { port1, port2 } = new MessageChannel();
      cleanups.push(() => port2.close());
      const client = createPortClient();
      const heard: BackendEvent[] = [];
      client.onEvent((event) => void heard.push(event));
      client.attach(port2 as unknown as PortEndpoint);
      send({ type: 'connect' }, [port1]);
      return { client, heard, port: port2 };
    };
    const flush = () => {
      for (const run of flushes.splice(0)) run();
    };
    return { openWindow, flush, flushes };
  };

  it('tells every window what kind of document changed, once per burst', async () => {
    const { openWindow, flush, flushes } = await startBackendProcess();
    const first = openWindow();
    const second = openWindow();
    await expect(first.client.call('createGroup', group)).resolves.toMatchObject({ ok: true });
    await expect(first.client.call('createGroup', { ...group, name: 'Cedar' })).resolves.toMatchObject({ ok: true });
    expect(flushes).toHaveLength(1);
    flush();
    await vi.waitFor(() => expect(second.heard).toEqual([{ type: 'changed', kinds: ['groups'] }]), { timeout: 10_000 });
    await vi.waitFor(() => expect(first.heard).toEqual([{ type: 'changed', kinds: ['groups'] }]), { timeout: 10_000 });
  });

  it('says workspace-switched to the windows when another workspace is opened, and stops at a closed port', async () => {
    const { openWindow, flush } = await startBackendProcess();
    const staying = openWindow();
    const leaving = openWindow();
    // A request answered proves the backend process has this window's port.
    await expect(leaving.client.call('listGroups', {})).resolves.toMatchObject({ ok: true });
    leaving.port.close();
    await expect(staying.client.call('openSampleWorkspace', {})).resolves.toMatchObject({ ok: true });
    flush();
    await vi.waitFor(() => expect(staying.heard).toEqual([{ type: 'workspace-switched' }]), { timeout: 10_000 });
    expect(leaving.heard).toEqual([]);
    // The closed port is forgotten; the next change still reaches the open one.
    await expect(staying.client.call('createGroup', group)).resolves.toMatchObject({ ok: true });
    flush();
    await vi.waitFor(() => expect(staying.heard).toEqual([{ type: 'workspace-switched' }, { type: 'changed', kinds: ['groups'] }]), { timeout: 10_000 });
  });

  it('port client: ignores events it does not know, and says reconnected on a new port', () => {
    const client = createPortClient();
    const heard: BackendEvent[] = [];
    client.onEvent((event) => void heard.push(event));
    const ports: Array<{ listener?: (event: { data: unknown }) => void }> = [];
    const fakePort = (): PortEndpoint & { listener?: (event: { data: unknown }) => void } => {
      const port: PortEndpoint & { listener?: (event: { data: unknown }) => void } = {
        postMessage: () => undefined,
        addEventListener: (_type, listener) => void (port.listener = listener),
        start: () => undefined,
        close: () => undefined,
      };
      ports.push(port);
      return port;
    };
    client.attach(fakePort());
    ports[0].listener!({ data: { event: { type: 'changed', kinds: ['analyses', 'passwords'] } } });
    ports[0].listener!({ data: { event: { type: 'note-text', text: 'x' } } });
    ports[0].listener!({ data: { event: 'workspace-switched' } });
    expect(heard).toEqual([{ type: 'changed', kinds: ['analyses'] }]);
    client.attach(fakePort());
    expect(heard).toEqual([{ type: 'changed', kinds: ['analyses'] }, { type: 'reconnected' }]);
  });
});

describe('events on the HTTP door’s WebSocket', () => {
  const startIn = async (userData: string, port = 0): Promise<RunningServer> => {
    const rendererDir = path.join(userData, 'renderer');
    await mkdir(rendererDir, { recursive: true });
    await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><div id="root"></div>');
    const server = await startServer({ userDataDir: userData, rendererDir, port, sampleSourceDir: path.resolve('resources/sample-workspace') });
    cleanups.push(() => server.close());
    return server;
  };
  const post = (port: number, urlPath: string, headers: Record<string, string>, body: string) =>
    new Promise<{ status: number; cookie: string }>((resolve, reject) => {
      const origin = `http://127.0.0.1:${port}`;
      const req = httpRequest(
        { host: '127.0.0.1', port, method: 'POST', path: urlPath, headers: { host: `127.0.0.1:${port}`, origin, 'content-type': 'application/json', ...headers } },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, cookie: String(res.headers['set-cookie']?.[0] ?? '').split(';')[0] }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const listen = (port: number, cookie: string) =>
    new Promise<{ socket: WebSocket; heard: unknown[] }>((resolve, reject) => {
      const socket = new WebSocket(`ws://127.0.0.1:${port}/events`, { headers: { origin: `http://127.0.0.1:${port}`, cookie } });
      const heard: unknown[] = [];
      socket.on('message', (data) => void heard.push(JSON.parse(String(data))));
      socket.once('open', () => resolve({ socket, heard }));
      socket.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
      socket.once('error', reject);
      cleanups.push(() => socket.terminate());
    });

  it('pushes changed groups to a signed-in socket after a POST /api, and keeps the session over a restart', async () => {
    const userData = await tempDir('ls-events-http-');
    const first = await startIn(userData);
    const { port } = first.door;
    const { status, cookie } = await post(port, '/session', {}, JSON.stringify({ token: first.door.token }));
    expect(status).toBe(200);
    const { heard } = await listen(port, cookie);
    expect((await post(port, '/api/createGroup', { cookie }, JSON.stringify(group))).status).toBe(200);
    await vi.waitFor(() => expect(heard).toEqual([{ type: 'changed', kinds: ['groups'] }]), { timeout: 10_000 });

    // Only hashes of sessions are kept in the user's folder.
    const stored = await readFile(path.join(userData, 'browser-sessions.json'), 'utf8');
    expect(stored).not.toContain(cookie.split('=')[1]);

    await first.close();
    const second = await startIn(userData, port);
    const again = await listen(port, cookie);
    expect((await post(port, '/api/createGroup', { cookie }, JSON.stringify({ ...group, name: 'Cedar' }))).status).toBe(200);
    await vi.waitFor(() => expect(again.heard).toEqual([{ type: 'changed', kinds: ['groups'] }]), { timeout: 10_000 });
    // A cookie never given out is still refused.
    await expect(listen(port, `lesson-study-session-${port}=made-up`)).rejects.toThrow('refused with 401');
    expect(second.door.port).toBe(port);
  });
});
