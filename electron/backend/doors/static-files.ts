import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import * as path from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * The file under `root` a URL path names, or null. Decoding happens once, before the
 * check, so `%2e%2e` and `..%2f` are judged as what they decode to; the real path is
 * compared too, so a symbolic link inside the renderer folder cannot lead out of it.
 */
export const resolveStaticFile = async (root: string, urlPath: string): Promise<string | null> => {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const realRoot = await realpath(root);
  const candidate = path.resolve(realRoot, relative);
  const inside = (file: string) => file.startsWith(realRoot + path.sep);
  if (!inside(candidate)) return null;
  try {
    const real = await realpath(candidate);
    if (!inside(real) || !(await stat(real)).isFile()) return null;
    return real;
  } catch {
    return null;
  }
};

export const sendStaticFile = (response: ServerResponse, file: string): void => {
  response.writeHead(200, {
    'content-type': contentTypes[path.extname(file)] ?? 'application/octet-stream',
    // A page (index.html, the observer's observer.html) names hashed assets; it must be fetched again after an update.
    'cache-control': path.extname(file) === '.html' ? 'no-cache' : 'private, max-age=3600',
  });
  createReadStream(file)
    .on('error', () => response.destroy())
    .pipe(response);
};
