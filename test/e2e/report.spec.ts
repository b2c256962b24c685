import { readFile } from 'node:fs/promises';
import mammoth from 'mammoth';
import { expect, test } from './support/harness';

const SAMPLE_CYCLE = '9ec7e7a0-b9b1-4f5f-9019-8e2a266a0223';

test('the cycle report is exported from the UI as a download, anonymised, and reads back', async ({ app }) => {
  const { page } = app;
  await app.open();
  // Open a copy of the sample, as the welcome screen does.
  await page.evaluate(() => (window as unknown as { lessonStudy: { openSampleWorkspace: (r: object) => Promise<unknown> } }).lessonStudy.openSampleWorkspace({}));
  await app.open(`/cycles/${SAMPLE_CYCLE}/report`);
  await expect(page.getByRole('heading', { level: 1, name: 'Export the cycle report' })).toBeVisible();
  await expect(page.getByText('Cycle 1 — Comparing fractions: convincing a partner')).toBeVisible();

  await page.getByRole('checkbox', { name: /Anonymise students/ }).check();
  await page.getByRole('checkbox', { name: /Appendix of all observations/ }).uncheck();
  await app.screenshot('report-options');
  const exported = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Export report…' }).click();
  const report = await exported;
  // The title's colon cannot be in a file name on Windows; it becomes a space, and runs of spaces one.
  const name = 'Cycle 1 — Comparing fractions convincing a partner - report (anonymised).docx';
  expect(report.suggestedFilename()).toBe(name);
  await expect(page.getByRole('main').getByRole('status')).toContainText(`Saved ${name}`);
  await app.screenshot('report-saved');

  const file = test.info().outputPath(name);
  await report.saveAs(file);
  const bytes = await readFile(file);
  const { value: text } = await mammoth.extractRawText({ buffer: bytes });
  expect(text).toContain('Observation summary');
  expect(text).toContain('Findings');
  expect(text).toContain('Student A');
  expect(text).not.toMatch(/\b(Leo|Maya|Jonah|Amara)\b/);
  expect(text).not.toContain('Appendix: all observations');

  // A browser cannot show a file in its folder: Open downloads the same report again.
  await expect(page.getByRole('button', { name: 'Show in folder' })).toHaveCount(0);
  const reopened = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Open file' }).click();
  const again = await reopened;
  expect(again.suggestedFilename()).toBe(name);
  expect((await readFile((await again.path())!)).equals(bytes)).toBe(true);
});
