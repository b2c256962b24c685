import { readdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { expect, test } from './support/harness';

test('a group created in the UI is saved to disk and is there after a restart', async ({ app }) => {
  const { page } = app;
  await app.open();
  await expect(page.getByRole('heading', { name: 'Welcome to Lesson Study Desktop' })).toBeVisible();
  await app.screenshot('welcome');

  await page.getByRole('button', { name: 'New group' }).click();
  // Submitting without a name shows a validation message and saves nothing.
  await page.getByRole('button', { name: 'Create group' }).click();
  await expect(page.getByText('Give the group a name.')).toBeVisible();
  expect(await readdir(await app.workspaceDir())).not.toContain('groups');

  await page.getByLabel('Group name').fill('Maple Grade 4–5 Math');
  await page.getByLabel('Subject').fill('Mathematics');
  await page.getByLabel('Grade band').fill('4–5');
  await page.getByLabel('Research theme').fill('Students justify their reasoning to peers');
  await page.getByLabel('Member 1 name').fill('Aiko Tanaka');
  await page.getByLabel('Member 1 role').selectOption('facilitator');
  await page.getByRole('button', { name: 'Add member' }).click();
  await page.getByLabel('Member 2 name').fill('Ben Ortiz');
  await page.getByLabel('Member 2 role').selectOption('knowledgeable-other');
  await app.screenshot('group-form');
  await page.getByRole('button', { name: 'Create group' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Maple Grade 4–5 Math' })).toBeVisible();
  await expect(page.getByText('Knowledgeable other')).toBeVisible();
  await app.screenshot('group-overview');

  const files = await readdir(path.join((await app.workspaceDir()), 'groups'));
  expect(files).toHaveLength(1);
  const stored = JSON.parse(await readFile(path.join((await app.workspaceDir()), 'groups', files[0]), 'utf8'));
  expect(stored.schemaVersion).toBe(3);
  expect(stored.group.name).toBe('Maple Grade 4–5 Math');
  expect(stored.group.members.map((m: { name: string }) => m.name)).toEqual(['Aiko Tanaka', 'Ben Ortiz']);

  await app.restart();
  await page.getByRole('link', { name: 'Groups', exact: true }).click();
  await expect(page.getByRole('link', { name: 'Maple Grade 4–5 Math' })).toBeVisible();
  await expect(page.getByText('2 members')).toBeVisible();
});

test('a group can be edited and deleted with confirmation', async ({ app }) => {
  const { page } = app;
  const group = await app.service.createGroup({
    name: 'Cedar Science',
    schools: ['Cedar Elementary'],
    subject: 'Science',
    gradeBand: '3',
    researchTheme: '',
    norms: [],
    members: [],
  });
  await app.open(`/groups/${group.id}`);
  await page.getByRole('button', { name: 'Edit group' }).click();
  await page.getByLabel('Group name').fill('Cedar Science Team');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cedar Science Team' })).toBeVisible();
  expect((await app.service.getGroup({ groupId: group.id })).name).toBe('Cedar Science Team');

  await page.getByRole('button', { name: 'Delete group' }).click();
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toContainText('Delete “Cedar Science Team”?');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  expect(await app.service.listGroups({})).toHaveLength(1);

  await page.getByRole('button', { name: 'Delete group' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete group' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome to Lesson Study Desktop' })).toBeVisible();
  expect(await app.service.listGroups({})).toHaveLength(0);
});

test('a corrupt group file gives a specific message and is kept aside', async ({ app }) => {
  const { page } = app;
  const good = await app.service.createGroup({
    name: 'Birch Group', schools: [], subject: '', gradeBand: '', researchTheme: '', norms: [], members: [],
  });
  const damaged = await app.service.createGroup({
    name: 'Willow Group', schools: [], subject: '', gradeBand: '', researchTheme: '', norms: [], members: [],
  });
  const damagedFile = path.join((await app.workspaceDir()), 'groups', `${damaged.id}.json`);
  // Overwrite the file and remove its backups, as a hand edit gone wrong would.
  await writeFile(damagedFile, '{"schemaVersion": 1, "group": {"name": ');
  const { rm } = await import('node:fs/promises');
  await rm(path.join((await app.workspaceDir()), '.backups', 'groups', `${damaged.id}.json`), { recursive: true, force: true });

  await app.restart();
  await app.open();
  const alert = page.getByRole('alert', { name: 'A workspace file needed attention' });
  await expect(alert).toContainText(`groups/${damaged.id}.json`);
  await expect(alert).toContainText('not valid JSON');
  await expect(alert).toContainText('moved aside');
  await expect(page.getByRole('link', { name: good.name })).toBeVisible();
  await app.screenshot('corrupt-notice');

  const names = await readdir(path.join((await app.workspaceDir()), 'groups'));
  const aside = names.find((name) => name.startsWith(`${damaged.id}.json.corrupt-`));
  expect(aside, 'the damaged file is kept aside').toBeTruthy();
  expect(await readFile(path.join((await app.workspaceDir()), 'groups', aside!), 'utf8')).toBe('{"schemaVersion": 1, "group": {"name": ');
});

test('a lesson design from another school imports into a workspace with no group: into "Shared with us" or a new group', async ({ app }, testInfo) => {
  const { page } = app;
  // A design file made by another school's app, here by a group that is then deleted.
  const oak = await app.service.createGroup({ name: 'Oak School', schools: [], subject: 'Mathematics', gradeBand: '4', researchTheme: '', norms: [], members: [] });
  const design = await app.service.createDesign({ groupId: oak.id, title: 'Area of a parallelogram' });
  await app.service.saveDraft({ designId: design.id, content: { ...design.draft!.content, subject: 'Mathematics', grade: '4' }, changeNotes: [] });
  await app.service.saveVersion({ designId: design.id, summary: 'As taught at Oak', authors: [] });
  await app.open(`/designs/${design.id}`);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export design file (.lessonstudy.json)…' }).click();
  const file = testInfo.outputPath('area.lessonstudy.json');
  await (await download).saveAs(file);
  await app.service.deleteGroup({ groupId: oak.id });

  await app.open('/');
  await expect(page.getByRole('heading', { name: 'Welcome to Lesson Study Desktop' })).toBeVisible();
  await page.getByRole('button', { name: 'Import a lesson design…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a lesson design' });
  await expect(dialog.getByRole('radio', { name: 'Into “Shared with us”, a library for designs from other schools' })).toBeChecked();
  await expect(dialog.getByRole('radio', { name: 'Into a group of this workspace' })).toHaveCount(0);
  await app.screenshot('import-design-no-group');
  const chooser = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: 'Choose the file and import' }).click();
  await (await chooser).setFiles(file);
  await expect(page.getByRole('heading', { level: 1, name: 'Area of a parallelogram' })).toBeVisible();
  // The library takes the design's subject and grade.
  expect((await app.service.listGroups({})).map((g) => [g.name, g.subject, g.gradeBand])).toEqual([['Shared with us', 'Mathematics', '4']]);

  // Now the workspace has a group; a new group by name is offered too, and needs a name.
  await app.open('/');
  await page.getByRole('button', { name: 'Import a lesson design…' }).click();
  await expect(dialog.getByRole('radio', { name: 'Into a group of this workspace' })).toBeChecked();
  await dialog.getByRole('radio', { name: 'Into a new group' }).check();
  await dialog.getByRole('button', { name: 'Choose the file and import' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Give the new group a name.');
  await dialog.getByLabel('Name of the new group').fill('Grade 4 study group');
  await app.screenshot('import-design-new-group');
  const again = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: 'Choose the file and import' }).click();
  await (await again).setFiles(file);
  await expect(page.getByRole('heading', { level: 1, name: 'Area of a parallelogram' })).toBeVisible();
  expect((await app.service.listGroups({})).map((g) => g.name).sort()).toEqual(['Grade 4 study group', 'Shared with us']);
});
