import { test as base, expect, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Conf from 'conf';
import type { BackendService } from '../../../shared/contract';
import type { MenuAction, MenuContext } from '../../../shared/contract/app';
import type { Backend } from '../../../electron/backend';
import { createHost, type Host } from '../../../electron/backend/host';
import { createSettings, SETTINGS_STORE_OPTIONS, type Settings } from '../../../electron/settings';
import { buildMenuTemplate, type MenuItemTemplate } from '../../../shared/menu';
import type { HostEffects, SaveDialogOptions } from '../../../electron/backend/context';
import { dispatch } from '../../../electron/dispatch';
import { connectPageToBackend } from './bridge';
import { startServerProcess, type ServerProcess } from './server-process';
import { serveDirectory } from './static-server';

const rendererDir = path.resolve('dist/renderer');

/**
 * What a test controls about the host: the answers the "native" dialogs give and the
 * files the app asked to open. The real Electron host shows real dialogs instead.
 */
export class FakeHost implements HostEffects {
  savePaths: string[] = [];
  openPaths: string[][] = [];
  folders: string[] = [];
  opened: string[] = [];
  shown: string[] = [];
  saveRequests: SaveDialogOptions[] = [];
  async chooseSavePath(options: SaveDialogOptions) {
    this.saveRequests.push(options);
    return this.savePaths.shift() ?? null;
  }
  async chooseOpenPaths() {
    return this.openPaths.shift() ?? [];
  }
  async chooseFolder() {
    return this.folders.shift() ?? null;
  }
  async openPath(filePath: string) {
    this.opened.push(filePath);
  }
  async showInFolder(filePath: string) {
    this.shown.push(filePath);
  }
}

/**
 * How the page reaches the backend. `http` (the default): the backend in its own Node
 * process, the app over its HTTP/WebSocket door, exactly as `npm start` serves a browser.
 * `in-process`: the backend in the test process behind `page.exposeBinding`, for tests
 * that answer native dialogs (FakeHost), fire native-menu commands or inject a fault.
 */
export type Door = 'http' | 'in-process';

/** Where a command sits in the app's menu ([menu, item] labels), found by clicking through the template. */
const menuPathOf = (action: MenuAction, language: 'en' | 'ja'): [string, string] => {
  // Without Electron's mnemonic marks, as the menu bar shows them: "&Edit" → "Edit", "ヘルプ(&H)" → "ヘルプ".
  const shown = (label: string) => label.replace(/\(&\w\)/, '').replace(/&(&?)/g, '$1');
  let sent: MenuAction | null = null;
  const template = buildMenuTemplate({ isMac: false, language, send: (a) => (sent = a) });
  const visit = (items: MenuItemTemplate[], top: string): [string, string] | null => {
    for (const item of items) {
      if (item.submenu) {
        const found = visit(item.submenu, top);
        if (found) return found;
      } else if (item.click && item.label) {
        sent = null;
        item.click();
        if ((sent as MenuAction | null)?.type === action.type) return [shown(top), shown(item.label)];
      }
    }
    return null;
  };
  for (const menu of template) {
    const found = visit(menu.submenu ?? [], menu.label ?? '');
    if (found) return found;
  }
  throw new Error(`No menu item sends ${action.type}.`);
};

export interface AppHarness {
  page: Page;
  door: Door;
  /** The workspace folder open now (changes when the user opens another), as the backend says. */
  workspaceDir(): Promise<string>;
  /** Native dialogs' answers (in-process door only). */
  host: FakeHost;
  /** The preferences file the backend reads (the same file in both doors). */
  settings: Settings;
  /** The whole contract, as the page has it, throwing the backend's own errors. */
  readonly service: BackendService;
  /**
   * The backend object itself, for seeding a workspace through its storage. With the
   * http door only before `open()`: it is the workspace the server process then opens.
   */
  backend(): Backend;
  /** Open the app (first time) and wait until it is ready. */
  open(hash?: string): Promise<void>;
  /** Close the backend, start a new one over the same folder and reload the page: an app restart. `whileClosed` runs in between (another computer's change, a crash's leftovers). */
  restart(whileClosed?: () => Promise<void>): Promise<void>;
  screenshot(name: string): Promise<string>;
  /** Fire a native-menu command, as main does when the user picks a menu item. */
  menuAction(action: MenuAction): Promise<void>;
  /** Every menu context the renderer reported, oldest first (main rebuilds the menu from the last). */
  menuContexts: MenuContext[];
  /** Make the next call of `channel` fail with this message, as a full disk would (code `io`). */
  failNext(channel: string, message: string): void;
  /** Hold the next call of `channel` unanswered, as a slow backend would, until the returned function is called. */
  holdNext(channel: string): () => void;
  /** Errors the test provokes on purpose: page errors matching this are not counted as uncaught at the end. */
  allowPageErrors(pattern: RegExp): void;
}

/**
 * The browser e2e harness: the built renderer in Chromium, and `page.exposeBinding`
 * connecting it to the real backend service on a temporary workspace. An init script
 * installs the same `window.lessonStudy` object the preload installs (one named function
 * per contract channel), so only the transport differs from Electron.
 */
export const test = base.extend<{ app: AppHarness; door: Door }, { rendererUrl: string }>({
  door: ['http', { option: true }],
  rendererUrl: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their dependencies.
    async ({}, use) => {
      if (!existsSync(path.join(rendererDir, 'index.html'))) {
        throw new Error('dist/renderer is missing: run `npm run build` before the e2e tests (npm test does).');
      }
      const { url, server } = await serveDirectory(rendererDir);
      await use(url);
      server.close();
    },
    { scope: 'worker' },
  ],
  app: async ({ page, rendererUrl, door }, use, testInfo) => {
    const userData = await mkdtemp(path.join(tmpdir(), 'lesson-study-e2e-'));
    const host = new FakeHost();
    // The same preferences file the server process (and electron-store in the app) keeps.
    const settings = createSettings(new Conf<Record<string, unknown>>({ ...SETTINGS_STORE_OPTIONS, cwd: userData, configName: 'config', projectName: 'lesson-study' }));
    const defaultWorkspaceDir = path.join(userData, 'workspace');
    const menuContexts: MenuContext[] = [];
    const hostOptions = {
      onMenuContext: (context: MenuContext) => void menuContexts.push(context),
      settings,
      effects: host,
      defaultWorkspaceDir,
      samplesDir: path.join(userData, 'samples'),
      sampleSourceDir: path.resolve('resources/sample-workspace'),
    };
    /** The in-process backend: always with that door; with http only until the server process starts. */
    let current: Host | null = null;
    let server: ServerProcess | null = null;
    const inProcess = async (): Promise<Host> => (current ??= await createHost(hostOptions));
    const failures = new Map<string, string>();
    const holds = new Map<string, Promise<void>>();
    if (door === 'in-process') {
      await connectPageToBackend(page, async (name, payload) => {
        const hold = holds.get(name);
        if (hold) {
          holds.delete(name);
          await hold;
        }
        const failure = failures.get(name);
        if (failure === undefined) return dispatch((await inProcess()).service, name, payload);
        failures.delete(name);
        return { ok: false, error: { code: 'io', message: failure } };
      });
    }
    await inProcess();
    const waitReady = () => expect(page.locator('#root')).toHaveAttribute('data-app-state', 'ready');
    /** The server process takes the workspace over from the seeding backend (its lock must be free). */
    const startServer = async (port?: number) => {
      if (current) {
        await current.close();
        current = null;
      }
      server = await startServerProcess({ userData, port });
    };
    const errors: string[] = [];
    const allowed: RegExp[] = [];
    page.on('pageerror', (error) => {
      if (!allowed.some((pattern) => pattern.test(error.message))) errors.push(error.message);
    });
    const onlyInProcess = (what: string) => {
      if (door !== 'in-process') throw new Error(`${what} needs the in-process door: test.use({ door: 'in-process' }).`);
    };
    const harness: AppHarness = {
      page,
      door,
      workspaceDir: async () => (await harness.service.getWorkspace({})).path,
      host,
      settings,
      // Stable: a test may keep it across open() and restart(); each call goes to whichever backend runs then.
      service: new Proxy({} as BackendService, {
        get: (_target, name) => async (request: unknown) => {
          const running = server?.service ?? current?.service;
          if (!running) throw new Error('The backend is not running (between a restart\'s stop and start).');
          return (running as unknown as Record<string, (r: unknown) => Promise<unknown>>)[name as string](request);
        },
      }),
      backend: () => {
        if (!current) throw new Error('The backend runs in its own process now: use app.service (or seed before app.open()).');
        return current.current();
      },
      async open(hash = '') {
        if (door === 'in-process') {
          await page.goto(`${rendererUrl}#${hash}`);
        } else {
          if (!server) await startServer();
          await page.goto(server!.link);
          if (hash) await page.evaluate((route) => void (location.hash = route), hash);
        }
        await waitReady();
      },
      async restart(whileClosed) {
        if (door === 'in-process') {
          await current!.close();
          current = null;
          await whileClosed?.();
          await inProcess();
          if (page.url() === 'about:blank') return;
          await page.reload();
          await waitReady();
          return;
        }
        const route = page.url() === 'about:blank' ? '' : new URL(page.url()).hash.slice(1);
        const port = server?.port;
        if (server) expect(await server.stop(), 'the server stops cleanly on Ctrl+C').toBe(0);
        else await current?.close();
        server = null;
        current = null;
        await whileClosed?.();
        // The same port: the page's origin, and what it keeps per origin, stay the same.
        await startServer(port);
        if (page.url() === 'about:blank') return;
        // Only the fragment differs from the page shown: without leaving it first, that
        // would be a same-document navigation, not a new load that signs in again.
        await page.goto('about:blank');
        await page.goto(server!.link);
        await waitReady();
        if (route && route !== '/') {
          await page.evaluate((r) => void (location.hash = r), route);
          await waitReady();
        }
      },
      menuContexts,
      allowPageErrors: (pattern) => void allowed.push(pattern),
      failNext: (channel, message) => {
        onlyInProcess('failNext');
        failures.set(channel, message);
      },
      holdNext: (channel) => {
        onlyInProcess('holdNext');
        let release!: () => void;
        holds.set(channel, new Promise<void>((resolve) => (release = resolve)));
        return release;
      },
      async menuAction(action) {
        if (door === 'http') {
          // The browser has the app's own menu bar: pick the command there, as a user would.
          const [menu, item] = menuPathOf(action, settings.get('uiLanguage'));
          const bar = page.getByRole('menubar');
          await bar.getByRole('menuitem', { name: menu, exact: true }).click();
          await page.getByRole('menu', { name: menu }).getByRole('menuitem', { name: item }).click();
          return;
        }
        await page.evaluate((a) => (window as unknown as { __lessonStudyMenuAction: (x: unknown) => void }).__lessonStudyMenuAction(a), action);
      },
      async screenshot(name: string) {
        const dir = path.resolve('test-results/screens');
        await mkdir(dir, { recursive: true });
        const file = path.join(dir, `${name}.png`);
        await page.screenshot({ path: file, fullPage: true });
        return file;
      },
    };
    await use(harness);
    if (server) expect(await (server as ServerProcess).stop(), 'the server stops cleanly on Ctrl+C').toBe(0);
    await (current as Host | null)?.close();
    if (testInfo.status === testInfo.expectedStatus) await rm(userData, { recursive: true, force: true });
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
});

export { expect };
