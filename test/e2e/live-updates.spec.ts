import { expect, test, type Browser, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startServerProcess, type ServerProcess } from './support/server-process';

/**
 * Live updates in browser mode: the real server process (dist-server) and two tabs in two
 * browser contexts, each signed in with the printed link. What one tab saves appears in
 * the other without a reload; when the server is stopped and started again on its port,
 * the other tab finds it again by itself and keeps following.
 */

let userData: string;
let server: ServerProcess | undefined;

test.beforeEach(async () => {
  userData = await mkdtemp(path.join(tmpdir(), 'lesson-study-live-'));
  server = await startServerProcess({ userData });
  // The first run's welcome and tour are answered already.
  await server.service.updatePreferences({ welcomed: true, tourDismissed: true });
});

test.afterEach(async () => {
  await server?.stop();
  server = undefined;
  await rm(userData, { recursive: true, force: true });
});

/** A tab of its own (its own cookies), signed in with the printed link, on the group list. */
const openTab = async (browser: Browser, link: string): Promise<Page> => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.locator('#root')).toHaveAttribute('data-app-state', 'ready');
  await page.getByRole('link', { name: 'Groups', exact: true }).click();
  return page;
};

const createGroupIn = async (page: Page, name: string) => {
  await page.getByRole('link', { name: 'Groups', exact: true }).click();
  await page.getByRole('button', { name: 'New group' }).click();
  await page.getByLabel('Group name').fill(name);
  await page.getByLabel('Subject').fill('Mathematics');
  await page.getByLabel('Grade band').fill('4–5');
  await page.getByRole('button', { name: 'Create group' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
};

test('a group created in one tab appears in another without a reload, also after the server restarts', async ({ browser }) => {
  const first = server!;
  const tabA = await openTab(browser, first.link);
  const tabB = await openTab(browser, first.link);
  await expect(tabB.getByRole('link', { name: 'Maple Grade 4–5 Math' })).toHaveCount(0);

  await createGroupIn(tabA, 'Maple Grade 4–5 Math');
  await expect(tabB.getByRole('link', { name: 'Maple Grade 4–5 Math' })).toBeVisible();

  // Stopped (Ctrl+C) and started again on the same port: both tabs stay open meanwhile.
  await first.stop();
  server = await startServerProcess({ userData, port: first.port });
  expect(server.port).toBe(first.port);

  await createGroupIn(tabA, 'Cedar Science');
  // Tab B's line tries again by itself (waiting up to 10 s between tries) and then refetches.
  await expect(tabB.getByRole('link', { name: 'Cedar Science' })).toBeVisible({ timeout: 40_000 });
  await expect(tabB.getByRole('link', { name: 'Maple Grade 4–5 Math' })).toBeVisible();
  // Nothing alarming was shown while the server was away.
  await expect(tabB.getByRole('alert')).toHaveCount(0);

  // And it keeps following: the next change arrives as one event, as before the restart.
  await server.service.createGroup({ name: 'Birch Reading', schools: [], subject: 'Reading', gradeBand: '2', researchTheme: '', norms: [], members: [] });
  await expect(tabB.getByRole('link', { name: 'Birch Reading' })).toBeVisible();
});
