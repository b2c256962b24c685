import type { Locator, Page } from '@playwright/test';
import sharp from 'sharp';
import type { Observation } from '../../shared/domain/observation';
import { seedLesson } from '../unit/observ-seed';
import { expect, test } from './support/harness';
import { badgeOf, captureDoor, expectCapturing, openDevice, seriousViolations, type ObserverDevice } from './support/devices';

/**
 * Live classroom capture with real devices' pages: the facilitator's app (through the real
 * server process) and three observers — an iPhone, an iPad and a Chromebook, each its own
 * browser context — on the observer page the capture door serves. They join (by code, by
 * the QR link), are approved, follow the one lesson clock, write notes with a seat, a code
 * and a photo, and one of them writes while offline. Every note must reach the
 * facilitator exactly once, on the step it was written in, stamped with the laptop's
 * lesson time although two devices' own clocks are off by minutes.
 */

/** A device's clock set by hand: the iPhone runs 3 minutes fast, the Chromebook 2 minutes slow. */
const IPHONE_SKEW_MS = 3 * 60_000;
const CHROMEBOOK_SKEW_MS = -2 * 60_000;
/**
 * How far a note's lesson time may sit from the laptop's: the device learns the host's
 * clock from a message that took some milliseconds to arrive, seconds on a starved CI
 * machine. Far below the skews (2 and 3 minutes), so a note stamped by the device's own
 * clock still fails.
 */
const CLOCK_TOLERANCE_MS = 20_000;

/** The whole device page from its top: scrolled down, a full-page shot draws the sticky clock bar mid-page. */
const shot = async (device: ObserverDevice, stage: string) => {
  await device.page.evaluate(() => window.scrollTo(0, 0));
  await device.page.screenshot({ path: `/tmp/capture-${device.kind}-${stage}.png`, fullPage: true });
};

/** Type a name (and the join code when the device has no QR link) and press Join. */
const askToJoin = async (device: ObserverDevice, name: string, code?: string) => {
  const { page } = device;
  await expect(page.getByRole('heading', { name: 'Join the research lesson' })).toBeVisible();
  await page.getByLabel('Your name or this device’s name').fill(name);
  if (code) await page.getByLabel('Join code').fill(code);
  else await expect(page.getByText('You opened the invitation link, so no code is needed.')).toBeVisible();
  await shot(device, 'join');
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByRole('heading', { name: 'Waiting for approval' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: `Ask the facilitator to approve “${name}”.` })).toBeVisible();
  await shot(device, 'waiting');
};

/** The device's clock bar shows this step of three. */
const expectStep = async (page: Page, n: number, title: string) => {
  const bar = page.getByRole('region', { name: 'Lesson time' });
  await expect(bar.locator('.step-count')).toHaveText(`Step ${n} of 3`);
  await expect(bar.locator('.step-title')).toHaveText(title);
};

/** Write a note on the device and save it; returns the laptop's time just before the first keystroke and just after Save. */
const writeNote = async (page: Page, note: { text: string; seat?: RegExp; code?: string }) => {
  const before = Date.now();
  if (note.seat) await page.getByRole('region', { name: 'Whom is this about?' }).getByRole('button', { name: note.seat }).click();
  if (note.code) await page.getByRole('group', { name: 'Codes' }).getByRole('button', { name: note.code }).click();
  await page.getByRole('textbox', { name: 'Note' }).fill(note.text);
  await page.getByRole('button', { name: 'Save note' }).click();
  await expect(page.getByRole('textbox', { name: 'Note' })).toHaveValue('');
  return { before, after: Date.now() };
};

test('three observers on an iPhone, an iPad and a Chromebook join, follow the lesson clock and write; notes written offline arrive once, by the laptop’s clock', async ({
  app,
  browser,
}) => {
  test.setTimeout(240_000);
  const { page } = app;
  await page.setViewportSize({ width: 1280, height: 900 });
  const seed = await seedLesson(app.backend());
  const cycleId = seed.cycle.id;
  const [aiko, ben] = seed.group.members;
  await app.open(`/cycles/${cycleId}/observe`);
  await page.getByRole('button', { name: 'Invite observers' }).click();
  const panel = page.getByRole('region', { name: "Observers' devices" });
  await expect(panel.getByRole('img', { name: 'QR code of the join address' })).toBeVisible();
  const status = await app.service.getCaptureStatus({ cycleId });
  const door = captureDoor(status);

  const iphone = await openDevice(browser, 'iphone', IPHONE_SKEW_MS);
  const ipad = await openDevice(browser, 'ipad');
  const chromebook = await openDevice(browser, 'chromebook', CHROMEBOOK_SKEW_MS);
  const all = [iphone, ipad, chromebook];
  try {
    // The premise: these two devices' clocks really are off (by more than the tolerance, in the direction set).
    expect((await iphone.page.evaluate(() => Date.now())) - Date.now()).toBeGreaterThan(IPHONE_SKEW_MS - 30_000);
    expect((await chromebook.page.evaluate(() => Date.now())) - Date.now()).toBeLessThan(CHROMEBOOK_SKEW_MS + 30_000);
    // Joining: the iPhone and the Chromebook type the code (lower case and spaced, as people do); the iPad scanned the QR code.
    await iphone.page.goto(`${door.origin}/`);
    await askToJoin(iphone, 'Ben’s iPhone', status.joinCode);
    await ipad.page.goto(`${door.origin}/#join=${door.secret}`);
    await askToJoin(ipad, 'Visitor iPad');
    // The secret has done its work: it is gone from the address bar.
    expect(new URL(ipad.page.url()).hash).toBe('');
    await chromebook.page.goto(`${door.origin}/`);
    await askToJoin(chromebook, 'Room 4 Chromebook', `${status.joinCode.slice(0, 3).toLowerCase()} ${status.joinCode.slice(3).toLowerCase()}`);
    await expect(panel.getByRole('heading', { name: 'Asking to join (3)' })).toBeVisible();

    // Approval: a member, a guest by name, and a member asked to follow one focus student.
    const approve = async (deviceName: string, writesAs: string, more?: (form: Locator) => Promise<void>) => {
      const form = panel.getByRole('form', { name: `Approve ${deviceName}` });
      await form.getByLabel('Writes as').selectOption({ label: writesAs });
      await more?.(form);
      await form.getByRole('button', { name: 'Approve' }).click();
      await expect(form).toBeHidden();
    };
    await approve('Ben’s iPhone', ben.name);
    await approve('Visitor iPad', 'Guest observer (by name)', (form) => form.getByLabel("Guest's name").fill('Prof. Kato'));
    await approve('Room 4 Chromebook', aiko.name, (form) => form.getByRole('checkbox', { name: 'Student A' }).check());
    const observing = panel.getByRole('list', { name: 'Observing (3)' });
    await expect(observing.getByRole('listitem')).toHaveCount(3);
    for (const device of all) await expectCapturing(device.page);
    // The Chromebook's observer follows Student A only; the others, without an assignment, the class's focus students.
    const seatsOf = (device: ObserverDevice) => device.page.getByRole('region', { name: 'Whom is this about?' });
    await expect(seatsOf(chromebook).getByRole('button', { name: 'Student A, focus student' })).toBeVisible();
    await expect(seatsOf(chromebook).getByRole('button', { name: 'Student B', exact: true })).toBeVisible();
    await expect(seatsOf(iphone).getByRole('button', { name: 'Student B, focus student' })).toBeVisible();

    // One lesson clock: not started on every device until the facilitator starts it.
    for (const device of all) {
      await expect(device.page.locator('.clock-state')).toHaveText('Not started');
      await expectStep(device.page, 1, 'Introduce the problem');
    }
    const startedBefore = Date.now();
    await page.getByRole('button', { name: 'Start lesson clock' }).click();
    await expect(page.getByRole('region', { name: 'Lesson clock and current step' }).getByRole('button', { name: 'Pause' })).toBeVisible();
    const startedAfter = Date.now();
    for (const device of all) await expect(device.page.locator('.clock-state')).toHaveCount(0);
    await page.getByRole('button', { name: 'Next step' }).click();
    await expect(page.getByTestId('current-step')).toHaveText('Step 2 of 3: Independent problem solving');
    for (const device of all) await expectStep(device.page, 2, 'Independent problem solving');
    /** The laptop's lesson time (ms) while a note was written: the clock started between startedBefore and startedAfter and never paused. */
    const lessonRange = (window: { before: number; after: number }) => ({
      min: window.before - startedAfter - CLOCK_TOLERANCE_MS,
      max: window.after - startedBefore + CLOCK_TOLERANCE_MS,
    });

    // Capture. The iPhone: Student B's seat and a code.
    const iphoneText = 'Student B folds the strip into thirds before measuring';
    const iphoneAt = await writeNote(iphone.page, { text: iphoneText, seat: /^Student B/, code: 'Misconception' });
    // The iPad: a photo of student work from the camera, EXIF and all.
    const jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#888' } })
      .jpeg()
      .withExif({ IFD0: { Artist: 'Student Name' } })
      .toBuffer();
    expect((await sharp(jpeg).metadata()).exif, 'the test photo carries EXIF').toBeDefined();
    const ipadBefore = Date.now();
    await ipad.page.locator('input[type="file"][capture]').setInputFiles({ name: 'IMG_0412.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await expect(ipad.page.getByRole('img', { name: 'Photo 1 for this note' })).toBeVisible();
    const ipadText = 'Group 3 drew a number line from 0 to 2';
    await ipad.page.getByRole('textbox', { name: 'Note' }).fill(ipadText);
    await ipad.page.getByRole('button', { name: 'Save note' }).click();
    await expect(ipad.page.getByRole('textbox', { name: 'Note' })).toHaveValue('');
    const ipadAt = { before: ipadBefore, after: Date.now() };
    // The Chromebook: about the whole class.
    const chromebookText = 'Most of the class is quiet; two hands up';
    const chromebookAt = await writeNote(chromebook.page, { text: chromebookText });
    // The Chromebook's observer sees the class start working in pairs: one tap, on the laptop at once.
    await chromebook.page.getByRole('button', { name: 'in pairs' }).click();
    await expect(chromebook.page.getByRole('button', { name: 'in pairs' })).toHaveAttribute('aria-pressed', 'true');
    await expect
      .poll(async () => (await app.service.getObservationSession({ cycleId })).classModes.map((m) => ({ mode: m.mode, observerId: m.observerId })))
      .toEqual([{ mode: 'pairs', observerId: aiko.id }]);
    for (const device of all) await expect(badgeOf(device.page)).toHaveText('All notes sent');
    await expect(ipad.page.getByRole('region', { name: 'My notes' }).getByText('1 photo', { exact: true })).toBeVisible();
    await expect(iphone.page.getByRole('region', { name: 'My notes' }).getByText('Sent', { exact: true })).toHaveCount(1);
    for (const device of all) await shot(device, 'capture');
    expect(await seriousViolations(iphone.page), 'axe on the iPhone capture screen').toEqual([]);

    // The facilitator moves on; every device follows.
    await page.getByRole('button', { name: 'Next step' }).click();
    await expect(page.getByTestId('current-step')).toHaveText('Step 3 of 3: Whole-class discussion');
    for (const device of all) await expectStep(device.page, 3, 'Whole-class discussion');

    // The iPhone loses the Wi-Fi and writes two notes: they wait on the phone, the laptop has none of them.
    await iphone.context.setOffline(true);
    await expect(iphone.page.getByRole('alert').filter({ hasText: 'Offline — notes are kept on this device' })).toBeVisible();
    const offlineTexts = ['Student A explains her thirds to Student C', 'Student C asks why the strips must be equal'];
    const offlineAt = [
      await writeNote(iphone.page, { text: offlineTexts[0], seat: /^Student A/, code: 'Discourse' }),
      await writeNote(iphone.page, { text: offlineTexts[1], seat: /^Student C/, code: 'Question' }),
    ];
    await expect(badgeOf(iphone.page)).toHaveText('2 notes waiting to send');
    await expect(iphone.page.getByRole('region', { name: 'My notes' }).getByText('Waiting to send', { exact: true })).toHaveCount(2);
    await shot(iphone, 'offline');
    const live = (session: { observations: Observation[] }) => session.observations.filter((o) => !o.deletedAt);
    expect(live(await app.service.getObservationSession({ cycleId })).map((o) => o.text).sort()).toEqual([chromebookText, ipadText, iphoneText].sort());

    // Back online: both arrive, and the badge empties.
    await iphone.context.setOffline(false);
    await expect(badgeOf(iphone.page)).toHaveText('All notes sent', { timeout: 30_000 });
    await expect(iphone.page.getByRole('alert').filter({ hasText: 'Offline' })).toHaveCount(0);

    // The facilitator's notes list: every note once, named by its observer (the guest too), and the count per observer.
    const feed = page.getByRole('feed', { name: 'Notes so far (5)' });
    await expect(feed).toBeVisible();
    const written: Array<[string, string]> = [
      [iphoneText, ben.name],
      [ipadText, 'Prof. Kato'],
      [chromebookText, aiko.name],
      [offlineTexts[0], ben.name],
      [offlineTexts[1], ben.name],
    ];
    await expect(feed.getByRole('article')).toHaveCount(5);
    for (const [text, observer] of written) {
      const row = feed.getByRole('article').filter({ hasText: text });
      await expect(row).toHaveCount(1);
      await expect(row).toContainText(observer);
    }
    const writers = page.getByRole('list', { name: 'Notes from devices in this session' });
    await expect(writers.getByRole('listitem', { name: `${ben.name}: 3 notes, connected` })).toBeVisible();
    await expect(writers.getByRole('listitem', { name: 'Prof. Kato: 1 note, connected' })).toBeVisible();
    await expect(writers.getByRole('listitem', { name: `${aiko.name}: 1 note, connected` })).toBeVisible();
    await page.screenshot({ path: '/tmp/capture-facilitator.png', fullPage: true });

    // And in the backend: five notes, no copies, each on its step, its observer, the laptop's lesson time.
    const session = await app.service.getObservationSession({ cycleId });
    const notes = live(session);
    expect(notes).toHaveLength(5);
    expect(new Set(notes.map((n) => n.id)).size).toBe(5);
    expect(session.observations).toHaveLength(5);
    const noteOf = (text: string) => {
      const found = notes.filter((n) => n.text === text);
      expect(found, text).toHaveLength(1);
      return found[0];
    };
    const codeId = (label: string) => seed.group.codebook.find((c) => c.label === label)!.id;
    const guestId = session.cycle.guestObservers?.find((g) => g.name === 'Prof. Kato')?.id;
    expect(guestId).toBeDefined();
    const expected = [
      { text: iphoneText, at: iphoneAt, step: 1, observerId: ben.id, target: { kind: 'student', studentId: seed.students[1].id }, codeIds: [codeId('Misconception')], photos: 0 },
      { text: ipadText, at: ipadAt, step: 1, observerId: guestId, target: { kind: 'class' }, codeIds: [], photos: 1 },
      { text: chromebookText, at: chromebookAt, step: 1, observerId: aiko.id, target: { kind: 'class' }, codeIds: [], photos: 0 },
      { text: offlineTexts[0], at: offlineAt[0], step: 2, observerId: ben.id, target: { kind: 'student', studentId: seed.students[0].id }, codeIds: [codeId('Discourse')], photos: 0 },
      { text: offlineTexts[1], at: offlineAt[1], step: 2, observerId: ben.id, target: { kind: 'student', studentId: seed.students[2].id }, codeIds: [codeId('Question')], photos: 0 },
    ];
    for (const want of expected) {
      const note = noteOf(want.text);
      expect(note, want.text).toMatchObject({ stepId: seed.steps[want.step].id, observerId: want.observerId, target: want.target, codeIds: want.codeIds });
      expect(note.photos, want.text).toHaveLength(want.photos);
      const range = lessonRange(want.at);
      expect(note.clockMs, `${want.text}: lesson time`).toBeGreaterThanOrEqual(range.min);
      expect(note.clockMs, `${want.text}: lesson time`).toBeLessThanOrEqual(range.max);
      const wall = Date.parse(note.wallTime);
      expect(wall, `${want.text}: wall time`).toBeGreaterThanOrEqual(want.at.before - CLOCK_TOLERANCE_MS);
      expect(wall, `${want.text}: wall time`).toBeLessThanOrEqual(want.at.after + CLOCK_TOLERANCE_MS);
    }

    // The photo arrived downscaled-or-not but stripped: same picture, no EXIF (no "Student Name").
    const [photo] = noteOf(ipadText).photos;
    const { dataUrl } = await app.service.getPhotoDataUrl({ hash: photo.hash });
    const stored = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
    const meta = await sharp(stored).metadata();
    expect({ format: meta.format, width: meta.width, height: meta.height, exif: meta.exif }).toEqual({ format: 'jpeg', width: 800, height: 600, exif: undefined });
    expect(stored.includes('Student Name')).toBe(false);

    for (const device of all) expect(device.errors, `uncaught errors on the ${device.kind}`).toEqual([]);
  } finally {
    for (const device of all) await device.context.close();
  }
});
