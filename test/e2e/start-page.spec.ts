import * as path from 'node:path';
import type { Page } from '@playwright/test';
import { noLog } from '../../electron/backend/log';
import { composeStartPage, loadStartPageSource } from '../../electron/backend/start-page';
import type { AppHarness } from './support/harness';
import { expect, test } from './support/harness';
import { serveDirectory } from './support/static-server';

/**
 * The desktop window's start page: its file handler (electron/window-page.ts) gives the
 * window index.html with the groups list already drawn by the backend, so the list is on
 * screen before the app's code has loaded; the app then takes that page over. Electron
 * cannot run here: the same page and files are served on loopback, as the handler gives
 * them, and the page talks to the backend over the test bridge (the in-process door).
 */
test.use({ door: 'in-process' });

const rendererDir = path.resolve('dist/renderer');
const groupFields = (name: string) => ({ name, schools: ['Maple Elementary'], subject: 'Mathematics', gradeBand: '5', researchTheme: '', norms: [], members: [] });

/** Serves the window's files with its start page made from the harness's backend; `edit` changes the page on its way (a stale or tampered page). */
const serveWindow = async (app: AppHarness, edit: (page: string) => string = (page) => page) => {
  const source = await loadStartPageSource(rendererDir, noLog);
  if (!source) throw new Error('dist/start-page is missing: run `npm run build` first.');
  const served = await serveDirectory(rendererDir, {
    startPage: async () => {
      const page = await composeStartPage(source, app.service, noLog);
      return page === null ? null : edit(page);
    },
  });
  test.info().attach('served', { body: served.url });
  return served;
};

/** Holds the app's code (its entry module) until the returned function is called: the page as it is before the code has loaded. */
const holdAppCode = async (page: Page) => {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/index-[\w-]+\.js$/, async (route) => {
    await released;
    await route.continue();
  });
  return release;
};

const consoleErrors = (page: Page) => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
};

const root = (page: Page) => page.locator('#root');

/** The app has taken the start page over without drawing it again. */
const expectTakenOver = async (page: Page) => {
  await expect(root(page)).toHaveAttribute('data-app-state', 'ready');
  await expect(root(page)).toHaveAttribute('data-start-data', 'embedded');
  await expect(root(page)).not.toHaveAttribute('data-hydration', /.*/);
};

test('a returning teacher sees the groups list before the app has loaded, and then it all works', async ({ app }) => {
  const { page } = app;
  app.settings.set('tourDismissed', true);
  app.settings.set('welcomed', true);
  const fractions = await app.service.createGroup(groupFields('Grade 5 fractions'));
  await app.service.createGroup(groupFields('Grade 3 reading'));
  const served = await serveWindow(app);
  const errors = consoleErrors(page);
  const release = await holdAppCode(page);

  await page.goto(served.url);

  // Drawn by the backend: the list is there, and none of the app's code has run.
  const list = page.getByRole('list', { name: 'Groups in this workspace' });
  await expect(list.getByRole('link', { name: 'Grade 5 fractions' })).toBeVisible();
  await expect(list.getByRole('link', { name: 'Grade 3 reading' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Lesson study groups', level: 1 })).toBeVisible();
  await expect(root(page)).toHaveAttribute('data-app-state', 'loading');
  // main.tsx has not run: it marks how the window was drawn.
  await expect(root(page)).not.toHaveAttribute('data-start-data', /.*/);
  await app.screenshot('start-page-before-code');

  release();

  // The app took the same page over: nothing was drawn again.
  await expectTakenOver(page);
  await list.getByRole('link', { name: 'Grade 5 fractions' }).click();
  await expect(page).toHaveURL(new RegExp(`#/groups/${fractions.id}`));
  await expect(page.getByRole('heading', { name: 'Grade 5 fractions', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'Groups', exact: true }).click();
  await page.getByRole('button', { name: 'New group' }).click();
  await expect(page.getByRole('dialog', { name: 'New group' })).toBeVisible();
  expect(errors).toEqual([]);
  served.server.close();
});

test('a Japanese window in the dark theme is drawn so from its page, and stays so when the app takes over', async ({ app }) => {
  const { page } = app;
  app.settings.set('tourDismissed', true);
  app.settings.set('welcomed', true);
  app.settings.set('uiLanguage', 'ja');
  app.settings.set('theme', 'dark');
  await app.service.createGroup(groupFields('５年 分数の大きさ比べ'));
  const served = await serveWindow(app);
  const errors = consoleErrors(page);
  const release = await holdAppCode(page);

  await page.goto(served.url);
  await expect(page.getByRole('heading', { name: '授業研究グループ', level: 1 })).toBeVisible();
  await expect(page.getByRole('list', { name: 'このワークスペースのグループ' }).getByRole('link', { name: '５年 分数の大きさ比べ' })).toBeVisible();
  // Dark from the first frame: never a light page that turns dark once the code has run.
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const before = await background();
  expect(before).toMatch(/^rgb\((\d+), (\d+), (\d+)\)$/);
  expect(Math.max(...before.match(/\d+/g)!.map(Number))).toBeLessThan(80);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await app.screenshot('start-page-before-code-ja');

  release();
  await expectTakenOver(page);
  await expect(page.getByRole('heading', { name: '授業研究グループ', level: 1 })).toBeVisible();
  expect(await background()).toBe(before);
  expect(errors).toEqual([]);
  served.server.close();
});

test('a first run is drawn from its page too: the welcome, whose buttons work once the app has loaded', async ({ app }) => {
  const { page } = app;
  const served = await serveWindow(app);
  const errors = consoleErrors(page);

  await page.goto(served.url);
  await expect(page.getByRole('heading', { name: 'Welcome to Lesson Study Desktop' })).toBeVisible();
  await expectTakenOver(page);
  await page.getByRole('region', { name: "Where should your group's work be kept?" }).getByRole('button', { name: 'Use the default folder' }).click();
  await expect(page.getByRole('complementary', { name: 'Your group and its research theme' })).toBeVisible();
  expect(errors).toEqual([]);
  served.server.close();
});

test('a group made while the app was loading is listed once it has loaded', async ({ app }) => {
  const { page } = app;
  app.settings.set('tourDismissed', true);
  app.settings.set('welcomed', true);
  await app.service.createGroup(groupFields('Grade 5 fractions'));
  const served = await serveWindow(app);
  const release = await holdAppCode(page);

  await page.goto(served.url);
  const list = page.getByRole('list', { name: 'Groups in this workspace' });
  await expect(list.getByRole('link', { name: 'Grade 5 fractions' })).toBeVisible();
  // Another window (or a synced folder) adds a group after the page was made, before the app could hear of it.
  await app.service.createGroup(groupFields('Made meanwhile'));
  release();

  await expect(list.getByRole('link', { name: 'Made meanwhile' })).toBeVisible();
  await expect(root(page)).not.toHaveAttribute('data-hydration', /.*/);
  served.server.close();
});

test('a group clicked before the app has loaded is the screen it opens on', async ({ app }) => {
  const { page } = app;
  app.settings.set('tourDismissed', true);
  app.settings.set('welcomed', true);
  const fractions = await app.service.createGroup(groupFields('Grade 5 fractions'));
  const served = await serveWindow(app);
  const errors = consoleErrors(page);
  const release = await holdAppCode(page);

  await page.goto(served.url);
  await page.getByRole('link', { name: 'Grade 5 fractions' }).click();
  await expect(page).toHaveURL(new RegExp(`#/groups/${fractions.id}`));
  release();

  await expect(page.getByRole('heading', { name: 'Grade 5 fractions', level: 1 })).toBeVisible();
  await expect(root(page)).toHaveAttribute('data-app-state', 'ready');
  // That screen is drawn by the app itself, not the start page taken over.
  await expect(root(page)).not.toHaveAttribute('data-start-data', 'embedded');
  expect(errors).toEqual([]);
  served.server.close();
});

test('a page that does not match its answers is drawn again by the app, and says so', async ({ app }) => {
  const { page } = app;
  app.settings.set('tourDismissed', true);
  app.settings.set('welcomed', true);
  await app.service.createGroup(groupFields('Grade 5 fractions'));
  // The drawn list says one name, the answers beside it another.
  const served = await serveWindow(app, (html) => html.replace('>Grade 5 fractions</a>', '>Grade 5 decimals</a>'));

  await page.goto(served.url);
  await expect(root(page)).toHaveAttribute('data-hydration', 'redrawn');
  await expect(page.getByRole('link', { name: 'Grade 5 fractions' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Grade 5 decimals' })).toHaveCount(0);
  served.server.close();
});

test('the start page at a laptop and a projector size', async ({ app }) => {
  const { page } = app;
  app.settings.set('tourDismissed', true);
  app.settings.set('welcomed', true);
  for (const name of ['Grade 5 fractions', 'Grade 3 reading', 'Grade 6 ratio tables']) await app.service.createGroup(groupFields(name));
  const served = await serveWindow(app);
  const release = await holdAppCode(page);
  for (const [width, height] of [
    [1280, 800],
    [1024, 768],
  ]) {
    await page.setViewportSize({ width, height });
    await page.goto(served.url);
    await expect(page.getByRole('link', { name: 'Grade 6 ratio tables' })).toBeVisible();
    // Nothing sticks out sideways before the app's code has run.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await app.screenshot(`start-page-before-code-${width}x${height}`);
  }
  release();
  served.server.close();
});
