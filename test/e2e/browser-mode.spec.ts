import { expect, test, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/**
 * `npm start` where Electron cannot run: the real server process (dist-server) and the
 * real renderer in Chromium. What native dialogs and the native menu do on the desktop is
 * done here by downloads, the browser's file picker, a typed folder path and the app's
 * own menu bar.
 */

const bundle = path.resolve('dist-server/lesson-study-server.mjs');
const screens = path.resolve('test-results/screens');
let child: ChildProcess;
let userData: string;
let link: string;

test.beforeAll(async () => {
  if (!existsSync(bundle)) throw new Error('dist-server is missing: run `npm run build` first.');
  userData = await mkdtemp(path.join(tmpdir(), 'lesson-study-browser-'));
  await mkdir(screens, { recursive: true });
  child = spawn(process.execPath, [bundle], {
    env: { ...process.env, LESSON_STUDY_USER_DATA: userData, LESSON_STUDY_NO_BROWSER: '1', LESSON_STUDY_PORT: '', LESSON_STUDY_RENDERER_DIR: path.resolve('dist/renderer') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk));
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk;
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0]);
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code} before printing: ${stderr}`)));
  });
  link = line.slice('Lesson Study is running at '.length);
});

test.afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  if (userData) await rm(userData, { recursive: true, force: true });
});

/** Signs in with the printed link; the first run's welcome and tour are answered already. */
const openApp = async (page: Page) => {
  await page.goto(link);
  await expect(page.locator('#root')).toHaveAttribute('data-app-state', 'ready');
  await page.evaluate(() => (window as unknown as { lessonStudy: { updatePreferences(p: object): Promise<unknown> } }).lessonStudy.updatePreferences({ welcomed: true, tourDismissed: true }));
  await page.reload();
  await expect(page.locator('#root')).toHaveAttribute('data-app-state', 'ready');
};

/** A group and a lesson design, made through the page's api as the UI would. */
const seed = (page: Page, title: string) =>
  page.evaluate(async (designTitle) => {
    type Api = Record<string, (request: object) => Promise<{ ok: boolean; value: { id: string } }>>;
    const api = (window as unknown as { lessonStudy: Api }).lessonStudy;
    const group = await api.createGroup({ name: '4年 算数', schools: [], subject: 'Mathematics', gradeBand: '4', researchTheme: '', norms: [], members: [] });
    const design = await api.createDesign({ groupId: group.value.id, title: designTitle });
    return { groupId: group.value.id, designId: design.value.id };
  }, title);

test('exports a lesson plan and a design file as downloads, and imports the file through the file picker', async ({ page }) => {
  await openApp(page);
  const { groupId, designId } = await seed(page, '分数のわり算');
  await page.goto(`${new URL(link).origin}/#/designs/${designId}`);
  await expect(page.getByRole('button', { name: 'Export lesson plan (.docx)' })).toBeVisible();

  const planDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export lesson plan (.docx)' }).click();
  const plan = await planDownload;
  expect(plan.suggestedFilename()).toBe('分数のわり算 draft.docx');
  const planBytes = await readFile((await plan.path())!);
  // A .docx is a zip: it starts with "PK".
  expect(planBytes.subarray(0, 2).toString('latin1')).toBe('PK');
  await expect(page.getByRole('status').filter({ hasText: 'Saved “分数のわり算 draft.docx”.' })).toBeVisible();
  // A browser cannot show a file in its folder: the notice offers Open only.
  await expect(page.getByRole('button', { name: 'Open file' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Show in folder' })).toHaveCount(0);

  const fileDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export design file (.lessonstudy.json)…' }).click();
  const designFile = await fileDownload;
  expect(designFile.suggestedFilename()).toBe('分数のわり算.lessonstudy.json');
  const saved = path.join(userData, 'picked', designFile.suggestedFilename());
  await designFile.saveAs(saved);

  await page.goto(`${new URL(link).origin}/#/groups/${groupId}/designs`);
  // Cancelling the picker is a cancelled dialog: nothing imported, no error.
  const cancelled = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import lesson design…' }).click();
  const chooserToCancel = await cancelled;
  expect(chooserToCancel.isMultiple()).toBe(false);
  await chooserToCancel.setFiles([]);
  await expect(page.getByRole('alert')).toHaveCount(0);

  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import lesson design…' }).click();
  await (await chooser).setFiles(saved);
  await expect(page).toHaveURL(/#\/designs\/(?!.*compare)/);
  expect(page.url()).not.toContain(designId);
  const titles = await page.evaluate(async (id) => {
    const api = (window as unknown as { lessonStudy: Record<string, (request: object) => Promise<{ value: Array<{ title: string }> }>> }).lessonStudy;
    return (await api.listDesigns({ groupId: id })).value.map((design) => design.title);
  }, groupId);
  expect(titles).toEqual(['分数のわり算', '分数のわり算']);
});

test('the menu bar works from the keyboard and opens a workspace folder typed by path', async ({ page }) => {
  await openApp(page);
  const menubar = page.getByRole('menubar', { name: 'Application menu' });
  await expect(menubar.getByRole('menuitem')).toHaveText(['File', 'Edit', 'View', 'Help']);

  const file = menubar.getByRole('menuitem', { name: 'File' });
  await file.focus();
  await page.keyboard.press('ArrowDown');
  const fileMenu = page.getByRole('menu', { name: 'File' });
  await expect(fileMenu).toBeVisible();
  await expect(fileMenu.getByRole('menuitem', { name: 'New Group' })).toBeFocused();
  // Outside a group there is nothing to add a cycle to, as in the native menu.
  await expect(fileMenu.getByRole('menuitem', { name: 'New Cycle' })).toHaveAttribute('aria-disabled', 'true');
  await expect(fileMenu.getByRole('menuitem', { name: 'Export Cycle Report…' })).toHaveAttribute('aria-disabled', 'true');
  await page.screenshot({ path: path.join(screens, 'browser-menu-bar-1400.png') });

  // → moves to the next menu and opens it; Escape closes it and leaves focus on its title.
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('menu', { name: 'Edit' })).toBeVisible();
  await expect(fileMenu).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
  await expect(menubar.getByRole('menuitem', { name: 'Edit' })).toBeFocused();

  // ← back to File, ↓ to open, ↑ wraps to the last item; down to Open Workspace…, Enter.
  await page.keyboard.press('ArrowLeft');
  await expect(file).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(fileMenu.getByRole('menuitem', { name: 'New Group' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(fileMenu.getByRole('menuitem', { name: 'Open Workspace…' })).toBeFocused();
  await page.keyboard.press('Enter');

  const dialog = page.getByRole('dialog', { name: 'Open a workspace folder' });
  const field = dialog.getByLabel('Workspace folder on this computer');
  await expect(field).toHaveValue(path.join(userData, 'workspace'));
  await page.screenshot({ path: path.join(screens, 'browser-folder-dialog-1400.png') });

  await field.fill('授業研究');
  await dialog.getByRole('button', { name: 'Open folder' }).click();
  await expect(dialog.getByRole('alert')).toContainText('“授業研究” is not a full folder path');

  const folder = path.join(userData, '授業研究 2026');
  await field.fill(folder);
  await dialog.getByRole('button', { name: 'Open folder' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('button', { name: /授業研究 2026/ })).toBeVisible();
  expect(await readdir(folder)).toContain('.lesson-study.lock');

  // The menu's own shortcut works in the page too: Ctrl+O asks for a folder again; Escape cancels.
  await page.locator('#main').click();
  await page.keyboard.press('Control+o');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

test('on a phone the menu bar and the folder dialog fit the screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page);
  const menubar = page.getByRole('menubar', { name: 'Application menu' });
  await menubar.getByRole('menuitem', { name: 'File' }).click();
  const fileMenu = page.getByRole('menu', { name: 'File' });
  await expect(fileMenu).toBeVisible();
  const box = (await fileMenu.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  await page.screenshot({ path: path.join(screens, 'browser-menu-bar-phone.png') });

  await fileMenu.getByRole('menuitem', { name: 'Open Workspace…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open a workspace folder' });
  await expect(dialog).toBeVisible();
  const dialogBox = (await dialog.boundingBox())!;
  expect(dialogBox.x + dialogBox.width).toBeLessThanOrEqual(390);
  await page.screenshot({ path: path.join(screens, 'browser-folder-dialog-phone.png') });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
});
