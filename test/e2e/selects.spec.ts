import type { Page } from '@playwright/test';
import { seedAnalyzedLesson } from '../unit/analysis-seed';
import { expect, test } from './support/harness';

/** Selects whose box pokes out of the card, panel or field around them, by more than a pixel. */
const overflowing = (page: Page) =>
  page.locator('select').evaluateAll((selects) =>
    selects
      .filter((s) => s.getBoundingClientRect().width > 0)
      .flatMap((select) => {
        const box = select.getBoundingClientRect();
        const holder = select.parentElement?.closest('.card, .panel, section, .field, fieldset, form, .tab-panel');
        const outer = holder?.getBoundingClientRect();
        const right = Math.min(outer?.right ?? Infinity, document.documentElement.clientWidth);
        return box.right > right + 1 ? [`${select.getAttribute('aria-label') || (select as HTMLSelectElement).labels?.[0]?.textContent || select.id}: ${Math.round(box.right - right)} px`] : [];
      }),
  );

test('selects stay inside their cards at 1024×768 and at 150 % zoom, even with long names in them', async ({ app }) => {
  const { page } = app;
  const seed = await seedAnalyzedLesson(app.backend());
  const long = 'Uses a two-column table to justify the pattern to a partner, then generalises it';
  await app.service.addCode({ groupId: seed.group.id, label: long.slice(0, 60), color: '#0a7c86' });
  const group = await app.service.getGroup({ groupId: seed.group.id });
  await app.service.updateGroup({
    groupId: group.id,
    fields: { ...group, members: [...group.members, { id: crypto.randomUUID(), name: 'Professor Hanako Yamamoto-Fitzgerald of the Prefectural Board of Education', role: 'observer' }] },
  });
  const cycle = `/cycles/${seed.cycle.id}`;
  // Screens with selects in cards and filter bars, each waited for until its selects are drawn.
  const screens = [`${cycle}/evidence`, `${cycle}/discussion`, `${cycle}/students`, `${cycle}/observe`];
  for (const [screen, width, height] of screens.flatMap((s) => [[s, 1024, 768], [s, 683, 512]] as const)) {
    await page.setViewportSize({ width, height });
    await app.open(screen);
    await expect(page.locator('#root')).toHaveAttribute('data-app-state', 'ready');
    await expect(page.locator('select').first()).toBeVisible();
    const found = await overflowing(page);
    expect(found, `${screen} at ${width} px`).toEqual([]);
  }
});
