import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './support/harness';
import { mainScreens, openSample, showScreen } from './support/main-screens';

/** The screens people see most, photographed in both themes and both languages (test-results/screens). */
const featured = new Set([
  'groups',
  'group-overview',
  'group-cycles',
  'group-designs',
  'design-editor',
  'design-compare',
  'cycle',
  'capture',
  'timeline',
  'discussion',
  'evidence',
  'findings',
]);

test.describe.configure({ timeout: 360_000 });

/** What the window shows (not the whole scrolled page), as a person at the projector sees it. */
const shot = async (page: Page, name: string) => {
  const dir = path.resolve('test-results/screens');
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
};

for (const theme of ['light', 'dark'] as const) {
  for (const language of ['en', 'ja'] as const) {
    test(`screenshots: main screens, ${theme} theme, ${language}`, async ({ app }) => {
      const { page } = app;
      const ids = await openSample(app);
      app.settings.set('theme', theme);
      app.settings.set('uiLanguage', language);
      await page.reload();
      await expect(page.locator('#root')).toHaveAttribute('data-app-state', 'ready');
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);

      for (const screen of mainScreens(ids).filter((s) => featured.has(s.name))) {
        await showScreen(page, screen.path);
        await shot(page, `${theme}-${language}-${screen.name}`);
      }
      await page.keyboard.press('Control+,');
      await expect(page.getByRole('dialog')).toBeVisible();
      await shot(page, `${theme}-${language}-preferences`);
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+k');
      await page.keyboard.type(language === 'ja' ? 'サ' : 'cy');
      await shot(page, `${theme}-${language}-palette`);
      await page.keyboard.press('Escape');
      await page.locator('main h1').first().click();
      await page.keyboard.press('?');
      await expect(page.getByRole('dialog')).toBeVisible();
      await shot(page, `${theme}-${language}-shortcuts`);
      await page.keyboard.press('Escape');
      await app.menuAction({ type: 'show-tour' });
      await expect(page.getByRole('complementary')).toBeVisible();
      await shot(page, `${theme}-${language}-tour`);
    });
  }
}

test('screenshots: the first-run welcome in Japanese and dark', async ({ app }) => {
  app.settings.set('uiLanguage', 'ja');
  app.settings.set('theme', 'dark');
  await app.open();
  await expect(app.page.getByRole('heading', { name: '授業研究デスクトップへようこそ' })).toBeVisible();
  await shot(app.page, 'dark-ja-welcome');
});
