import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startHttpDoor } from '../electron/backend/doors/http-door';
import { dispatch } from '../electron/dispatch';
import { connectPageToBackend } from '../test/e2e/support/bridge';
import { launchChromium } from '../test/e2e/support/chromium';
import { serveDirectory } from '../test/e2e/support/static-server';
import { type Row, row } from './measure';
import { cycleWithNotes } from './node-benchmarks';

const LOADS = Number(process.env.BENCH_LOADS ?? 15);

/**
 * Stamps the first paint that shows the list: a MutationObserver sees the list appear, and a
 * task queued after the next animation frame (after its style, layout and paint) logs the
 * time since the navigation started to the console. The benchmark listens for that line
 * instead of polling the page, which would run Playwright's own scripts on the page's main
 * thread while it starts (about 60 ms of it in a trace). Source text, not a function: tsx
 * would add helpers the page does not have.
 */
const watchFor = (selector: string) => `(() => {
  const observer = new MutationObserver(() => {
    if (!document.querySelector(${JSON.stringify(selector)})) return;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => console.log('painted ' + performance.now()), 0));
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

/** bench/react-floor built into `outDir`, with the list it fetches. */
const buildReactFloor = async (outDir: string) => {
  await build({
    configFile: false,
    root: path.resolve('bench/react-floor'),
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir, emptyOutDir: true },
  });
  await writeFile(path.join(outDir, 'groups.json'), JSON.stringify(['Bench']));
};

/**
 * The start screen's groups list as the app paints it, against a static page that shows
 * the same list. Twice: in browser mode over the backend's real HTTP door (the session
 * sign-in, then each call a fetch), as `npm start` runs where Electron is missing; and
 * over the e2e tests' bridge (a Playwright binding, each call a round trip through the
 * DevTools protocol), slower than any door a user has — Electron's IPC cannot run here.
 * Between the two ends, a minimal React page (bench/react-floor) that fetches the same
 * list and draws it: what React alone costs on this machine.
 */
export const startupBenchmark = async (): Promise<Row[]> => {
  const setup = await cycleWithNotes(10);
  const staticDir = await mkdtemp(path.join(tmpdir(), 'ls-static-'));
  await writeFile(
    path.join(staticDir, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Groups</title></head><body><main><h1>Lesson study groups</h1><ul aria-label="Groups in this workspace"><li><h2><a href="#">Bench</a></h2></li></ul></main></body></html>',
  );
  const app = await serveDirectory(path.resolve('dist/renderer'));
  const token = 'bench-token-0123456789abcdef0123456789abcdef';
  const door = await startHttpDoor({ getService: () => setup.backend.service, rendererDir: path.resolve('dist/renderer'), token });
  const plain = await serveDirectory(staticDir);
  const floorDir = await mkdtemp(path.join(tmpdir(), 'ls-react-floor-'));
  await buildReactFloor(floorDir);
  const floor = await serveDirectory(floorDir);
  const browser = await launchChromium();
  // A fresh context per load: an empty cache, as when the window first opens.
  const load = async (url: string, viaBackend: boolean) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    if (viaBackend) await connectPageToBackend(page, (name, payload) => dispatch(setup.backend.service, name, payload));
    await page.addInitScript(watchFor('ul[aria-label="Groups in this workspace"] li'));
    const painted = page.waitForEvent('console', { predicate: (message) => message.text().startsWith('painted '), timeout: 30_000 });
    await page.goto(url);
    const ms = Number((await painted).text().slice('painted '.length));
    await context.close();
    return ms;
  };
  try {
    const doorSamples: number[] = [];
    const bridgeSamples: number[] = [];
    const plainSamples: number[] = [];
    const floorSamples: number[] = [];
    const viaDoor = `${door.url}#token=${token}`;
    await load(viaDoor, false); // warm the servers' file caches and the bridge
    await load(`${app.url}#/`, true);
    await load(`${floor.url}`, false);
    for (let i = 0; i < LOADS; i++) {
      doorSamples.push(await load(viaDoor, false));
      bridgeSamples.push(await load(`${app.url}#/`, true));
      plainSamples.push(await load(`${plain.url}`, false));
      floorSamples.push(await load(`${floor.url}`, false));
    }
    return [
      {
        ...row('Chromium, browser mode over the HTTP door: open the app, groups list painted (aim ≤ 200 ms)', doorSamples, 'a static page with the same list', plainSamples),
        max: Math.max(...doorSamples),
        limit: 200,
      },
      row('Chromium over the test bridge (a DevTools round trip per call): groups list painted', bridgeSamples, 'a static page with the same list', plainSamples),
      row('A minimal React page (React, one fetch, the list): list painted', floorSamples, 'a static page with the same list', plainSamples),
    ];
  } finally {
    await browser.close();
    app.server.close();
    plain.server.close();
    floor.server.close();
    await door.close();
    await setup.backend.close();
    await rm(setup.dir, { recursive: true, force: true });
    await rm(staticDir, { recursive: true, force: true });
    await rm(floorDir, { recursive: true, force: true });
  }
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const { printTable } = await import('./measure');
  console.log(printTable(await startupBenchmark()));
}
