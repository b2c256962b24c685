import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { noEffects } from '../electron/backend/context';
import { startHttpDoor } from '../electron/backend/doors/http-door';
import { createHost } from '../electron/backend/host';
import { noLog } from '../electron/backend/log';
import { composeStartPage, loadStartPageSource } from '../electron/backend/start-page';
import { dispatch } from '../electron/dispatch';
import { createMemoryStore, createSettings } from '../electron/settings';
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
  // When the app has taken the page over (a start page is painted before that): its root says it is ready.
  const ready = new MutationObserver(() => {
    if (document.getElementById('root')?.dataset.appState !== 'ready') return;
    ready.disconnect();
    console.log('ready ' + performance.now());
  });
  ready.observe(document, { attributes: true, attributeFilter: ['data-app-state'], subtree: true });
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
 * the same list, for a teacher who has used the app before (the tour dismissed, the groups
 * list the view they left), with the backend's whole service (preferences included).
 *
 * - As the Electron window opens it: its start page (electron/backend/start-page.ts), the
 *   groups list drawn by the backend into index.html, and every other file as they are,
 *   as the window's file handler gives them (electron/window-page.ts). Electron cannot run
 *   here: the same handler's answers are served on loopback, and each call goes through a
 *   bridge to the backend (a Playwright binding, a DevTools round trip per call; Electron's
 *   IPC is quicker). Also when the app is ready (React has taken the page over).
 * - The same files without the start page, as when none can be made (a last view to
 *   restore, a backend that does not answer): the app draws itself, painted and ready.
 * - The same from disk (file://), as the window read them before the start page. Chromium
 *   loads module scripts from file:// only with --allow-file-access-from-files; Electron's
 *   file protocol allows them.
 * - In browser mode, over the backend's real HTTP door (the session sign-in, then each
 *   call a fetch), as `npm start` runs where Electron is missing. Its page is loaded
 *   before the sign-in, so it never carries the workspace: no start page.
 * - A minimal React page (bench/react-floor) that fetches the same list and draws it: what
 *   React alone costs on this machine.
 *
 * Each is compared with the static page loaded the same way (from disk, or over HTTP).
 */
export const startupBenchmark = async (): Promise<Row[]> => {
  const setup = await cycleWithNotes(10);
  await setup.backend.close();
  const userData = await mkdtemp(path.join(tmpdir(), 'ls-startup-'));
  const settings = createSettings(createMemoryStore());
  settings.set('tourDismissed', true);
  settings.set('lastView', '/');
  const host = await createHost({
    settings,
    effects: noEffects,
    defaultWorkspaceDir: setup.dir,
    samplesDir: path.join(userData, 'samples'),
    sampleSourceDir: path.join(userData, 'no-sample'),
  });
  const staticDir = await mkdtemp(path.join(tmpdir(), 'ls-static-'));
  await writeFile(
    path.join(staticDir, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Groups</title></head><body><main><h1>Lesson study groups</h1><ul aria-label="Groups in this workspace"><li><h2><a href="#">Bench</a></h2></li></ul></main></body></html>',
  );
  const token = 'bench-token-0123456789abcdef0123456789abcdef';
  const door = await startHttpDoor({ getService: () => host.service, rendererDir: path.resolve('dist/renderer'), token });
  const plain = await serveDirectory(staticDir);
  const source = await loadStartPageSource(path.resolve('dist/renderer'), noLog);
  if (!source) throw new Error('dist/start-page is missing: npm run build:renderer builds it.');
  // The window's files as the app's file handler gives them: the page from the backend, the rest from disk (over loopback here).
  const windowFiles = await serveDirectory(path.resolve('dist/renderer'), { startPage: () => composeStartPage(source, host.service, noLog) });
  const sameFilesNoStart = await serveDirectory(path.resolve('dist/renderer'));
  const floorDir = await mkdtemp(path.join(tmpdir(), 'ls-react-floor-'));
  await buildReactFloor(floorDir);
  const floor = await serveDirectory(floorDir);
  const browser = await launchChromium(['--allow-file-access-from-files']);
  // A fresh context per load: an empty cache, as when the window first opens.
  /** Milliseconds from the navigation to the list's first paint; with `untilReady`, also to the app's readiness. */
  const load = async (url: string, viaBridge: boolean, untilReady?: number[]) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    if (viaBridge) await connectPageToBackend(page, (name, payload) => dispatch(host.service, name, payload));
    await page.addInitScript(watchFor('ul[aria-label="Groups in this workspace"] li'));
    const painted = page.waitForEvent('console', { predicate: (message) => message.text().startsWith('painted '), timeout: 30_000 });
    const ready = untilReady ? page.waitForEvent('console', { predicate: (message) => message.text().startsWith('ready '), timeout: 30_000 }) : null;
    await page.goto(url);
    const ms = Number((await painted).text().slice('painted '.length));
    if (ready) untilReady!.push(Number((await ready).text().slice('ready '.length)));
    await context.close();
    return ms;
  };
  try {
    const fromDisk = pathToFileURL(path.resolve('dist/renderer/index.html')).href;
    const plainFile = pathToFileURL(path.join(staticDir, 'index.html')).href;
    const viaDoor = `${door.url}#token=${token}`;
    const samples = { noStart: [] as number[], noStartReady: [] as number[], startPage: [] as number[], startPageReady: [] as number[], fromDisk: [] as number[], door: [] as number[], floor: [] as number[], plainFile: [] as number[], plain: [] as number[] };
    // Warm the servers' file caches, the disk cache and the bridge.
    await load(windowFiles.url, true);
    await load(fromDisk, true);
    await load(viaDoor, false);
    await load(floor.url, false);
    for (let i = 0; i < LOADS; i++) {
      samples.startPage.push(await load(windowFiles.url, true, samples.startPageReady));
      samples.noStart.push(await load(sameFilesNoStart.url, true, samples.noStartReady));
      samples.fromDisk.push(await load(fromDisk, true));
      samples.plainFile.push(await load(plainFile, false));
      samples.door.push(await load(viaDoor, false));
      samples.plain.push(await load(plain.url, false));
      samples.floor.push(await load(floor.url, false));
    }
    const aimed = (name: string, values: number[], baselineName: string, baseline: number[]): Row => ({ ...row(name, values, baselineName, baseline), max: Math.max(...values), limit: 200 });
    return [
      aimed(
        'Chromium as the Electron window opens the app: its start page (the list drawn by the backend), the files as its file handler gives them (over loopback here), calls over the test bridge: groups list painted (aim ≤ 200 ms)',
        samples.startPage,
        'a static page with the same list',
        samples.plain,
      ),
      row('The same start page: the app ready (React has taken the page over; every control works)', samples.startPageReady, 'a static page with the same list', samples.plain),
      row('The same files without the start page (the app draws itself, as when none can be made): groups list painted', samples.noStart, 'a static page with the same list', samples.plain),
      row('The same files without the start page: the app ready', samples.noStartReady, 'a static page with the same list', samples.plain),
      row('Chromium, the files from disk (file://) without the start page, calls over the test bridge: groups list painted', samples.fromDisk, 'a static page with the same list, from disk', samples.plainFile),
      row('Chromium, browser mode over the HTTP door (no start page: it is loaded before the sign-in): open the app, groups list painted', samples.door, 'a static page with the same list', samples.plain),
      row('A minimal React page (React, one fetch, the list): list painted', samples.floor, 'a static page with the same list', samples.plain),
    ];
  } finally {
    await browser.close();
    plain.server.close();
    windowFiles.server.close();
    sameFilesNoStart.server.close();
    floor.server.close();
    await door.close();
    await host.close();
    await rm(setup.dir, { recursive: true, force: true });
    await rm(userData, { recursive: true, force: true });
    await rm(staticDir, { recursive: true, force: true });
    await rm(floorDir, { recursive: true, force: true });
  }
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const { printTable } = await import('./measure');
  console.log(printTable(await startupBenchmark()));
}
