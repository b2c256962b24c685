import type { Page } from '@playwright/test';
import { seedAnalyzedLesson } from '../unit/analysis-seed';
import { expect, test } from './support/harness';

/** Every axis label's box against the chart's: how many pixels of it fall outside. */
const clippedLabels = (page: Page) =>
  page.getByTestId('heatmap-chart').evaluate((chart) => {
    const svg = chart.querySelector('svg')!.getBoundingClientRect();
    return [...chart.querySelectorAll('svg text')]
      .filter((text) => text.textContent && !/^\d+$/.test(text.textContent))
      .map((text) => ({ text: text.textContent, box: text.getBoundingClientRect() }))
      .filter(({ box }) => box.left < svg.left - 0.5 || box.top < svg.top - 0.5 || box.right > svg.right + 0.5 || box.bottom > svg.bottom + 0.5)
      .map(({ text }) => text);
  });

const cellFills = (page: Page) =>
  page.getByTestId('heatmap-chart').evaluate((chart) => [...chart.querySelectorAll('svg rect')].map((r) => (r.getAttribute('fill') ?? '').toLowerCase()));

test('the heatmap shows every step and code label whole, and is tinted for the dark theme', async ({ app }) => {
  const { page } = app;
  const seed = await seedAnalyzedLesson(app.backend());
  await app.service.addCode({ groupId: seed.group.id, label: 'Explains with a number line drawing', color: '#0a7c86' });
  await app.open(`/cycles/${seed.cycle.id}/evidence`);
  await page.getByLabel('Show codes with no notes').check();
  await expect(page.getByTestId('heatmap-chart').locator('svg text').filter({ hasText: 'Explains with a number line drawing' })).toBeVisible();
  expect(await clippedLabels(page)).toEqual([]);
  // Light theme: a cell with no notes is the palest green.
  expect(await cellFills(page)).toContain('#e8f5e9');
  await app.screenshot('heatmap-light');

  await app.service.updatePreferences({ theme: 'dark' });
  await page.reload();
  await page.getByLabel('Show codes with no notes').check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // Dark theme: the same cell is a dark green-grey, not a light patch on the dark page.
  await expect.poll(() => cellFills(page)).toContain('#24332c');
  expect(await cellFills(page)).not.toContain('#e8f5e9');
  expect(await clippedLabels(page)).toEqual([]);
  await page.getByTestId('heatmap-chart').scrollIntoViewIfNeeded();
  await app.screenshot('heatmap-dark');
});
