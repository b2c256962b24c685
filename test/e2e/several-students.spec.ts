import type { Page } from '@playwright/test';
import { changeGroup } from '../../electron/backend/groups';
import { seedLesson } from '../unit/observ-seed';
import { expect, test } from './support/harness';
import { captureDoor, expectCapturing, openDevice, seriousViolations } from './support/devices';

/**
 * A note about several students at once — a pair, a table. On the laptop the facilitator
 * picks Mia's chip and Ken's seat; on an iPhone an observer taps both their seats. Each
 * note is named "Mia and Ken" (not "Group: …") and is on Mia's sheet and on Ken's, not Aya's.
 */

const notesFeed = (page: Page) => page.getByRole('feed', { name: /^Notes so far/ });

test('a note about Mia and Ken, from the laptop and from an iPhone, counts for both of them', async ({ app, browser }) => {
  test.setTimeout(150_000);
  const { page } = app;
  await page.setViewportSize({ width: 1280, height: 800 });
  const seed = await seedLesson(app.backend());
  const cycleId = seed.cycle.id;
  const ben = seed.group.members[1];
  const [mia, ken, aya] = seed.students;
  const names: Record<string, string> = { [mia.id]: 'Mia', [ken.id]: 'Ken', [aya.id]: 'Aya' };
  await changeGroup(app.backend().context, seed.group.id, (g) => ({
    ...g,
    focusStudents: g.focusStudents.map((s) => ({ ...s, pseudonym: names[s.id] ?? s.pseudonym })),
  }));

  // ── On the laptop: Mia's chip and Ken's seat make one note about both ──
  await app.open(`/cycles/${cycleId}/observe`);
  await page.getByLabel('I am').selectOption({ label: 'Aiko Tanaka' });
  const field = page.getByRole('textbox', { name: 'Note (what students say and do)' });
  await field.focus();
  await page.keyboard.press('Alt+T');
  const picker = page.getByRole('dialog', { name: 'Who is this note about?' });
  await expect(picker).toBeVisible();
  await picker.getByRole('group', { name: 'Several students' }).getByRole('button', { name: 'Mia' }).click();
  await picker.getByRole('group', { name: 'Seating chart' }).getByRole('button', { name: 'Ken' }).click();
  await expect(picker.getByRole('group', { name: 'Seating chart' }).getByRole('button', { name: 'Mia' })).toHaveAttribute('aria-pressed', 'true');
  await expect(picker.getByRole('group', { name: 'Seating chart' }).getByRole('button', { name: 'Aya' })).toHaveAttribute('aria-pressed', 'false');
  await page.screenshot({ path: '/tmp/s7-students-picker-1280.png' });
  await picker.getByRole('button', { name: 'Note about Mia and Ken' }).click();
  await expect(picker).toBeHidden();
  await field.fill('Mia and Ken split the strip into sixths together.');
  await field.press('Enter');
  await expect(field).toHaveValue('');

  const laptopNote = notesFeed(page).getByRole('article').filter({ hasText: 'split the strip into sixths' });
  await expect(laptopNote).toContainText('Mia and Ken');
  await expect(notesFeed(page)).not.toContainText('Group:');
  await page.screenshot({ path: '/tmp/s7-students-capture-1280.png' });
  // The list shows the note at once; the backend has it when its save is done.
  await expect
    .poll(async () => (await app.service.getObservationSession({ cycleId })).observations.filter((n) => !n.deletedAt).map((n) => n.target))
    .toEqual([{ kind: 'students', studentIds: [mia.id, ken.id] }]);

  // ── On an iPhone: tapping Mia's and Ken's seats ──
  const status = await app.service.openCaptureSession({ cycleId });
  const door = captureDoor(status);
  const iphone = await openDevice(browser, 'iphone');
  try {
    const phone = iphone.page;
    await phone.goto(`${door.origin}/#join=${door.secret}`);
    await phone.getByLabel('Your name or this device’s name').fill('Ben’s iPhone');
    await phone.getByRole('button', { name: 'Join' }).click();
    await expect(phone.getByRole('heading', { name: 'Waiting for approval' })).toBeVisible();
    const waiting = (await app.service.getCaptureStatus({ cycleId })).devices.find((d) => d.name === 'Ben’s iPhone')!;
    await app.service.approveDevice({ cycleId, deviceId: waiting.id, observer: { kind: 'member', memberId: ben.id }, focusStudentIds: [] });
    await expectCapturing(phone);

    const seats = phone.getByRole('region', { name: 'Whom is this about?' });
    await seats.getByRole('button', { name: 'Ken, focus student' }).click();
    await seats.getByRole('button', { name: 'Aya, focus student' }).click();
    await expect(seats.getByText('About: Ken, Aya')).toBeVisible();
    await phone.getByRole('textbox', { name: 'Note' }).fill('Ken explains his sixths to Aya.');
    await phone.evaluate(() => window.scrollTo(0, 0));
    await phone.screenshot({ path: '/tmp/s7-students-iphone.png', fullPage: true });
    expect(await seriousViolations(phone)).toEqual([]);
    await phone.getByRole('button', { name: 'Save note' }).click();
    await expect(phone.getByRole('textbox', { name: 'Note' })).toHaveValue('');

    // The laptop shows the device's note with both names.
    const fromPhone = notesFeed(page).getByRole('article').filter({ hasText: 'Ken explains his sixths to Aya.' });
    await expect(fromPhone).toContainText('Ken and Aya');
    await expect.poll(async () => (await app.service.getObservationSession({ cycleId })).observations.map((n) => n.target).slice(-1)).toEqual([{ kind: 'students', studentIds: [ken.id, aya.id] }]);
  } finally {
    await iphone.context.close();
  }

  // ── Each student's sheet has the notes about them, and only those ──
  await app.open(`/cycles/${cycleId}/students`);
  const sheet = (name: string) => page.getByRole('region', { name: new RegExp(`^${name}`) });
  await expect(sheet('Mia')).toContainText('split the strip into sixths');
  await expect(sheet('Mia')).not.toContainText('Ken explains');
  await expect(sheet('Ken')).toContainText('split the strip into sixths');
  await expect(sheet('Ken')).toContainText('Ken explains his sixths to Aya.');
  await expect(sheet('Aya')).toContainText('Ken explains his sixths to Aya.');
  await expect(sheet('Aya')).not.toContainText('split the strip');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: '/tmp/s7-students-sheets-1280.png', fullPage: true });

  // ── The evidence screen, narrowed to Mia: the pair's note, not the one about Ken and Aya ──
  await app.open(`/cycles/${cycleId}/evidence`);
  await page.getByLabel('About whom').selectOption({ label: 'Mia' });
  await expect(page.getByText('Mia and Ken split the strip into sixths together.')).toBeVisible();
  await expect(page.getByText('Ken explains his sixths to Aya.')).toHaveCount(0);
  await page.getByLabel('About whom').selectOption({ label: 'Aya' });
  await expect(page.getByText('Ken explains his sixths to Aya.')).toBeVisible();
  await expect(page.getByText('Mia and Ken split the strip into sixths together.')).toHaveCount(0);
});
