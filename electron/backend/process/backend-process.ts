import * as path from 'node:path';
import { errorCodes, LessonStudyError, type ErrorCode } from '../../../shared/result';
import { createSettings, type PreferenceStore } from '../../settings';
import type { HostEffects } from '../context';
import { createHost, type Host, type HostOptions } from '../host';
import { createBackendEvents, type BackendEventsOptions } from '../events';
import { createFileLog, noLog, type AppLog } from '../log';
import { composeStartPage, loadStartPageSource, type StartPageSource } from '../start-page';
import { servePort, type ServerPort } from './port-door';
import { EFFECT_NAMES, type BackendProcessOptions, type EffectName, type FromBackend, type ToBackend } from './protocol';

/**
 * The backend process (an Electron utilityProcess in the desktop app): it owns the
 * workspace, and every request of the window reaches it on a MessagePort. This file is
 * plain Node; entry.ts only connects it to `process.parentPort`.
 */

/** The process's line to main: Electron's `process.parentPort`, or a test's channel. */
export interface ParentLine {
  postMessage(message: FromBackend): void;
  onMessage(listener: (message: unknown, ports: ServerPort[]) => void): void;
}

export interface BackendProcessDeps {
  /** Electron's MessagePortMain wraps each message as `{ data }`; Node's port does not. */
  readPortMessage?: (event: unknown) => unknown;
  createHost?: (options: HostOptions) => Promise<Host>;
  createLog?: (dir: string) => AppLog;
  /** When a burst of changes is told to the windows (tests flush by hand). */
  scheduleEvents?: BackendEventsOptions['schedule'];
  /** Leaves the process once the workspace is closed (process.exit in the real one). */
  exit?: () => void;
}

/** The preferences main sent, kept here; each change goes back to main, the file's one writer. */
const mirroredPreferences = (initial: Record<string, unknown>, send: (key: string, value: unknown) => void): PreferenceStore => {
  const values = new Map(Object.entries(initial));
  return {
    get: (key) => values.get(key),
    set: (key, value) => {
      values.set(key, value);
      send(key, value);
    },
  };
};

const isErrorCode = (code: unknown): code is ErrorCode => (errorCodes as readonly unknown[]).includes(code);

export const runBackendProcess = (parent: ParentLine, deps: BackendProcessDeps = {}): void => {
  const makeHost = deps.createHost ?? createHost;
  let host: Host | null = null;
  let starting: Promise<void> | null = null;
  /** Windows that connected before the workspace was open wait here. */
  const earlyPorts: ServerPort[] = [];
  const events = createBackendEvents({ schedule: deps.scheduleEvents });
  let nextEffect = 1;
  const effectsWaiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

  const askMain = (name: EffectName, args: unknown[]): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = nextEffect++;
      effectsWaiting.set(id, { resolve, reject });
      parent.postMessage({ type: 'effect', id, name, args });
    });

  // Dialogs and the shell stay in main: each call is a question to main and its answer.
  const effects = Object.fromEntries(EFFECT_NAMES.map((name) => [name, (...args: unknown[]) => askMain(name, args)])) as unknown as HostEffects;

  /** The app log, once main has said where it goes. */
  let log: AppLog = noLog;
  /** What the window's first page is made of; loaded while the workspace opens. */
  let startPageSource: Promise<StartPageSource | null> = Promise.resolve(null);

  const serve = (port: ServerPort) => {
    servePort(port, () => host!.service, { readMessage: deps.readPortMessage, events, log });
  };

  const start = async (options: BackendProcessOptions, preferences: Record<string, unknown>) => {
    log = (deps.createLog ?? ((dir) => createFileLog({ dir })))(options.logDir);
    log.event('backend-process-started', { version: options.version, platform: process.platform });
    if (options.rendererDir) startPageSource = loadStartPageSource(options.rendererDir, log);
    const settings = createSettings(mirroredPreferences(preferences, (key, value) => parent.postMessage({ type: 'preference-set', key, value })));
    try {
      const opened = await makeHost({
        log,
        settings,
        effects,
        defaultWorkspaceDir: options.defaultWorkspaceDir,
        samplesDir: options.samplesDir,
        sampleSourceDir: options.sampleSourceDir,
        onMenuContext: (context) => parent.postMessage({ type: 'menu-context', context }),
        onWorkspaceOpened: (backend, replaced) => events.follow(backend.context.store, replaced),
        // Closing the host (the 'close' message, the app quitting) ends every capture session and closes its door.
        onCaptureChanged: (cycleId) => events.emit({ type: 'capture-changed', cycleId }),
        onPreferencesChanged: (preferences) =>
          parent.postMessage({ type: 'preferences', preferences, workspaceRoot: path.resolve(opened.current().context.store.root) }),
      });
      host = opened;
      // Drawn once ahead and thrown away, so the window's own request finds the renderer loaded and warm (a Japanese catalogue read).
      void startPageSource.then((source) => (source && host ? composeStartPage(source, host.service, log) : null));
    } catch (error) {
      parent.postMessage({ type: 'start-failed', message: error instanceof Error ? error.message : String(error) });
      return;
    }
    parent.postMessage({ type: 'ready', workspaceRoot: path.resolve(host.current().context.store.root) });
    for (const port of earlyPorts.splice(0)) serve(port);
  };

  const onEffectResult = (message: Extract<ToBackend, { type: 'effect-result' }>) => {
    const waiting = effectsWaiting.get(message.id);
    if (!waiting) return;
    effectsWaiting.delete(message.id);
    if (message.ok) waiting.resolve(message.value);
    else waiting.reject(isErrorCode(message.code) ? new LessonStudyError(message.code, message.message) : new Error(message.message));
  };

  parent.onMessage((raw, ports) => {
    const message = raw as ToBackend;
    switch (message?.type) {
      case 'start':
        starting ??= start(message.options, message.preferences);
        return;
      case 'connect':
        for (const port of ports) {
          if (host) serve(port);
          else earlyPorts.push(port);
        }
        return;
      case 'effect-result':
        onEffectResult(message);
        return;
      case 'release-lock-now':
        host?.releaseLockNow();
        return;
      case 'start-page': {
        const { id } = message;
        void (async () => {
          const source = host ? await startPageSource : null;
          const html = source && host ? await composeStartPage(source, host.service, log) : null;
          parent.postMessage({ type: 'start-page', id, html });
        })();
        return;
      }
      case 'close':
        void (async () => {
          await starting;
          let problem: string | undefined;
          try {
            await host?.close();
          } catch (error) {
            problem = error instanceof Error ? error.message : String(error);
            // Never leave the lock behind, even when pending writes could not finish.
            host?.releaseLockNow();
          }
          host = null;
          parent.postMessage(problem === undefined ? { type: 'closed' } : { type: 'closed', error: problem });
          deps.exit?.();
        })();
        return;
      default:
        // Only main can write to this line; an unknown message is a version mismatch, not an attack.
        return;
    }
  });
};
