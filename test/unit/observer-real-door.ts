/**
 * The built observer page against the real capture door (not a test: run with
 * `npm run build:renderer && npx tsx test/unit/observer-real-door.ts`). A host on a
 * temporary workspace opens a capture session; Chromium at iPhone 13 size joins with the
 * QR link, is approved, writes a note on a seat with a code, and the note is read back
 * from the facilitator's service.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { devices } from 'playwright-core';
import { noEffects } from '../../electron/backend/context';
import { createHost } from '../../electron/backend/host';
import { createMemoryStore, createSettings } from '../../electron/settings';
import { launchChromium } from '../e2e/support/chromium';
import { seedLesson } from './observ-seed';

/** A laptop on the school Wi-Fi; the door still listens on 127.0.0.1 here. */
const schoolWifi = () => ({
  wlan0: [{ address: '192.168.1.23', netmask: '255.255.255.0', family: 'IPv4' as const, mac: '02:00:00:00:00:01', internal: false, cidr: '192.168.1.23/24' }],
});

const userData = await mkdtemp(path.join(tmpdir(), 'ls-observer-door-'));
const host = await createHost({
  settings: createSettings(createMemoryStore()),
  log: { event: () => undefined },
  effects: noEffects,
  defaultWorkspaceDir: path.join(userData, 'workspace'),
  samplesDir: path.join(userData, 'samples'),
  sampleSourceDir: path.join(userData, 'no-sample'),
  clock: () => new Date(),
  capture: { rendererDir: path.resolve('dist/renderer'), host: '127.0.0.1', port: 0, networkInterfaces: schoolWifi, nowMs: () => Date.now() },
  onCaptureChanged: () => undefined,
});
const browser = await launchChromium();
const problems: string[] = [];
try {
  const lesson = await seedLesson(host.current());
  const cycleId = lesson.cycle.id;
  const status = await host.service.openCaptureSession({ cycleId });
  const url = new URL(status.joinUrls[0]);
  const pageUrl = `http://127.0.0.1:${url.port}/${url.hash}`;
  const context = await browser.newContext({ ...devices['iPhone 13'] });
  const page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(pageUrl);
  await page.getByLabel('Your name or this device’s name').fill('Ben’s iPad');
  await page.getByRole('button', { name: 'Join' }).click();
  await page.getByText('Ask the facilitator to approve “Ben’s iPad”.').waitFor();
  const [device] = (await host.service.getCaptureStatus({ cycleId })).devices;
  await host.service.approveDevice({ cycleId, deviceId: device.id, observer: { kind: 'member', memberId: lesson.group.members[1].id }, focusStudentIds: [] });
  await page.locator('.composer textarea').waitFor();
  await page.screenshot({ path: '/tmp/observer-real-door.png', fullPage: true });
  await page.locator('.seat').first().click();
  await page.locator('.chip.code').first().click();
  await page.locator('.composer textarea').fill('Counted on from 3/4 to 1 on the number line');
  await page.getByRole('button', { name: 'Save note' }).click();
  // "All notes sent" also shows before the note is queued: wait for the host to have it (10 s at most).
  let session = await host.service.getObservationSession({ cycleId });
  for (const deadline = Date.now() + 10_000; session.observations.length === 0 && Date.now() < deadline; ) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    session = await host.service.getObservationSession({ cycleId });
  }
  await page.locator('.badge').filter({ hasText: 'All notes sent' }).waitFor();
  const saved = session.observations.map((o) => ({ text: o.text, target: o.target.kind, codes: o.codeIds.length, observer: o.observerId === lesson.group.members[1].id }));
  console.log('Stored by the host:', JSON.stringify(saved));
  if (saved.length !== 1 || saved[0].text !== 'Counted on from 3/4 to 1 on the number line') problems.push('the note did not arrive as written');
  await context.close();
} finally {
  await browser.close();
  await host.close();
  await rm(userData, { recursive: true, force: true });
}
console.log(problems.length ? `Problems:\n${problems.join('\n')}` : 'The page joined, was approved and saved a note through the real capture door.');
