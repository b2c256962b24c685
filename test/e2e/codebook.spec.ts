import { seedLesson } from '../unit/observ-seed';
import { expect, test } from './support/harness';

test("the group's own code gets a capture key when the group moves it up the codebook, and the keys follow that order", async ({ app }) => {
  const { page } = app;
  const seed = await seedLesson(app.backend());
  const groupId = seed.group.id;
  const defaults = (await app.service.getGroup({ groupId })).codebook.filter((c) => !c.retired).map((c) => c.label);
  // The built-in codebook: six general codes and five of the mathematical-argument rubric.
  expect(defaults.length).toBe(11);

  await app.open(`/groups/${groupId}/codebook`);
  await page.getByLabel('Label', { exact: true }).fill('Uses a diagram');
  await page.getByRole('button', { name: 'Add code' }).click();
  const list = page.getByRole('region', { name: 'Codes in use, in the order of their keys' }).getByRole('list');
  const row = list.getByRole('listitem').filter({ has: page.getByLabel('Label of “Uses a diagram”') });
  // Twelfth: no key yet, and it cannot move further down.
  await expect(list.getByRole('listitem')).toHaveCount(12);
  await expect(row.getByLabel(/^Key /)).toHaveCount(0);
  await expect(row.getByRole('button', { name: 'Move “Uses a diagram” down' })).toBeDisabled();

  await row.getByRole('button', { name: 'Move “Uses a diagram” up' }).click();
  await expect(list.getByRole('listitem').nth(10).getByLabel('Label of “Uses a diagram”')).toBeVisible();
  await row.getByRole('button', { name: 'Move “Uses a diagram” up' }).click();
  await expect(row.getByLabel('Key Alt+0')).toBeVisible();
  await expect(list.getByRole('listitem').nth(9).getByLabel('Label of “Uses a diagram”')).toBeVisible();
  // The code it passed is now eleventh, without a key.
  const pushedOut = defaults[9];
  await expect(list.getByRole('listitem').nth(10).getByLabel(`Label of “${pushedOut}”`)).toBeVisible();
  await app.screenshot('codebook-order');
  const stored = (await app.service.getGroup({ groupId })).codebook.filter((c) => !c.retired).map((c) => c.label);
  expect(stored).toEqual([...defaults.slice(0, 9), 'Uses a diagram', pushedOut, defaults[10]]);

  // Capturing, Alt+0 toggles the group's own code.
  await page.goto(page.url().replace(/#.*$/, `#/cycles/${seed.cycle.id}/observe`));
  await page.getByLabel('I am').selectOption({ label: 'Aiko Tanaka' });
  await page.getByLabel('Note (what students say and do)').focus();
  await page.keyboard.press('Alt+0');
  await expect(page.getByRole('group', { name: 'Codes' }).getByRole('button', { name: /Uses a diagram/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('group', { name: 'Codes' }).getByRole('button', { name: new RegExp(pushedOut) })).not.toHaveAttribute('aria-keyshortcuts', /.+/);
});
