import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './support/harness';
import { mainScreens, openSample, showScreen } from './support/main-screens';

/** Serious and critical axe violations, as readable lines (rule, impact, first nodes). */
const violations = async (page: Page, include?: string) => {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);
  if (include) builder = builder.include(include);
  const result = await builder.analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
};

// Two dozen screens, each analysed by axe: minutes on a loaded 2-core CI machine.
test.describe.configure({ timeout: 1_500_000 });

for (const theme of ['light', 'dark'] as const) {
  test(`axe: no serious or critical violations on any main screen (${theme} theme)`, async ({ app }) => {
    const { page } = app;
    app.settings.set('theme', theme);
    const ids = await openSample(app);
    const found: Record<string, string[]> = {};
    for (const screen of mainScreens(ids)) {
      await showScreen(page, screen.path);
      const list = await violations(page);
      if (list.length) found[screen.name] = list;
    }

    // Overlays: preferences, palette, shortcuts, about, tour.
    await showScreen(page, `/cycles/${ids.cycleId}`);
    await page.keyboard.press('Control+k');
    await expect(page.getByRole('combobox', { name: /Go to a group/ })).toBeFocused();
    await page.keyboard.type('cyc');
    found.palette = await violations(page);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+,');
    await expect(page.getByRole('dialog', { name: 'Preferences' })).toBeVisible();
    found.preferences = await violations(page);
    await page.keyboard.press('Escape');
    await page.locator('main h1').first().click();
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    found.shortcuts = await violations(page);
    await page.keyboard.press('Escape');
    await app.menuAction({ type: 'show-tour' });
    await expect(page.getByRole('complementary', { name: 'Your group and its research theme' })).toBeVisible();
    found.tour = await violations(page);

    expect(Object.fromEntries(Object.entries(found).filter(([, list]) => list.length))).toEqual({});
  });
}

test('axe: the first-run welcome has no serious or critical violations', async ({ app }) => {
  await app.open();
  await expect(app.page.getByRole('button', { name: 'Open the sample cycle' })).toBeVisible();
  expect(await violations(app.page)).toEqual([]);
});
