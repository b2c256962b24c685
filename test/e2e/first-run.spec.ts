import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './support/harness';

// The in-process door: it answers the native folder dialog, fires native-menu commands and injects a full disk.
test.use({ door: 'in-process' });

const groupFields = (name: string) => ({ name, schools: [], subject: '', gradeBand: '', researchTheme: '', norms: [], members: [] });

test('first run: the welcome offers a workspace, then a tour that is never shown again once closed', async ({ app }) => {
  const { page } = app;
  await app.open();
  await expect(page.getByRole('heading', { name: 'Welcome to Lesson Study Desktop' })).toBeVisible();
  const where = page.getByRole('region', { name: "Where should your group's work be kept?" });
  await expect(where).toBeVisible();
  await app.screenshot('first-run-welcome');

  await where.getByRole('button', { name: 'Use the default folder' }).click();
  const tour = page.getByRole('complementary', { name: 'Your group and its research theme' });
  await expect(tour).toBeVisible();
  await expect(where).toBeHidden();
  expect(app.settings.get('welcomed')).toBe(true);
  await expect(tour.getByText('Tour · step 1 of 5')).toBeVisible();
  await tour.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('complementary', { name: 'Plan the research lesson together' })).toBeVisible();
  await app.screenshot('first-run-tour');
  await page.getByRole('button', { name: 'Close the tour' }).click();
  await expect(page.getByRole('complementary')).toHaveCount(0);
  await expect.poll(() => app.settings.get('tourDismissed')).toBe(true);

  // Next start: no welcome choices, no tour.
  await app.restart();
  await expect(page.getByRole('heading', { name: 'Welcome to Lesson Study Desktop' })).toBeVisible();
  await expect(page.getByRole('region', { name: "Where should your group's work be kept?" })).toHaveCount(0);
  await expect(page.getByRole('complementary')).toHaveCount(0);

  // Help ▸ Show tour brings it back.
  await app.menuAction({ type: 'show-tour' });
  await expect(page.getByRole('complementary', { name: 'Your group and its research theme' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('complementary')).toHaveCount(0);
});

test('first run: choosing a folder opens it as the workspace and lists it as recent', async ({ app }) => {
  const { page } = app;
  const chosen = await mkdtemp(path.join(tmpdir(), 'lesson-study-chosen-'));
  await app.open();
  app.host.folders.push(chosen);
  await page.getByRole('button', { name: 'Choose a folder…' }).click();
  await expect(page.getByRole('button', { name: `Workspace: ${path.basename(chosen)}` })).toBeVisible();
  expect(await app.workspaceDir()).toBe(chosen);
  await page.getByRole('button', { name: 'Close the tour' }).click();

  // Preferences ▸ Workspace lists the default folder as a recent one; opening it switches back,
  // and the groups shown are the new workspace's (the query cache was reset).
  await app.service.createGroup(groupFields('In the chosen folder'));
  await page.reload();
  await expect(page.getByRole('link', { name: 'In the chosen folder' })).toBeVisible();
  await page.getByRole('button', { name: 'Preferences', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Preferences' });
  await dialog.getByRole('button', { name: 'Open workspace workspace' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Workspace: workspace' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'In the chosen folder' })).toHaveCount(0);
});

test('first run: the sample cycle opens as a copy', async ({ app }) => {
  const { page } = app;
  await app.open();
  await page.getByRole('button', { name: 'Open the sample cycle' }).click();
  await expect(page.getByText('You are looking at a copy of the sample lesson study.')).toBeVisible();
  expect((await app.workspaceDir()).startsWith(path.resolve('resources'))).toBe(false);
  await expect(page.getByRole('list', { name: 'Groups in this workspace' }).getByRole('link').first()).toBeVisible();
});

test('the last open view is restored on start, and a view that no longer exists falls back to the groups', async ({ app }) => {
  const { page } = app;
  const group = await app.service.createGroup(groupFields('Restored group'));
  const gone = await app.service.createGroup(groupFields('Deleted later'));
  await app.open(`/groups/${group.id}/cycles`);
  await expect.poll(() => app.settings.get('lastView')).toBe(`/groups/${group.id}/cycles`);

  // The app window opens without a route, as Electron loads index.html.
  const base = page.url().split('#')[0];
  await page.goto(base);
  await expect(page.getByRole('heading', { level: 1, name: 'Restored group' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Cycles', selected: true })).toBeVisible();

  await page.goto(`${base}#/groups/${gone.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Deleted later' })).toBeVisible();
  await expect.poll(() => app.settings.get('lastView')).toBe(`/groups/${gone.id}`);
  await app.service.deleteGroup({ groupId: gone.id });
  await page.goto('about:blank');
  await page.goto(base);
  await expect(page.locator('#root')).toHaveAttribute('data-app-state', 'ready');
  await expect(page.getByRole('heading', { level: 1, name: 'Lesson study groups' })).toBeVisible();
});

test('restarted on the Compare screen, the app compares the newest version with the draft instead of loading forever', async ({ app }) => {
  const { page } = app;
  const group = await app.service.createGroup(groupFields('Compare group'));
  const design = await app.service.createDesign({ groupId: group.id, title: 'Comparing fractions' });
  await app.service.saveVersion({ designId: design.id, summary: 'First plan', authors: [] });
  await app.service.reviseFromVersion({ designId: design.id, versionId: (await app.service.getDesign({ designId: design.id })).versions[0]!.id, replaceDraft: false });
  // The last view keeps the path only: /designs/<id>/compare, without ?from=…&to=….
  await app.open(`/designs/${design.id}/compare`);
  await expect.poll(() => app.settings.get('lastView')).toBe(`/designs/${design.id}/compare`);
  const base = page.url().split('#')[0];
  await page.goto('about:blank');
  await page.goto(base);
  await expect(page.getByRole('heading', { level: 1, name: 'Compare versions — Comparing fractions' })).toBeVisible();
  await expect(page.getByLabel('From')).toHaveValue((await app.service.getDesign({ designId: design.id })).versions[0]!.id);
  await expect(page.getByLabel('To')).toHaveValue('draft');
  await expect(page.getByTestId('diff-summary')).toHaveText('No changes');
  await expect(page.getByText('Loading…')).toHaveCount(0);

  // A design with no saved version has nothing to compare, and says so.
  const fresh = await app.service.createDesign({ groupId: group.id, title: 'Only a draft' });
  await page.goto(`${base}#/designs/${fresh.id}/compare`);
  await expect(page.getByText('There is nothing to compare yet: save a version of this lesson design first.')).toBeVisible();
});

test('the menu follows the screen: context reported to main, and menu commands carried out', async ({ app }) => {
  const { page } = app;
  const group = await app.service.createGroup(groupFields('Menu group'));
  await app.open(`/groups/${group.id}`);
  await expect.poll(() => app.menuContexts.at(-1)).toEqual({ view: 'group', groupId: group.id });

  // File ▸ New cycle opens the group's new-cycle form.
  await app.menuAction({ type: 'new-cycle' });
  const dialog = page.getByRole('dialog', { name: 'New cycle' });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');

  // File ▸ New group from anywhere opens the group form on the start screen.
  await app.menuAction({ type: 'new-group' });
  await expect(page.getByRole('dialog', { name: 'New group' })).toBeVisible();
  await expect.poll(() => app.menuContexts.at(-1)).toEqual({ view: 'start' });
  await page.keyboard.press('Escape');

  await app.menuAction({ type: 'preferences' });
  await expect(page.getByRole('dialog', { name: 'Preferences' })).toBeVisible();
  await page.keyboard.press('Escape');
  await app.menuAction({ type: 'about' });
  await expect(page.getByRole('dialog', { name: 'About Lesson Study Desktop' })).toBeVisible();
});

test('a save that fails says why in the save status, and Retry saves it', async ({ app }) => {
  const { page } = app;
  const group = await app.service.createGroup(groupFields('Before'));
  await app.open(`/groups/${group.id}`);
  app.failNext('updateGroup', 'The disk is full.');
  await page.getByRole('button', { name: 'Edit group' }).click();
  await page.getByLabel('Group name').fill('After');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const status = page.getByRole('status').filter({ hasText: 'Could not save' });
  await expect(status).toContainText('Could not save — The disk is full.');
  await expect(page.locator('[data-save-state="error"]')).toBeVisible();
  expect((await app.service.getGroup({ groupId: group.id })).name).toBe('Before');

  // The form stays open over the page; closed, the header's Retry saves what failed.
  await page.keyboard.press('Escape');
  await status.getByRole('button', { name: 'Retry' }).click();
  await expect(page.locator('[data-save-state="saved"]')).toBeVisible();
  await expect.poll(async () => (await app.service.getGroup({ groupId: group.id })).name).toBe('After');
});

test('a preference that cannot be saved goes back to what it was, says why, and Retry saves it; nothing is thrown in the page', async ({ app }) => {
  const { page } = app;
  await app.open('/');
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', 'dark');
  app.failNext('updatePreferences', 'The disk is full.');
  await app.menuAction({ type: 'preferences' });
  const dialog = page.getByRole('dialog', { name: 'Preferences' });
  await dialog.getByRole('radio', { name: 'Dark' }).click();
  const status = page.getByRole('status').filter({ hasText: 'Could not save' });
  await expect(status).toContainText('Could not save — The disk is full.');
  // The theme shown is the one on disk, not the one that failed.
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', 'dark');
  await expect(dialog.getByRole('radio', { name: 'Dark' })).not.toBeChecked();
  expect((await app.service.getPreferences({})).theme).not.toBe('dark');

  await page.keyboard.press('Escape');
  await status.getByRole('button', { name: 'Retry' }).click();
  await expect(page.locator('[data-save-state="saved"]')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect.poll(async () => (await app.service.getPreferences({})).theme).toBe('dark');
});

/** Records, in the page, whether the groups list was already there when the app's shell was first drawn. */
const recordFirstShell = `(() => {
  const observer = new MutationObserver(() => {
    if (!document.querySelector('.app-shell')) return;
    observer.disconnect();
    // The groups list in either language (its label is translated).
    window.firstShellHadList = document.querySelector('main ul[aria-label] li h2 a') !== null;
    window.firstShellTitle = document.querySelector('.app-title')?.textContent ?? '';
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;
const firstShellHadList = (page: Page) => page.evaluate(() => (window as unknown as { firstShellHadList?: boolean }).firstShellHadList);
const firstShellTitle = (page: Page) => page.evaluate(() => (window as unknown as { firstShellTitle?: string }).firstShellTitle);
/**
 * Gives the window a long patience for the first screen's answers (a minute instead of
 * 300 ms), so that a busy CI machine does not decide whether the first frame has them;
 * unless the tab was told to keep the app's own (`natural`), as a slow backend's test needs.
 */
const longPatience = `(() => {
  try {
    if (sessionStorage.getItem('startPatience') !== 'natural') window.lessonStudyStartPatienceMs = 60000;
  } catch {} // a blank page has no storage, and no app to give it to
})();`;
const keepNaturalPatience = (page: Page) => page.evaluate(() => sessionStorage.setItem('startPatience', 'natural'));

test('the window is drawn once with the groups list in it; a slow backend gets the window first and the list when it answers', async ({ app }) => {
  const { page } = app;
  await app.service.createGroup(groupFields('Grade 5 fractions'));
  await page.addInitScript(recordFirstShell);
  await page.addInitScript(longPatience);
  const list = { level: 2, name: 'Grade 5 fractions' };
  await app.open('/');
  await expect(page.getByRole('heading', list)).toBeVisible();
  await expect(page.locator('#root')).toHaveAttribute('data-start-data', 'answered');
  expect(await firstShellHadList(page), 'the shell was first drawn with the list already in it').toBe(true);
  // Opened without a route, as Electron loads index.html: the groups list was the last view, so it is drawn at once too.
  await page.goto(page.url().split('#')[0]);
  await expect(page.getByRole('heading', list)).toBeVisible();
  await expect(page.locator('#root')).toHaveAttribute('data-start-data', 'answered');
  expect(await firstShellHadList(page), 'opened without a route, the shell was first drawn with the list in it').toBe(true);
  // A Japanese user's window is drawn in Japanese from the first frame (the catalogue is fetched before it), never English first.
  app.settings.set('uiLanguage', 'ja');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: '授業研究グループ' })).toBeVisible();
  await expect(page.locator('#root')).toHaveAttribute('data-start-data', 'answered');
  expect(await firstShellTitle(page)).toBe('授業研究デスクトップ');
  expect(await firstShellHadList(page)).toBe(true);
  app.settings.set('uiLanguage', 'en');

  // A backend slow to list the groups: with the app's own patience the window is drawn without waiting for it, then the list comes.
  await keepNaturalPatience(page);
  const release = app.holdNext('listGroups');
  await page.reload();
  await expect(page.getByRole('link', { name: 'Lesson Study Desktop' })).toBeVisible();
  expect(await firstShellHadList(page), 'the shell was drawn before the held answer').toBe(false);
  await expect(page.locator('#root')).toHaveAttribute('data-start-data', 'late');
  await expect(page.getByRole('heading', { level: 2, name: 'Grade 5 fractions' })).toHaveCount(0);
  release();
  await expect(page.getByRole('heading', { level: 2, name: 'Grade 5 fractions' })).toBeVisible();
  await expect(page.locator('#root')).toHaveAttribute('data-app-state', 'ready');
});
