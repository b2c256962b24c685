import type { Page } from '@playwright/test';
import { seedLesson } from '../unit/observ-seed';
import { expect, test } from './support/harness';

/**
 * The class roster from a teacher's side: students added one by one (a Japanese name typed
 * through an input method), a class list pasted, flags, a rename, a removal put back; then
 * a note tagged with a point to notice while capturing, about a student who is on the
 * roster but is no focus student, and a note linked later on the evidence screen.
 */

const shot = async (page: Page, name: string) => {
  for (const [width, height] of [
    [1280, 800],
    [1024, 768],
  ]) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `/tmp/${name}-${width}x${height}.png`, fullPage: false });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
};

test('the roster editor: add, type a Japanese name with an IME, paste a list, flag, rename, remove and put back', async ({ app }) => {
  const { page } = app;
  const group = await app.service.createGroup({
    name: 'Grade 5 fractions',
    schools: [],
    subject: 'Mathematics',
    gradeBand: '5',
    researchTheme: '',
    norms: [],
    members: [{ id: crypto.randomUUID(), name: 'Aiko Tanaka', role: 'teacher' }],
  });
  await app.service.saveFocusStudent({
    groupId: group.id,
    student: { pseudonym: 'Leo', focus: true, concern: true, concerns: 'Rarely explains', supportsNow: '', supportsPlanned: '', retired: false },
  });
  await app.open(`/groups/${group.id}/roster`);
  await expect(page.getByRole('heading', { name: 'Class roster (1 student)' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Leo is a focus student' })).toBeChecked();

  const name = page.getByRole('textbox', { name: 'Pseudonym', exact: true });
  await name.fill('Mia');
  await page.getByRole('button', { name: 'Add student' }).click();
  await expect(page.getByRole('heading', { name: 'Class roster (2 students)' })).toBeVisible();
  await expect(name).toHaveValue('');

  // 陽翔 through the input method: kana composed first, then the kanji committed.
  const cdp = await page.context().newCDPSession(page);
  await name.focus();
  await cdp.send('Input.imeSetComposition', { text: 'はると', selectionStart: 3, selectionEnd: 3 });
  await cdp.send('Input.insertText', { text: '陽翔' });
  await expect(name).toHaveValue('陽翔');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Pseudonym of 陽翔' })).toBeVisible();

  // A class list: Mia is on the roster already, the blank line is dropped.
  await page.getByLabel('Paste a class list').fill('Ana\nBen\nmia\n\n  さくら  ');
  await page.getByRole('button', { name: 'Add these students' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added' })).toHaveText('Added 3 students. Already on the roster: mia.');
  await expect(page.getByRole('heading', { name: 'Class roster (6 students)' })).toBeVisible();

  await page.getByRole('checkbox', { name: 'Mia is a focus student' }).check();
  await page.getByRole('checkbox', { name: 'The group is concerned about さくら' }).check();
  const ben = page.getByRole('textbox', { name: 'Pseudonym of Ben' });
  await ben.fill('Benji');
  await ben.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Pseudonym of Benji' })).toBeVisible();
  await page.getByRole('button', { name: 'Remove Ana from the class' }).click();
  await expect(page.getByRole('heading', { name: 'Class roster (5 students)' })).toBeVisible();
  await shot(page, 'roster');
  await page.getByText('Removed from the class (1)').click();
  await page.getByRole('button', { name: 'Put Ana back in the class' }).click();
  await expect(page.getByRole('heading', { name: 'Class roster (6 students)' })).toBeVisible();

  // The heading follows the click at once; the roster on disk follows its save, so wait for that.
  const stored = async () => (await app.service.getGroup({ groupId: group.id })).focusStudents.map((s) => [s.pseudonym, s.focus, s.concern, s.retired]);
  await expect.poll(stored).toEqual([
    ['Leo', true, true, false],
    ['Mia', true, false, false],
    ['陽翔', false, false, false],
    ['Ana', false, false, false],
    ['Benji', false, false, false],
    ['さくら', false, true, false],
  ]);

  // The students-of-concern tab lists only the flagged students, with their texts.
  await page.getByRole('tab', { name: 'Students of concern' }).click();
  const concernList = page.getByRole('list', { name: /student/i });
  await expect(concernList.getByRole('heading', { level: 3 })).toHaveText(['Leo', 'Mia', 'さくら']);
});

test('while capturing, a note is tagged with a point to notice and is about a roster student; the evidence screen links another', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  const seed = await seedLesson(app.backend());
  await app.service.saveFocusStudent({
    groupId: seed.group.id,
    student: { pseudonym: 'Yui', focus: false, concern: false, concerns: '', supportsNow: '', supportsPlanned: '', retired: false },
  });
  const cycleId = seed.cycle.id;
  const [point1] = seed.steps[0].pointsToNotice;
  const [response1] = seed.steps[0].anticipatedResponses;

  await app.open(`/cycles/${cycleId}/observe`);
  await page.getByLabel('I am').selectOption({ label: 'Aiko Tanaka' });
  const field = page.getByLabel('Note (what students say and do)');
  await field.focus();
  const points = page.getByRole('group', { name: 'Points to notice (tag this note)' });
  const chip = points.getByRole('button', { name: /Point to notice for step 1/ });
  await expect(chip).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('Alt+Shift+1');
  await expect(chip).toHaveAttribute('aria-pressed', 'true');
  // Alt+Shift+1 tags a point; it does not toggle code 1.
  await expect(page.getByRole('group', { name: 'Codes for this note' }).getByRole('button', { pressed: true })).toHaveCount(0);

  await page.keyboard.press('Alt+T');
  await page.keyboard.type('Yui');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('current-target')).toHaveText('Yui');
  await shot(page, 'capture-points');
  await field.focus();
  await page.keyboard.type('Yui folds a strip into thirds and fourths');
  await page.keyboard.press('Enter');
  await expect(field).toHaveValue('');
  // The tag belongs to the note just saved, not to the next one.
  await expect(chip).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('Alt+C');
  await page.keyboard.type('Whole class quiet');
  await page.keyboard.press('Enter');

  const yui = (await app.service.getGroup({ groupId: seed.group.id })).focusStudents.find((s) => s.pseudonym === 'Yui')!;
  await expect
    .poll(async () =>
      (await app.service.getObservationSession({ cycleId })).observations
        .map((o) => [o.text, o.target, o.pointToNoticeIds])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    )
    .toEqual([
      ['Whole class quiet', { kind: 'class' }, []],
      ['Yui folds a strip into thirds and fourths', { kind: 'student', studentId: yui.id }, [point1.id]],
    ]);

  // Later, on the evidence screen: the untagged note is linked to the anticipated response and the point.
  await app.open(`/cycles/${cycleId}/evidence`);
  const quiet = page.getByRole('article', { name: /Whole class quiet|Whole class/ }).filter({ hasText: 'Whole class quiet' });
  await quiet.getByText('Linked to the plan: 0').click();
  await quiet.getByRole('checkbox', { name: response1.text }).check();
  await expect(quiet.getByText('Linked to the plan: 1')).toBeVisible();
  await quiet.getByRole('checkbox', { name: point1.text }).check();
  await expect(quiet.getByText('Linked to the plan: 2')).toBeVisible();
  await shot(page, 'evidence-links');
  const quietNote = async () => (await app.service.getObservationSession({ cycleId })).observations.find((o) => o.text === 'Whole class quiet')!;
  await expect.poll(async () => [(await quietNote()).pointToNoticeIds, (await quietNote()).anticipatedResponseIds]).toEqual([[point1.id], [response1.id]]);

  // Coverage counts the two real links to step 1's point.
  await app.open(`/cycles/${cycleId}/coverage`);
  await expect(page.getByRole('status').filter({ hasText: 'points to notice' })).toHaveText('1 of 3 points to notice have evidence.');
  await expect(page.getByRole('heading', { name: /Point to notice for step 1/ })).toContainText('2 notes');
});

test('a lesson scheduled for a later day cannot be observed yet; the cycle screen offers to teach it today', async ({ app }) => {
  const { page } = app;
  const teacher = crypto.randomUUID();
  const group = await app.service.createGroup({
    name: 'Grade 5 fractions',
    schools: [],
    subject: 'Mathematics',
    gradeBand: '5',
    researchTheme: '',
    norms: [],
    members: [{ id: teacher, name: 'Aiko Tanaka', role: 'teacher' }],
  });
  const design = await app.service.createDesign({ groupId: group.id, title: 'Comparing fractions' });
  const version = (await app.service.saveVersion({ designId: design.id, summary: 'First plan', authors: [] })).versions[0];
  const cycle = await app.service.createCycle({ groupId: group.id, title: 'Cycle 1', researchQuestion: '' });
  await app.service.chooseVersion({ cycleId: cycle.id, designId: design.id, versionId: version.id });
  await app.service.moveCycle({ cycleId: cycle.id, to: 'teach', by: teacher, reason: '' });
  const day = (offset: number) => {
    const d = new Date();
    d.setDate(d.getDate() + offset);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  };
  await app.service.saveTeaching({ cycleId: cycle.id, teaching: { date: day(7), className: '5-1', teacherId: teacher, briefingHeld: false } });

  await app.open(`/cycles/${cycle.id}/phase/teach`);
  await page.getByRole('button', { name: 'Move to Observe' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'The teaching date is still ahead, and notes are taken while the lesson is taught. Set the teaching date to today if the lesson is being taught now, or move on on the day of the lesson.',
  );
  await shot(page, 'teaching-date-refused');
  const todayBefore = day(0);
  await page.getByRole('button', { name: 'Set the teaching date to today' }).click();
  await expect(page.getByRole('navigation', { name: 'Phases of this cycle' }).getByRole('link', { name: 'Observe (current)' })).toBeVisible();
  const stored = await app.service.getCycle({ cycleId: cycle.id });
  expect(stored.phase).toBe('observe');
  // Today, as the page saw it: the day before the click or after it, for a run that crosses midnight.
  expect([todayBefore, day(0)]).toContain(stored.teaching.date);
});

test('a pseudonym that is also an everyday word is flagged with a suggestion; a longer one is not', async ({ app }) => {
  const { page } = app;
  const group = await app.service.createGroup({ name: 'Grade 4', schools: [], subject: 'Mathematics', gradeBand: '4', researchTheme: '', norms: [], members: [] });
  const student = (pseudonym: string) => ({ pseudonym, focus: false, concern: false, concerns: '', supportsNow: '', supportsPlanned: '', retired: false });
  for (const name of ['Will', 'Will B.', 'Mia']) await app.service.saveFocusStudent({ groupId: group.id, student: student(name) });
  await app.open(`/groups/${group.id}/roster`);
  await expect(page.getByRole('heading', { name: 'Class roster (3 students)' })).toBeVisible();
  const flags = page.getByRole('note').filter({ hasText: 'is also an everyday word' });
  await expect(flags).toHaveCount(1);
  await expect(flags).toHaveText(/^“Will” is also an everyday word.*Use “Will B\.” or another pseudonym\.$/);
  await page.screenshot({ path: '/tmp/s6-anonymise-roster-flag.png', fullPage: false });
});
