/**
 * Guards for the one window we show. Each takes the Electron object it hardens as an
 * argument (typed by the few members it touches), so the rules are unit-tested
 * without Electron — the pattern of Actual Budget's `openExternalUrl(value, open)`.
 */

export type OpenExternal = (url: string) => unknown;

/** Only web links leave the app, and only to the system browser. */
export const isSafeExternalUrl = (value: unknown): value is string => {
  if (typeof value !== 'string' || value.length > 4096) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
};

/** Opens `value` in the system browser if it is a web link; returns whether it did. */
export const openExternalUrl = (value: unknown, open: OpenExternal): boolean => {
  if (!isSafeExternalUrl(value)) return false;
  // openExternal rejects when no browser is registered; there is nobody to tell but the log.
  Promise.resolve(open(value)).catch((error: unknown) => console.warn('Could not open link in the browser:', error));
  return true;
};

/**
 * Percent-decodes what is a valid escape and keeps the rest as written. A folder named
 * "100%" gives a path with a bare "%", on which `decodeURIComponent` throws — which
 * used to refuse every request of an app installed in such a folder.
 */
const decodePath = (pathname: string): string =>
  pathname.replace(/(?:%[0-9A-Fa-f]{2})+/g, (escapes) => {
    try {
      return decodeURIComponent(escapes);
    } catch {
      return escapes;
    }
  });

/**
 * The same page as the app's own `index.html`, whatever route (hash or query) it shows.
 * Main loads the window from `appUrl` itself, so the frame's URL is normally identical;
 * decoded paths are compared too, as a loader may percent-encode a few characters
 * differently.
 */
export const isAppUrl = (candidate: string | null | undefined, appUrl: string): boolean => {
  if (!candidate) return false;
  let target: URL;
  let app: URL;
  try {
    target = new URL(candidate);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (target.protocol !== 'file:' || app.protocol !== 'file:' || target.host !== app.host) return false;
  return target.pathname === app.pathname || decodePath(target.pathname) === decodePath(app.pathname);
};

/**
 * IPC is answered only for the app's own page. A frame that navigated elsewhere
 * (another file, a web page, about:blank) or no longer exists gets nothing.
 */
export const isTrustedSender = (frameUrl: string | null | undefined, appUrl: string): boolean =>
  isAppUrl(frameUrl, appUrl);

export type WindowOpenAction = { action: 'deny' };

/** `webContents.setWindowOpenHandler`: no new windows; web links go to the browser. */
export const denyWindowOpen =
  (open: OpenExternal) =>
  ({ url }: { url: string }): WindowOpenAction => {
    openExternalUrl(url, open);
    return { action: 'deny' };
  };

export interface PreventableEvent {
  preventDefault(): void;
}

/** Electron's `will-navigate` event: the target is `details.url` (the second argument is deprecated). */
export interface NavigationEvent extends PreventableEvent {
  url: string;
}

/**
 * `will-navigate`: the window only ever shows the app. A clicked web link opens in the
 * browser instead of replacing the app (and its preload API) with a web page.
 */
export const guardNavigation =
  (appUrl: string, open: OpenExternal) =>
  (details: NavigationEvent): void => {
    if (isAppUrl(details.url, appUrl)) return;
    details.preventDefault();
    openExternalUrl(details.url, open);
  };

/** `will-attach-webview`: a webview would be a second, unguarded browser. */
export const blockWebview = (event: PreventableEvent): void => {
  event.preventDefault();
};

/**
 * The app needs no camera, microphone, notifications, geolocation… so none is granted —
 * except full screen, which the plan's projector mode asks for (and which the user
 * leaves with Esc).
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['fullscreen']);

export const decidePermissionRequest = (
  _webContents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
): void => callback(ALLOWED_PERMISSIONS.has(permission));

export const decidePermissionCheck = (_webContents: unknown, permission: string): boolean => ALLOWED_PERMISSIONS.has(permission);

/** The parts of `webContents` the guards attach to. */
export interface GuardableContents {
  setWindowOpenHandler(handler: (details: { url: string }) => WindowOpenAction): void;
  on(event: 'will-navigate', listener: (details: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
}

export interface GuardableSession {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
}

/** Called from `app.on('web-contents-created')`, so every web contents is covered. */
export const hardenWebContents = (contents: GuardableContents, appUrl: string, open: OpenExternal): void => {
  contents.setWindowOpenHandler(denyWindowOpen(open));
  contents.on('will-navigate', guardNavigation(appUrl, open));
  contents.on('will-attach-webview', blockWebview);
};

export const restrictPermissions = (session: GuardableSession): void => {
  session.setPermissionRequestHandler(decidePermissionRequest);
  session.setPermissionCheckHandler(decidePermissionCheck);
};
