import { spawn } from 'node:child_process';
import { existsSync, renameSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import Conf from 'conf';
import { defaultSampleDir } from '../sample';
import { corruptSettingsName, createSettings, openSettingsStore, SETTINGS_STORE_OPTIONS } from '../settings';
import { createBrowserFiles } from './doors/browser-effects';
import { startHttpDoor, type HttpDoor } from './doors/http-door';
import { createSessionBook } from './doors/session-book';
import { createBackendEvents } from './events';
import { createHost, type Host } from './host';
import { createFileLog } from './log';

/**
 * The backend as a plain Node process with its HTTP door: `npm start` where Electron
 * cannot run serves the whole app to the system browser. Native dialogs become their
 * browser equivalents (doors/browser-effects.ts): downloads, uploads and a typed folder path.
 */

import { defaultUserDataDir } from './user-data';

export { defaultUserDataDir };

/** dist/renderer next to the bundle (dist-server/) or to this file in a checkout (electron/backend/). */
const defaultRendererDir = (): string => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.resolve(here, '..', 'dist', 'renderer'), path.resolve(here, '..', '..', 'dist', 'renderer')];
  return candidates.find((dir) => existsSync(path.join(dir, 'index.html'))) ?? candidates[0];
};

export interface ServerOptions {
  userDataDir?: string;
  rendererDir?: string;
  port?: number;
  sampleSourceDir?: string;
}

export interface RunningServer {
  door: HttpDoor;
  host: Host;
  /** The one line a user needs: where to open the app, token included. */
  line: string;
  close(): Promise<void>;
}

export const startServer = async (options: ServerOptions = {}): Promise<RunningServer> => {
  const userData = options.userDataDir ?? defaultUserDataDir();
  const rendererDir = options.rendererDir ?? process.env.LESSON_STUDY_RENDERER_DIR ?? defaultRendererDir();
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`The app's pages are missing from ${rendererDir}: run "npm run build:renderer" first.`);
  }
  const settingsFile = path.join(userData, 'config.json');
  const settings = createSettings(
    openSettingsStore({
      // The same file electron-store keeps for the desktop app (electron-store is conf underneath).
      open: () => new Conf<Record<string, unknown>>({ ...SETTINGS_STORE_OPTIONS, cwd: userData, configName: 'config', projectName: 'lesson-study' }),
      setAside: () => {
        if (existsSync(settingsFile)) renameSync(settingsFile, corruptSettingsName(settingsFile, new Date()));
      },
    }),
  );
  const log = createFileLog({ dir: path.join(userData, 'logs') });
  log.event('server-started', { platform: process.platform });
  const files = createBrowserFiles({ userDataDir: userData });
  const events = createBackendEvents();
  const host = await createHost({
    log,
    settings,
    effects: files.effects,
    defaultWorkspaceDir: path.join(userData, 'workspace'),
    samplesDir: path.join(userData, 'samples'),
    sampleSourceDir: options.sampleSourceDir ?? defaultSampleDir(),
    onWorkspaceOpened: (backend, replaced) => events.follow(backend.context.store, replaced),
    // The observer page is built beside the app's pages; host.close() closes the capture door.
    capture: { rendererDir },
    onCaptureChanged: (cycleId) => events.emit({ type: 'capture-changed', cycleId }),
  });
  let door: HttpDoor;
  try {
    // Sessions outlive a restart, so a tab left open reconnects to the server started again on its port.
    const sessions = createSessionBook(path.join(userData, 'browser-sessions.json'));
    door = await startHttpDoor({ getService: () => host.service, rendererDir, port: options.port ?? 0, log, files, sessions });
  } catch (error) {
    await host.close();
    await files.close();
    throw error;
  }
  events.subscribe((event) => door.broadcast(event));
  let closing: Promise<void> | undefined;
  return {
    door,
    host,
    line: `Lesson Study is running at ${door.url}#token=${door.token}`,
    close: () => (closing ??= door.close().finally(() => host.close().finally(() => files.close()))),
  };
};

/** The system's "open this URL" command; the line printed before it is the fallback. */
const openInBrowser = (url: string): void => {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? // `start` is a cmd built-in; its first quoted argument is the window title.
          ['cmd', ['/c', 'start', '""', `"${url}"`]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore', windowsVerbatimArguments: process.platform === 'win32' });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No browser to open (a server without a desktop): the printed line is enough.
  }
};

const parsePort = (value: string | undefined): number | undefined => {
  if (value === undefined || value === '') return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`LESSON_STUDY_PORT must be a port number, not "${value}".`);
  return port;
};

/** Pending writes are small; a close that takes longer than this is stuck. */
const CLOSE_TIMEOUT_MS = 10_000;

const main = async (): Promise<void> => {
  let server: RunningServer;
  try {
    server = await startServer({ port: parsePort(process.env.LESSON_STUDY_PORT) });
  } catch (error) {
    console.error(`Lesson Study could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  console.log(server.line);
  if (process.env.LESSON_STUDY_NO_BROWSER !== '1') openInBrowser(`${server.door.url}#token=${server.door.token}`);
  let stopping = false;
  const stop = () => {
    // Only the first signal counts: `conf` (through when-exit) raises the same signal again
    // after its own handler, so a second one is not the user insisting.
    if (stopping) return;
    stopping = true;
    const giveUp = (error?: unknown) => {
      if (error) console.error('Closing the workspace failed:', error);
      // Never leave the lock behind, even when pending writes cannot finish.
      server.host.releaseLockNow();
      process.exit(1);
    };
    const tooLong = setTimeout(() => giveUp(new Error('timed out')), CLOSE_TIMEOUT_MS);
    tooLong.unref();
    server.close().then(() => process.exit(0), giveUp);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
};

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) void main();
