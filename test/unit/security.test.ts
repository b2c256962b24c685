import { describe, expect, it, vi } from 'vitest';
import {
  blockWebview,
  decidePermissionCheck,
  decidePermissionRequest,
  denyWindowOpen,
  guardNavigation,
  hardenWebContents,
  isAppUrl,
  isSafeExternalUrl,
  isTrustedSender,
  openExternalUrl,
  restrictPermissions,
  type GuardableContents,
  type NavigationEvent,
  type PreventableEvent,
} from '../../electron/security';
import { pathToFileURL } from 'node:url';

const appUrl = 'file:///opt/Lesson%20Study/resources/app.asar/dist/renderer/index.html';

const fakeEvent = () => {
  const event = { preventDefault: vi.fn() } satisfies PreventableEvent;
  return event;
};

/** Electron's will-navigate details: the URL travels on the event. */
const navigation = (url: string) => ({ preventDefault: vi.fn(), url }) satisfies NavigationEvent;

describe('isSafeExternalUrl', () => {
  it.each(['https://example.org/lesson-study', 'http://example.org', 'HTTPS://EXAMPLE.ORG/a?b#c'])('accepts %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true);
  });

  it.each([
    ['file URL', 'file:///etc/passwd'],
    ['javascript URL', 'javascript:alert(1)'],
    ['data URL', 'data:text/html,<script>alert(1)</script>'],
    ['custom scheme', 'ms-msdt:/id PCWDiagnostic'],
    ['smb share', 'smb://server/share'],
    ['relative path', '/relative/path'],
    ['not a URL', 'not a url'],
    ['empty', ''],
    ['overlong', `https://example.org/${'a'.repeat(5000)}`],
  ])('rejects a %s', (_label, url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });

  it.each([undefined, null, 42, {}, ['https://example.org'], { toString: () => 'https://example.org' }])(
    'rejects non-string %j',
    (value) => {
      expect(isSafeExternalUrl(value)).toBe(false);
    },
  );
});

describe('openExternalUrl', () => {
  it('opens a web link with the injected opener', () => {
    const open = vi.fn(async () => undefined);
    expect(openExternalUrl('https://example.org', open)).toBe(true);
    expect(open).toHaveBeenCalledWith('https://example.org');
  });

  it('never calls the opener for anything else', () => {
    const open = vi.fn();
    for (const value of ['file:///etc/passwd', 'javascript:alert(1)', 42, undefined]) {
      expect(openExternalUrl(value, open)).toBe(false);
    }
    expect(open).not.toHaveBeenCalled();
  });

  it('survives an opener that rejects', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const open = vi.fn(async () => {
      throw new Error('no browser');
    });
    expect(openExternalUrl('https://example.org', open)).toBe(true);
    await vi.waitFor(() => expect(warn).toHaveBeenCalled(), { timeout: 10_000 });
    warn.mockRestore();
  });
});

describe('isTrustedSender / isAppUrl', () => {
  it('trusts the app page, whatever route it shows', () => {
    expect(isTrustedSender(appUrl, appUrl)).toBe(true);
    expect(isTrustedSender(`${appUrl}#/groups/123`, appUrl)).toBe(true);
    expect(isTrustedSender(`${appUrl}?view=plan`, appUrl)).toBe(true);
  });

  it('tolerates different percent-encoding of the same path', () => {
    expect(isTrustedSender('file:///opt/Lesson Study/resources/app.asar/dist/renderer/index.html', appUrl)).toBe(true);
  });

  it.each([
    ['another file in the same folder', 'file:///opt/Lesson%20Study/resources/app.asar/dist/renderer/other.html'],
    ['a file elsewhere', 'file:///tmp/index.html'],
    ['a traversal that lands elsewhere', 'file:///opt/Lesson%20Study/resources/app.asar/dist/renderer/../index.html'],
    ['a web origin', 'https://example.org/dist/renderer/index.html'],
    ['a dev server', 'http://localhost:5173/'],
    ['about:blank', 'about:blank'],
    ['a data URL', 'data:text/html,hi'],
    ['an empty URL', ''],
    ['a file URL on a network host', 'file://evil-host/opt/Lesson%20Study/resources/app.asar/dist/renderer/index.html'],
  ])('rejects %s', (_label, url) => {
    expect(isTrustedSender(url, appUrl)).toBe(false);
  });

  it.each([
    ['a percent sign', '/home/kim/100% lessons/app'],
    ['a percent sign before hex digits', '/home/kim/%41 notes/app'],
    ['a hash and a question mark', '/home/kim/#1 ? group/app'],
    ['Japanese', '/home/佐藤/授業研究/app'],
  ])('trusts the app installed in a folder whose name has %s', (_label, folder) => {
    // Main loads the window from this URL; Chromium keeps its canonical encoding.
    const installed = pathToFileURL(`${folder}/dist/renderer/index.html`).href;
    const frameUrl = new URL(`${installed}#/groups/1`).href;
    expect(isTrustedSender(frameUrl, installed)).toBe(true);
    // A sibling page in that folder does not.
    expect(isTrustedSender(pathToFileURL(`${folder}/dist/renderer/other.html`).href, installed)).toBe(false);
  });

  it('matches a bare percent sign left unencoded by a loader (decodeURIComponent would throw on it)', () => {
    const installed = pathToFileURL('/home/kim/100% lessons/dist/renderer/index.html').href;
    expect(isTrustedSender('file:///home/kim/100%%20lessons/dist/renderer/index.html', installed)).toBe(true);
    expect(isTrustedSender('file:///home/kim/100%%20lessons/dist/renderer/other.html', installed)).toBe(false);
  });

  it('rejects a missing frame', () => {
    expect(isTrustedSender(null, appUrl)).toBe(false);
    expect(isTrustedSender(undefined, appUrl)).toBe(false);
  });

  it('trusts nothing when the app URL itself is not a file URL', () => {
    expect(isAppUrl('http://localhost/', 'http://localhost/')).toBe(false);
    expect(isAppUrl('file:///a', 'not a url')).toBe(false);
  });
});

describe('window.open', () => {
  it('is always denied; web links go to the browser instead', () => {
    const open = vi.fn();
    const handler = denyWindowOpen(open);
    expect(handler({ url: 'https://example.org' })).toEqual({ action: 'deny' });
    expect(open).toHaveBeenCalledWith('https://example.org');
  });

  it('does not open anything for other schemes', () => {
    const open = vi.fn();
    const handler = denyWindowOpen(open);
    expect(handler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(handler({ url: appUrl })).toEqual({ action: 'deny' });
    expect(open).not.toHaveBeenCalled();
  });
});

describe('will-navigate', () => {
  it('lets the app navigate within its own page', () => {
    const open = vi.fn();
    const event = navigation(`${appUrl}#/groups`);
    guardNavigation(appUrl, open)(event);
    expect(event.preventDefault).not.toHaveBeenCalled();
    expect(open).not.toHaveBeenCalled();
  });

  it('keeps the window on the app and sends web links to the browser', () => {
    const open = vi.fn();
    const event = navigation('https://example.org/');
    guardNavigation(appUrl, open)(event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(open).toHaveBeenCalledWith('https://example.org/');
  });

  it.each(['file:///etc/passwd', 'about:blank', 'javascript:alert(1)'])('blocks %s without opening it', (url) => {
    const open = vi.fn();
    const event = navigation(url);
    guardNavigation(appUrl, open)(event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(open).not.toHaveBeenCalled();
  });
});

describe('webviews and permissions', () => {
  it('blocks every webview', () => {
    const event = fakeEvent();
    blockWebview(event);
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('denies every permission request and check but full screen', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'pointerLock', 'display-capture']) {
      const callback = vi.fn();
      decidePermissionRequest({}, permission, callback);
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(decidePermissionCheck({}, permission), permission).toBe(false);
    }
  });

  it("grants full screen, which the plan's projector mode asks for", () => {
    const callback = vi.fn();
    decidePermissionRequest({}, 'fullscreen', callback);
    expect(callback).toHaveBeenCalledWith(true);
    expect(decidePermissionCheck({}, 'fullscreen')).toBe(true);
  });

  it('installs the permission handlers on a session', () => {
    const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() };
    restrictPermissions(session);
    const requestHandler = session.setPermissionRequestHandler.mock.calls[0][0];
    const denied = vi.fn();
    requestHandler({}, 'media', denied);
    expect(denied).toHaveBeenCalledWith(false);
    const granted = vi.fn();
    requestHandler({}, 'fullscreen', granted);
    expect(granted).toHaveBeenCalledWith(true);
    expect(session.setPermissionCheckHandler.mock.calls[0][0]({}, 'media')).toBe(false);
  });
});

describe('hardenWebContents', () => {
  it('attaches every guard to a web contents', () => {
    const listeners = new Map<string, (...args: never[]) => void>();
    let windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
    const contents: GuardableContents = {
      setWindowOpenHandler: (handler) => {
        windowOpenHandler = handler;
      },
      on: (name: string, listener: (...args: never[]) => void) => listeners.set(name, listener),
    };
    const open = vi.fn();
    hardenWebContents(contents, appUrl, open);

    expect(windowOpenHandler?.({ url: 'https://example.org' })).toEqual({ action: 'deny' });

    const away = navigation('file:///etc/passwd');
    (listeners.get('will-navigate') as (details: NavigationEvent) => void)(away);
    expect(away.preventDefault).toHaveBeenCalled();

    const webview = fakeEvent();
    (listeners.get('will-attach-webview') as (event: PreventableEvent) => void)(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });
});
