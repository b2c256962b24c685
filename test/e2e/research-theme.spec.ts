import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import mammoth from 'mammoth';
import type { Page } from '@playwright/test';
import { expect, test } from './support/harness';

/** The sample workspace's group and its one (taught, revised) cycle; words copied from resources/sample-workspace. */
const SAMPLE_GROUP = '23af281d-86d0-4099-9468-e3001953c45d';
const SAMPLE_CYCLE = '9ec7e7a0-b9b1-4f5f-9019-8e2a266a0223';
const THEME = 'Students justify their reasoning to peers';
const CYCLE_1 = 'Cycle 1 — Comparing fractions: convincing a partner';
const FINDING = 'When students drew their own wholes, many drew them different sizes';
const REVISION = 'Give pre-drawn same-size bars on the worksheet.';
const RETEACH = 'Cycle 2 — reteach with same-size bars';

type Api = Record<string, (request: object) => Promise<{ ok: boolean }>>;
const call = (page: Page, name: string, request: object) =>
  page.evaluate(([n, r]) => (window as unknown as { lessonStudy: Api }).lessonStudy[n as string](r as object), [name, request] as const);

const shoot = async (page: Page, name: string) => {
  for (const [width, height] of [
    [1280, 800],
    [1024, 768],
  ]) {
    await page.setViewportSize({ width, height });
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.screenshot({ path: `/tmp/s7-theme-${name}-${width}-${colorScheme}.png`, fullPage: true });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
};

test('the research theme opens from the group page, shows each cycle with its findings and revisions, and exports as Word', async ({ app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 1280, height: 800 });
  await app.open();
  await call(page, 'openSampleWorkspace', {});
  // A reteach not taught yet: it comes after the taught cycle, with what it is missing.
  expect(await call(page, 'startReteach', { cycleId: SAMPLE_CYCLE, title: RETEACH })).toMatchObject({ ok: true });

  await app.open(`/groups/${SAMPLE_GROUP}`);
  const link = page.getByRole('link', { name: 'Research theme', exact: true });
  await expect(link).toBeVisible();
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.screenshot({ path: '/tmp/s7-theme-group-1024-light.png' });
  await page.setViewportSize({ width: 1280, height: 800 });
  // Reached from the keyboard, as a link in the page's actions.
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Research theme' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Long-term goal' })).toContainText(THEME);

  const cycles = page.getByRole('article');
  await expect(cycles).toHaveCount(2);
  const taught = cycles.nth(0);
  await expect(taught.getByRole('heading', { level: 3 })).toHaveText(CYCLE_1);
  await expect(taught).toContainText('Taught 21 Oct 2025');
  await expect(taught).toContainText('Which is more: 2/3 or 3/4? Convincing a partner');
  await expect(taught).toContainText('version 1');
  const finding = taught.getByRole('list', { name: 'Findings' }).getByRole('listitem').filter({ hasText: FINDING });
  await expect(finding).toContainText('18 supporting notes');
  await expect(finding).toContainText(`Led to: ${REVISION}`);
  const revision = taught.getByRole('list', { name: 'Revisions' }).getByRole('listitem').filter({ hasText: REVISION });
  await expect(revision).toContainText('Version 2 · Step 2: Individual solving');
  await expect(revision).toContainText(`From the finding: ${FINDING}`);

  await expect(page.getByRole('heading', { level: 2, name: 'Not taught yet' })).toBeVisible();
  await expect(page.getByText('This cycle has no teaching date, so it comes last.')).toBeVisible();
  const reteach = cycles.nth(1);
  await expect(reteach.getByRole('heading', { level: 3 })).toHaveText(RETEACH);
  await expect(reteach).toContainText('No teaching date yet');
  await expect(reteach).toContainText('No findings yet — analyze this cycle');
  await expect(reteach).toContainText('No revision yet — revise the lesson');
  await shoot(page, 'page');
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    expect(result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes[0]?.target}`), colorScheme).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });

  // Printed as it is (Ctrl+P on this screen): the cycles, without the export form.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Export research theme…' })).toBeHidden();
  await expect(page.getByRole('checkbox', { name: /Anonymise students/ })).toBeHidden();
  await expect(finding).toBeVisible();
  await page.pdf({ path: '/tmp/s7-theme-print.pdf', format: 'A4' });
  await page.emulateMedia({ media: 'screen' });

  // The export, anonymised: the theme and a finding, and no student of the roster.
  await page.getByRole('checkbox', { name: /Anonymise students/ }).check();
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Export research theme…' }).click();
  const file = await download;
  const name = 'Riverside Grades 4–5 Mathematics Lesson Study Team - research theme (anonymised).docx';
  expect(file.suggestedFilename()).toBe(name);
  await expect(page.getByRole('main').getByRole('status')).toContainText(`Saved ${name}`);
  const saved = test.info().outputPath(name);
  await file.saveAs(saved);
  const { value: text } = await mammoth.extractRawText({ buffer: await readFile(saved) });
  expect(text).toContain(THEME);
  expect(text).toContain(FINDING);
  expect(text).toContain(REVISION);
  expect(text).toContain(RETEACH);
  expect(text).toContain('Student A');
  expect(text).not.toMatch(/\b(Leo|Maya|Jonah|Amara)\b/);

  // The gap's link goes where it is filled.
  await reteach.getByRole('link', { name: 'analyze this cycle' }).click();
  await expect(page).toHaveURL(/\/cycles\/[0-9a-f-]+\/findings$/);
});

test('the command palette lists the research theme of each group', async ({ app }) => {
  const { page } = app;
  await app.open();
  await call(page, 'openSampleWorkspace', {});
  await app.open('/');
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox').fill('research theme');
  await expect(page.getByRole('option', { name: /Research theme across cycles/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Research theme' })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/groups/${SAMPLE_GROUP}/research-theme$`));
});

test('in Japanese, the screen speaks Japanese and dates read as Japanese dates', async ({ app }) => {
  const { page } = app;
  app.settings.set('uiLanguage', 'ja');
  await app.open();
  await call(page, 'openSampleWorkspace', {});
  await app.open(`/groups/${SAMPLE_GROUP}`);
  await page.getByRole('link', { name: '研究主題', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: '研究主題' })).toBeVisible();
  await expect(page.getByRole('region', { name: '長期目標' })).toContainText(THEME);
  const taught = page.getByRole('article').first();
  await expect(taught).toContainText('授業日 2025/10/21');
  await expect(taught).toContainText('裏付ける記録 18 件');
  await expect(taught).toContainText('第 2 版 · 場面 2：Individual solving');
  await page.screenshot({ path: '/tmp/s7-theme-ja-1280-light.png', fullPage: true });
});
