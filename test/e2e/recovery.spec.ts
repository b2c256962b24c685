import { expect, test } from './support/harness';

test('a deleted group is put back from Backups and recovery, and an earlier copy of a group is restored', async ({ app }) => {
  const { page } = app;
  // Created by the running app (its backups are throttled per process: a seeding backend would add a copy of its own).
  await app.open();
  const kept = await app.service.createGroup({ name: 'Birch Grade 5', schools: [], subject: 'Math', gradeBand: '5', researchTheme: '', norms: [], members: [] });
  const deleted = await app.service.createGroup({ name: 'Cedar Science', schools: [], subject: 'Science', gradeBand: '3', researchTheme: '', norms: [], members: [] });
  await page.evaluate((route) => void (location.hash = route), `/groups/${deleted.id}`);
  await page.getByRole('button', { name: 'Delete group' }).click();
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toContainText('move to the trash. You can put them back from Preferences → Backups and recovery.');
  await confirm.getByRole('button', { name: 'Delete group' }).click();

  // Rename the other group so it has an earlier copy to go back to.
  await app.service.updateGroup({ groupId: kept.id, fields: { name: 'Birch Grade 5 (renamed by mistake)', schools: [], subject: 'Math', gradeBand: '5', researchTheme: '', norms: [], members: [] } });

  await page.getByRole('button', { name: 'Preferences' }).first().click();
  await page.getByRole('button', { name: 'Backups and recovery…' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Backups and recovery' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Deleted' }).getByText('Group “Cedar Science”')).toBeVisible();
  await app.screenshot('recovery');

  await page.getByRole('button', { name: 'Put back Group “Cedar Science”' }).click();
  await expect(page.getByRole('status').filter({ hasText: '1 item was put back.' })).toBeVisible();
  await expect(page.getByText('Nothing has been deleted.')).toBeVisible();
  expect((await app.service.listGroups({})).map((g) => g.name).sort()).toEqual(['Birch Grade 5 (renamed by mistake)', 'Cedar Science']);

  await page.getByRole('button', { name: 'Group “Birch Grade 5 (renamed by mistake)”' }).click();
  const copies = page.getByRole('table', { name: 'Kept copies of Group “Birch Grade 5 (renamed by mistake)”' });
  await expect(copies.getByRole('row')).toHaveCount(3);
  await expect(copies.getByRole('row').nth(2)).toContainText('group “Birch Grade 5”, 0 members');
  await app.screenshot('recovery-copies');
  await copies.getByRole('row').nth(2).getByRole('button', { name: /^Restore the copy of/ }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Restored: group “Birch Grade 5”, 0 members.' })).toBeVisible();
  expect((await app.service.getGroup({ groupId: kept.id })).name).toBe('Birch Grade 5');
});
