import { watch, type FSWatcher } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { type appChannels, type MenuContext, type UiPreferences } from '../../shared/contract/app';
import { contract, type BackendService, type ChannelName } from '../../shared/contract';
import { LessonStudyError } from '../../shared/result';
import { copySampleWorkspace } from '../sample';
import type { Settings } from '../settings';
import { toFileStamp } from '../storage/backups';
import { WorkspaceLockedError } from '../storage/lock';
import { createCaptureHub, type CaptureHubOptions } from './capture/capture-hub';
import { defaultObserverPageDir } from './capture/network';
import { createBackend, type Backend, type BackendOptions } from './index';
import { defaultDeviceLabel } from './user-data';
import type { ServiceFor } from './service-types';

export interface HostOptions extends Omit<BackendOptions, 'workspaceDir' | 'isSample'> {
  settings: Settings;
  /** Used when the user has not chosen a workspace: `<userData>/workspace`. */
  defaultWorkspaceDir: string;
  /** Where copies of the sample workspace go: `<userData>/samples`. */
  samplesDir: string;
  /** The pristine sample shipped with the app (`resources/sample-workspace`). */
  sampleSourceDir: string;
  /** Where the user is now; main rebuilds the native menu from it. Absent in tests that do not care. */
  onMenuContext?: (context: MenuContext) => void;
  /** Preferences or the recent-workspace list changed; main re-themes and re-labels the menu. */
  onPreferencesChanged?: (preferences: UiPreferences) => void;
  /** A workspace was opened: at start (`replaced` false) or in place of another; the event source follows its store. */
  onWorkspaceOpened?: (backend: Backend, replaced: boolean) => void;
  /** Live capture's door: where the observer page is, and (in tests) the address, port, networks and clock. */
  capture?: Partial<Pick<CaptureHubOptions, 'rendererDir' | 'host' | 'port' | 'networkInterfaces' | 'nowMs' | 'limits' | 'heartbeat'>>;
  /** Something of a cycle's live capture changed; the doors tell every page (`capture-changed`). */
  onCaptureChanged?: (cycleId: string) => void;
  /**
   * A shared workspace (issue #16): this computer's own folder for its device identity and
   * locks (default: beside the default workspace, in userData), and how often to look for
   * files the sync tool brought (every second by default; tests pass their own schedule).
   */
  deviceSettingsDir?: string;
  scheduleSync?: (look: () => Promise<unknown>) => () => void;
}

export { defaultDeviceLabel };

const everySecond = (look: () => Promise<unknown>): (() => void) => {
  const timer = setInterval(() => void look(), 1000);
  timer.unref?.();
  return () => clearInterval(timer);
};

/** One look at a time; a look asked for while one runs runs once more after it. */
const oneAtATime = (look: () => Promise<unknown>) => {
  let running: Promise<void> | null = null;
  let again = false;
  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = look()
      .then(() => undefined, () => undefined)
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          void run();
        }
      });
    return running;
  };
  return run;
};

export interface Host {
  /** Stable for the app's lifetime; each call goes to the workspace open at that moment. */
  service: BackendService;
  current(): Backend;
  close(): Promise<void>;
  releaseLockNow(): void;
}

const preferencesOf = (settings: Settings): UiPreferences => ({
  uiLanguage: settings.get('uiLanguage'),
  theme: settings.get('theme'),
  tourDismissed: settings.get('tourDismissed'),
  welcomed: settings.get('welcomed'),
  lastView: settings.get('lastView'),
});

/**
 * Owns which workspace is open. Switching opens (and locks) the new folder first and
 * only then closes the old one, so a refused folder (locked, unreadable) leaves the
 * current workspace open and nothing lost.
 */
export const createHost = async (options: HostOptions): Promise<Host> => {
  const { settings } = options;
  const startDir = settings.get('workspacePath') ?? options.defaultWorkspaceDir;
  let samplePaths = new Set<string>();
  // Every workspace is opened with this computer's device options: one that has `devices/`
  // (shared by this laptop or another) is then a shared one; others stay as they were.
  const device = (share = false) => ({
    settingsDir: options.deviceSettingsDir ?? path.join(path.dirname(options.defaultWorkspaceDir), 'device'),
    label: defaultDeviceLabel(),
    ...options.device,
    ...(settings.get('deviceLabel') ? { label: settings.get('deviceLabel') } : {}),
    share,
  });
  // Read at each open: a name given in the app since the last open counts.
  const withDevice = () => ({ ...options, device: device() });
  // The user always gets a window: a workspace that seems open elsewhere (another
  // window, another computer on a shared folder, a lock a crash left that cannot be
  // judged) opens read-only, and the window asks what to do.
  const openAtStart = async (): Promise<Backend> => {
    try {
      return await createBackend({ ...withDevice(), workspaceDir: startDir });
    } catch (error) {
      if (!(error instanceof WorkspaceLockedError)) throw error;
      options.log?.event('lock-refused', { sameComputer: error.holder.sameComputer, since: error.holder.since });
      return createBackend({ ...withDevice(), workspaceDir: startDir, lockMode: 'read-only', lockedBy: error.holder });
    }
  };
  let backend = await openAtStart();
  // Live capture belongs to the app, not to one workspace: a switch or quitting ends its sessions.
  const capture = createCaptureHub({
    rendererDir: defaultObserverPageDir(),
    ...options.capture,
    getBackend: () => backend,
    log: options.log,
    onChanged: options.onCaptureChanged,
  });
  capture.follow(backend);
  options.onWorkspaceOpened?.(backend, false);
  // Files the sync tool brings from the other laptops: looked for while a shared workspace is open.
  const look = oneAtATime(async () => {
    if (backend.context.store.shared) await backend.syncNow();
  });
  const stopSync = (options.scheduleSync ?? everySecond)(look);
  // Besides the poll (network drives send no change events), the devices folder is
  // watched: a teammate's file that lands is read within a tenth of a second.
  let watcher: FSWatcher | null = null;
  let settle: NodeJS.Timeout | undefined;
  const watchShared = () => {
    watcher?.close();
    watcher = null;
    if (!backend.context.store.shared || options.scheduleSync) return;
    try {
      watcher = watch(path.join(backend.context.store.root, 'devices'), { recursive: true }, () => {
        clearTimeout(settle);
        settle = setTimeout(() => void look(), 100);
      });
      watcher.on('error', () => undefined);
    } catch {
      // Not every file system can be watched; the poll covers it.
    }
  };
  watchShared();
  settings.addRecentWorkspace(startDir);

  const switchTo = async (dir: string, remember: boolean, isSample = false) => {
    const resolved = path.resolve(dir);
    if (resolved === path.resolve(backend.context.store.root)) {
      // Choosing the folder already open still answers the first-run welcome.
      if (!settings.get('welcomed')) {
        settings.set('welcomed', true);
        options.onPreferencesChanged?.(preferencesOf(settings));
      }
      return backend.service.getWorkspace({});
    }
    const next = await createBackend({ ...withDevice(), workspaceDir: resolved, isSample });
    await capture.endAll();
    const previous = backend;
    backend = next;
    capture.follow(next);
    watchShared();
    options.onWorkspaceOpened?.(next, true);
    await previous.close();
    if (remember) {
      settings.set('workspacePath', resolved === path.resolve(options.defaultWorkspaceDir) ? null : resolved);
      settings.addRecentWorkspace(resolved);
    }
    settings.set('welcomed', true);
    options.onPreferencesChanged?.(preferencesOf(settings));
    return backend.service.getWorkspace({});
  };

  const appService: ServiceFor<typeof appChannels> = {
    getPreferences: async () => preferencesOf(settings),
    async updatePreferences(changes) {
      for (const [key, value] of Object.entries(changes) as Array<[keyof UiPreferences, never]>) settings.set(key, value);
      const preferences = preferencesOf(settings);
      options.onPreferencesChanged?.(preferences);
      return preferences;
    },
    listRecentWorkspaces: async () =>
      settings.get('recentWorkspaces').map((folder) => ({
        name: path.basename(folder),
        path: folder,
        isCurrent: path.resolve(folder) === path.resolve(backend.context.store.root),
      })),
    async chooseWorkspaceFolder() {
      const folder = await backend.context.effects.chooseFolder({ title: 'Choose a workspace folder' });
      return folder ? switchTo(folder, true) : null;
    },
    async openRecentWorkspace({ path: folder }) {
      // The renderer may only pick from folders the user chose before in a dialog.
      const known = settings.get('recentWorkspaces').some((recent) => path.resolve(recent) === path.resolve(folder));
      if (!known) throw new LessonStudyError('forbidden', 'Only folders from the recent-workspaces list can be opened this way.');
      return switchTo(folder, true, samplePaths.has(path.resolve(folder)));
    },
    openDefaultWorkspace: () => switchTo(options.defaultWorkspaceDir, true),
    async openWorkspaceAnyway() {
      const root = backend.context.store.root;
      const next = await createBackend({ ...withDevice(), workspaceDir: root, lockMode: 'force', isSample: samplePaths.has(path.resolve(root)) });
      await capture.endAll();
      const previous = backend;
      backend = next;
      capture.follow(next);
      watchShared();
      options.onWorkspaceOpened?.(next, true);
      await previous.close();
      return backend.service.getWorkspace({});
    },
    async openSampleWorkspace() {
      // A copy, so the sample shipped with the app stays pristine.
      const target = path.join(options.samplesDir, `sample-${toFileStamp(backend.context.clock())}`);
      await mkdir(options.samplesDir, { recursive: true, mode: 0o700 });
      await copySampleWorkspace(target, options.sampleSourceDir);
      samplePaths = new Set([...samplePaths, path.resolve(target)]);
      return switchTo(target, false, true);
    },
    async setMenuContext(context) {
      options.onMenuContext?.(context);
      return null;
    },
    async setDeviceLabel({ label }) {
      settings.set('deviceLabel', label.trim());
      await backend.relabel(device().label);
      return null;
    },
    async shareWorkspace() {
      const root = backend.context.store.root;
      if (backend.context.store.shared) return backend.service.getWorkspace({});
      backend.context.store.assertWritable();
      // This process holds the workspace's lock: it is given up first, then the folder is
      // opened again as a shared one (its lock now in this computer's settings folder).
      const isSample = samplePaths.has(path.resolve(root));
      await capture.endAll();
      await backend.close();
      try {
        backend = await createBackend({ ...options, device: device(true), workspaceDir: root, isSample });
      } catch (error) {
        backend = await createBackend({ ...withDevice(), workspaceDir: root, isSample });
        capture.follow(backend);
        watchShared();
        options.onWorkspaceOpened?.(backend, true);
        throw error;
      }
      capture.follow(backend);
      watchShared();
      options.onWorkspaceOpened?.(backend, true);
      return backend.service.getWorkspace({});
    },
  };

  const delegated = Object.fromEntries(
    (Object.keys(contract) as ChannelName[])
      .filter((name) => !(name in appService) && !(name in capture.channels))
      .map((name) => [
        name,
        (request: unknown) => (backend.service as unknown as Record<string, (r: unknown) => Promise<unknown>>)[name](request),
      ]),
  );

  const guestsNamed: Pick<BackendService, 'getObservationSession'> = {
    // The capture screens name guest observers; the workspace's session answer does not carry them (yet).
    async getObservationSession(request) {
      const session = await backend.service.getObservationSession(request);
      if (session.cycle.guestObservers) return session;
      const { guestObservers } = await backend.service.getCycle({ cycleId: request.cycleId });
      return { ...session, cycle: { ...session.cycle, guestObservers } };
    },
  };

  return {
    service: { ...delegated, ...guestsNamed, ...appService, ...capture.channels } as BackendService,
    current: () => backend,
    close: async () => {
      stopSync();
      watcher?.close();
      clearTimeout(settle);
      await capture.endAll();
      await backend.close();
    },
    releaseLockNow: () => backend.releaseLockNow(),
  };
};
