import { expect, test } from './support/harness';
import { seedAnalyzedLesson } from '../unit/analysis-seed';

test('a facilitator runs the observers’ part with a speaking queue, reads notes beside the note field, and ends the discussion', async ({ app }) => {
  test.setTimeout(90_000);
  const { page } = app;
  const seed = await seedAnalyzedLesson(app.backend());
  const cycleId = seed.cycle.id;
  await page.setViewportSize({ width: 1280, height: 800 });
  await app.open(`/cycles/${cycleId}/discussion`);
  await page.getByRole('button', { name: /Observers share evidence/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Observers share evidence' })).toBeVisible();

  // Both observers speak in this part, in the group's order.
  const speakers = page.getByRole('list', { name: 'Speakers, in speaking order' });
  await expect(speakers.getByRole('listitem')).toHaveText([/Chie Mori/, /Dan Lee/]);

  // Two hands go up; the facilitator gives the floor in order, by keyboard.
  await page.getByLabel('Raised hand').selectOption({ label: 'Ben Ortiz' });
  await page.getByRole('button', { name: 'Add to queue' }).click();
  await page.getByLabel('Raised hand').selectOption({ label: 'Dan Lee' });
  await page.getByRole('button', { name: 'Add to queue' }).click();
  const waiting = page.getByRole('list', { name: 'Waiting to speak' });
  await expect(waiting.getByRole('listitem')).toHaveText([/Ben Ortiz/, /Dan Lee/]);
  await page.getByRole('button', { name: 'Next speaker' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Speaking now: Ben Ortiz')).toBeVisible();
  await expect(speakers.getByRole('listitem')).toHaveText([/Chie Mori/, /Dan Lee/, /Ben Ortiz/]);
  await page.getByRole('button', { name: 'Remove Dan Lee from the queue' }).click();
  await expect(page.getByText('Nobody is waiting.')).toBeVisible();

  // The notes panel opens beside the note field; the recorder keeps typing.
  await page.getByRole('button', { name: /Observers’ notes/ }).click();
  const panel = page.getByRole('complementary', { name: 'Observers’ notes from the lesson' });
  await expect(panel).toBeVisible();
  const field = page.getByLabel('Notes for this part');
  await field.scrollIntoViewIfNeeded();
  await expect(field).toBeInViewport();
  await expect(panel).toBeInViewport();
  await field.fill('Chie: Ken wrote n + 2 in the table.');
  await app.screenshot('s6-discussion-1280');
  await page.setViewportSize({ width: 1024, height: 768 });
  await field.scrollIntoViewIfNeeded();
  await expect(field).toBeInViewport();
  const box = (await field.boundingBox())!;
  const panelBox = (await panel.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(panelBox.x + 1);
  await app.screenshot('s6-discussion-1024');
  await field.blur();

  // Ending the discussion ends it: no timer can start, the findings are offered.
  await page.getByRole('button', { name: 'Start timer' }).click();
  await page.getByRole('button', { name: 'End the discussion' }).click();
  await expect(page.getByRole('heading', { name: 'The discussion has ended' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start timer' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Go on to findings' })).toBeVisible();
  const ended = await app.service.getAnalysis({ cycleId });
  expect(ended.discussion.endedAt).toBeTruthy();
  expect(ended.discussion.segments.every((s) => !s.runningSince)).toBe(true);
  expect(ended.discussion.segments[3].notes).toBe('Chie: Ken wrote n + 2 in the table.');
  await app.screenshot('s6-discussion-ended');

  await page.getByRole('button', { name: 'Reopen the discussion' }).click();
  await expect(page.getByRole('heading', { name: 'The discussion has ended' })).toHaveCount(0);
  await expect.poll(async () => (await app.service.getAnalysis({ cycleId })).discussion.endedAt).toBeUndefined();
});
