import { expect, test, type AppHarness } from './support/harness';

const localDate = (d = new Date()) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** A group with members, a student of concern and a design with two saved versions, through the real backend. */
const seed = async (app: AppHarness) => {
  const service = app.service;
  const group = await service.createGroup({
    name: 'Maple Grade 4 Math',
    schools: ['Maple Elementary'],
    subject: 'Mathematics',
    gradeBand: '4',
    researchTheme: 'Students justify their reasoning to peers',
    norms: [],
    members: [
      { id: crypto.randomUUID(), name: 'Aiko Tanaka', role: 'teacher' },
      { id: crypto.randomUUID(), name: 'Ben Ortiz', role: 'observer' },
      { id: crypto.randomUUID(), name: 'Chie Mori', role: 'facilitator' },
    ],
  });
  await service.saveFocusStudent({
    groupId: group.id,
    student: { pseudonym: 'Student K', focus: true, concern: true, concerns: 'Rarely explains his thinking aloud', supportsNow: 'Sentence starters', supportsPlanned: 'Pair talk first', retired: false },
  });
  const design = await service.createDesign({ groupId: group.id, title: 'Area of a parallelogram' });
  const v1 = (await service.saveVersion({ designId: design.id, summary: 'First plan', authors: [] })).versions[0];
  await service.reviseFromVersion({ designId: design.id, versionId: v1.id, replaceDraft: false });
  const v2 = (await service.saveVersion({ designId: design.id, summary: 'Compare strategies first', authors: [] })).versions[1];
  return { group, design, v1, v2 };
};

test('a cycle goes plan → closed: checklist, refused move, version choice, going back, and all is there after a restart', async ({ app }) => {
  // Nine screens and a restart: generous on a loaded CI machine (25 s when idle).
  test.setTimeout(120_000);
  const { page } = app;
  const { group, design, v1, v2 } = await seed(app);
  const today = localDate();
  const stepper = page.getByRole('navigation', { name: 'Phases of this cycle' });
  const current = (phase: string) => stepper.getByRole('link', { name: `${phase} (current)` });
  const move = (phase: string) => page.getByRole('button', { name: `Move to ${phase}` }).click();

  await app.open(`/groups/${group.id}/cycles`);
  await page.getByRole('button', { name: 'New cycle' }).click();
  await page.getByRole('button', { name: 'Create cycle' }).click();
  await expect(page.getByText('Give the cycle a title.')).toBeVisible();
  await page.getByLabel('Cycle title').fill('Autumn research lesson');
  await page.getByLabel('Research question').fill('How do students come to justify an area formula?');
  await page.getByRole('button', { name: 'Create cycle' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Autumn research lesson' })).toBeVisible();
  await expect(current('Plan')).toBeVisible();
  await expect(page.getByText('Start from the research theme')).toBeVisible();
  await page.getByLabel('Recording as').selectOption({ label: 'Chie Mori' });

  // Plan: tick the checklist; the ticks are saved with the cycle.
  await page.getByRole('checkbox', { name: 'Research theme agreed' }).check();
  await page.getByRole('checkbox', { name: 'Goals written: long-term, unit and lesson' }).check();
  await page.getByRole('checkbox', { name: 'Anticipated student responses for every step' }).check();
  await expect(page.getByText('3 of 5 ticked')).toBeVisible();

  // Refused without a design version, with the specific reason.
  await move('Teach');
  await expect(page.getByRole('alert').filter({ hasText: 'Choose the design version to teach first.' })).toBeVisible();
  await expect(current('Plan')).toBeVisible();
  await app.screenshot('cycle-plan-refused');

  await page.getByLabel('Version to teach').selectOption(`${design.id}:${v1.id}`);
  await page.getByRole('button', { name: 'Teach this version' }).click();
  await expect(page.getByText('Teaching: Area of a parallelogram, version 1')).toBeVisible();
  await move('Teach');
  await expect(current('Teach')).toBeVisible();
  await expect(stepper.getByRole('link', { name: 'Plan (done)' })).toBeVisible();

  // Teach: the research lesson's details.
  await move('Observe');
  await expect(page.getByRole('alert').filter({ hasText: 'Record the teaching date, the class and the teacher first.' })).toBeVisible();
  await page.getByLabel('Teaching date').fill(today);
  await page.getByLabel('Class', { exact: true }).fill('4-2');
  await page.getByLabel('Teacher (instructor)').selectOption({ label: 'Aiko Tanaka' });
  await page.getByLabel('Number of students', { exact: true }).fill('28');
  await page.getByLabel('Pre-lesson briefing held', { exact: true }).check();
  await page.getByRole('button', { name: 'Save lesson details' }).click();
  await expect(page.getByText('Lesson details saved.')).toBeVisible();
  await app.screenshot('cycle-teach');
  await move('Observe');
  await expect(current('Observe')).toBeVisible();

  // Observe: the slot for the observation capture screen.
  const capture = page.getByRole('link', { name: 'Open observation capture' });
  await expect(capture).toHaveAttribute('href', new RegExp(`#/cycles/[0-9a-f-]+/observe$`));
  await expect(page.getByText('Observers are eyes and ears, not mouths and hands')).toBeVisible();
  await app.screenshot('cycle-observe');
  await move('Analyze');
  await expect(current('Analyze')).toBeVisible();

  // Go back once, with a required reason.
  await page.getByRole('button', { name: 'Go back…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Go back to an earlier phase' });
  await dialog.getByRole('button', { name: 'Go back' }).click();
  await expect(dialog.getByText('Give a reason for going back.')).toBeVisible();
  await dialog.getByLabel('Go back to').selectOption({ label: 'Observe' });
  await dialog.getByLabel('Why are you going back?').fill('Ben’s notes on group 3 were not entered yet');
  await dialog.getByRole('button', { name: 'Go back' }).click();
  await expect(current('Observe')).toBeVisible();
  await move('Analyze');
  await expect(current('Analyze')).toBeVisible();

  // Analyze: the post-lesson discussion must be recorded before revising.
  await move('Revise');
  await expect(page.getByRole('alert').filter({ hasText: 'Record the date of the post-lesson discussion first.' })).toBeVisible();
  await page.getByLabel('Post-lesson discussion held on').fill(today);
  await page.getByRole('button', { name: 'Save date' }).click();
  await expect(page.getByRole('button', { name: 'Save date' })).toBeDisabled();
  await expect(page.getByRole('link', { name: 'Open the post-lesson discussion and analysis' })).toHaveAttribute('href', /\/analyze$/);
  await app.screenshot('cycle-analyze');
  await move('Revise');
  await expect(current('Revise')).toBeVisible();

  // Revise: the revised version, and the slot for the compare view.
  await move('Closed');
  await expect(page.getByRole('alert').filter({ hasText: 'Choose the revised version, or give a reason for closing without revision.' })).toBeVisible();
  await page.getByLabel('Revised version').selectOption(v2.id);
  await page.getByRole('button', { name: 'Save revised version' }).click();
  await expect(page.getByRole('link', { name: 'Compare the taught and revised versions' })).toHaveAttribute(
    'href',
    `#/designs/${design.id}/compare?from=${v1.id}&to=${v2.id}`,
  );
  await app.screenshot('cycle-revise');
  await move('Closed');
  await expect(current('Closed')).toBeVisible();

  // Closed: the reflection and whether the student of concern responded.
  await page.getByLabel('What did we learn about our research theme?').fill('Comparing strategies made students explain.');
  await page.getByLabel('Evidence over opinion: what we do now').fill('We quote students in the discussion.');
  await page.getByRole('button', { name: 'Save reflection' }).click();
  await expect(page.getByText('Reflection saved.')).toBeVisible();
  await page.getByLabel('Student K responded in Autumn research lesson').selectOption('partly');
  await expect(page.getByLabel('Student K responded in Autumn research lesson')).toHaveValue('partly');
  await app.screenshot('cycle-closed');

  // A planning meeting in the log.
  await page.getByRole('link', { name: 'Planning meetings (0)' }).click();
  await page.getByRole('button', { name: 'Add meeting' }).click();
  const meeting = page.getByRole('dialog', { name: 'Add meeting' });
  await meeting.getByLabel('Date').fill(today);
  await meeting.getByRole('checkbox', { name: 'Aiko Tanaka' }).check();
  await meeting.getByRole('checkbox', { name: 'Ben Ortiz' }).check();
  await meeting.getByLabel('Agenda').fill('Anticipated responses for step 2');
  await meeting.getByLabel('Decisions').fill('Offer grid paper to every pair');
  await meeting.getByRole('button', { name: 'Save meeting' }).click();
  await expect(page.getByText('Offer grid paper to every pair')).toBeVisible();
  await expect(page.getByText('Attendees: Aiko Tanaka, Ben Ortiz')).toBeVisible();
  await app.screenshot('cycle-meetings');

  // Restart: everything is still there.
  await app.restart();
  await expect(page.getByRole('heading', { level: 1, name: 'Autumn research lesson' })).toBeVisible();
  await page.getByRole('link', { name: 'Timeline' }).click();
  const timeline = page.getByRole('list').filter({ hasText: 'Cycle started' });
  await expect(timeline).toContainText('Moved from Plan to Teach');
  await expect(timeline).toContainText('Went back from Analyze to Observe');
  await expect(timeline).toContainText('Reason: Ben’s notes on group 3 were not entered yet');
  await expect(timeline).toContainText('by Chie Mori');
  await expect(timeline).toContainText('Research lesson taught, class 4-2');
  await expect(timeline).toContainText('Planning meeting');
  await expect(timeline).toContainText('Moved from Revise to Closed');
  await app.screenshot('cycle-timeline');

  await stepper.getByRole('link', { name: 'Plan (done)' }).click();
  await expect(page.getByRole('checkbox', { name: 'Research theme agreed' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Material studied', exact: false })).not.toBeChecked();
  await expect(page.getByText('3 of 5 ticked')).toBeVisible();
  await expect(page.getByText('Teaching: Area of a parallelogram, version 1')).toBeVisible();
  await stepper.getByRole('link', { name: 'Closed (current)' }).click();
  await expect(page.getByLabel('What did we learn about our research theme?')).toHaveValue('Comparing strategies made students explain.');
  await expect(page.getByLabel('Student K responded in Autumn research lesson')).toHaveValue('partly');
  await stepper.getByRole('link', { name: 'Teach (done)' }).click();
  await expect(page.getByLabel('Class', { exact: true })).toHaveValue('4-2');
  await expect(page.getByLabel('Number of students', { exact: true })).toHaveValue('28');
  await expect(page.getByLabel('Pre-lesson briefing held', { exact: true })).toBeChecked();

  // The dashboard: phase as a progress bar, the next step; then a reteach from the revised version.
  await page.getByRole('link', { name: '← Maple Grade 4 Math' }).click();
  await expect(page.getByRole('progressbar', { name: 'Progress of Autumn research lesson' })).toHaveAttribute('aria-valuenow', '6');
  await expect(page.getByText('Phase 6 of 6: Closed')).toBeVisible();
  await expect(page.getByText('Reteach the revised lesson, or start a new cycle')).toBeVisible();
  await page.getByRole('link', { name: 'Autumn research lesson' }).click();
  await page.getByRole('button', { name: 'Start a new cycle from the revised version' }).click();
  await page.getByRole('button', { name: 'Start the new cycle' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Autumn research lesson — reteach' })).toBeVisible();
  await expect(page.getByText('Teaching: Area of a parallelogram, version 2')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Reteach of “Autumn research lesson”' })).toBeVisible();
  await page.getByRole('link', { name: '← Maple Grade 4 Math' }).click();
  await expect(page.getByText('Phase 1 of 6: Plan')).toBeVisible();
  await expect(page.getByText('Next step: Move to Teach')).toBeVisible();
  await app.screenshot('cycles-dashboard');

  const stored = await app.service.listCycles({ groupId: group.id });
  expect(stored.map((c) => c.phase).sort()).toEqual(['closed', 'plan']);
});

test('the students-of-concern roster reminds to use pseudonyms and keeps the four questions', async ({ app }) => {
  const { page } = app;
  const { group } = await seed(app);
  await app.service.createCycle({ groupId: group.id, title: 'Spring cycle', researchQuestion: '' });
  await app.open(`/groups/${group.id}/students`);
  await expect(page.getByRole('note').filter({ hasText: 'Use pseudonyms only' }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Add a student of concern' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a student of concern' });
  await dialog.getByRole('button', { name: 'Save student' }).click();
  await expect(dialog.getByText('Give the student a pseudonym.')).toBeVisible();
  await dialog.getByLabel('Pseudonym').fill('Student M');
  await dialog.getByLabel('Which areas concern us?').fill('Gives up when a first attempt fails');
  await dialog.getByLabel('What supports do we provide now?').fill('Check-ins during individual work');
  await dialog.getByLabel('What supports will we provide?').fill('A visible strategy wall');
  await dialog.getByRole('button', { name: 'Save student' }).click();
  await expect(page.getByRole('heading', { name: 'Student M' })).toBeVisible();
  await page.getByLabel('Student M responded in Spring cycle').selectOption('yes');
  await expect(page.getByLabel('Student M responded in Spring cycle')).toHaveValue('yes');
  await app.screenshot('students-of-concern');

  await app.restart();
  await expect(page.getByText('Gives up when a first attempt fails')).toBeVisible();
  await expect(page.getByLabel('Student M responded in Spring cycle')).toHaveValue('yes');
  const stored = await app.service.getGroup({ groupId: group.id });
  expect(stored.focusStudents.map((s) => s.pseudonym)).toEqual(['Student K', 'Student M']);
});
