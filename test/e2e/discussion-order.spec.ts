import { expect, test } from './support/harness';

test('a group edits its own post-lesson discussion order, and it is saved', async ({ app }) => {
  const { page } = app;
  const group = await app.service.createGroup({
    name: 'Maple Math', schools: [], subject: 'Mathematics', gradeBand: '4', researchTheme: '', norms: [], members: [],
  });
  await app.open(`/groups/${group.id}/discussion`);
  await expect(page.getByRole('heading', { name: 'Post-lesson discussion order' })).toBeVisible();
  // The established order is offered until the group makes its own.
  await expect(page.getByLabel('Segment 1 title')).toHaveValue('Thank the instructor');
  await expect(page.getByLabel('Segment 5 title')).toHaveValue('Final comments by the knowledgeable other');

  await page.getByRole('button', { name: 'Move segment 3 up' }).click();
  await page.getByLabel('Segment 2 planned minutes').fill('12');
  await page.getByRole('button', { name: 'Add segment' }).click();
  await page.getByLabel('Segment 6 title').fill('Next steps for the reteach');
  await page.getByRole('button', { name: 'Save discussion order' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Discussion order saved.' })).toBeVisible();
  await app.screenshot('group-discussion-order');

  const saved = await app.service.getGroup({ groupId: group.id });
  expect(saved.discussionProtocol.map((s) => [s.title, s.plannedMinutes])).toEqual([
    ['Thank the instructor', 2],
    ['The planning team', 12],
    ['The instructor’s reflections', 10],
    ['Observers share evidence', 30],
    ['Final comments by the knowledgeable other', 15],
    ['Next steps for the reteach', 5],
  ]);
  await app.restart();
  await expect(page.getByLabel('Segment 6 title')).toHaveValue('Next steps for the reteach');
});
