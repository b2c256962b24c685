import { expect, test } from './support/harness';
import { seedAnalyzedLesson } from '../unit/analysis-seed';

test('from recorded notes to a revision that cites them: discussion, evidence, findings, proposed change, comparison', async ({ app }) => {
  test.setTimeout(90_000);
  const { page } = app;
  const seed = await seedAnalyzedLesson(app.backend());
  const service = () => app.service;
  const cycleId = seed.cycle.id;
  // Full-page shots from the top, so sticky bars do not land mid-page.
  const shot = async (name: string) => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await app.screenshot(name);
  };

  // ── The post-lesson discussion, run with timers ──────────────────────────
  await app.open(`/cycles/${cycleId}/discussion`);
  await expect(page.getByRole('heading', { level: 1, name: 'Post-lesson discussion' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Thank the instructor' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Speakers, in speaking order' })).toHaveText(/Aiko/);
  await page.getByRole('button', { name: 'Start timer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Timer running' })).toBeVisible();
  // The timer runs: it has passed 00:00 (how far depends on how busy the machine is; a poll may miss 00:01 itself).
  await expect(page.getByTestId('segment-elapsed')).toHaveText(/^00:0[1-9]$/, { timeout: 5000 });

  await page.getByRole('button', { name: 'Next: The instructor’s reflections' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'The instructor’s reflections' })).toBeVisible();
  expect((await service().getAnalysis({ cycleId })).discussion.segments[1].speakerIds).toEqual([seed.members.teacher.id]);
  await page.getByLabel('Notes for this part').fill('Ben: the tables appeared earlier than we planned.');
  await page.getByLabel('Notes for this part').blur();
  await expect
    .poll(async () => (await service().getAnalysis({ cycleId })).discussion.segments[1].notes)
    .toBe('Ben: the tables appeared earlier than we planned.');
  const afterFirst = await service().getAnalysis({ cycleId });
  expect(afterFirst.discussion.segments[0].runningSince).toBeUndefined();
  expect(afterFirst.discussion.segments[0].elapsedMs).toBeGreaterThanOrEqual(1000);
  expect(afterFirst.discussion.segments[1].runningSince).toBeTruthy();

  await page.getByRole('button', { name: 'Next: The planning team' }).click();
  await page.getByRole('button', { name: 'Next: Observers share evidence' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Observers share evidence' })).toBeVisible();

  // The observers' notes are one keystroke away, filterable by step and code.
  await page.getByRole('heading', { level: 2, name: 'Observers share evidence' }).click();
  await page.keyboard.press('n');
  const drawer = page.getByRole('complementary', { name: 'Observers’ notes from the lesson' });
  await expect(drawer).toBeVisible();
  await expect(drawer.getByText('6 notes')).toBeVisible();
  await drawer.getByLabel('Step').selectOption({ label: 'Independent solving' });
  await expect(drawer.getByText('3 notes')).toBeVisible();
  await drawer.getByLabel('Code').selectOption({ label: 'Misconception' });
  await expect(drawer.getByText('1 note', { exact: true })).toBeVisible();
  await expect(drawer.getByText('Ken writes n + 2')).toBeVisible();
  await shot('analyze-discussion-notes-drawer');
  // The panel sits beside the note field, not over it.
  await page.getByLabel('Notes for this part').scrollIntoViewIfNeeded();
  await expect(page.getByLabel('Notes for this part')).toBeInViewport();
  await drawer.getByLabel('Code').press('Escape');
  await expect(drawer).toBeHidden();
  await shot('analyze-discussion');

  await page.getByRole('button', { name: 'Next: Final comments by the knowledgeable other' }).click();
  await page.getByLabel('Final comments by the knowledgeable other (Dr. Emi Sato)').fill('The table was the bridge to justification.');
  await page.getByLabel('Final comments by the knowledgeable other (Dr. Emi Sato)').blur();
  await expect.poll(async () => (await service().getAnalysis({ cycleId })).discussion.finalComments).toBe('The table was the bridge to justification.');

  // ── Evidence: heatmap (chart + table), click a cell, link notes to findings ──
  await page.getByRole('link', { name: 'Evidence', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Evidence' })).toBeVisible();
  await expect(page.getByTestId('heatmap-chart').locator('svg')).toBeVisible();
  const table = page.getByRole('table', { name: /Notes per step and code/ });
  await expect(table.getByRole('row', { name: /Independent solving/ })).toContainText('3');
  // Codes no note carries are left out unless asked for.
  await expect(table.getByRole('columnheader', { name: 'Engagement' })).toHaveCount(0);
  await page.getByLabel('Show codes with no notes').check();
  await expect(table.getByRole('columnheader', { name: 'Engagement' })).toBeVisible();
  await page.getByLabel('Show codes with no notes').uncheck();
  await shot('analyze-heatmap');

  await table.getByRole('button', { name: 'Independent solving, Student strategy: 1 note — show it' }).click();
  await expect(page.getByRole('heading', { name: 'Notes: Independent solving · Student strategy' })).toBeVisible();
  const notes = page.locator('.evidence-notes');
  await expect(notes.getByRole('article')).toHaveCount(1);
  await notes.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Link to finding…' }).click();
  let dialog = page.getByRole('dialog', { name: 'Link 1 note to a finding' });
  await dialog.getByLabel('Finding (a statement about student learning)').fill('Drawing a table helped Maya see the +2 pattern');
  await dialog.getByRole('button', { name: 'Link notes' }).click();
  await expect(page.getByText('1 note linked.')).toBeVisible();

  await page.getByRole('button', { name: 'Show all notes' }).click();
  await notes.getByRole('checkbox', { name: /Ken/ }).check();
  await notes.getByRole('checkbox', { name: /Table 3/ }).check();
  await page.getByRole('button', { name: 'Link to finding…' }).click();
  dialog = page.getByRole('dialog', { name: 'Link 2 notes to a finding' });
  await dialog.getByLabel('Finding', { exact: true }).selectOption({ label: 'A new finding' });
  await dialog.getByLabel('Finding (a statement about student learning)').fill('Students confused the growth step with the rule');
  await dialog.getByRole('button', { name: 'Link notes' }).click();
  await expect(page.getByText('2 notes linked.')).toBeVisible();

  const findings = (await service().getAnalysis({ cycleId })).findings;
  expect(findings.map((f) => [f.statement, f.supportingObservationIds.length])).toEqual([
    ['Drawing a table helped Maya see the +2 pattern', 1],
    ['Students confused the growth step with the rule', 2],
  ]);
  expect(findings[0].supportingObservationIds).toEqual([seed.notes.mayaTable.id]);

  // ── Predicted vs actual for the students of concern ──────────────────────
  await page.getByRole('link', { name: 'Students of concern' }).click();
  const maya = page.getByRole('region', { name: /^Maya/ });
  await expect(maya.getByRole('row', { name: /Independent solving/ })).toContainText('Draws a table');
  await expect(maya.getByRole('row', { name: /Independent solving/ })).toContainText('Maya draws a two-column table');
  await maya.getByLabel('Maya responded').selectOption('yes');
  await maya.getByRole('button', { name: 'Record for Maya' }).click();
  await expect(maya.getByText('Recorded.')).toBeVisible();
  expect((await service().getCycle({ cycleId })).studentResponses).toEqual([
    { studentId: seed.students[0].id, responded: 'yes', note: '', observationIds: [] },
  ]);
  await shot('analyze-predicted-vs-actual');

  await page.getByRole('link', { name: 'Points to notice' }).click();
  await expect(page.getByText('2 of 3 points to notice have evidence.')).toBeVisible();
  await expect(page.getByText('No evidence collected')).toBeVisible();
  await shot('analyze-coverage');

  // ── A finding proposes a change to the lesson ────────────────────────────
  await page.getByRole('link', { name: 'Findings', exact: true }).click();
  await page.getByRole('link', { name: 'Students confused the growth step with the rule' }).click();
  await expect(page.getByRole('heading', { name: 'Supporting evidence (2 notes)' })).toBeVisible();
  await page.getByLabel('Step to change').selectOption({ label: 'Independent solving' });
  await shot('analyze-finding');
  await page.getByRole('button', { name: 'Propose a change' }).click();
  await expect(page).toHaveURL(new RegExp(`#/designs/${seed.design.id}\\?step=${seed.steps[1].id}$`));
  // The editor opens at the step the finding concerns: its title field has focus.
  await expect(page.locator(`[data-step-id="${seed.steps[1].id}"] .plan-step-title-input`)).toBeFocused();

  const design = await service().getDesign({ designId: seed.design.id });
  const note = design.draft!.changeNotes[0];
  expect(note).toMatchObject({ stepId: seed.steps[1].id, summary: 'Students confused the growth step with the rule' });
  expect(note.evidence.map((e) => e.id)).toEqual([findings[1].id, seed.notes.kenStuck.id, seed.notes.tableThree.id]);

  // ── Save the new version, open the comparison, follow the rationale back ──
  await saveNewVersion(app, seed.design.id);
  const saved = await service().getDesign({ designId: seed.design.id });
  const v2 = saved.versions.find((v) => v.number === 2)!;
  expect(v2.changeNotes[0].evidence).toEqual(note.evidence);

  await app.open(`/designs/${seed.design.id}/compare?from=${seed.version.id}&to=${v2.id}`);
  await page.getByRole('link', { name: /Ken writes n \+ 2/ }).first().click();
  await expect(page).toHaveURL(new RegExp(`#/cycles/${cycleId}/evidence\\?observation=${seed.notes.kenStuck.id}$`));
  const cited = page.getByRole('region', { name: 'The cited note' });
  await expect(cited.getByRole('article')).toContainText('Ken writes n + 2');
  await expect(cited.getByRole('article')).toHaveAttribute('aria-current', 'true');
  // …and on to the finding the note supports.
  await expect(cited.getByRole('link', { name: 'Students confused the growth step with the rule' })).toBeVisible();
  await shot('analyze-cited-note');

  // Deleting the note leaves a visible "evidence removed" mark where it was cited.
  await service().deleteObservation({ cycleId, observationId: seed.notes.kenStuck.id });
  await page.reload();
  await expect(page.getByRole('region', { name: 'The cited note' }).getByText('Evidence removed.')).toBeVisible();
  await app.open(`/cycles/${cycleId}/findings/${findings[1].id}`);
  await expect(page.getByRole('heading', { name: 'Supporting evidence (2 notes)' })).toBeVisible();
  await expect(page.getByText('Evidence removed.')).toHaveCount(1);
  await service().deleteFinding({ cycleId, findingId: findings[1].id });
  await page.reload();
  await expect(page.getByRole('heading', { name: 'This finding was deleted' })).toBeVisible();
  await expect(page.getByText('Evidence removed.')).toBeVisible();
});

/**
 * Save the draft as version 2 in the lesson design screen (the designs feature's UI).
 * The draft came from "Propose a change", so the design page is where we are.
 */
const saveNewVersion = async (app: Parameters<Parameters<typeof test>[2]>[0]['app'], designId: string) => {
  const { page } = app;
  await page.getByRole('button', { name: /save (as )?(a )?(new )?version/i }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox').first().fill('Revised after cycle 1');
  await dialog.getByRole('button', { name: /save/i }).last().click();
  await expect.poll(async () => (await app.service.getDesign({ designId })).versions.length).toBe(2);
};
