import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MenuContext, UiPreferences } from '../../shared/contract/app';
import { BACKEND_RESTARTED_MESSAGE, createPortClient, type PortEndpoint } from '../../shared/contract/port-client';
import { LessonStudyError } from '../../shared/result';
import type { HostEffects } from '../../electron/backend/context';
import { noLog } from '../../electron/backend/log';
import { runBackendProcess } from '../../electron/backend/process/backend-process';
import { attachBackendProcess, type BackendChild } from '../../electron/backend/process/main-side';
import { servePort, type ServerPort } from '../../electron/backend/process/port-door';
import type { FromBackend, ToBackend } from '../../electron/backend/process/protocol';
import { createMemoryStore, createSettings, type Settings } from '../../electron/settings';
import { LOCK_FILE } from '../../electron/storage/lock';

/**
 * Main and the backend process, each with its real code, joined by real MessagePorts
 * (Node's stand in for Electron's utilityProcess line and MessagePortMain: both clone
 * what they carry and transfer ports). Only the process boundary itself is not crossed.
 */

const group = { name: 'Maple Grade 4–5 Math', schools: [], subject: 'Mathematics', gradeBand: '4–5', researchTheme: '', norms: [], members: [] };

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

class RecordingEffects implements HostEffects {
  folders: Array<string | Error> = [];
  asked: string[] = [];
  async chooseSavePath() {
    this.asked.push('chooseSavePath');
    return null;
  }
  async chooseOpenPaths() {
    this.asked.push('chooseOpenPaths');
    return [];
  }
  async chooseFolder() {
    this.asked.push('chooseFolder');
    const next = this.folders.shift() ?? null;
    if (next instanceof Error) throw next;
    return next;
  }
  async openPath() {
    this.asked.push('openPath');
  }
  async showInFolder() {
    this.asked.push('showInFolder');
  }
}

interface Setup {
  userData: string;
  /** What main received, in order (the utilityProcess 'message' events). */
  fromBackend: FromBackend[];
  /** What main sent, in order. */
  toBackend: ToBackend[];
  exits: Array<(code: number) => void>;
  killed: () => boolean;
  child: BackendChild<MessagePort>;
  /** Start the backend process's side of the line (as the utilityProcess does on fork). */
  runBackend(): void;
}

const setUp = async (): Promise<Setup> => {
  const userData = await mkdtemp(path.join(tmpdir(), 'lesson-study-backend-process-'));
  const line = new MessageChannel();
  cleanups.push(async () => {
    line.port1.close();
    line.port2.close();
    await rm(userData, { recursive: true, force: true });
  });
  const fromBackend: FromBackend[] = [];
  const toBackend: ToBackend[] = [];
  const exits: Array<(code: number) => void> = [];
  let killed = false;
  const child: BackendChild<MessagePort> = {
    postMessage: (message, transfer = []) => {
      toBackend.push(message);
      line.port1.postMessage({ message, ports: transfer }, transfer);
    },
    on: ((event: 'message' | 'exit', listener: (value: never) => void) => {
      if (event === 'message') {
        line.port1.on('message', (message: FromBackend) => {
          fromBackend.push(message);
          listener(message as never);
        });
      } else exits.push(listener as (code: number) => void);
    }) as BackendChild<MessagePort>['on'],
    kill: () => {
      killed = true;
      return true;
    },
  };
  return {
    userData,
    fromBackend,
    toBackend,
    exits,
    killed: () => killed,
    child,
    runBackend: () =>
      runBackendProcess(
        {
          postMessage: (message) => line.port2.postMessage(message),
          onMessage: (listener) =>
            line.port2.on('message', ({ message, ports }: { message: unknown; ports: MessagePort[] }) =>
              listener(message, ports as unknown as ServerPort[]),
            ),
        },
        { createLog: () => noLog },
      ),
  };
};

const optionsIn = (userData: string, rendererDir?: string) => ({
  defaultWorkspaceDir: path.join(userData, 'workspace'),
  samplesDir: path.join(userData, 'samples'),
  sampleSourceDir: path.resolve('resources/sample-workspace'),
  logDir: path.join(userData, 'logs'),
  version: '0.0.0-test',
  ...(rendererDir ? { rendererDir } : {}),
});

/** A window: the preload's port client on one end of a fresh MessagePort, the other end handed to the backend. */
const openWindow = (connect: (port: MessagePort) => void) => {
  const { port1, port2 } = new MessageChannel();
  cleanups.push(() => {
    port1.close();
    port2.close();
  });
  const client = createPortClient();
  client.attach(port2 as unknown as PortEndpoint);
  connect(port1);
  return client;
};

const start = async (overrides: { rendererDir?: string; effects?: HostEffects; onMenuContext?: (c: MenuContext) => void; onPreferencesChanged?: (p: UiPreferences) => void; onUnexpectedExit?: (code: number) => void; schedule?: (run: () => void, ms: number) => { cancel(): void }; prepare?: (userData: string, settings: Settings) => Promise<void> | void } = {}) => {
  const setup = await setUp();
  const settings = createSettings(createMemoryStore());
  // What main's preferences and the disk hold before the process starts.
  await overrides.prepare?.(setup.userData, settings);
  const onUnexpectedExit = vi.fn(overrides.onUnexpectedExit ?? (() => undefined));
  const backend = attachBackendProcess(setup.child, {
    options: optionsIn(setup.userData, overrides.rendererDir),
    settings,
    effects: overrides.effects ?? new RecordingEffects(),
    onMenuContext: overrides.onMenuContext ?? (() => undefined),
    onPreferencesChanged: overrides.onPreferencesChanged ?? (() => undefined),
    onUnexpectedExit,
    schedule: overrides.schedule,
  });
  cleanups.push(async () => {
    if (!setup.killed()) await backend.close();
  });
  return { ...setup, settings, backend, onUnexpectedExit };
};

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('the backend process behind main', () => {
  it('opens the workspace, serves a window that connected before it was ready, and validates requests there', async () => {
    const { backend, userData, runBackend } = await start();
    const root = path.join(userData, 'workspace');
    // The window asks for its port as soon as it loads, before the workspace is open.
    const window = openWindow((port) => backend.connect(port));
    const early = window.call('createGroup', group);
    expect(backend.workspaceRoot()).toBe('');
    runBackend();

    await expect(backend.ready).resolves.toBe(path.resolve(root));
    expect(backend.workspaceRoot()).toBe(path.resolve(root));
    await expect(early).resolves.toMatchObject({ ok: true, value: { name: 'Maple Grade 4–5 Math' } });
    await expect(window.call('listGroups', {})).resolves.toMatchObject({ ok: true, value: [{ name: 'Maple Grade 4–5 Math' }] });
    // The contract is checked in the backend process, whatever the window sends.
    await expect(window.call('createGroup', { ...group, name: 42 })).resolves.toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    await expect(window.call('noSuchChannel', {})).resolves.toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(existsSync(path.join(root, LOCK_FILE))).toBe(true);
  });

  it('serves several windows at once, each on its own port', async () => {
    const { backend, runBackend } = await start();
    runBackend();
    await backend.ready;
    const first = openWindow((port) => backend.connect(port));
    const second = openWindow((port) => backend.connect(port));
    await expect(first.call('createGroup', group)).resolves.toMatchObject({ ok: true });
    await expect(second.call('listGroups', {})).resolves.toMatchObject({ ok: true, value: [{ name: 'Maple Grade 4–5 Math' }] });
  });

  it('asks main for dialogs; main writes the preferences and hears of the new workspace and the menu context', async () => {
    const effects = new RecordingEffects();
    const preferencesSeen: UiPreferences[] = [];
    const contexts: MenuContext[] = [];
    const { backend, userData, runBackend, settings } = await start({
      effects,
      onPreferencesChanged: (preferences) => void preferencesSeen.push(preferences),
      onMenuContext: (context) => void contexts.push(context),
    });
    runBackend();
    await backend.ready;
    const window = openWindow((port) => backend.connect(port));
    const other = path.join(userData, 'other workspace');
    effects.folders.push(other);

    await expect(window.call('chooseWorkspaceFolder', {})).resolves.toMatchObject({ ok: true, value: { path: path.resolve(other) } });
    expect(effects.asked).toEqual(['chooseFolder']);
    // main's settings store (the one electron-store file) holds what the backend chose.
    expect(settings.get('workspacePath')).toBe(path.resolve(other));
    expect(settings.get('recentWorkspaces')[0]).toBe(path.resolve(other));
    expect(settings.get('welcomed')).toBe(true);
    expect(preferencesSeen).toHaveLength(1);
    expect(backend.workspaceRoot()).toBe(path.resolve(other));

    await expect(window.call('setMenuContext', { view: 'observe' })).resolves.toEqual({ ok: true, value: null });
    expect(contexts).toEqual([{ view: 'observe' }]);
  });

  it('starts from the preferences main keeps', async () => {
    let chosen = '';
    const { backend, runBackend } = await start({
      prepare: (userData, settings) => {
        chosen = path.join(userData, 'chosen');
        settings.set('workspacePath', chosen);
        settings.set('uiLanguage', 'ja');
      },
    });
    runBackend();
    await expect(backend.ready).resolves.toBe(path.resolve(chosen));
    const window = openWindow((port) => backend.connect(port));
    await expect(window.call('getPreferences', {})).resolves.toMatchObject({ ok: true, value: { uiLanguage: 'ja' } });
  });

  it("keeps a dialog's refusal as the request's own error", async () => {
    const effects = new RecordingEffects();
    effects.folders.push(new LessonStudyError('forbidden', 'That folder belongs to the system.'), new Error('The dialog crashed.'));
    const { backend, runBackend } = await start({ effects });
    runBackend();
    await backend.ready;
    const window = openWindow((port) => backend.connect(port));
    await expect(window.call('chooseWorkspaceFolder', {})).resolves.toEqual({ ok: false, error: { code: 'forbidden', message: 'That folder belongs to the system.' } });
    await expect(window.call('chooseWorkspaceFolder', {})).resolves.toEqual({ ok: false, error: { code: 'internal', message: 'The dialog crashed.' } });
  });

  it('says why when the workspace cannot be opened', async () => {
    const { backend, runBackend } = await start({
      prepare: async (userData, settings) => {
        const notAFolder = path.join(userData, 'a file');
        await writeFile(notAFolder, 'not a workspace');
        settings.set('workspacePath', notAFolder);
      },
    });
    runBackend();
    await expect(backend.ready).rejects.toThrow(/a file/);
  });

  it('closes the workspace (lock released) before the process ends, and a deliberate end is no crash', async () => {
    const { backend, userData, runBackend, killed, fromBackend, exits, onUnexpectedExit } = await start();
    runBackend();
    await backend.ready;
    const lock = path.join(userData, 'workspace', LOCK_FILE);
    expect(existsSync(lock)).toBe(true);
    await backend.close();
    expect(existsSync(lock)).toBe(false);
    expect(fromBackend.at(-1)).toEqual({ type: 'closed' });
    expect(killed()).toBe(true);
    for (const exit of exits) exit(0);
    expect(onUnexpectedExit).not.toHaveBeenCalled();
  });

  it('stops a backend that does not close in time, telling it to release its lock first', async () => {
    const scheduled: Array<{ run: () => void; ms: number }> = [];
    const { backend, toBackend, killed } = await start({ schedule: (run, ms) => (scheduled.push({ run, ms }), { cancel: () => undefined }) });
    // The backend side never runs here: it is stuck.
    const closing = backend.close();
    await nextTurn();
    expect(killed()).toBe(false);
    expect(scheduled.map((s) => s.ms)).toEqual([10_000]);
    scheduled[0].run();
    await closing;
    expect(toBackend.map((m) => m.type)).toEqual(['start', 'close', 'release-lock-now']);
    expect(killed()).toBe(true);
  });

  it('reports a crash, once, and not as the end of a close', async () => {
    const { backend, exits, onUnexpectedExit } = await start();
    for (const exit of exits) exit(134);
    expect(onUnexpectedExit).toHaveBeenCalledWith(134);
    await expect(backend.ready).rejects.toThrow('exit code 134');
    // After the end, asking to close or release does not write to a dead line.
    await backend.close();
    backend.releaseLockNow();
    expect(onUnexpectedExit).toHaveBeenCalledTimes(1);
  });
});

describe("the window's start page, from the backend process", () => {
  // The built renderer (npm run build): the page and the start screen's renderer beside it.
  const rendererDir = path.resolve('dist/renderer');

  it('is the page with the groups list drawn in, made while the window loads it', async () => {
    // The patience never runs out here: a busy machine takes more than its second to load the renderer the first time.
    const { backend, runBackend } = await start({ rendererDir, schedule: () => ({ cancel: () => undefined }) });
    runBackend();
    await backend.ready;
    const window = openWindow((port) => backend.connect(port));
    await window.call('createGroup', group);

    const page = await backend.startPage();

    expect(page).toContain('<ul class="card-list" aria-label="Groups in this workspace">');
    expect(page).toContain('Maple Grade 4–5 Math');
    expect(page).toContain('<script type="application/json" id="start-answers">');
  });

  it('is none when the window will restore another screen, or main gave no renderer', async () => {
    const restoring = await start({ rendererDir, prepare: (_userData, settings) => settings.set('lastView', '/groups/g1/cycles') });
    restoring.runBackend();
    await restoring.backend.ready;
    expect(await restoring.backend.startPage()).toBeNull();

    const without = await start();
    without.runBackend();
    await without.backend.ready;
    expect(await without.backend.startPage()).toBeNull();
  });

  it('is none, after its patience, from a process that does not answer, and at once from one that ended', async () => {
    const scheduled: Array<{ run: () => void; ms: number }> = [];
    const { backend, exits } = await start({ rendererDir, schedule: (run, ms) => (scheduled.push({ run, ms }), { cancel: () => undefined }) });
    // The backend side never runs: it is stuck.
    const waiting = backend.startPage();
    expect(scheduled.map((s) => s.ms)).toEqual([1000]);
    scheduled[0].run();
    await expect(waiting).resolves.toBeNull();

    const atExit = backend.startPage();
    for (const exit of exits) exit(134);
    await expect(atExit).resolves.toBeNull();
    await expect(backend.startPage()).resolves.toBeNull();
    await expect(backend.ready).rejects.toThrow('exit code 134');
  });
});

describe("the window's door in the app log", () => {
  it('notes the door opening and closing, and a slow request by channel and time only', async () => {
    const events: Array<[string, unknown]> = [];
    const log = { event: (name: string, fields?: unknown) => void events.push([name, fields]) };
    // Each request reads the clock twice: 250 ms pass during the first, 10 ms during the second.
    const times = [1000, 1250, 2000, 2010];
    const { port1, port2 } = new MessageChannel();
    const closed = new Promise((resolve) => port1.once('close', resolve));
    const service = { listGroups: async () => [] };
    servePort(port1 as unknown as ServerPort, () => service as never, { log, now: () => times.shift()! });
    const client = createPortClient();
    client.attach(port2 as unknown as PortEndpoint);
    await client.call('listGroups', {});
    await client.call('listGroups', {});
    port2.close();
    await closed;
    expect(events).toEqual([
      ['door-opened', { door: 'window' }],
      ['slow-request', { door: 'window', channel: 'listGroups', ms: 250 }],
      ['door-closed', { door: 'window' }],
    ]);
  });
});

describe("the window's port client", () => {
  it('answers requests still waiting when the backend restarted with an error, and sends new ones on the new port', async () => {
    const client = createPortClient();
    const first = new MessageChannel();
    const second = new MessageChannel();
    cleanups.push(() => {
      for (const port of [first.port1, first.port2, second.port1, second.port2]) port.close();
    });
    const received: unknown[] = [];
    first.port1.on('message', (message) => void received.push(message));
    client.attach(first.port2 as unknown as PortEndpoint);
    const lost = client.call('saveObservation', { text: 'kept on the old port' });
    await vi.waitFor(() => expect(received).toHaveLength(1), { timeout: 10_000 });

    second.port1.on('message', (message: { id: number }) => second.port1.postMessage({ id: message.id, result: { ok: true, value: 'answered' } }));
    client.attach(second.port2 as unknown as PortEndpoint);
    await expect(lost).resolves.toEqual({ ok: false, error: { code: 'io', message: BACKEND_RESTARTED_MESSAGE } });
    await expect(client.call('listGroups', {})).resolves.toEqual({ ok: true, value: 'answered' });
  });

  it('ignores answers it did not ask for and malformed messages', async () => {
    const client = createPortClient();
    const { port1, port2 } = new MessageChannel();
    cleanups.push(() => {
      port1.close();
      port2.close();
    });
    port1.on('message', (message: { id: number }) => {
      port1.postMessage('not an answer');
      port1.postMessage({ id: message.id + 100, result: { ok: true, value: 'someone else' } });
      port1.postMessage({ id: message.id, result: 'no envelope' });
      port1.postMessage({ id: message.id, result: { ok: true, value: 'mine' } });
    });
    client.attach(port2 as unknown as PortEndpoint);
    await expect(client.call('listGroups', {})).resolves.toEqual({ ok: true, value: 'mine' });
  });
});
