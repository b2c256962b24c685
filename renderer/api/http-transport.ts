import type { LessonStudyApi } from '../../shared/contract';
import type { BackendEvent, BackendEventSource, MenuAction, MenuActionSource } from '../../shared/contract/app';
import { toBackendEvent } from '../../shared/contract/backend-events';
import { API_GLOBAL, CHANNEL_NAMES, FILE_OPENING_CHANNELS, type BrowserShell } from '../../shared/contract/names';
import type { AppError, Result } from '../../shared/result';

const TOKEN_PREFIX = '#token=';

const failure = (code: AppError['code'], message: string): Result<never> => ({ ok: false, error: { code, message } });

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json', ...headers }, body });

/** A mangled link must not stop the app from starting; the server refuses the token instead. */
const safeDecode = (text: string): string => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/** The page's side of a save dialog: the browser downloads what the call saved. */
const download = ({ id, name }: { id: string; name: string }) => {
  const link = document.createElement('a');
  link.href = `/download/${encodeURIComponent(id)}`;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
};

/** The page's side of an open dialog: the browser's file picker; [] when cancelled. */
const pickFiles = ({ accept, multiple }: { accept: readonly string[]; multiple: boolean }): Promise<File[]> =>
  new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept.join(',');
    input.multiple = multiple;
    input.hidden = true;
    const done = (files: File[]) => {
      input.remove();
      resolve(files);
    };
    input.addEventListener('change', () => done([...(input.files ?? [])]), { once: true });
    input.addEventListener('cancel', () => done([]), { once: true });
    document.body.append(input);
    input.click();
  });

const upload = async (file: File): Promise<Result<{ id: string }>> => {
  let response: Response;
  try {
    response = await fetch('/upload', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(file.name) },
      body: file,
    });
  } catch {
    return failure('io', `“${file.name}” could not be sent to Lesson Study: is it still running?`);
  }
  try {
    return (await response.json()) as Result<{ id: string }>;
  } catch {
    return failure('internal', `Lesson Study answered the upload of “${file.name}” with something unreadable (HTTP ${response.status}).`);
  }
};

/** One contract call over the backend's HTTP door (electron/backend/doors/http-door.ts). */
const call = async (name: string, request: unknown, headers: Record<string, string> = {}): Promise<Result<unknown>> => {
  let response: Response;
  try {
    // JSON has no `undefined`; an empty body is read as it on the other side.
    response = await post(`/api/${name}`, request === undefined ? '' : JSON.stringify(request), headers);
  } catch {
    return failure('io', 'Lesson Study is not running any more: start it again and reload this page.');
  }
  if (response.status === 401) {
    return failure('forbidden', 'This tab is not signed in to Lesson Study: open the link it printed when it started.');
  }
  let answer: Result<unknown> & { downloads?: Array<{ id: string; name: string }> };
  try {
    answer = (await response.json()) as typeof answer;
  } catch {
    return failure('internal', `The app answered ${name} with something unreadable (HTTP ${response.status}).`);
  }
  const { downloads = [], ...result } = answer;
  for (const file of downloads) download(file);
  return result as Result<unknown>;
};

/**
 * A channel whose backend would show an open dialog: the file picker here, each chosen
 * file uploaded, then the call naming them. A cancelled picker makes the call without
 * files, which the backend answers as it answers a cancelled dialog.
 */
const callWithFiles = async (name: string, request: unknown, picker: { accept: readonly string[]; multiple: boolean }): Promise<Result<unknown>> => {
  const ids: string[] = [];
  for (const file of await pickFiles(picker)) {
    const sent = await upload(file);
    if (!sent.ok) return sent;
    ids.push(sent.value.id);
  }
  return call(name, request, ids.length ? { 'x-lesson-study-uploads': ids.join(',') } : {});
};

/** What the event line needs of a browser WebSocket. */
export interface EventSocket {
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'open' | 'close', listener: () => void): void;
}

export interface EventLineOptions {
  /** Opens the socket (`new WebSocket(url)` in the page). */
  open: () => EventSocket;
  deliver: (event: BackendEvent) => void;
  /** setTimeout in the page; tests run the timers themselves. */
  later?: (run: () => void, ms: number) => void;
}

/** The waits before each new try after a drop: quick at first, then every 10 s while the server is away. */
export const RECONNECT_DELAYS_MS = [500, 1000, 2000, 5000, 10_000] as const;

/**
 * The page's line for what the backend pushes (the door's `/events` WebSocket; the session
 * cookie goes with it as with every request). After a drop — the server stopped, the
 * laptop slept — it tries again, waiting longer each time, silently: a tab that misses
 * events only shows older data until the line is back, and then it hears `reconnected`.
 */
export const openEventLine = ({ open, deliver, later = (run, ms) => void setTimeout(run, ms) }: EventLineOptions): void => {
  let failures = 0;
  let everOpened = false;
  const connect = () => {
    const socket = open();
    let opened = false;
    socket.addEventListener('open', () => {
      opened = true;
      failures = 0;
      if (everOpened) deliver({ type: 'reconnected' });
      everOpened = true;
    });
    socket.addEventListener('message', ({ data }) => {
      if (typeof data !== 'string') return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(data);
      } catch {
        return;
      }
      const event = toBackendEvent(parsed);
      if (event) deliver(event);
    });
    // 'close' follows 'error' too, so this one handler covers a refused or dropped line.
    socket.addEventListener('close', () => {
      if (!opened) failures += 1;
      later(connect, RECONNECT_DELAYS_MS[Math.min(failures, RECONNECT_DELAYS_MS.length - 1)]);
    });
  };
  connect();
};

const menuListeners = new Set<(action: MenuAction) => void>();

/** The app's own menu bar (browser only) sends its commands the way the native menu does. */
export const sendMenuAction = (action: MenuAction): void => {
  for (const listener of menuListeners) listener(action);
};

/**
 * In a browser there is no preload: install the same `window.lessonStudy` the preload
 * exposes in Electron (one named function per channel, plus `onMenuAction` and
 * `onBackendEvent`), carried over HTTP and the door's WebSocket. The app's own menu bar
 * replaces the native one and sends its commands through `sendMenuAction`. In Electron, and in the e2e harness that injects its own bridge, this does nothing.
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
  const channels = Object.fromEntries(
    CHANNEL_NAMES.map((name) => {
      const picker = FILE_OPENING_CHANNELS[name];
      return [name, (request: unknown) => (picker ? callWithFiles(name, request, picker) : call(name, request))];
    }),
  ) as LessonStudyApi;
  const menu: MenuActionSource = {
    onMenuAction: (listener) => {
      menuListeners.add(listener);
      return () => menuListeners.delete(listener);
    },
  };
  const eventListeners = new Set<(event: BackendEvent) => void>();
  openEventLine({
    open: () => new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/events`),
    deliver: (event) => {
      for (const listener of [...eventListeners]) listener(event);
    },
  });
  const events: BackendEventSource = {
    onBackendEvent: (listener) => {
      eventListeners.add(listener);
      return () => void eventListeners.delete(listener);
    },
  };
  const shell: BrowserShell = {
    shell: 'browser',
    chooseWorkspaceFolderAt: (folder) =>
      call('chooseWorkspaceFolder', {}, { 'x-lesson-study-folder': encodeURIComponent(folder) }) as ReturnType<BrowserShell['chooseWorkspaceFolderAt']>,
  };
  Object.defineProperty(window, API_GLOBAL, {
    value: Object.freeze({ ...channels, ...menu, ...events, ...shell } satisfies LessonStudyApi & MenuActionSource & BackendEventSource & BrowserShell),
    writable: false,
  });
};
