import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackendService } from '../../shared/contract';
import type { StartAnswers } from '../../shared/contract/start-page';
import { noEffects } from '../../electron/backend/context';
import { createHost, type Host } from '../../electron/backend/host';
import type { AppLog, LogFields } from '../../electron/backend/log';
import { composeStartPage, loadedAfterFirstPaint, loadStartPageSource, type StartPageSource } from '../../electron/backend/start-page';
import { createMemoryStore, createSettings, type Settings } from '../../electron/settings';
import { windowPageHandler } from '../../electron/window-page';
import { embeddedStartAnswers } from '../../renderer/app/start-data';
import { renderStartScreen } from '../../renderer/app/start-page';
import { tempDir } from './support/temp';

/**
 * The window's start page: the groups list rendered by the backend into index.html, so the
 * window paints it before the app's code has loaded (electron/backend/start-page.ts), and
 * what the window makes of that page (renderer/app/start-data.ts). The built renderer
 * (dist/, `npm run build`) is what the app ships, so the page is made from it.
 */

const rendererDir = path.resolve('dist/renderer');
const groupFields = (name: string) => ({ name, schools: ['Maple Elementary'], subject: 'Mathematics', gradeBand: '5', researchTheme: '', norms: [], members: [] });

const recordingLog = () => {
  const events: Array<{ name: string; fields?: LogFields }> = [];
  const log: AppLog = { event: (name, fields) => void events.push({ name, fields }) };
  return { log, events };
};

const hosts: Host[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
});

const openHost = async (prepare?: (settings: Settings) => void) => {
  const userData = await tempDir();
  const settings = createSettings(createMemoryStore());
  prepare?.(settings);
  const host = await createHost({
    settings,
    effects: noEffects,
    defaultWorkspaceDir: path.join(userData, 'workspace'),
    samplesDir: path.join(userData, 'samples'),
    sampleSourceDir: path.join(userData, 'no-sample'),
  });
  hosts.push(host);
  return { host, userData, settings };
};

const source = async (): Promise<StartPageSource> => {
  const loaded = await loadStartPageSource(rendererDir, recordingLog().log);
  if (!loaded) throw new Error('dist/renderer or dist/start-page is missing: run `npm run build` first.');
  return loaded;
};

/** The JSON data block of a start page, as the window reads it. */
const answersIn = (page: string): unknown => {
  const block = /<script type="application\/json" id="start-answers">([\s\S]*?)<\/script>/.exec(page);
  if (!block) throw new Error('no answers in the page');
  return JSON.parse(block[1]);
};

describe("the window's start page", () => {
  it('draws the groups list into the page, with the answers it was drawn from beside it', async () => {
    const { host } = await openHost();
    await host.service.createGroup(groupFields('Grade 5 fractions'));
    await host.service.createGroup(groupFields('Grade 3 reading'));

    const page = await composeStartPage(await source(), host.service, recordingLog().log);

    expect(page).not.toBeNull();
    const root = /<div id="root" data-app-state="loading">([\s\S]*?)<\/div><script type="application\/json"/.exec(page!)?.[1] ?? '';
    expect(root).toContain('<ul class="card-list" aria-label="Groups in this workspace">');
    expect(root).toContain('Grade 5 fractions');
    expect(root).toContain('Grade 3 reading');
    // Links as the window's HashRouter writes them.
    const [first] = await host.service.listGroups({});
    expect(root).toContain(`href="#/groups/${first.id}"`);
    expect(answersIn(page!)).toEqual({
      workspace: JSON.parse(JSON.stringify(await host.service.getWorkspace({}))),
      preferences: JSON.parse(JSON.stringify(await host.service.getPreferences({}))),
      groups: JSON.parse(JSON.stringify(await host.service.listGroups({}))),
    });
  });

  it("is in the user's language and theme from its first frame, as the app sets them on <html>", async () => {
    const dark = await openHost((settings) => {
      settings.set('uiLanguage', 'ja');
      settings.set('theme', 'dark');
    });
    const page = (await composeStartPage(await source(), dark.host.service, recordingLog().log))!;
    expect(page).toContain('<html lang="ja" data-theme="dark">');
    expect(page).toContain('授業研究グループ');

    const system = await openHost();
    const plain = (await composeStartPage(await source(), system.host.service, recordingLog().log))!;
    expect(plain).toContain('<html lang="en">');
    expect(plain).not.toContain('data-theme');
  });

  it("keeps a group's name as text: no markup, no script, no replacement pattern gets through", async () => {
    const { host } = await openHost();
    const hostile = `</script><script>alert(1)</script><!-- $& $' $\` <b>bold</b>`;
    await host.service.createGroup(groupFields(hostile));

    const page = (await composeStartPage(await source(), host.service, recordingLog().log))!;

    // Only the page's own two scripts: the loader and the data block.
    expect(page.match(/<script/g)).toHaveLength(2);
    expect(page).not.toContain('<b>bold</b>');
    expect(page).not.toContain('<!-- $&');
    expect(page).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!-- $&amp; $&#x27; $` &lt;b&gt;bold&lt;/b&gt;');
    expect((answersIn(page) as StartAnswers).groups[0].name).toBe(hostile);
  });

  it('loads the app after the first frame: no module preloads, the app code behind the loader', async () => {
    const index = await readFile(path.join(rendererDir, 'index.html'), 'utf8');
    const entry = /<script type="module" crossorigin src="([^"]+)"><\/script>/.exec(index)?.[1];
    expect(entry).toMatch(/^\.\/assets\/index-[\w-]+\.js$/);
    expect(index).toContain('rel="modulepreload"');

    const page = loadedAfterFirstPaint(index)!;

    expect(page).not.toContain('modulepreload');
    expect(page).toContain(`<script type="module" src="./after-first-paint.js" data-app-code="${entry}"></script>`);
    expect(page).not.toContain(`crossorigin src="${entry}"`);
    // The styles still come with the page: the list is drawn styled.
    expect(page).toMatch(/<link rel="stylesheet" crossorigin href="\.\/assets\/index-[\w-]+\.css">/);
    expect(loadedAfterFirstPaint('<html><body><div id="root"></div></body></html>')).toBeNull();
  });

  it('is not made when the window will open another screen, or an answer fails', async () => {
    const restoring = await openHost((settings) => settings.set('lastView', '/groups/some-group'));
    expect(await composeStartPage(await source(), restoring.host.service, recordingLog().log)).toBeNull();

    const { host } = await openHost();
    const failing: Partial<BackendService> = {
      ...host.service,
      listGroups: async () => {
        throw new Error('disk gone');
      },
    };
    expect(await composeStartPage(await source(), failing, recordingLog().log)).toBeNull();
    // Without a service at all, nothing is made either.
    expect(await composeStartPage(await source(), {}, recordingLog().log)).toBeNull();
  });

  it('gives up on a renderer that throws, logging the error without the data it was drawing', async () => {
    const { host } = await openHost();
    await host.service.createGroup(groupFields('Secret group name'));
    const { log, events } = recordingLog();
    const broken: StartPageSource = {
      ...(await source()),
      render: async (answers) => {
        throw new TypeError(`cannot draw ${answers.groups[0].name}`);
      },
    };

    expect(await composeStartPage(broken, host.service, log)).toBeNull();

    expect(events).toEqual([{ name: 'start-page-failed', fields: { error: 'TypeError' } }]);
    expect(JSON.stringify(events)).not.toContain('Secret group name');
  });

  it('is unavailable, and says so in the log, when the built renderer lacks the start page', async () => {
    const folder = await tempDir();
    const { log, events } = recordingLog();
    await writeFile(path.join(folder, 'index.html'), await readFile(path.join(rendererDir, 'index.html'), 'utf8'));
    expect(await loadStartPageSource(folder, log)).toBeNull();
    expect(events.map((event) => event.name)).toEqual(['start-page-unavailable']);

    // A page without the app's empty root cannot be filled.
    const moduleFile = path.resolve('dist/start-page/render.mjs');
    await writeFile(path.join(folder, 'index.html'), '<script type="module" crossorigin src="./assets/index-x.js"></script><div id="root"></div>');
    expect(await loadStartPageSource(folder, log, moduleFile)).toBeNull();
    expect(await loadStartPageSource(rendererDir, log, moduleFile)).not.toBeNull();
  });
});

describe('the start screen, rendered', () => {
  const answers = (preferences: Partial<StartAnswers['preferences']> = {}): StartAnswers => ({
    workspace: { name: 'workspace', path: '/tmp/workspace', readOnly: false, isSample: false } as StartAnswers['workspace'],
    preferences: { uiLanguage: 'en', theme: 'system', lastView: '/', tourDismissed: true, welcomed: true, ...preferences } as StartAnswers['preferences'],
    groups: [{ id: 'g1', name: 'Grade 5 fractions', subject: 'Mathematics', gradeBand: '5', schools: [], memberCount: 4, updatedAt: '2026-11-27T09:00:00.000Z' }],
  });

  it('in the language of the preferences', async () => {
    const english = await renderStartScreen(answers());
    expect(english).toContain('<h1 id="page-title">Lesson study groups</h1>');
    expect(english).toContain('4 members');
    const japanese = await renderStartScreen(answers({ uiLanguage: 'ja' }));
    expect(japanese).toContain('<h1 id="page-title">授業研究グループ</h1>');
    expect(japanese).toContain('aria-label="このワークスペースのグループ"');
    // Back again: the shared language follows each render.
    expect(await renderStartScreen(answers())).toContain('Lesson study groups');
  });

  it('not at all when a last view is to be restored, but for one that names no screen', async () => {
    expect(await renderStartScreen(answers({ lastView: '/groups/g1' }))).toBeNull();
    expect(await renderStartScreen(answers({ lastView: '/no/such/screen' }))).toContain('Grade 5 fractions');
  });
});

describe("the window's file handler", () => {
  const appUrl = 'file:///opt/Lesson%20Study/dist/renderer/index.html';
  const disk = (request: Request) => Promise.resolve(new Response(`from disk: ${request.url}`));

  it('gives the window its start page, and every other file from disk', async () => {
    const handle = windowPageHandler(appUrl, async () => '<p>start page</p>', disk);
    const page = await handle(new Request(appUrl));
    expect(await page.text()).toBe('<p>start page</p>');
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const script = 'file:///opt/Lesson%20Study/dist/renderer/assets/index-a1.js';
    expect(await (await handle(new Request(script))).text()).toBe(`from disk: ${script}`);
    expect(await (await handle(new Request(`${appUrl}?reload=1`))).text()).toBe(`from disk: ${appUrl}?reload=1`);
  });

  it('gives the plain page from disk when no start page can be made', async () => {
    expect(await (await windowPageHandler(appUrl, async () => null, disk)(new Request(appUrl))).text()).toBe(`from disk: ${appUrl}`);
    const failing = windowPageHandler(appUrl, () => Promise.reject(new Error('backend gone')), disk);
    expect(await (await failing(new Request(appUrl))).text()).toBe(`from disk: ${appUrl}`);
  });
});

describe("the window's reading of its page", () => {
  const pageWith = (text: string | null) => ({ getElementById: (id: string) => (id === 'start-answers' && text !== null ? ({ textContent: text } as HTMLElement) : null) });
  const good = { workspace: { name: 'w' }, preferences: { uiLanguage: 'ja' }, groups: [] };

  it('takes the answers a start page carries, on the start route only', () => {
    expect(embeddedStartAnswers(pageWith(JSON.stringify(good)), '')).toEqual(good);
    expect(embeddedStartAnswers(pageWith(JSON.stringify(good)), '#/')).toEqual(good);
    // A reload on another screen: that screen is drawn, not the start page hydrated.
    expect(embeddedStartAnswers(pageWith(JSON.stringify(good)), '#/groups/g1')).toBeNull();
  });

  it('draws itself from a plain page, or one whose answers cannot be read', () => {
    expect(embeddedStartAnswers(pageWith(null), '')).toBeNull();
    expect(embeddedStartAnswers(pageWith('{"workspace":'), '')).toBeNull();
    expect(embeddedStartAnswers(pageWith('null'), '')).toBeNull();
    expect(embeddedStartAnswers(pageWith(JSON.stringify({ ...good, groups: 'all' })), '')).toBeNull();
    expect(embeddedStartAnswers(pageWith(JSON.stringify({ ...good, preferences: undefined })), '')).toBeNull();
  });
});
