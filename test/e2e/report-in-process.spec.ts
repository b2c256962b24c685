import { expect, test } from './support/harness';

// The in-process door: only a native save dialog can be cancelled (a browser download
// always goes ahead), so the cancelled export is checked with FakeHost answering none.
test.use({ door: 'in-process' });

const SAMPLE_CYCLE = '9ec7e7a0-b9b1-4f5f-9019-8e2a266a0223';

test('cancelling the report\'s save dialog saves nothing and says so', async ({ app }) => {
  const { page } = app;
  await app.open();
  await page.evaluate(() => (window as unknown as { lessonStudy: { openSampleWorkspace: (r: object) => Promise<unknown> } }).lessonStudy.openSampleWorkspace({}));
  await app.open(`/cycles/${SAMPLE_CYCLE}/report`);
  await expect(page.getByRole('heading', { level: 1, name: 'Export the cycle report' })).toBeVisible();

  await page.getByRole('button', { name: 'Export report…' }).click();
  await expect(page.getByRole('main').getByRole('status')).toContainText('Export cancelled', { timeout: 30_000 });
  expect(app.host.saveRequests).toHaveLength(1);
  await expect(page.getByRole('button', { name: 'Open file' })).toHaveCount(0);
});
