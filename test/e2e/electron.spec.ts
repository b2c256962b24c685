import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { electronBinary, resolveElectronPackage } from '../../electron/launch.mjs';

/*
 * The real desktop app: main process, preload and IPC. It needs the Electron binary,
 * which cannot be downloaded on every machine; there it is skipped, loudly. The same
 * group slice runs in Chromium against the real backend in groups.spec.ts.
 */
const root = path.resolve(import.meta.dirname, '../..');

/** The check `npm start` makes; `require('electron')` would try to download the binary. */
const findElectronBinary = (): string | null => {
  const packageDir = resolveElectronPackage(root);
  if (!packageDir) return null;
  const found = electronBinary(packageDir);
  return found.installed ? found.binary : null;
};

const electronExecutable = findElectronBinary();
const skipReason = 'Electron binary not installed (node_modules/electron missing or without its binary; `npm start` downloads it where there is internet): Electron e2e skipped';
if (!electronExecutable) console.log(skipReason);
test.skip(!electronExecutable, skipReason);

let userData: string;
test.beforeEach(() => {
  // A fresh profile and workspace per test, so the real profile is never touched.
  userData = mkdtempSync(path.join(os.tmpdir(), 'lesson-study-electron-'));
});
test.afterEach(() => {
  rmSync(userData, { recursive: true, force: true });
});

const launch = async (): Promise<{ app: ElectronApplication; page: Page }> => {
  // A leftover ELECTRON_RUN_AS_NODE would start Electron as plain Node.
  const env: Record<string, string | undefined> = { ...process.env, LESSON_STUDY_USER_DATA: userData };
  delete env.ELECTRON_RUN_AS_NODE;
  const app = await electron.launch({
    executablePath: electronExecutable!,
    // Chromium refuses to run as root with its OS sandbox (as in containers and CI).
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), '.'],
    cwd: root,
    env: env as Record<string, string>,
  });
  const page = await app.firstWindow();
  await expect(page.locator('#root')).toHaveAttribute('data-app-state', 'ready');
  return { app, page };
};

/** Creates a group from the groups list, as a teacher does; the window then shows it. */
const createGroup = async (page: Page, name: string) => {
  await page.getByRole('button', { name: 'New group' }).click();
  await page.getByLabel('Group name').fill(name);
  await page.getByRole('button', { name: 'Create group' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
};

test('a group created in the desktop app is there after a restart', async () => {
  const name = 'Willow Grade 2 Reading';
  let { app, page } = await launch();
  await createGroup(page, name);
  await app.close();

  ({ app, page } = await launch());
  await page.getByRole('link', { name: 'Groups', exact: true }).click();
  await expect(page.getByRole('link', { name })).toBeVisible();
  await app.close();
});

test("the window opens on its start page: the groups list drawn by the backend, taken over by the app", async () => {
  const name = 'Willow Grade 2 Reading';
  let { app, page } = await launch();
  await createGroup(page, name);
  // Back to the list, so the next start has no other screen to restore.
  await page.getByRole('link', { name: 'Groups', exact: true }).click();
  await expect(page.getByRole('link', { name })).toBeVisible();
  await app.close();

  ({ app, page } = await launch());
  // The file handler gave the window the page the backend drew (electron/window-page.ts), and React hydrated it without drawing it again.
  await expect(page.locator('#root')).toHaveAttribute('data-start-data', 'embedded');
  await expect(page.locator('#root')).not.toHaveAttribute('data-hydration', /.*/);
  await expect(page.getByRole('link', { name })).toBeVisible();
  await page.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await app.close();
});

test('the page gets the named API and nothing of Node', async () => {
  const { app, page } = await launch();
  const exposed = await page.evaluate(() => ({
    api: Object.keys((window as unknown as Record<string, object>).lessonStudy ?? {}),
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
  }));
  expect(exposed.api).toContain('createGroup');
  expect(exposed.api).not.toContain('invoke');
  expect(exposed.require).toBe('undefined');
  expect(exposed.process).toBe('undefined');
  await app.close();
});
