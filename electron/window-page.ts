import { isAppUrl } from './security';

/**
 * Electron's file protocol, handled (`protocol.handle('file', …)`) so the window's own page
 * comes from the backend with the start screen already in it (see
 * electron/backend/start-page.ts); every other file, and the page itself when no start
 * page can be made, is read from disk by Electron's own handler (`passThrough`). Plain
 * code: Electron gives it a fetch Request and takes a Response.
 */
export const windowPageHandler =
  (appUrl: string, startPage: () => Promise<string | null>, passThrough: (request: Request) => Promise<Response>) =>
  async (request: Request): Promise<Response> => {
    if (request.method === 'GET' && isAppUrl(request.url, appUrl) && !new URL(request.url).search) {
      const html = await startPage().catch(() => null);
      if (html !== null) return new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8' } });
    }
    return passThrough(request);
  };
