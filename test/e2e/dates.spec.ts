import { expect, test } from './support/harness';

// One date format per language: "4 Mar 2025" in English, "2025/03/04" in Japanese, on every screen.
test('dates read the same way on the timeline, the lesson panel and the design lists, in English and in Japanese', async ({ app }) => {
  const { page } = app;
  const teacher = crypto.randomUUID();
  const group = await app.service.createGroup({ name: 'Dates group', schools: [], subject: '', gradeBand: '', researchTheme: '', norms: [], members: [{ id: teacher, name: 'Aiko Tanaka', role: 'teacher' }] });
  const design = await app.service.createDesign({ groupId: group.id, title: 'Comparing fractions' });
  const version = (await app.service.saveVersion({ designId: design.id, summary: 'First plan', authors: [] })).versions[0];
  const cycle = await app.service.createCycle({ groupId: group.id, title: 'Cycle 1', researchQuestion: '' });
  await app.service.chooseVersion({ cycleId: cycle.id, designId: design.id, versionId: version.id });
  await app.service.moveCycle({ cycleId: cycle.id, to: 'teach', by: teacher, reason: '' });
  await app.service.saveTeaching({ cycleId: cycle.id, teaching: { date: '2025-03-04', className: '5-1', teacherId: teacher, briefingHeld: false } });

  await app.open(`/cycles/${cycle.id}/timeline`);
  const teaching = page.locator('.cycle-timeline-teaching .cycle-timeline-when');
  await expect(teaching).toHaveText('4 Mar 2025');
  // The version history and the designs list: day month year, never the US order.
  await app.open(`/designs/${design.id}`);
  await expect(page.getByRole('table').filter({ hasText: 'First plan' }).getByRole('cell').filter({ hasText: /\d{4}/ }).first()).toHaveText(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}$/);
  await app.open(`/groups/${group.id}/designs`);
  await expect(page.getByText(/\d{1,2} [A-Z][a-z]{2} \d{4}/).first()).toBeVisible();
  await expect(page.getByText(/[A-Z][a-z]{2} \d{1,2}, \d{4}/)).toHaveCount(0);

  await app.service.updatePreferences({ uiLanguage: 'ja' });
  await app.open(`/cycles/${cycle.id}/timeline`);
  await expect(teaching).toHaveText('2025/03/04');
});
