import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * Serves the built renderer on loopback. Chromium refuses ES module scripts from
 * file://, which Electron allows, so the browser harness needs an http origin.
 *
 * With `startPage`, the page itself (`/`) is what it gives, as the desktop app's file
 * handler gives the window its start page (electron/window-page.ts); when it gives null,
 * the plain index.html, as there.
 */
export const serveDirectory = async (root: string, options: { startPage?: () => Promise<string | null> } = {}): Promise<{ url: string; server: Server }> => {
  const server = createServer(async (request, response) => {
    const urlPath = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const page = options.startPage && (urlPath === '/' || urlPath === '/index.html') ? await options.startPage() : null;
    if (page !== null) {
      response.writeHead(200, { 'content-type': types['.html'] }).end(page);
      return;
    }
    const file = path.join(root, path.normalize(urlPath === '/' ? '/index.html' : urlPath));
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error('not a file');
      response.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
      createReadStream(file).pipe(response);
    } catch {
      response.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, server };
};
