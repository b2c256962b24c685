import type { MenuContext, UiPreferences } from '../../../shared/contract/app';
import { LessonStudyError } from '../../../shared/result';
import type { Settings } from '../../settings';
import type { HostEffects } from '../context';
import { EFFECT_NAMES, type BackendProcessOptions, type FromBackend, type ToBackend } from './protocol';

/**
 * Main's side of the backend process: it starts the workspace there, answers the
 * process's questions for dialogs and the shell, writes the preferences it reports, and
 * hands each window a MessagePort. Plain Node: main.ts passes Electron's utilityProcess.
 */

/** The members of Electron's UtilityProcess used here. */
export interface BackendChild<Port> {
  postMessage(message: ToBackend, transfer?: Port[]): void;
  on(event: 'message', listener: (message: FromBackend) => void): void;
  on(event: 'exit', listener: (code: number) => void): void;
  kill(): boolean;
}

export interface AttachOptions {
  options: BackendProcessOptions;
  settings: Settings;
  effects: HostEffects;
  onMenuContext(context: MenuContext): void;
  onPreferencesChanged(preferences: UiPreferences): void;
  /** The process ended without being asked to (a crash): main starts another. */
  onUnexpectedExit(code: number): void;
  /** How long the window waits for its start page before it loads the plain one (default 1 s). */
  startPageTimeoutMs?: number;
  /** How long a close may take before the process is stopped anyway. */
  closeTimeoutMs?: number;
  /** Injected by tests; setTimeout in the app. */
  schedule?: (run: () => void, ms: number) => { cancel(): void };
}

export interface BackendProcess<Port> {
  /** Resolves with the open workspace's folder once the process has opened it; rejects with why not. */
  ready: Promise<string>;
  /** The folder of the workspace open now, for the menu ('' before ready). */
  workspaceRoot(): string;
  /** Give a window its port to the backend (main has checked who asked). */
  connect(port: Port): void;
  releaseLockNow(): void;
  /**
   * The window's first page with the start screen in it, or null (none can be made now, the
   * process has ended, or it did not answer within `startPageTimeoutMs`): the window then
   * loads the plain index.html. Never rejects.
   */
  startPage(): Promise<string | null>;
  /** Close the workspace and end the process. */
  close(): Promise<void>;
}

const defaultSchedule = (run: () => void, ms: number) => {
  const timer = setTimeout(run, ms);
  return { cancel: () => clearTimeout(timer) };
};

const isKnownEffect = (name: unknown): name is (typeof EFFECT_NAMES)[number] => (EFFECT_NAMES as readonly unknown[]).includes(name);

export const attachBackendProcess = <Port>(child: BackendChild<Port>, attach: AttachOptions): BackendProcess<Port> => {
  const schedule = attach.schedule ?? defaultSchedule;
  let root = '';
  let closing: Promise<void> | null = null;
  let exited = false;
  let markReady: (root: string) => void = () => undefined;
  let failReady: (error: Error) => void = () => undefined;
  const ready = new Promise<string>((resolve, reject) => {
    markReady = resolve;
    failReady = reject;
  });
  let closed: () => void = () => undefined;
  const whenClosed = new Promise<void>((resolve) => {
    closed = resolve;
  });

  let nextPage = 1;
  const pagesWaiting = new Map<number, (html: string | null) => void>();
  const answerPage = (id: number, html: string | null) => {
    const waiting = pagesWaiting.get(id);
    pagesWaiting.delete(id);
    waiting?.(html);
  };

  const answerEffect = async (id: number, name: unknown, args: unknown[]) => {
    try {
      if (!isKnownEffect(name)) throw new Error(`Unknown request from the backend: ${String(name)}`);
      const run = attach.effects[name] as (...a: unknown[]) => Promise<unknown>;
      // Called on its object: an effects class uses `this`.
      const value = await run.apply(attach.effects, args);
      child.postMessage({ type: 'effect-result', id, ok: true, value: value ?? null });
    } catch (error) {
      const code = error instanceof LessonStudyError ? error.code : null;
      child.postMessage({ type: 'effect-result', id, ok: false, code, message: error instanceof Error ? error.message : String(error) });
    }
  };

  child.on('message', (message) => {
    switch (message?.type) {
      case 'ready':
        root = message.workspaceRoot;
        markReady(root);
        return;
      case 'start-failed':
        failReady(new Error(message.message));
        return;
      case 'effect':
        void answerEffect(message.id, message.name, Array.isArray(message.args) ? message.args : []);
        return;
      case 'preference-set':
        try {
          attach.settings.set(message.key as never, message.value as never);
        } catch {
          // The backend's copy validated it already; a value the file refuses is not worth stopping for.
        }
        return;
      case 'menu-context':
        attach.onMenuContext(message.context);
        return;
      case 'preferences':
        root = message.workspaceRoot;
        attach.onPreferencesChanged(message.preferences);
        return;
      case 'start-page':
        answerPage(message.id, typeof message.html === 'string' ? message.html : null);
        return;
      case 'closed':
        closed();
        return;
      default:
        return;
    }
  });
  child.on('exit', (code) => {
    exited = true;
    closed();
    for (const id of [...pagesWaiting.keys()]) answerPage(id, null);
    failReady(new Error(`The background process stopped (exit code ${code}) before it opened the workspace.`));
    if (!closing) attach.onUnexpectedExit(code);
  });

  child.postMessage({ type: 'start', options: attach.options, preferences: attach.settings.all() });

  return {
    ready,
    workspaceRoot: () => root,
    connect: (port) => child.postMessage({ type: 'connect' }, [port]),
    releaseLockNow: () => {
      if (!exited) child.postMessage({ type: 'release-lock-now' });
    },
    startPage: () =>
      new Promise<string | null>((resolve) => {
        if (exited || closing) {
          resolve(null);
          return;
        }
        const id = nextPage++;
        const timer = schedule(() => answerPage(id, null), attach.startPageTimeoutMs ?? 1000);
        pagesWaiting.set(id, (html) => {
          timer.cancel();
          resolve(html);
        });
        child.postMessage({ type: 'start-page', id });
      }),
    close: () =>
      (closing ??= (async () => {
        if (exited) return;
        child.postMessage({ type: 'close' });
        const timer = schedule(() => {
          // Stuck pending writes: never leave the lock behind when the process is stopped.
          child.postMessage({ type: 'release-lock-now' });
          closed();
        }, attach.closeTimeoutMs ?? 10_000);
        await whenClosed;
        timer.cancel();
        if (!exited) child.kill();
      })()),
  };
};
