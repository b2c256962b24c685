import type { Page } from '@playwright/test';
import { API_GLOBAL, channelNames } from '../../../shared/contract';
import type { Result } from '../../../shared/result';

/**
 * Connect a page to a backend the way the preload connects the Electron window: an init
 * script installs `window.lessonStudy` with one named function per contract channel, and
 * `page.exposeBinding` carries each call to `call` in this process. Only the transport
 * differs from Electron. Also installs the preload's `onMenuAction` subscription, which
 * tests fire through `window.__lessonStudyMenuAction`.
 */
export const connectPageToBackend = async (
  page: Page,
  call: (name: string, payload: unknown) => Promise<Result<unknown>> | Result<unknown>,
): Promise<void> => {
  await page.exposeBinding('__lessonStudyBridge', (_source, name: string, payload: unknown) => call(name, payload));
  // Given as source text, not a function: a transpiler (tsx, for the benchmarks) may add
  // helper calls to a function's body that do not exist in the page.
  await page.addInitScript(`(() => {
    const names = ${JSON.stringify(channelNames)};
    const bridge = window.__lessonStudyBridge;
    const api = {};
    for (const name of names) api[name] = (request) => bridge(name, request);
    const menuListeners = new Set();
    api.onMenuAction = (listener) => {
      menuListeners.add(listener);
      return () => void menuListeners.delete(listener);
    };
    Object.defineProperty(window, '__lessonStudyMenuAction', {
      value: (action) => menuListeners.forEach((listener) => listener(action)),
    });
    Object.defineProperty(window, ${JSON.stringify(API_GLOBAL)}, { value: Object.freeze(api), writable: false });
  })();`);
};
