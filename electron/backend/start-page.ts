import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BackendService } from '../../shared/contract';
import { EMPTY_ROOT, PAGE_ELEMENT, START_ANSWERS_ID, type StartAnswers } from '../../shared/contract/start-page';
import { dispatch } from '../dispatch';
import type { AppLog } from './log';

/** renderer/app/start-page.tsx as Vite built it: the start screen's HTML, or null when the window opens elsewhere. */
export type RenderStartScreen = (answers: StartAnswers) => Promise<string | null>;

export interface StartPageSource {
  /** The app's index.html, with its empty root. */
  template: string;
  render: RenderStartScreen;
}

/** Where `npm run build:renderer` puts the start screen's renderer, beside the renderer's own folder. */
export const startScreenModule = (rendererDir: string): string => path.join(rendererDir, '..', 'start-page', 'render.mjs');

/** The start page's script (renderer/after-first-paint.ts), beside index.html. */
export const AFTER_FIRST_PAINT = './after-first-paint.js';

/**
 * The page as the start page needs it: the app's code loaded after the list is drawn. The
 * start page is painted from its HTML before the app's code runs, but Chromium fetches and
 * compiles a page's module scripts and `<link rel="modulepreload">`s before it draws the
 * first frame (in a trace: the list in the DOM at 60 ms, drawn at 300 ms). So the preloads
 * go, and the app's module script becomes renderer/after-first-paint.ts, which adds it
 * once the first frame is drawn. Null for a page without the app's module script.
 */
export const loadedAfterFirstPaint = (page: string): string | null => {
  const app = /<script type="module" crossorigin src="([^"]+)"><\/script>/.exec(page);
  if (!app) return null;
  return page
    .replace(/[ \t]*<link rel="modulepreload"[^>]*>\r?\n?/g, '')
    .replace(app[0], () => `<script type="module" src="${AFTER_FIRST_PAINT}" data-app-code="${app[1]}"></script>`);
};

/**
 * The page and the renderer the start page is made of, loaded once. Null when either is
 * missing or broken (a renderer built before the start page existed): the window then
 * gets the plain index.html and draws itself, as before.
 */
export const loadStartPageSource = async (rendererDir: string, log: AppLog, moduleFile = startScreenModule(rendererDir)): Promise<StartPageSource | null> => {
  try {
    const [template, module] = await Promise.all([
      readFile(path.join(rendererDir, 'index.html'), 'utf8'),
      import(pathToFileURL(moduleFile).href) as Promise<{ renderStartScreen?: unknown }>,
    ]);
    const startTemplate = loadedAfterFirstPaint(template);
    if (typeof module.renderStartScreen !== 'function' || !startTemplate?.includes(EMPTY_ROOT) || !startTemplate.includes(PAGE_ELEMENT)) throw new Error('not the start page this app expects');
    return { template: startTemplate, render: module.renderStartScreen as RenderStartScreen };
  } catch (error) {
    log.event('start-page-unavailable', { reason: error instanceof Error ? error.message.slice(0, 200) : 'unknown' });
    return null;
  }
};

/** JSON that can sit inside a `<script>` element: no `<` can end it or open a comment. */
const scriptSafeJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * The window's first page: index.html with the start screen rendered into its root and
 * the answers it was rendered from beside it, as a JSON data block (never run; the page's
 * CSP allows no inline script), so React hydrates the same screen from the same answers.
 * Null when the page cannot be made (an answer failed, the window opens on another
 * screen, the renderer threw): the window gets the plain index.html, and its own start
 * path asks again and says what went wrong. Student text is never logged.
 */
export const composeStartPage = async (source: StartPageSource, service: Partial<BackendService>, log: AppLog): Promise<string | null> => {
  try {
    const [workspace, preferences, groups] = await Promise.all([
      dispatch(service, 'getWorkspace', {}),
      dispatch(service, 'getPreferences', {}),
      dispatch(service, 'listGroups', {}),
    ]);
    if (!workspace.ok || !preferences.ok || !groups.ok) return null;
    const answers = { workspace: workspace.value, preferences: preferences.value, groups: groups.value } as StartAnswers;
    const screen = await source.render(answers);
    if (screen === null) return null;
    // The language and the theme as the app sets them on <html> (useApplyPreferences): a dark window is never drawn light first.
    const { uiLanguage, theme } = answers.preferences;
    const page = `<html lang="${uiLanguage}"${theme === 'system' ? '' : ` data-theme="${theme}"`}>`;
    const filled = `<div id="root" data-app-state="loading">${screen}</div><script type="application/json" id="${START_ANSWERS_ID}">${scriptSafeJson(answers)}</script>`;
    // A function, so "$&" or "$'" in a group's name is text, not a replacement pattern.
    return source.template.replace(PAGE_ELEMENT, () => page).replace(EMPTY_ROOT, () => filled);
  } catch (error) {
    log.event('start-page-failed', { error: error instanceof Error ? error.name : 'unknown' });
    return null;
  }
};
