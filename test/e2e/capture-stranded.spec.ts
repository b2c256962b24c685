import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { ObservationPack } from '../../shared/domain/observation';
import { seedLesson } from '../unit/observ-seed';
import { expect, test } from './support/harness';
import { captureDoor, expectCapturing, openDevice } from './support/devices';

/**
 * A note written on a device while its session ended (the Wi-Fi dropped, the facilitator
 * ended the session meanwhile) is not stranded: the device says so, saves it as an
 * observation pack on request, and sends it when it joins the same lesson's next session.
 */

/** On the join screen: name, code, Join. */
const joinByCode = async (page: Page, code: string) => {
  await page.getByLabel('Your name or this device’s name').fill('Ben’s iPhone');
  await page.getByLabel('Join code').fill(code);
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByRole('heading', { name: 'Waiting for approval' })).toBeVisible();
};

test('a note left on a device when the session ended is saved to a pack file on request, and sent when the device joins the next session of the lesson', async ({ app, browser }) => {
  test.setTimeout(180_000);
  const seed = await seedLesson(app.backend());
  const cycleId = seed.cycle.id;
  const ben = seed.group.members[1];
  await app.open(`/cycles/${cycleId}/observe`);
  const approveWaiting = async () => {
    await expect.poll(async () => (await app.service.getCaptureStatus({ cycleId })).devices.filter((d) => d.state === 'waiting').length).toBe(1);
    const waiting = (await app.service.getCaptureStatus({ cycleId })).devices.find((d) => d.state === 'waiting')!;
    await app.service.approveDevice({ cycleId, deviceId: waiting.id, observer: { kind: 'member', memberId: ben.id }, focusStudentIds: [] });
  };

  const first = await app.service.openCaptureSession({ cycleId });
  const iphone = await openDevice(browser, 'iphone');
  const { page } = iphone;
  try {
    await page.goto(`${captureDoor(first).origin}/`);
    await joinByCode(page, first.joinCode);
    await approveWaiting();
    await expectCapturing(page);

    // Off the Wi-Fi, a note; meanwhile the facilitator ends the session.
    await iphone.context.setOffline(true);
    await expect(page.getByRole('alert').filter({ hasText: 'Offline — notes are kept on this device' })).toBeVisible();
    const text = 'Student B folds the strip into thirds, then halves each third';
    await page.getByRole('textbox', { name: 'Note' }).fill(text);
    await page.getByRole('button', { name: 'Save note' }).click();
    await expect(page.getByRole('textbox', { name: 'Note' })).toHaveValue('');
    await app.service.endCaptureSession({ cycleId });
    await iphone.context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));

    // The laptop's door is closed: after a few tries the device offers the note as a file.
    await expect(page.getByText('1 note on this device has not reached the facilitator.')).toBeVisible();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: '/tmp/s6-capture-stranded-iphone.png', fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save my notes to a file' }).click()]);
    await expect(page.getByRole('status').filter({ hasText: 'Saved: 1 note in a file in your downloads.' })).toBeVisible();
    expect(download.suggestedFilename()).toMatch(/^observation-notes-\d{4}-\d{2}-\d{2}\.lsobs\.json$/);
    const pack = ObservationPack.parse(JSON.parse(await readFile(await download.path(), 'utf8')));
    expect(pack.cycleId).toBe(cycleId);
    expect(pack.observations.map((o) => [o.cycleId, o.observerId, o.text])).toEqual([[cycleId, ben.id, text]]);
    expect((await app.service.getObservationSession({ cycleId })).observations).toEqual([]);

    // The next session of the same lesson opens on the same address, where the device keeps the note.
    const second = await app.service.openCaptureSession({ cycleId });
    expect(captureDoor(second).origin).toBe(captureDoor(first).origin);
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Please join again' })).toBeVisible();
    await expect(page.getByText('1 note on this device has not reached the facilitator.')).toBeVisible();
    await page.getByRole('button', { name: 'Join again' }).click();
    await expect(page.getByText('1 note on this device has not reached the facilitator.')).toBeVisible();
    await joinByCode(page, second.joinCode);
    await approveWaiting();
    await expectCapturing(page);
    await expect.poll(async () => (await app.service.getObservationSession({ cycleId })).observations.map((o) => [o.observerId, o.text])).toEqual([[ben.id, text]]);
    await expect(page.getByText('has not reached the facilitator', { exact: false })).toHaveCount(0);
    expect(iphone.errors).toEqual([]);
  } finally {
    await iphone.context.close();
  }
});
