import mammoth from 'mammoth';
import { readFile } from 'node:fs/promises';
import { expect, test } from './support/harness';

const steps = [
  { title: 'Launch the problem', minutes: '5', activities: 'Show two fraction strips. Key question: which is larger, 2/3 or 3/4?' },
  { title: 'Individual work', minutes: '10', activities: 'Students compare the fractions on their own.' },
  { title: 'Pair talk', minutes: '8', activities: 'Partners explain their reasoning to each other.' },
  { title: 'Whole-class discussion', minutes: '12', activities: 'Selected students present strategies in a planned order.' },
  { title: 'Summary', minutes: '5', activities: 'The class states what makes one fraction larger.' },
  { title: 'Reflection', minutes: '5', activities: 'Students write what they learned.' },
];

test('write a design, save v1, revise and reorder, save v2, compare, export the lesson plan', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  const service = app.service;
  const group = await service.createGroup({
    name: 'Maple Grade 4 Math', schools: [], subject: 'Mathematics', gradeBand: '4',
    researchTheme: 'Students justify their reasoning to peers', norms: [], members: [],
  });
  await app.open(`/groups/${group.id}/designs`);
  await expect(page.getByRole('heading', { name: 'No lesson designs yet' })).toBeVisible();
  await page.getByRole('button', { name: 'New lesson design' }).click();
  await page.getByRole('dialog').getByLabel('Title').fill('Comparing fractions');
  await page.getByRole('button', { name: 'Create lesson design' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Comparing fractions' })).toBeVisible();

  await page.getByLabel('Subject').fill('Mathematics');
  await page.getByLabel('Goal of this lesson').fill('Students explain which of 2/3 and 3/4 is larger, using a diagram.');
  for (const [index, step] of steps.entries()) {
    await page.getByRole('button', { name: 'Add step' }).click();
    const n = index + 1;
    await page.getByLabel(`Step ${n} title`).fill(step.title);
    await page.getByLabel(`Step ${n} minutes`).fill(step.minutes);
    await page.getByLabel(`Step ${n} learning activities and key questions`).fill(step.activities);
  }
  await page.getByRole('group', { name: 'Step 2 anticipated responses' }).getByRole('button', { name: 'Add response' }).click();
  await page.getByLabel('Anticipated response 1 in step 2', { exact: true }).fill('Compares numerators only: 3 is more than 2');
  await page.getByRole('group', { name: 'Step 4 anticipated responses' }).getByRole('button', { name: 'Add response' }).click();
  await page.getByLabel('Anticipated response 1 in step 4', { exact: true }).fill('Uses strips of the same length');
  await page.getByRole('group', { name: 'Step 4 points to notice' }).getByRole('button', { name: 'Add point' }).click();
  await page.getByLabel('Point to notice 1 in step 4', { exact: true }).fill('Who refers to the whole when comparing?');
  await expect(page.getByTestId('minutes-total')).toHaveText('Steps total 45 of 45 minutes');
  await expect(page.locator('[data-save-state="saved"]')).toBeVisible();
  await expect.poll(async () => (await service.listDesigns({ groupId: group.id }))[0]?.hasDraft).toBe(true);
  const designId = (await service.listDesigns({ groupId: group.id }))[0].id;
  await expect.poll(async () => (await service.getDesign({ designId })).draft?.content.steps.at(-1)?.activities).toBe(steps[5].activities);
  await app.screenshot('design-editor');

  // Save version 1.
  await page.getByRole('button', { name: 'Save version…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save as version 1' });
  await dialog.getByLabel('What changed (short summary)').fill('First plan for the research lesson');
  await dialog.getByLabel('Authors').fill('Aiko Tanaka, Ben Ortiz');
  await dialog.getByRole('button', { name: 'Save version' }).click();
  await expect(page.getByText('Version 1 (saved, read-only)')).toBeVisible();
  await expect(page.getByLabel('Step 1 title')).toHaveCount(0); // a saved version is not editable

  // Revise: change two steps, reorder one (keyboard), give a reason.
  await page.getByRole('button', { name: 'Revise version 1' }).first().click();
  await expect(page.getByText('Draft based on version 1')).toBeVisible();
  await page.getByLabel('Step 2 learning activities and key questions').fill('Students compare the fractions on their own, drawing a strip for each.');
  await page.getByLabel('Anticipated response 1 in step 4', { exact: true }).fill('Uses strips of the same length to compare the shaded parts');
  const summaryHandle = page.getByRole('button', { name: /^Step 5: Summary\. Drag/ });
  await summaryHandle.focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(page.getByLabel('Step 4 title')).toHaveValue('Summary');
  await expect(page.getByRole('button', { name: /^Step 4: Summary\. Drag/ })).toBeFocused();
  await page.getByRole('button', { name: 'Add change note' }).click();
  await page.getByLabel('Concerns').selectOption({ label: 'Step 2: Individual work' });
  await page.getByLabel('Change 1: what changes').fill('Draw a strip for each fraction');
  await page.getByLabel('Change 1: why').fill('Observers saw most students compare numerators only.');
  await expect(page.locator('[data-save-state="saved"]')).toBeVisible();
  await page.getByRole('button', { name: 'Save version…' }).click();
  const dialog2 = page.getByRole('dialog', { name: 'Save as version 2' });
  await dialog2.getByLabel('What changed (short summary)').fill('After the first teaching');
  await dialog2.getByRole('button', { name: 'Save version' }).click();
  await expect(page.getByText('Version 2 (saved, read-only)')).toBeVisible();
  const saved = await service.getDesign({ designId });
  expect(saved.versions.map((v) => v.number)).toEqual([1, 2]);
  expect(saved.versions[0].content.steps[1].activities).toBe(steps[1].activities); // v1 untouched
  await app.screenshot('design-history');

  // Compare v1 → v2.
  await page.getByLabel('From', { exact: true }).selectOption({ label: 'Version 1' });
  await page.getByLabel('To', { exact: true }).selectOption({ label: 'Version 2' });
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Compare versions — Comparing fractions' })).toBeVisible();
  const summary = page.getByTestId('diff-summary');
  await expect(summary).toContainText('2 steps changed');
  await expect(summary).toContainText('1 moved');
  await expect(summary).toContainText('anticipated responses revised in step');
  const changedStep = page.getByRole('row', { name: 'Step 2' });
  await expect(changedStep).toContainText('Changed');
  await expect(changedStep.locator('ins')).toContainText(['drawing a strip for each']);
  await expect(changedStep).toContainText('Observers saw most students compare numerators only.');
  await expect(page.locator('[data-step-status] .plan-status-badge.is-moved')).toHaveCount(1);
  await expect(page.locator('[data-step-status="changed"] ins').filter({ hasText: 'to compare the shaded parts' })).toHaveCount(1);
  await app.screenshot('design-compare');

  // Export the lesson plan of version 2 as Word (a download in the browser) and read it back.
  await page.getByRole('link', { name: 'Back to the lesson design' }).click();
  const exported = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export lesson plan (.docx)' }).click();
  const plan = await exported;
  expect(plan.suggestedFilename()).toBe('Comparing fractions v2.docx');
  await expect(page.getByRole('status').filter({ hasText: 'Saved “Comparing fractions v2.docx”.' })).toBeVisible();
  const file = test.info().outputPath('Comparing fractions v2.docx');
  await plan.saveAs(file);
  const bytes = await readFile(file);
  const { value: text } = await mammoth.extractRawText({ buffer: bytes });
  expect(text).toContain('Comparing fractions');
  expect(text).toContain('Students explain which of 2/3 and 3/4 is larger, using a diagram.');
  expect(text).toContain('Anticipated student responses');
  expect(text).toContain('Students compare the fractions on their own, drawing a strip for each.');
  expect(text.indexOf('4. Summary')).toBeGreaterThan(-1);
  expect(text.indexOf('4. Summary')).toBeLessThan(text.indexOf('5. Whole-class discussion'));

  // A browser cannot show a file in its folder: the notice offers Open, which downloads the same file again.
  await expect(page.getByRole('button', { name: 'Show in folder' })).toHaveCount(0);
  const reopened = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Open file' }).click();
  const again = await reopened;
  expect(again.suggestedFilename()).toBe('Comparing fractions v2.docx');
  expect((await readFile((await again.path())!)).equals(bytes)).toBe(true);
});

test('full-screen mode hides the app chrome and Esc leaves it', async ({ app }) => {
  const { page } = app;
  const service = app.service;
  const group = await service.createGroup({ name: 'Cedar', schools: [], subject: '', gradeBand: '', researchTheme: '', norms: [], members: [] });
  const design = await service.createDesign({ groupId: group.id, title: 'Projected plan' });
  await app.open(`/designs/${design.id}`);
  await page.getByRole('button', { name: 'Add step' }).click();
  await page.getByLabel('Step 1 title').fill('Launch');
  await page.getByRole('button', { name: 'Full screen' }).click();
  await expect(page.locator('.app-header')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Exit full screen (Esc)' })).toBeVisible();
  await app.screenshot('design-fullscreen');
  await page.locator('body').press('Escape');
  await expect(page.locator('.app-header')).toBeVisible();
});

test('steps reorder by dragging their handle, and the draft keeps the new order', async ({ app }) => {
  const { page } = app;
  const service = app.service;
  const group = await service.createGroup({ name: 'Drag group', schools: [], subject: '', gradeBand: '', researchTheme: '', norms: [], members: [] });
  const design = await service.createDesign({ groupId: group.id, title: 'Drag test' });
  await app.open(`/designs/${design.id}`);
  for (const [index, step] of steps.slice(0, 3).entries()) {
    await page.getByRole('button', { name: 'Add step' }).click();
    await page.getByLabel(`Step ${index + 1} title`).fill(step.title);
  }
  // Drag step 3's handle onto the first row: it becomes step 1, the others move down.
  await page.getByRole('button', { name: /^Step 3: Pair talk\. Drag/ }).dragTo(page.locator('tr.plan-step-row').first());
  await expect(page.getByLabel('Step 1 title')).toHaveValue('Pair talk');
  await expect(page.getByLabel('Step 2 title')).toHaveValue('Launch the problem');
  await expect(page.getByLabel('Step 3 title')).toHaveValue('Individual work');
  await expect(page.locator('[data-save-state="saved"]')).toBeVisible();
  await expect
    .poll(async () => (await service.getDesign({ designId: design.id })).draft?.content.steps.map((s) => s.title))
    .toEqual(['Pair talk', 'Launch the problem', 'Individual work']);
});

test('a saved version shows its observation plan with observers and students by name, and the group\'s research theme', async ({ app }) => {
  const { page } = app;
  const service = app.service;
  const observer = crypto.randomUUID();
  const group = await service.createGroup({
    name: 'Grade 5 fractions', schools: [], subject: 'Mathematics', gradeBand: '5',
    researchTheme: 'Students justify their reasoning to peers', norms: [],
    members: [{ id: observer, name: 'Kenji Sato', role: 'teacher' }],
  });
  const withStudent = await service.saveFocusStudent({ groupId: group.id, student: { pseudonym: 'Mia', focus: true, concern: false, concerns: '', supportsNow: '', supportsPlanned: '', retired: false } });
  const mia = withStudent.focusStudents.find((s) => s.pseudonym === 'Mia')!;
  const design = await service.createDesign({ groupId: group.id, title: 'Comparing fractions' });
  const draft = (await service.getDesign({ designId: design.id })).draft!;
  await service.saveDraft({
    designId: design.id,
    content: { ...draft.content, observationPlan: [{ id: crypto.randomUUID(), observerId: observer, studentId: mia.id, groupLabel: '', lookFor: 'How she compares 2/3 and 3/4' }] },
    changeNotes: [],
  });
  await service.saveVersion({ designId: design.id, summary: 'First plan', authors: [] });

  await app.open(`/designs/${design.id}`);
  await expect(page.getByText('Saved versions never change.')).toBeVisible();
  const plan = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Observer' }) });
  await expect(plan.getByRole('row').nth(1).getByRole('cell')).toHaveText(['Kenji Sato', 'Mia', '', 'How she compares 2/3 and 3/4']);
  await expect(page.getByText('Students justify their reasoning to peers')).toBeVisible();
});
