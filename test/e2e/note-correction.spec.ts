import { seedLesson } from '../unit/observ-seed';
import { expect, test } from './support/harness';

/**
 * A note stamped on the wrong step, or at the wrong time (the clock was started late),
 * is corrected from the notes list: it keeps its words and its observer, moves to its
 * new place in the list, the timeline and the evidence screen, and stays there after a
 * reload. A time that cannot be is refused with a message, and nothing changes.
 */
test('a note’s step and lesson time corrected after the fact: moves in the list, timeline and evidence, survives a reload', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  const seed = await seedLesson(app.backend());
  const cycleId = seed.cycle.id;
  await app.open(`/cycles/${cycleId}/observe`);
  await page.getByLabel('I am').selectOption({ label: 'Aiko Tanaka' });

  // Three notes, all stamped at 0:00 in step 1 (the clock was never started).
  const field = page.getByLabel('Note (what students say and do)');
  await field.focus();
  for (const text of ['Reads the problem aloud', 'Shades 3/4 of the bar', 'Says 2/3 is bigger']) {
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
    await expect(field).toHaveValue('');
  }
  const list = page.getByRole('feed', { name: 'Notes so far (3)' });
  await expect(list.getByRole('article')).toHaveCount(3);
  // The list shows a note at once; the backend has it when its save is done.
  const stored = async () => (await app.service.getObservationSession({ cycleId })).observations.find((o) => o.text === 'Shades 3/4 of the bar');
  await expect.poll(stored).toBeDefined();
  const before = (await stored())!;
  expect(before.clockMs).toBeLessThan(5_000);
  expect(before.stepId).toBe(seed.steps[0].id);

  // Correct "Shades 3/4" to step 3 at 27:30, by keyboard.
  const row = list.getByRole('article').filter({ hasText: 'Shades 3/4 of the bar' });
  await row.getByRole('button', { name: /Correct step\/time of the note at/ }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: /Correct the note at/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: 'Lesson time (mm:ss)' })).toBeFocused();
  await dialog.getByRole('combobox', { name: 'Step' }).selectOption({ label: '3. Whole-class discussion' });
  await dialog.getByRole('textbox', { name: 'Lesson time (mm:ss)' }).fill('27:30');
  await dialog.getByRole('textbox', { name: 'Lesson time (mm:ss)' }).press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Note changed.' })).toBeVisible();

  // Newest first: the corrected note is now at the top, with its new time and step.
  const first = list.getByRole('article').first();
  await expect(first).toHaveAccessibleName('Note at 27:30');
  await expect(first).toContainText('Shades 3/4 of the bar');
  await expect(first).toContainText('Whole-class discussion');
  await expect.poll(async () => (await app.service.getObservationSession({ cycleId })).observations.find((o) => o.id === before.id)?.clockMs).toBe(1_650_000);
  const after = (await app.service.getObservationSession({ cycleId })).observations.find((o) => o.id === before.id)!;
  expect(after).toMatchObject({ id: before.id, text: before.text, observerId: before.observerId, codeIds: before.codeIds, photos: before.photos, target: before.target, stepId: seed.steps[2].id });
  expect(after.updatedAt > before.updatedAt).toBe(true);

  // Undo and redo, as for any change to a note.
  await field.focus();
  await page.keyboard.press('Control+z');
  await expect(list.getByRole('article').filter({ hasText: 'Shades 3/4 of the bar' })).not.toContainText('Whole-class discussion');
  await page.keyboard.press('Control+Shift+z');
  await expect(list.getByRole('article').first()).toContainText('Shades 3/4 of the bar');
  await expect(list.getByRole('article').first()).toContainText('Whole-class discussion');

  // Times that cannot be are refused with a message, and nothing changes.
  const other = list.getByRole('article').filter({ hasText: 'Says 2/3 is bigger' });
  const otherBefore = (await app.service.getObservationSession({ cycleId })).observations.find((o) => o.text === 'Says 2/3 is bigger')!;
  await other.getByRole('button', { name: /Correct step\/time of the note at/ }).click();
  const time = dialog.getByRole('textbox', { name: 'Lesson time (mm:ss)' });
  await dialog.getByRole('combobox', { name: 'Step' }).selectOption({ label: 'No step' });
  for (const [typed, message] of [
    ['-2:00', 'The lesson time cannot be negative.'],
    ['25:00:00', 'The lesson time cannot be more than 24 hours (24:00:00).'],
    ['12:75', 'Type the lesson time as minutes:seconds, e.g. 12:05 (seconds 00–59).'],
    ['', 'Type the lesson time, e.g. 12:05.'],
  ] as const) {
    await time.fill(typed);
    await dialog.getByRole('button', { name: 'Save correction' }).click();
    await expect(dialog.getByRole('alert')).toHaveText(message);
    await expect(time).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog).toBeVisible();
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  const otherAfter = (await app.service.getObservationSession({ cycleId })).observations.find((o) => o.id === otherBefore.id)!;
  expect(otherAfter).toEqual(otherBefore);

  // The timeline shows it in step 3, and can correct too.
  await page.getByRole('link', { name: 'Timeline' }).click();
  await page.getByRole('combobox', { name: 'Step' }).selectOption({ label: '3. Whole-class discussion' });
  await expect(page.getByRole('heading', { name: 'Showing 1 of 3 notes' })).toBeVisible();
  await expect(page.getByRole('feed', { name: 'Filtered notes' })).toContainText('Shades 3/4 of the bar');
  await page.getByRole('combobox', { name: 'Step' }).selectOption({ label: 'All' });
  const timeline = page.getByRole('feed', { name: 'Filtered notes' });
  await timeline.getByRole('article').filter({ hasText: 'Reads the problem aloud' }).getByRole('button', { name: /Correct step\/time of the note at/ }).click();
  await dialog.getByRole('combobox', { name: 'Step' }).selectOption({ label: '2. Independent problem solving' });
  await time.fill('6:05');
  await dialog.getByRole('button', { name: 'Save correction' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Note’s step and time corrected.' })).toBeVisible();
  // In clock order: 0:00 "Says", 6:05 "Reads", 27:30 "Shades".
  await expect(timeline.getByRole('article').nth(1)).toHaveAccessibleName('Note at 6:05');
  await expect(timeline.getByRole('article').nth(1)).toContainText('Reads the problem aloud');
  await expect(timeline.getByRole('article').nth(1)).toContainText('Independent problem solving');

  // After a reload, still corrected; the evidence screen counts it in its new step.
  await page.reload();
  await expect(page.getByRole('feed', { name: 'Filtered notes' }).getByRole('article').nth(2)).toHaveAccessibleName('Note at 27:30');
  await expect(page.getByRole('feed', { name: 'Filtered notes' }).getByRole('article').nth(2)).toContainText('Whole-class discussion');
  await app.open(`/cycles/${cycleId}/evidence`);
  await page.getByRole('combobox', { name: 'Step' }).selectOption({ index: 3 });
  const evidence = page.locator('.evidence-notes');
  await expect(evidence).toContainText('Shades 3/4 of the bar');
  await expect(evidence).not.toContainText('Reads the problem aloud');
  await page.getByRole('combobox', { name: 'Step' }).selectOption({ index: 2 });
  await expect(evidence).toContainText('Reads the problem aloud');
  await expect(evidence).not.toContainText('Shades 3/4 of the bar');
});
