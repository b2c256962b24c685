import { test as base, expect, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { MenuAction, MenuContext } from '../../../shared/contract/app';
import type { Backend } from '../../../electron/backend';
import { createHost, type Host } from '../../../electron/backend/host';
import { createMemoryStore, createSettings, type Settings } from '../../../electron/settings';
import type { HostEffects, SaveDialogOptions } from '../../../electron/backend/context';
import { dispatch } from '../../../electron/dispatch';
import { connectPageToBackend } from './bridge';
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

export interface AppHarness {
  page: Page;
  /** The workspace folder open now (changes when the user opens another). */
  readonly workspaceDir: string;
  host: FakeHost;
  settings: Settings;
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
}

/**
 * The browser e2e harness: the built renderer in Chromium, and `page.exposeBinding`
 * connecting it to the real backend service on a temporary workspace. An init script
 * installs the same `window.lessonStudy` object the preload installs (one named function
 * per contract channel), so only the transport differs from Electron.
 */
export const test = base.extend<{ app: AppHarness }, { rendererUrl: string }>({
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
  app: async ({ page, rendererUrl }, use, testInfo) => {
    const userData = await mkdtemp(path.join(tmpdir(), 'lesson-study-e2e-'));
    const host = new FakeHost();
    // Preferences live in memory, as electron-store would keep them in the app.
    const settings = createSettings(createMemoryStore());
    const menuContexts: MenuContext[] = [];
    const hostOptions = {
      onMenuContext: (context: MenuContext) => void menuContexts.push(context),
      settings,
      effects: host,
      defaultWorkspaceDir: path.join(userData, 'workspace'),
      samplesDir: path.join(userData, 'samples'),
      sampleSourceDir: path.resolve('resources/sample-workspace'),
    };
    let current: Host = await createHost(hostOptions);
    const failures = new Map<string, string>();
    await connectPageToBackend(page, (name, payload) => {
      const failure = failures.get(name);
      if (failure === undefined) return dispatch(current.service, name, payload);
      failures.delete(name);
      return { ok: false, error: { code: 'io', message: failure } };
    });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const harness: AppHarness = {
      page,
      get workspaceDir() {
        return current.current().context.store.root;
      },
      host,
      settings,
      backend: () => current.current(),
      async open(hash = '') {
        await page.goto(`${rendererUrl}#${hash}`);
        await expect(page.locator('#root')).toHaveAttribute('data-app-state', 'ready');
      },
      async restart(whileClosed) {
        await current.close();
        await whileClosed?.();
        current = await createHost(hostOptions);
        if (page.url() === 'about:blank') return;
        await page.reload();
        await expect(page.locator('#root')).toHaveAttribute('data-app-state', 'ready');
      },
      menuContexts,
      failNext: (channel, message) => void failures.set(channel, message),
      async menuAction(action) {
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
    await current.close();
    if (testInfo.status === testInfo.expectedStatus) await rm(userData, { recursive: true, force: true });
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
});

export { expect };
