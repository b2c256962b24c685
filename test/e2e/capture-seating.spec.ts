import type { Page } from '@playwright/test';
import { changeGroup } from '../../electron/backend/groups';
import { seedLesson } from '../unit/observ-seed';
import { expect, test } from './support/harness';
import { captureDoor, expectCapturing, openDevice, seriousViolations, type DeviceKind } from './support/devices';

/**
 * The seating chart on a phone: six columns fit an iPhone 13; a class ten seats wide does
 * not, and then the chart says it scrolls sideways (a visible line, a named scrollable
 * region) instead of hiding the last columns without a word. A Chromebook shows all ten.
 */

const seatsOf = (page: Page) => page.getByRole('region', { name: 'Whom is this about?' });

test('a ten-column class scrolls sideways on an iPhone and says so; on a Chromebook it fits', async ({ app, browser }) => {
  test.setTimeout(150_000);
  const seed = await seedLesson(app.backend());
  const cycleId = seed.cycle.id;
  const ben = seed.group.members[1];
  const [a, b, c] = seed.students;
  await changeGroup(app.backend().context, seed.group.id, (g) => ({
    ...g,
    seatingChart: {
      cols: 10,
      rows: 2,
      seats: [
        { id: crypto.randomUUID(), col: 0, row: 0, studentId: a.id, label: '' },
        { id: crypto.randomUUID(), col: 4, row: 0, studentId: b.id, label: '' },
        { id: crypto.randomUUID(), col: 9, row: 1, studentId: c.id, label: '' },
      ],
    },
  }));
  await app.open(`/cycles/${cycleId}/observe`);
  const status = await app.service.openCaptureSession({ cycleId });
  const door = captureDoor(status);

  const join = async (kind: DeviceKind, name: string) => {
    const device = await openDevice(browser, kind);
    await device.page.goto(`${door.origin}/#join=${door.secret}`);
    await device.page.getByLabel('Your name or this device’s name').fill(name);
    await device.page.getByRole('button', { name: 'Join' }).click();
    await expect(device.page.getByRole('heading', { name: 'Waiting for approval' })).toBeVisible();
    const waiting = (await app.service.getCaptureStatus({ cycleId })).devices.find((d) => d.name === name)!;
    await app.service.approveDevice({ cycleId, deviceId: waiting.id, observer: { kind: 'member', memberId: ben.id }, focusStudentIds: [] });
    await expectCapturing(device.page);
    return device;
  };

  const iphone = await join('iphone', 'Ben’s iPhone');
  const chromebook = await join('chromebook', 'Room 4 Chromebook');
  try {
    const phoneChart = seatsOf(iphone.page).getByRole('region', { name: 'Scroll sideways for more seats' });
    await expect(phoneChart).toBeVisible();
    await expect(seatsOf(iphone.page).getByText('Scroll sideways for more seats →')).toBeVisible();
    // The last column is out of sight until the chart is scrolled, and can be reached.
    const last = seatsOf(iphone.page).getByRole('button', { name: 'Student C, focus student' });
    await phoneChart.scrollIntoViewIfNeeded();
    await expect(seatsOf(iphone.page).getByRole('button', { name: 'Student A, focus student' })).toBeInViewport();
    await expect(last).not.toBeInViewport();
    await phoneChart.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    await expect(last).toBeInViewport();
    await iphone.page.screenshot({ path: '/tmp/s6-capture-seats-iphone-10cols.png' });
    expect(await seriousViolations(iphone.page)).toEqual([]);

    await expect(seatsOf(chromebook.page).getByRole('button', { name: 'Student C, focus student' })).toBeVisible();
    await expect(seatsOf(chromebook.page).getByRole('region', { name: 'Scroll sideways for more seats' })).toHaveCount(0);
    await expect(seatsOf(chromebook.page).getByText('Scroll sideways for more seats')).toHaveCount(0);
  } finally {
    await iphone.context.close();
    await chromebook.context.close();
  }
});
