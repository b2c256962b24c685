import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import mammoth from 'mammoth';
import { expect, test } from './support/harness';

// The in-process door: it answers the native save dialog and checks Open/Show in folder.
test.use({ door: 'in-process' });

const SAMPLE_CYCLE = '9ec7e7a0-b9b1-4f5f-9019-8e2a266a0223';

test('the cycle report is exported from the UI, anonymised, and reads back', async ({ app }) => {
  const { page } = app;
  await app.open();
  // Open a copy of the sample, as the welcome screen does.
  await page.evaluate(() => (window as unknown as { lessonStudy: { openSampleWorkspace: (r: object) => Promise<unknown> } }).lessonStudy.openSampleWorkspace({}));
  await app.open(`/cycles/${SAMPLE_CYCLE}/report`);
  await expect(page.getByRole('heading', { level: 1, name: 'Export the cycle report' })).toBeVisible();
  await expect(page.getByText('Cycle 1 — Comparing fractions: convincing a partner')).toBeVisible();

  // Cancelling the save dialog saves nothing and says so.
  await page.getByRole('button', { name: 'Export report…' }).click();
  await expect(page.getByRole('main').getByRole('status')).toContainText('Export cancelled', { timeout: 30_000 });

  const out = path.join(await mkdtemp(path.join(tmpdir(), 'ls-report-')), 'Sample report.docx');
  app.host.savePaths.push(out);
  await page.getByRole('checkbox', { name: /Anonymise students/ }).check();
  await page.getByRole('checkbox', { name: /Appendix of all observations/ }).uncheck();
  await app.screenshot('report-options');
  await page.getByRole('button', { name: 'Export report…' }).click();
  await expect(page.getByRole('main').getByRole('status')).toContainText('Saved Sample report.docx', { timeout: 60_000 });
  await app.screenshot('report-saved');

  const { value: text } = await mammoth.extractRawText({ buffer: await readFile(out) });
  expect(text).toContain('Observation summary');
  expect(text).toContain('Findings');
  expect(text).toContain('Student A');
  expect(text).not.toMatch(/\b(Leo|Maya|Jonah|Amara)\b/);
  expect(text).not.toContain('Appendix: all observations');

  await page.getByRole('button', { name: 'Open file' }).click();
  await expect.poll(() => app.host.opened).toEqual([out]);
  await page.getByRole('button', { name: 'Show in folder' }).click();
  await expect.poll(() => app.host.shown).toEqual([out]);
});
