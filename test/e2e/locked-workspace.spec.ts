import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { expect, test } from './support/harness';

const otherComputersLock = (dir: string) =>
  writeFile(path.join(dir, '.lesson-study.lock'), JSON.stringify({ pid: 4711, hostname: 'library-laptop', startedAt: '2026-11-20T08:15:00.000Z' }));

test('a workspace that seems open on another computer still opens: read-only first, saying where; Open anyway makes it writable', async ({ app }) => {
  const { page } = app;
  await app.open();
  await page.getByRole('button', { name: 'New group' }).first().waitFor();
  const dir = await app.workspaceDir();
  await app.restart(() => otherComputersLock(dir));

  const dialog = page.getByRole('alertdialog', { name: 'This workspace seems to be open elsewhere' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('on the computer “library-laptop” since');
  // The safe choice has focus.
  await expect(dialog.getByRole('button', { name: 'Open read-only' })).toBeFocused();
  await app.screenshot('locked-workspace-dialog');
  await dialog.getByRole('button', { name: 'Open read-only' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Read-only: this workspace seems to be open on the computer “library-laptop”.' })).toBeVisible();

  // The user knows the library laptop is switched off: open anyway, after a restart asks again.
  await app.restart();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Open anyway' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Read-only: this workspace seems to be open')).toBeHidden();
  expect((await app.service.getWorkspace({})).readOnly).toBe(false);
  await page.getByRole('button', { name: 'New group' }).first().click();
  await page.getByLabel('Group name').fill('Written after taking over');
  await page.getByRole('button', { name: 'Create group' }).click();
  await expect(page.getByRole('heading', { name: 'Written after taking over' })).toBeVisible();
});
