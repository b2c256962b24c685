import { API_GLOBAL, channelNames, type LessonStudyApi } from '../../shared/contract';
import type { MenuActionSource } from '../../shared/contract/app';
import type { AppError, Result } from '../../shared/result';

const TOKEN_PREFIX = '#token=';

const failure = (code: AppError['code'], message: string): Result<never> => ({ ok: false, error: { code, message } });

const post = (url: string, body: string) =>
  fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body });

/** A mangled link must not stop the app from starting; the server refuses the token instead. */
const safeDecode = (text: string): string => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/** One contract call over the backend's HTTP door (electron/backend/doors/http-door.ts). */
const call = async (name: string, request: unknown): Promise<Result<unknown>> => {
  let response: Response;
  try {
    // JSON has no `undefined`; an empty body is read as it on the other side.
    response = await post(`/api/${name}`, request === undefined ? '' : JSON.stringify(request));
  } catch {
    return failure('io', 'Lesson Study is not running any more: start it again and reload this page.');
  }
  if (response.status === 401) {
    return failure('forbidden', 'This tab is not signed in to Lesson Study: open the link it printed when it started.');
  }
  try {
    return (await response.json()) as Result<unknown>;
  } catch {
    return failure('internal', `The app answered ${name} with something unreadable (HTTP ${response.status}).`);
  }
};

/**
 * In a browser there is no preload: install the same `window.lessonStudy` the preload
 * exposes in Electron (one named function per channel, plus `onMenuAction`), carried over
 * HTTP. The app's own menu bar replaces the native one, so no menu command ever arrives.
 * In Electron, and in the e2e harness that injects its own bridge, this does nothing.
 */
export const installHttpTransport = async (): Promise<void> => {
  if ((window as unknown as Record<string, unknown>)[API_GLOBAL]) return;
  if (location.hash.startsWith(TOKEN_PREFIX)) {
    const token = safeDecode(location.hash.slice(TOKEN_PREFIX.length));
    // Out of the address bar and the history before anything else, so it is never bookmarked or shared.
    history.replaceState(history.state, '', `${location.pathname}${location.search}#/`);
    // A refused token is not fatal here: the first request answers with what to do.
    await post('/session', JSON.stringify({ token })).catch(() => undefined);
  }
  const channels = Object.fromEntries(channelNames.map((name) => [name, (request: unknown) => call(name, request)])) as LessonStudyApi;
  const menu: MenuActionSource = { onMenuAction: () => () => undefined };
  Object.defineProperty(window, API_GLOBAL, {
    value: Object.freeze({ ...channels, ...menu } satisfies LessonStudyApi & MenuActionSource),
    writable: false,
  });
};
