/*
 * Start-up only: everything with logic lives in a module that runs without Electron.
 * Type-checked against Electron's own definitions (electron/install-types.mjs brings
 * them where npm left the optional package out).
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, MessageChannelMain, nativeTheme, net, powerMonitor, protocol, screen, session, shell, utilityProcess } from 'electron';
import ElectronStore from 'electron-store';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { attachBackendProcess, type BackendProcess } from './backend/process/main-side';
import { createElectronHostEffects } from './host-effects';
import { PORT_CHANNEL, registerPortHandoff } from './ipc';
import type { MenuContext, UiPreferences } from '../shared/contract/app';
import { buildMenuTemplate, MENU_ACTION_CHANNEL, type MenuAction } from './menu';
import { hardenWebContents, restrictPermissions } from './security';
import { createShutdown } from './shutdown';
import { corruptSettingsName, createSettings, openSettingsStore, SETTINGS_STORE_OPTIONS, type Settings } from './settings';
import { windowPageHandler } from './window-page';
import { captureWindowBounds, MIN_WINDOW_SIZE, restoreWindowPlacement, type Rect } from './window-state';

const here = path.dirname(fileURLToPath(import.meta.url)); // dist-electron/
const rendererDir = path.join(here, '..', 'dist', 'renderer');
const rendererIndex = path.join(rendererDir, 'index.html');
const preloadBundle = path.join(here, 'preload.cjs');
const backendBundle = path.join(here, 'backend.mjs');
const appUrl = pathToFileURL(rendererIndex).href;

// Tests (and anyone trying the app out) point the profile elsewhere so a real one is never touched.
// It must be set before the single-instance lock, which is keyed on this folder.
if (process.env.LESSON_STUDY_USER_DATA) {
  app.setPath('userData', path.resolve(process.env.LESSON_STUDY_USER_DATA));
}

let mainWindow: InstanceType<typeof BrowserWindow> | null = null;
type PortMain = InstanceType<typeof MessageChannelMain>['port1'];
/** The backend process (a utilityProcess) that owns the workspace; main only shows windows, menus and dialogs. */
let backend: BackendProcess<PortMain> | null = null;
/** Closes the workspace (pending writes, lock) on quit, system shutdown and Windows session end. */
const shutdown = createShutdown({
  close: async () => {
    const open = backend;
    backend = null;
    await open?.close();
  },
  releaseLockNow: () => backend?.releaseLockNow(),
  quit: () => app.quit(),
  log: (message, error) => console.error(`${message}:`, error),
});
/** Where the renderer last said the user is; the menu is rebuilt from it. */
let menuContext: MenuContext = { view: 'start' };

const fail = (title: string, message: string): void => {
  dialog.showErrorBox(title, message);
  // With a workspace open, quit normally so 'before-quit' releases its lock; before
  // that nothing needs closing, and the exit code tells scripts start-up failed.
  if (backend) app.quit();
  else app.exit(1);
};

const openSettings = (): Settings => {
  const file = path.join(app.getPath('userData'), 'config.json');
  return createSettings(
    openSettingsStore({
      open: () => new ElectronStore(SETTINGS_STORE_OPTIONS),
      setAside: () => {
        if (fs.existsSync(file)) fs.renameSync(file, corruptSettingsName(file, new Date()));
      },
    }),
  );
};

const createWindow = (settings: Settings): void => {
  const workAreas: Rect[] = screen.getAllDisplays().map((display: { workArea: Rect }) => display.workArea);
  const placement = restoreWindowPlacement(settings.get('windowBounds'), workAreas);
  const window = new BrowserWindow({
    x: placement.x,
    y: placement.y,
    width: placement.width,
    height: placement.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'Lesson Study Desktop',
    show: false,
    webPreferences: {
      preload: preloadBundle,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  mainWindow = window;
  if (placement.isMaximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.on('close', () => settings.set('windowBounds', captureWindowBounds(window)));
  window.on('closed', () => {
    mainWindow = null;
  });

  rebuildMenu(settings);

  // loadURL with the very URL the IPC sender check compares against (loadFile encodes a
  // few characters differently, e.g. a "%" in a folder name).
  window.on('session-end', () => shutdown.onSessionEnd());
  window.loadURL(appUrl).catch((error: unknown) => {
    fail(
      'Lesson Study could not show its window',
      `The app's interface was not found or failed to load (${rendererIndex}). Run "npm run build" and start again.\n\n${String(error)}`,
    );
  });
};

const sendMenuAction = (action: MenuAction): void => {
  mainWindow?.webContents.send(MENU_ACTION_CHANNEL, action);
};

const rebuildMenu = (settings: Settings): void => {
  const recent = settings.get('recentWorkspaces');
  const current = backend?.workspaceRoot() ?? '';
  const template = buildMenuTemplate({
    isMac: process.platform === 'darwin',
    isDev: !app.isPackaged,
    appName: app.name,
    language: settings.get('uiLanguage'),
    context: menuContext,
    recentWorkspaces: recent.map((folder) => ({ name: path.basename(folder), path: folder, isCurrent: path.resolve(folder) === current })),
    send: sendMenuAction,
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
};

const start = async (): Promise<void> => {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
  // Every web contents, including any we did not create ourselves, gets the guards.
  app.on('web-contents-created', (_event: unknown, contents: Parameters<typeof hardenWebContents>[0]) =>
    hardenWebContents(contents, appUrl, (url) => shell.openExternal(url)),
  );
  // One window, one workspace lock: closing the window ends the app on every platform,
  // so the lock is released rather than held by an invisible app.
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => shutdown.onBeforeQuit(event));

  await app.whenReady();
  // Electron passes an Event whose preventDefault delays the shutdown (documented; its
  // type definition omits the argument).
  powerMonitor.on('shutdown', ((event: { preventDefault(): void }) => shutdown.onSystemShutdown(event)) as () => void);
  restrictPermissions(session.defaultSession);

  const settings = openSettings();
  nativeTheme.themeSource = settings.get('theme');
  const workspaceDir = settings.get('workspacePath') ?? path.join(app.getPath('userData'), 'workspace');
  const effects = createElectronHostEffects({
    dialog,
    shell,
    getWindow: () => mainWindow,
    defaultFolder: app.getPath('documents'),
  });
  // The menu shows the language and the recent list; rebuild only when one of them
  // changed, not on every lastView write.
  const menuInputs = () => JSON.stringify([settings.get('uiLanguage'), settings.get('recentWorkspaces'), settings.get('workspacePath')]);
  let shownMenu = menuInputs();
  const onPreferencesChanged = (preferences: UiPreferences) => {
    nativeTheme.themeSource = preferences.theme;
    if (menuInputs() === shownMenu) return;
    shownMenu = menuInputs();
    rebuildMenu(settings);
  };
  const userData = app.getPath('userData');
  const processOptions = {
    defaultWorkspaceDir: path.join(userData, 'workspace'),
    samplesDir: path.join(userData, 'samples'),
    sampleSourceDir: app.isPackaged
      ? path.join((process as NodeJS.Process & { resourcesPath: string }).resourcesPath, 'sample-workspace')
      : path.join(here, '..', 'resources', 'sample-workspace'),
    logDir: path.join(userData, 'logs'),
    version: app.getVersion(),
    rendererDir,
  };
  /** Give a window its own port to the backend process (the sender frame is checked first). */
  const handOver = (sender: { postMessage(channel: string, message: unknown, transfer: PortMain[]): void }) => {
    const { port1, port2 } = new MessageChannelMain();
    backend?.connect(port1);
    sender.postMessage(PORT_CHANNEL, null, [port2]);
  };
  let restarts = 0;
  const startBackend = (): BackendProcess<PortMain> =>
    attachBackendProcess(utilityProcess.fork(backendBundle, [], { serviceName: 'Lesson Study backend' }), {
      options: processOptions,
      settings,
      effects,
      onMenuContext: (context) => {
        menuContext = context;
        rebuildMenu(settings);
      },
      onPreferencesChanged,
      onUnexpectedExit: (code) => {
        // A crash of the backend must not take the window with it: start it again (it
        // reopens the workspace) and give the window a new port; the window answers its
        // waiting requests with "check and try again". A crash loop ends the app.
        restarts += 1;
        if (restarts > 3) {
          fail('Lesson Study stopped', `Its background process ended unexpectedly (exit code ${code}) several times.\n\nWorkspace folder: ${workspaceDir}`);
          return;
        }
        backend = startBackend();
        if (mainWindow) handOver(mainWindow.webContents);
      },
    });
  backend = startBackend();
  registerPortHandoff(ipcMain, appUrl, handOver);
  // The window's page comes with the groups list already drawn by the backend, so it is painted before the app's code has loaded.
  protocol.handle(
    'file',
    windowPageHandler(
      appUrl,
      () => backend?.startPage() ?? Promise.resolve(null),
      (request) => net.fetch(request, { bypassCustomProtocolHandlers: true }),
    ),
  );
  try {
    await backend.ready;
  } catch (error) {
    // e.g. the workspace folder cannot be read or created.
    const message = error instanceof Error ? error.message : String(error);
    fail('Lesson Study cannot open its workspace', `${message}\n\nWorkspace folder: ${workspaceDir}`);
    return;
  }

  createWindow(settings);
};

if (app.requestSingleInstanceLock()) {
  start().catch((error: unknown) => fail('Lesson Study could not start', error instanceof Error ? error.stack ?? error.message : String(error)));
} else {
  // The first instance shows its window (see 'second-instance'); this one has nothing to do.
  app.quit();
}
