import { expect, test } from './support/harness';

test('the tour points at the control each step describes, and says where it is when it is not on screen', async ({ app }) => {
  const { page } = app;
  const teacher = crypto.randomUUID();
  const group = await app.service.createGroup({ name: 'Tour group', schools: [], subject: '', gradeBand: '', researchTheme: '', norms: [], members: [{ id: teacher, name: 'Aiko Tanaka', role: 'teacher' }] });
  const cycle = await app.service.createCycle({ groupId: group.id, title: 'Cycle 1', researchQuestion: '' });

  // The start screen: step 1 points at New group.
  await app.open('/');
  await app.menuAction({ type: 'show-tour' });
  const tour = page.getByRole('complementary', { name: 'Your group and its research theme' });
  await expect(tour).toHaveAttribute('data-points-at', 'yes');
  await expect(page.locator('.tour-target')).toHaveText('New group');
  await expect(tour).toContainText('The highlighted control is where it starts.');
  const below = async (name: string) => {
    const target = await page.locator('.tour-target').boundingBox();
    const box = await page.getByRole('complementary', { name }).boundingBox();
    return box!.y > target!.y + target!.height && box!.x <= target!.x + target!.width && box!.x + box!.width >= target!.x;
  };
  await expect.poll(() => below('Your group and its research theme')).toBe(true);
  await app.screenshot('tour-points-new-group');

  // Step 2 (plan): no lesson designs tab on the start screen, so it says where to look.
  await tour.getByRole('button', { name: 'Next' }).click();
  const plan = page.getByRole('complementary', { name: 'Plan the research lesson together' });
  await expect(plan).toHaveAttribute('data-points-at', 'no');
  await expect(plan).toContainText("Open a group: its Lesson designs tab, or a cycle's Plan phase.");
  await expect(page.locator('.tour-target')).toHaveCount(0);

  // Opening the group while the tour is open: it moves to the Lesson designs tab.
  await page.getByRole('link', { name: 'Tour group' }).click();
  await expect(plan).toHaveAttribute('data-points-at', 'yes');
  await expect(page.locator('.tour-target')).toHaveAttribute('role', 'tab');
  await expect(page.locator('.tour-target')).toHaveText('Lesson designs');

  // In a cycle: Observe, Analyze and Revise point at the cycle's phases.
  await app.open(`/cycles/${cycle.id}`);
  await app.menuAction({ type: 'show-tour' });
  // Step 2 (plan) points at the cycle's Plan phase.
  await page.getByRole('complementary').getByRole('button', { name: 'Next' }).click();
  await expect(page.locator('.tour-target')).toHaveAttribute('href', /\/phase\/plan$/);
  for (const [name, phase] of [['Teach and observe students\' thinking', 'observe'], ['Discuss and analyze the evidence', 'analyze'], ['Revise, reteach and report', 'revise']] as const) {
    await page.getByRole('complementary').getByRole('button', { name: 'Next' }).click();
    await expect(page.getByRole('complementary', { name })).toHaveAttribute('data-points-at', 'yes');
    await expect(page.locator('.tour-target')).toHaveAttribute('href', new RegExp(`/phase/${phase}$`));
  }
  await app.screenshot('tour-points-revise');
  await page.getByRole('button', { name: 'Finish' }).click();
  await expect(page.locator('.tour-target')).toHaveCount(0);
});
