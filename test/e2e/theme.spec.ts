import type { Page } from '@playwright/test';
import { expect, test } from './support/harness';

const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
/** A colour variable as the page resolves it (e.g. the timeline's class-mode bands). */
const resolved = (page: Page, variable: string) =>
  page.evaluate((name) => {
    const probe = document.body.appendChild(document.createElement('div'));
    probe.style.background = `var(${name})`;
    const colour = getComputedStyle(probe).backgroundColor;
    probe.remove();
    return colour;
  }, variable);
const LIGHT = 'rgb(247, 247, 244)';
const DARK = 'rgb(22, 25, 23)';

test('the theme follows the OS unless one is chosen, either way round', async ({ app }) => {
  const { page } = app;
  // Following the OS (no choice made): dark OS → dark, light OS → light.
  await page.emulateMedia({ colorScheme: 'dark' });
  await app.open();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect.poll(() => background(page)).toBe(DARK);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => background(page)).toBe(LIGHT);

  // A chosen theme wins over the OS (the app reads it on start).
  app.settings.set('theme', 'dark');
  await app.restart();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect.poll(() => background(page)).toBe(DARK);
  // Every colour follows the choice, not only the page's: the class-mode bands too.
  expect(await resolved(page, '--mode-whole')).toBe('rgb(34, 64, 92)');
  await page.emulateMedia({ colorScheme: 'dark' });
  app.settings.set('theme', 'light');
  await app.restart();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect.poll(() => background(page)).toBe(LIGHT);
  expect(await resolved(page, '--mode-whole')).toBe('rgb(207, 227, 247)');
});
