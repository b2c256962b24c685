import type { Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { noEffects } from '../electron/backend/context';
import { startHttpDoor, type HttpDoor } from '../electron/backend/doors/http-door';
import { createBackendEvents } from '../electron/backend/events';
import { createHost, type Host } from '../electron/backend/host';
import { createMemoryStore, createSettings } from '../electron/settings';
import type { DeviceNote } from '../shared/capture/protocol';
import { launchChromium } from '../test/e2e/support/chromium';
import { seedLesson } from '../test/unit/observ-seed';
import { callTimed, hallLimits, joinDevices, schoolWifi, type BenchDevice } from './capture-benchmark';
import { row, type Row } from './measure';
import { tracedKeys } from './key-paint';
import { quantile } from './measure';

/**
 * The issue's second live-capture figure (#15): the facilitator keeps typing on the
 * Observe screen while a hall of observers' devices sends notes that appear on that
 * screen as they arrive. Measured in Chromium, from a key's keydown to the next paint
 * (the method of browser-benchmarks.ts), at a human pace, against the same typing with
 * no notes arriving. The aim: every key painted within a frame (16.7 ms at 60 Hz).
 *
 * The page reaches the backend through the HTTP door, as `npm start` serves it, so the
 * backend's change events (a device's note) reach it as they do in the app.
 */

const DEVICES = 100;
const NOTE_EVERY_MS = 3_000;
/** A fast typist's pace between keys. */
const KEY_EVERY_MS = 120;
const QUIET_KEYS = Number(process.env.BENCH_QUIET_KEYS ?? 300);
const FRAME_MS = 16.7;
const SENTENCE = 'Kenji drew two strips and said the longer one is three quarters. ';

/**
 * To find what delays a key: BENCH_PROFILE=<prefix> writes a CPU profile of the page for
 * each phase (`<prefix>-quiet.cpuprofile`, `<prefix>-busy.cpuprofile`, for Chromium's
 * DevTools). It slows the page. (Each key's time to paint comes from a trace of the page
 * anyway: bench/key-paint.ts.)
 */
const record = async (page: Page, phase: 'quiet' | 'busy') => {
  const profile = process.env.BENCH_PROFILE;
  const cdp = profile ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  return async () => {
    if (cdp) await writeFile(`${profile}-${phase}.cpuprofile`, JSON.stringify((await cdp.send('Profiler.stop')).profile));
  };
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Type at a human pace until `until()` says stop (or `keys` keys); each key's time to paint, read from traces of the page. */
const typeWhile = async (page: Page, keys: number, until: () => boolean): Promise<number[]> => {
  const field = page.getByLabel('Note (what students say and do)');
  await field.focus();
  const latencies: number[] = [];
  let typed = 0;
  while (typed < keys && !until()) {
    // Once a sentence, the note is cleared, so the field stays a note's size. Playwright's
    // fill sends a keydown (Delete) of its own, so it happens between traces.
    if (typed > 0) await field.fill('');
    const first = typed;
    // A trace per sentence: a few seconds of trace stays a few megabytes however long the typing.
    const batch = await tracedKeys(page.context().browser()!, page, async () => {
      while (typed < keys && !until() && typed - first < SENTENCE.length) {
        const char = SENTENCE[typed - first];
        const tick = performance.now();
        await page.keyboard.press(char === ' ' ? 'Space' : char);
        typed += 1;
        await pause(Math.max(0, KEY_EVERY_MS - (performance.now() - tick)));
      }
      return typed - first;
    });
    latencies.push(...batch);
  }
  return latencies;
};

/** The backend with its HTTP door and change events, as server-main.ts starts it, on a seeded lesson. */
const startFacilitator = async (userData: string, devices: number) => {
  const rendererDir = path.resolve('dist/renderer');
  const events = createBackendEvents();
  const host: Host = await createHost({
    settings: createSettings(createMemoryStore()),
    effects: noEffects,
    defaultWorkspaceDir: path.join(userData, 'workspace'),
    samplesDir: path.join(userData, 'samples'),
    sampleSourceDir: path.join(userData, 'no-sample'),
    onWorkspaceOpened: (backend, replaced) => events.follow(backend.context.store, replaced),
    capture: { rendererDir, host: '127.0.0.1', networkInterfaces: schoolWifi, limits: hallLimits(devices) },
    onCaptureChanged: (cycleId) => events.emit({ type: 'capture-changed', cycleId }),
  });
  const door: HttpDoor = await startHttpDoor({ getService: () => host.service, rendererDir });
  events.subscribe((event) => door.broadcast(event));
  return { host, door };
};

export interface CaptureTypingOptions {
  durationMs: number;
  devices?: number;
}

export const captureTypingBenchmark = async ({ durationMs, devices: deviceCount = DEVICES }: CaptureTypingOptions): Promise<Row[]> => {
  const userData = await mkdtemp(path.join(tmpdir(), 'ls-bench-capture-typing-'));
  const { host, door } = await startFacilitator(userData, deviceCount);
  const browser = await launchChromium();
  let devices: BenchDevice[] = [];
  try {
    const lesson = await seedLesson(host.current());
    const cycleId = lesson.cycle.id;
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${door.url}#token=${door.token}`);
    await page.locator('#root[data-app-state="ready"]').waitFor({ timeout: 60_000 });
    await page.evaluate((route) => void (location.hash = route), `/cycles/${cycleId}/observe`);
    await page.getByLabel('I am').selectOption({ label: lesson.group.members[0].name });

    devices = await joinDevices(host.service, cycleId, deviceCount);
    const lessonStart = Date.now();
    await host.service.setLessonClock({ cycleId, clock: { accumulatedMs: 0, runningSince: lessonStart }, anchor: { index: 0, atMs: 0 } });

    // Baseline: the same screen, the devices joined, no note arriving.
    const stopQuiet = await record(page, 'quiet');
    const quiet = await typeWhile(page, QUIET_KEYS, () => false);
    await stopQuiet();

    let sent = 0;
    let stop = false;
    const noteAt = (index: number, n: number): DeviceNote => {
      const now = new Date().toISOString();
      const text = `Device ${index + 1}, note ${n + 1}: a student explained why 3/4 is less than 1.`;
      return { id: randomUUID(), clockMs: Date.now() - lessonStart, wallTime: now, stepId: lesson.steps[0].id, target: { kind: 'class' }, codeIds: [], text, photos: [], pointToNoticeIds: [], createdAt: now };
    };
    const runDevice = async (device: BenchDevice, index: number) => {
      await pause((index * NOTE_EVERY_MS) / devices.length);
      for (let n = 0; !stop; n++) {
        const tick = performance.now();
        if ((await callTimed(device, { note: noteAt(index, n) })) !== null) sent += 1;
        await pause(Math.max(0, NOTE_EVERY_MS - (performance.now() - tick)));
      }
    };
    // What the page asks the backend while notes stream in: the load a note puts on the facilitator's screen.
    const requests = new Map<string, number>();
    page.on('request', (request) => {
      const name = new URL(request.url()).pathname;
      requests.set(name, (requests.get(name) ?? 0) + 1);
    });
    const started = performance.now();
    const stopBusy = await record(page, 'busy');
    const streaming = Promise.all(devices.map(runDevice));
    // The first round of notes spreads over NOTE_EVERY_MS: type once every device is writing.
    await pause(NOTE_EVERY_MS);
    const busy = await typeWhile(page, Number.POSITIVE_INFINITY, () => performance.now() - started >= durationMs);
    stop = true;
    await streaming;
    await stopBusy();
    page.removeAllListeners('request');
    console.log(`requests from the facilitator's page while notes streamed in: ${[...requests].map(([name, n]) => `${name} ×${n}`).join(', ')}`);

    // The screen followed the notes live: its count reaches every note the devices sent.
    const heading = page.getByRole('heading', { name: /^Notes so far \(\d+\)$/ });
    await page.waitForFunction((n) => {
      const text = [...document.querySelectorAll('h2, h3')].map((h) => h.textContent ?? '').find((t) => t.startsWith('Notes so far'));
      return Number(/\((\d+)\)/.exec(text ?? '')?.[1] ?? 0) >= n;
    }, sent, { timeout: 60_000 });
    const shown = await heading.textContent();

    const over = busy.filter((ms) => ms > FRAME_MS).length;
    const spread = (xs: number[]) => [0.5, 0.75, 0.9, 0.95, 0.99].map((q) => `p${q * 100} ${quantile(xs, q).toFixed(1)}`).join(', ');
    console.log(`keys, no notes arriving (${quiet.length}): ${spread(quiet)}; while notes stream in (${busy.length}): ${spread(busy)}`);
    const label = `capture: facilitator typing while ${devices.length} devices send 1 note / ${NOTE_EVERY_MS / 1000} s (${Math.round(durationMs / 1000)} s, ${busy.length} keys, ${sent} notes)`;
    console.log(
      `${label}: key → paint median ${quantile(busy, 0.5).toFixed(2)} ms, p90 ${quantile(busy, 0.9).toFixed(2)}, p99 ${quantile(busy, 0.99).toFixed(2)}, max ${Math.max(...busy).toFixed(2)}, over ${FRAME_MS} ms: ${over}; quiet median ${quantile(quiet, 0.5).toFixed(2)} ms; screen shows "${shown}"`,
    );
    const base = row(`${label}: key → paint median`, busy, 'same typing, no notes arriving', quiet);
    const at = (name: string, value: number, limit?: number): Row => ({
      ...base,
      name: `${label}: key → paint ${name}`,
      value: Number(value.toFixed(3)),
      ratio: base.baseline ? Number((value / base.baseline).toFixed(2)) : null,
      ...(limit === undefined ? {} : { max: Number(value.toFixed(3)), limit }),
    });
    return [
      base,
      at('p90', quantile(busy, 0.9)),
      at('p99', quantile(busy, 0.99), FRAME_MS),
      at('max', Math.max(...busy)),
      { name: `${label}: keys painted later than ${FRAME_MS} ms`, value: over, unit: 'keys', baseline: quiet.filter((ms) => ms > FRAME_MS).length, ratio: null, target: null, spread: '—', baselineName: 'same, no notes arriving' },
    ];
  } finally {
    for (const device of devices) device.socket.close();
    await browser.close();
    await door.close();
    await host.close();
    await rm(userData, { recursive: true, force: true });
  }
};
