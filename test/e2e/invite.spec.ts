import AxeBuilder from '@axe-core/playwright';
import * as http from 'node:http';
import type { Page } from '@playwright/test';
import { WebSocket } from 'ws';
import type { CaptureStatus } from '../../shared/contract/capture';
import { DEVICE_SOCKET_PATH, JOIN_PATH, ServerMessage, type DeviceNote } from '../../shared/capture/protocol';
import { cycleKind, cyclePath } from '../../electron/backend/cycles';
import { changeGroup } from '../../electron/backend/groups';
import { seedLesson } from '../unit/observ-seed';
import { reachableAddresses, systemNetworkInterfaces } from '../../electron/backend/capture/network';
import { expect, test } from './support/harness';

/**
 * The facilitator's side of live capture, in the browser through the real server process:
 * invite, a device asks to join (this test speaks the device protocol itself, as a phone's
 * page would), approval as a guest, the one lesson clock, and the device's note arriving live.
 */

/** This machine's own addresses, as the server process finds them. */
const reachableHere = () => reachableAddresses(systemNetworkInterfaces);

/** The capture door as this computer reaches it: whatever network address the join URL names, 127.0.0.1 on its port. */
const doorOf = (status: CaptureStatus) => {
  const url = new URL(status.joinUrls[0]);
  return { origin: `http://127.0.0.1:${url.port}`, secret: url.hash.slice('#join='.length) };
};

/** Serious and critical axe violations inside `include`, as readable lines. */
const violations = async (page: Page, include: string) => {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).include(include).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
};

/** A device's WebSocket, keeping every server message so a test can wait for one. */
const connectDevice = async (origin: string, deviceToken: string) => {
  const messages: ServerMessage[] = [];
  const socket = new WebSocket(`${origin.replace('http', 'ws')}${DEVICE_SOCKET_PATH}`, { headers: { origin } });
  socket.on('message', (data) => messages.push(ServerMessage.parse(JSON.parse(String(data)))));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  socket.send(JSON.stringify({ type: 'hello', deviceToken }));
  return { socket, messages };
};

/** A join request sent from `localAddress` (any 127.x.y.z reaches this machine's loopback). */
const joinFrom = (localAddress: string, origin: string, body: object) =>
  new Promise<unknown>((resolve, reject) => {
    const request = http.request(`${origin}${JOIN_PATH}`, { method: 'POST', localAddress, headers: { 'content-type': 'application/json', origin } }, (response) => {
      let text = '';
      response.on('data', (chunk) => (text += String(chunk)));
      response.on('end', () => (response.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(`join refused: ${response.statusCode} ${text}`))));
    });
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });

test('the facilitator invites observers: QR code and join code, a device asks to join, is approved as a guest, follows the clock and writes', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  await page.setViewportSize({ width: 1280, height: 800 });
  const seed = await seedLesson(app.backend());
  const cycleId = seed.cycle.id;
  // Student C is in the class but not a focus student: observers are not offered to follow them.
  await changeGroup(app.backend().context, seed.group.id, (g) => ({
    ...g,
    focusStudents: g.focusStudents.map((s) => (s.id === seed.students[2].id ? { ...s, focus: false } : s)),
  }));
  await app.open(`/cycles/${cycleId}/observe`);
  await expect(page.getByRole('heading', { level: 1, name: 'Observe the lesson' })).toBeVisible();

  const invite = page.getByRole('button', { name: 'Invite observers' });
  await expect(invite).toHaveAttribute('aria-expanded', 'false');
  await invite.click();
  await expect(invite).toHaveAttribute('aria-expanded', 'true');
  const panel = page.getByRole('region', { name: "Observers' devices" });
  const qr = panel.getByRole('img', { name: 'QR code of the join address' });
  await expect(qr).toBeVisible();
  expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg/);

  const status = await app.service.getCaptureStatus({ cycleId });
  expect(status.open).toBe(true);
  expect(status.joinCode).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
  // Shown spaced in threes, as it is read aloud and typed.
  await expect(panel.getByText(`${status.joinCode.slice(0, 3)} ${status.joinCode.slice(3)}`, { exact: true })).toBeVisible();
  await expect(panel.getByText(status.joinUrls[0].split('#')[0], { exact: true })).toBeVisible();
  await expect(panel.getByText('No device has asked to join yet.', { exact: false })).toBeVisible();
  await app.screenshot('invite-panel-empty');

  // A device asks to join, typing the join code (as a Chromebook without a camera would).
  const door = doorOf(status);
  const joined = await fetch(`${door.origin}${JOIN_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: door.origin },
    body: JSON.stringify({ code: status.joinCode.toLowerCase(), deviceName: 'Room 2 iPad', language: 'ja' }),
  });
  expect(joined.status).toBe(200);
  const answer = (await joined.json()) as { ok: true; value: { deviceId: string; deviceToken: string } };
  const device = await connectDevice(door.origin, answer.value.deviceToken);
  try {
    await expect.poll(() => device.messages.some((m) => m.type === 'status' && m.status.status === 'waiting')).toBe(true);

    // It appears by itself (the capture-changed event), with its name and language.
    const form = panel.getByRole('form', { name: 'Approve Room 2 iPad' });
    await expect(form).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Devices asking to join: 1' })).toBeAttached();
    await expect(form.getByText('Language: Japanese')).toBeVisible();

    // A guest needs a name before anything is sent.
    await form.getByLabel('Writes as').selectOption({ label: 'Guest observer (by name)' });
    await form.getByRole('button', { name: 'Approve' }).click();
    await expect(form.getByRole('alert')).toHaveText('Give the guest observer a name.');
    await form.getByLabel("Guest's name").fill('Prof. Kato');
    await expect(form.getByRole('checkbox')).toHaveCount(2);
    await expect(form.getByRole('checkbox', { name: 'Student C' })).toHaveCount(0);
    await form.getByRole('checkbox', { name: 'Student B' }).check();
    await app.screenshot('invite-panel-waiting');
    expect(await violations(page, '#invite-panel')).toEqual([]);
    await form.getByRole('button', { name: 'Approve' }).click();
    // The form is gone with the button that had focus; focus stays in the panel.
    await expect(panel.getByRole('heading', { name: "Observers' devices" })).toBeFocused();

    const observing = panel.getByRole('list', { name: 'Observing (1)' });
    await expect(observing.getByRole('listitem')).toHaveCount(1);
    await expect(observing.getByRole('listitem')).toContainText('Prof. Kato');
    await expect(observing.getByRole('listitem')).toContainText('on Room 2 iPad');
    await expect(observing.getByRole('listitem')).toContainText('Notes: 0');
    await expect(observing.getByRole('img', { name: 'Connected' })).toBeVisible();
    const approved = (await app.service.getCaptureStatus({ cycleId })).devices;
    expect(approved).toMatchObject([{ name: 'Room 2 iPad', state: 'approved', observerName: 'Prof. Kato', focusStudentIds: [seed.students[1].id] }]);
    await expect.poll(() => device.messages.some((m) => m.type === 'status' && m.status.status === 'approved')).toBe(true);

    // A second device scans the QR code (the secret in the fragment) and is turned away.
    const scanned = await fetch(`${door.origin}${JOIN_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: door.origin },
      body: JSON.stringify({ secret: door.secret, deviceName: 'Unknown phone' }),
    });
    expect(scanned.status).toBe(200);
    await panel.getByRole('button', { name: 'Turn away Unknown phone' }).click();
    await expect(panel.getByRole('form', { name: 'Approve Unknown phone' })).toBeHidden();
    await expect(panel.getByRole('heading', { name: 'Asking to join (0)' })).toBeVisible();
    expect((await app.service.getCaptureStatus({ cycleId })).devices.map((d) => d.name)).toEqual(['Room 2 iPad']);

    // One lesson clock: the facilitator starts it and moves the step; the device is told each time.
    await page.getByRole('button', { name: 'Start lesson clock' }).click();
    await expect.poll(() => device.messages.some((m) => m.type === 'clock' && m.clock.clock.runningSince !== null)).toBe(true);
    await page.getByRole('button', { name: 'Next step' }).click();
    await expect.poll(() => device.messages.some((m) => m.type === 'clock' && m.clock.anchor.index === 1)).toBe(true);

    // The device writes a note: it lands in the notes list, named, and the count follows.
    const now = new Date().toISOString();
    const note: DeviceNote = {
      id: crypto.randomUUID(),
      clockMs: 1000,
      wallTime: now,
      stepId: seed.steps[1].id,
      target: { kind: 'student', studentId: seed.students[1].id },
      codeIds: [],
      text: 'Student B folds the strip into thirds first',
      photos: [],
      pointToNoticeIds: [],
      createdAt: now,
    };
    device.socket.send(JSON.stringify({ type: 'call', id: 'n1', channel: 'saveNote', request: { note } }));
    await expect.poll(() => device.messages.some((m) => m.type === 'reply' && m.id === 'n1' && m.result.ok)).toBe(true);
    const notes = page.getByRole('feed', { name: 'Notes so far (1)' });
    await expect(notes.getByRole('article')).toContainText('Student B folds the strip into thirds first');
    await expect(notes.getByRole('article')).toContainText('Prof. Kato');
    await expect(observing.getByRole('listitem')).toContainText('Notes: 1');
    await expect(page.getByRole('list', { name: 'Notes from devices in this session' }).getByRole('listitem', { name: 'Prof. Kato: 1 note, connected' })).toBeVisible();
    await app.screenshot('invite-panel-approved');

    // A reload finds the open session again: the counts are back and the clock is sent once more.
    const clocksBefore = device.messages.filter((m) => m.type === 'clock').length;
    await page.reload();
    await expect(page.locator('#root')).toHaveAttribute('data-app-state', 'ready');
    await expect(page.getByRole('list', { name: 'Notes from devices in this session' }).getByRole('listitem', { name: 'Prof. Kato: 1 note, connected' })).toBeVisible();
    await expect.poll(() => device.messages.filter((m) => m.type === 'clock').length).toBe(clocksBefore + 1);
    const resent = device.messages.filter((m) => m.type === 'clock').at(-1);
    expect(resent?.type === 'clock' && resent.clock.anchor.index).toBe(1);
    await expect(panel).toBeHidden();
    // Inviting again shows the same session, not a new one.
    await page.getByRole('button', { name: 'Invite observers' }).click();
    await expect(panel.getByText(`${status.joinCode.slice(0, 3)} ${status.joinCode.slice(3)}`, { exact: true })).toBeVisible();
    await expect(observing.getByRole('listitem')).toContainText('Notes: 1');

    // Projector mode: the whole window, the code at least 15 % of its height, Escape returns.
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 1024, height: 768 },
    ]) {
      await page.setViewportSize(viewport);
      await panel.getByRole('button', { name: 'Show on projector' }).click();
      const projector = page.getByRole('dialog', { name: 'Join the lesson observation' });
      await expect(projector.getByRole('img', { name: 'QR code of the join address' })).toBeVisible();
      const code = projector.getByText(`${status.joinCode.slice(0, 3)} ${status.joinCode.slice(3)}`, { exact: true });
      const box = await code.boundingBox();
      expect(box!.height).toBeGreaterThanOrEqual(viewport.height * 0.15);
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
      await page.screenshot({ path: `/tmp/invite-projector-${viewport.width}x${viewport.height}.png` });
      if (viewport.width === 1024) expect(await violations(page, '.invite-projector')).toEqual([]);
      await page.keyboard.press('Escape');
      await expect(projector).toBeHidden();
      await page.screenshot({ path: `/tmp/invite-panel-${viewport.width}x${viewport.height}.png`, fullPage: true });
    }

    // Remove, then end the session after a confirmation: the device is told.
    await observing.getByRole('button', { name: 'Remove Prof. Kato' }).click();
    await expect(panel.getByText('No device approved yet.')).toBeVisible();
    await expect.poll(() => device.messages.some((m) => m.type === 'status' && m.status.status === 'removed')).toBe(true);
    await panel.getByRole('button', { name: 'End session' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'End the capture session?' });
    await confirm.getByRole('button', { name: 'End session' }).click();
    await expect(panel).toBeHidden();
    expect((await app.service.getCaptureStatus({ cycleId })).open).toBe(false);
    await expect(page.getByRole('list', { name: 'Notes from devices in this session' })).toBeHidden();
    // The guest's note stays, still named.
    await expect(notes.getByRole('article')).toContainText('Prof. Kato');
  } finally {
    device.socket.close();
  }
});

test('a public lesson: fourteen guests on devices get a line of totals and a small box in reading order, and the notes list stays in view at 1280×800', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  await page.setViewportSize({ width: 1280, height: 800 });
  const seed = await seedLesson(app.backend());
  const cycleId = seed.cycle.id;
  await app.open(`/cycles/${cycleId}/observe`);
  await expect(page.getByRole('heading', { level: 1, name: 'Observe the lesson' })).toBeVisible();
  const status = await app.service.openCaptureSession({ cycleId });
  const door = doorOf(status);
  const devices: Awaited<ReturnType<typeof connectDevice>>[] = [];
  try {
    for (let i = 1; i <= 14; i++) {
      // Each phone from an address of its own, as on the school Wi-Fi (joins are throttled per address).
      const { value } = (await joinFrom(`127.0.0.${10 + i}`, door.origin, { code: status.joinCode, deviceName: `Hall phone ${i}` })) as { value: { deviceId: string; deviceToken: string } };
      devices.push(await connectDevice(door.origin, value.deviceToken));
      await app.service.approveDevice({ cycleId, deviceId: value.deviceId, observer: { kind: 'guest', name: `Guest observer ${i}` }, focusStudentIds: [] });
    }
    // Guest 4 puts the phone away: it shows as not connected.
    devices[3].socket.close();

    await expect(page.getByText('14 observers on devices, 13 connected')).toBeVisible();
    const writers = page.getByRole('list', { name: 'Notes from devices in this session' });
    await expect(writers.getByRole('listitem')).toHaveCount(14);
    const names = await writers.getByRole('listitem').evaluateAll((items) => items.map((li) => li.textContent));
    expect(names.slice(0, 3)).toEqual(['Guest observer 1: 0', 'Guest observer 2: 0', 'Guest observer 3: 0']);
    expect(names.at(-1)).toBe('Guest observer 14: 0');
    await expect(writers.getByRole('listitem', { name: 'Guest observer 4: 0 notes, not connected' })).toBeAttached();
    // A few rows that scroll, reachable by keyboard; the notes list below them is on screen.
    const box = await writers.evaluate((ul) => ({ scrolls: ul.scrollHeight > ul.clientHeight, height: ul.clientHeight, focusable: ul.tabIndex === 0 }));
    expect(box.scrolls).toBe(true);
    expect(box.height).toBeLessThan(100);
    expect(box.focusable).toBe(true);
    const now = new Date().toISOString();
    const note: DeviceNote = { id: crypto.randomUUID(), clockMs: 1000, wallTime: now, stepId: seed.steps[0].id, target: { kind: 'class' }, codeIds: [], text: 'Table 2 compares the strips', photos: [], pointToNoticeIds: [], createdAt: now };
    devices[0].socket.send(JSON.stringify({ type: 'call', id: 'h1', channel: 'saveNote', request: { note } }));
    const feed = page.getByRole('feed', { name: 'Notes so far (1)' });
    await expect(feed.getByRole('article')).toContainText('Table 2 compares the strips');
    await expect(feed.getByRole('article')).toBeInViewport();
    await expect(writers.getByRole('listitem', { name: 'Guest observer 1: 1 note, connected' })).toBeAttached();
    await page.screenshot({ path: test.info().outputPath('hall-1280x800.png') });
    expect(await violations(page, '.notes-heading')).toEqual([]);
  } finally {
    for (const device of devices) device.socket.close();
  }
});

test('no Invite observers button outside the observe phase', async ({ app }) => {
  const seed = await seedLesson(app.backend());
  // The lesson has been observed: the cycle moved on to analysis.
  await app.backend().context.store.write(cycleKind, cyclePath(seed.cycle.id), { cycle: { ...seed.cycle, phase: 'analyze' } });
  const { page } = app;
  await app.open(`/cycles/${seed.cycle.id}/observe`);
  await expect(page.getByRole('heading', { level: 1, name: 'Observe the lesson' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Timeline' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Invite observers' })).toHaveCount(0);
});

test('a laptop on no network: the panel says so and suggests the hotspot, with no QR code to scan; on the school Wi-Fi it offers the hotspot for isolated devices', async ({ app }) => {
  const seed = await seedLesson(app.backend());
  const { page } = app;
  // The server process reads its networks through this switch (electron/backend/capture/network.ts): loopback only.
  process.env.LESSON_STUDY_CAPTURE_NETWORK = 'loopback';
  try {
    await app.open(`/cycles/${seed.cycle.id}/observe`);
  } finally {
    delete process.env.LESSON_STUDY_CAPTURE_NETWORK;
  }
  await page.getByRole('button', { name: 'Invite observers' }).click();
  const panel = page.getByRole('region', { name: "Observers' devices" });
  await expect(panel.getByRole('alert')).toHaveText(
    "This computer is on no network the devices can reach. Connect it to the school Wi-Fi, or start the laptop's hotspot and let the devices join it. The join address appears here as soon as it is connected.",
  );
  await expect(panel.getByRole('img', { name: 'QR code of the join address' })).toHaveCount(0);
  await expect(panel.getByText("Scan with the device's camera", { exact: false })).toHaveCount(0);
  const status = await app.service.getCaptureStatus({ cycleId: seed.cycle.id });
  expect(status).toMatchObject({ open: true, noNetwork: true, joinUrls: [] });
  await page.screenshot({ path: '/tmp/s6-capture-no-network.png' });
});

test('on a network, the panel gives the join address and the advice for Wi-Fi that keeps devices apart, and no no-network alert', async ({ app }) => {
  test.skip(reachableHere().length === 0, 'this machine has no network but loopback: the no-network test covers it');
  const seed = await seedLesson(app.backend());
  const { page } = app;
  await app.open(`/cycles/${seed.cycle.id}/observe`);
  await page.getByRole('button', { name: 'Invite observers' }).click();
  const panel = page.getByRole('region', { name: "Observers' devices" });
  await expect(panel.getByRole('img', { name: 'QR code of the join address' })).toBeVisible();
  await expect(panel.getByText("Scan with the device's camera", { exact: false })).toBeVisible();
  await expect(panel.getByText("If the address does not open on a device, the Wi-Fi may keep devices apart: start the laptop's hotspot instead.")).toBeVisible();
  await expect(panel.getByRole('alert')).toHaveCount(0);
});

test('in Japanese and the dark theme: the invite panel, a waiting device and the projector speak Japanese', async ({ app }) => {
  const seed = await seedLesson(app.backend());
  app.settings.set('uiLanguage', 'ja');
  app.settings.set('theme', 'dark');
  const { page } = app;
  await page.setViewportSize({ width: 1280, height: 800 });
  await app.open(`/cycles/${seed.cycle.id}/observe`);
  await page.getByRole('button', { name: '観察者を招待' }).click();
  const panel = page.getByRole('region', { name: '観察者の端末' });
  await expect(panel.getByRole('img', { name: '参加アドレスのQRコード' })).toBeVisible();
  await expect(panel.getByText('参加コード', { exact: true })).toBeVisible();

  const status = await app.service.getCaptureStatus({ cycleId: seed.cycle.id });
  const door = doorOf(status);
  const joined = await fetch(`${door.origin}${JOIN_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: door.origin },
    body: JSON.stringify({ code: status.joinCode, deviceName: '3組のiPad', language: 'ja' }),
  });
  expect(joined.status).toBe(200);
  const form = panel.getByRole('form', { name: '3組のiPadを承認' });
  await expect(form.getByText('言語：日本語')).toBeVisible();
  await form.getByRole('button', { name: '承認' }).click();
  await expect(form.getByRole('alert')).toHaveText('この端末で記録する人を選んでください。');
  await form.getByLabel('記録者').selectOption({ label: 'ゲスト観察者（名前で）' });
  await expect(form.getByLabel('ゲストの名前')).toBeVisible();
  await page.screenshot({ path: '/tmp/invite-panel-ja.png' });
  expect(await violations(page, '#invite-panel')).toEqual([]);

  await panel.getByRole('button', { name: 'プロジェクターに表示' }).click();
  await expect(page.getByRole('dialog', { name: '授業観察に参加する' })).toBeVisible();
  await page.screenshot({ path: '/tmp/invite-projector-ja.png' });
  await page.getByRole('button', { name: '閉じる（Esc）' }).click();
  await panel.getByRole('button', { name: 'セッションを終了' }).click();
  await page.getByRole('alertdialog', { name: '記録セッションを終了しますか？' }).getByRole('button', { name: 'セッションを終了' }).click();
  await expect(panel).toBeHidden();
});
