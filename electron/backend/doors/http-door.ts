import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { BackendService } from '../../../shared/contract';
import { LessonStudyError, type ErrorCode, type Result } from '../../../shared/result';
import { dispatch, MAX_PAYLOAD_CHARS } from '../../dispatch';
import { noLog, type AppLog } from '../log';
import { contentDisposition, isUploadId, UploadTooLargeError, type BrowserFiles } from './browser-effects';
import { resolveStaticFile, sendStaticFile } from './static-files';

/**
 * The second door of the backend (DESIGN.md §5): the same contract as the window's, over
 * HTTP (one POST per channel) and a WebSocket for events the backend pushes. A browser
 * on this computer opens the whole app through it.
 *
 * Who may come in, in the order it is checked:
 * - Host must name this loopback address and port, so a DNS-rebinding page
 *   (evil.example resolving to 127.0.0.1) is refused whatever it sends;
 * - POST and the WebSocket upgrade must carry this origin's Origin header. Cookies ignore
 *   ports and SameSite treats every port of 127.0.0.1 as one site, so a page served by
 *   any other local server would otherwise send our cookie along;
 * - a session cookie, given once for the random token (passed in the URL fragment, as
 *   Jupyter does) and HttpOnly, so page scripts never hold it.
 * No CORS header is ever sent: no other origin may read an answer.
 *
 * With `files` (browser-effects.ts) the door also carries what native dialogs do in the
 * desktop app: POST /upload before a call that opens files (the call names the uploads in
 * the `x-lesson-study-uploads` header), the folder typed in the page's folder dialog
 * (`x-lesson-study-folder`, URI-encoded), and files the call saved, listed in the answer's
 * `downloads` field and fetched once each with GET /download/<id>.
 */

/** A server-pushed event: a note arrived, a file changed (see the live-capture issue). */
export interface DoorEvent {
  type: string;
  [field: string]: unknown;
}

export interface HttpDoorOptions {
  /** Asked per request, so a workspace switch is seen by the next call. */
  getService: () => Partial<BackendService>;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  host?: string;
  port?: number;
  /** Random when absent; given by tests. */
  token?: string;
  log?: AppLog;
  /** The browser's dialogs; without it every dialog answers "cancelled". */
  files?: BrowserFiles;
  /** Largest upload accepted, in bytes (an observation pack with photos can be large). */
  maxUploadBytes?: number;
  /** Signed-in sessions; kept in memory (and forgotten on close) when absent. */
  sessions?: SessionBook;
}

/** The session ids this door has given out. */
export interface SessionBook {
  has(id: string): boolean;
  add(id: string): void;
}

export interface HttpDoor {
  /** `http://127.0.0.1:PORT/`, without the token. */
  url: string;
  port: number;
  token: string;
  broadcast(event: DoorEvent): void;
  close(): Promise<void>;
}

/**
 * JSON text longer than MAX_PAYLOAD_CHARS is refused as dispatch refuses it. UTF-8 needs
 * at most three bytes per UTF-16 unit, so a Japanese request the window accepts is
 * never cut off here by its byte count.
 */
const MAX_BODY_BYTES = MAX_PAYLOAD_CHARS * 3;
const MAX_SESSION_BODY_BYTES = 4096;
/** Events go out; what comes in on the socket is ignored, so keep it tiny. */
const MAX_SOCKET_MESSAGE_BYTES = 1024;
const SLOW_REQUEST_MS = 200;
export const MAX_UPLOAD_BYTES = 300 * 1024 * 1024;
const MAX_UPLOADS_PER_CALL = 100;
export const UPLOADS_HEADER = 'x-lesson-study-uploads';
export const FOLDER_HEADER = 'x-lesson-study-folder';
export const FILE_NAME_HEADER = 'x-file-name';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // React and Radix set style attributes; no inline script is ever allowed.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  // 'self' covers ws:// to the same host and port (CSP level 3).
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "worker-src 'self' blob:",
].join('; ');

/**
 * Sent with every answer of this door (the app's own page, on loopback). No
 * Cross-Origin-Opener-Policy here: it makes Chromium move a newly opened tab into a
 * browsing context group and renderer process of its own before the app's first script
 * loads: about 100 ms of a 400 ms start on a two-core machine, in paired loads over
 * this door with and without it (README, "Opening the app"). What it guards against, a
 * page of another site holding a handle to this window, reads nothing here: the session
 * is an HttpOnly SameSite=Strict cookie, the page cannot be framed (frame-ancestors,
 * X-Frame-Options) and other origins cannot load its files (CORP). The capture door,
 * open to the school network, adds it (captureSecurityHeaders).
 */
export const securityHeaders = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-resource-policy': 'same-origin',
};

/** The school network's door: the same, and its pages kept out of any other site's window group. */
export const captureSecurityHeaders = { ...securityHeaders, 'cross-origin-opener-policy': 'same-origin' };

export class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const digest = (text: string) => createHash('sha256').update(text).digest();
/** Hashing first gives timingSafeEqual equal lengths and hides the token's length. */
const sameSecret = (given: string, expected: string) => timingSafeEqual(digest(given), digest(expected));

export const readCookie = (header: string | undefined, name: string): string | undefined => {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
};

export const readBody = (request: IncomingMessage, limit: number): Promise<string> =>
  new Promise((resolve, reject) => {
    if (Number(request.headers['content-length'] ?? 0) > limit) {
      reject(new Refusal(413, 'That request is too large.'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Refusal(413, 'That request is too large.'));
        request.removeAllListeners('data');
        request.resume();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

const codeFor = (status: number): ErrorCode =>
  status === 413 ? 'too-large' : status === 404 ? 'not-found' : status === 400 || status === 415 ? 'invalid-request' : status >= 500 ? 'internal' : 'forbidden';

const headerText = (request: IncomingMessage, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const decodeHeader = (value: string, what: string): string => {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new Refusal(400, `The ${what} cannot be read.`);
  }
};

export const isJson = (request: IncomingMessage) => /^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? '');

export const startHttpDoor = async ({
  getService,
  rendererDir,
  host = '127.0.0.1',
  port = 0,
  token = randomBytes(32).toString('base64url'),
  log = noLog,
  files,
  maxUploadBytes = MAX_UPLOAD_BYTES,
  sessions: givenSessions,
}: HttpDoorOptions): Promise<HttpDoor> => {
  const memorySessions = new Set<string>();
  const sessions: SessionBook = givenSessions ?? memorySessions;
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_SOCKET_MESSAGE_BYTES });
  let boundPort = port;
  // Cookies are shared by every port of a host, so each door's cookie carries its port.
  const cookieName = () => `lesson-study-session-${boundPort}`;
  const allowedHosts = () => new Set([`127.0.0.1:${boundPort}`, `localhost:${boundPort}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${boundPort}`, `http://localhost:${boundPort}`]);

  const checkHost = (request: IncomingMessage) => {
    if (!allowedHosts().has(request.headers.host ?? '')) throw new Refusal(421, 'Unknown host.');
  };
  const checkOrigin = (request: IncomingMessage) => {
    if (!allowedOrigins().has(request.headers.origin ?? '')) throw new Refusal(403, 'Requests from other origins are refused.');
  };
  const checkSession = (request: IncomingMessage) => {
    const id = readCookie(request.headers.cookie, cookieName());
    if (!id || !sessions.has(id)) throw new Refusal(401, 'Open the link printed where Lesson Study was started.');
    return id;
  };

  const answer = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
    response.end(JSON.stringify(body));
  };
  const onlyMethod = (request: IncomingMessage, method: string) => {
    if (request.method !== method) throw new Refusal(405, `Only ${method} is allowed here.`);
  };

  const openSession = async (request: IncomingMessage, response: ServerResponse) => {
    onlyMethod(request, 'POST');
    checkOrigin(request);
    if (!isJson(request)) throw new Refusal(415, 'Send JSON.');
    let given: unknown;
    try {
      given = (JSON.parse(await readBody(request, MAX_SESSION_BODY_BYTES)) as { token?: unknown })?.token;
    } catch (error) {
      if (error instanceof Refusal) throw error;
      throw new Refusal(400, 'That request cannot be read.');
    }
    if (typeof given !== 'string' || !sameSecret(given, token)) {
      log.event('http-session-refused');
      throw new Refusal(401, 'That link is not valid (any more).');
    }
    const id = randomBytes(32).toString('base64url');
    sessions.add(id);
    response.setHeader('set-cookie', `${cookieName()}=${id}; HttpOnly; SameSite=Strict; Path=/`);
    answer(response, 200, { ok: true, value: null });
  };

  const callChannel = async (request: IncomingMessage, response: ServerResponse, name: string) => {
    onlyMethod(request, 'POST');
    checkOrigin(request);
    const session = checkSession(request);
    if (!isJson(request)) throw new Refusal(415, 'Send JSON.');
    const uploadIds = (headerText(request, UPLOADS_HEADER) ?? '').split(',').map((id) => id.trim()).filter(Boolean);
    if (uploadIds.length > MAX_UPLOADS_PER_CALL || !uploadIds.every(isUploadId)) throw new Refusal(400, 'Those uploads cannot be read.');
    const folderHeader = headerText(request, FOLDER_HEADER);
    const folder = folderHeader === undefined ? undefined : decodeHeader(folderHeader, 'folder path');
    const text = await readBody(request, MAX_BODY_BYTES);
    if (text.length > MAX_PAYLOAD_CHARS) throw new Refusal(413, 'That request is too large.');
    let payload: unknown;
    try {
      payload = text === '' ? undefined : JSON.parse(text);
    } catch {
      answer(response, 400, { ok: false, error: { code: 'invalid-request', message: 'That request is not JSON.' } } satisfies Result<never>);
      return;
    }
    const started = performance.now();
    const run = () => dispatch(getService(), name, payload);
    let result: Result<unknown>;
    let downloads: Array<{ id: string; name: string }> = [];
    if (files) {
      try {
        ({ result, downloads } = await files.runRequest(session, { uploadIds, folder }, run));
      } catch (error) {
        if (!(error instanceof LessonStudyError)) throw error;
        result = { ok: false, error: { code: error.code, message: error.message } };
      }
    } else {
      result = await run();
    }
    const ms = Math.round(performance.now() - started);
    if (ms > SLOW_REQUEST_MS) log.event('slow-request', { door: 'http', channel: name.slice(0, 60), ms });
    // The Result stays as the window's; the page's transport takes `downloads` off it.
    answer(response, 200, downloads.length ? { ...result, downloads } : result);
  };

  const receiveUpload = async (request: IncomingMessage, response: ServerResponse) => {
    onlyMethod(request, 'POST');
    checkOrigin(request);
    const session = checkSession(request);
    if (!files) throw new Refusal(404, 'Not found.');
    if (Number(request.headers['content-length'] ?? 0) > maxUploadBytes) throw new Refusal(413, 'That file is too large.');
    const name = decodeHeader(headerText(request, FILE_NAME_HEADER) ?? '', 'file name');
    try {
      const id = await files.receiveUpload(session, name, request, maxUploadBytes);
      answer(response, 200, { ok: true, value: { id } });
    } catch (error) {
      if (error instanceof UploadTooLargeError) throw new Refusal(413, 'That file is too large.');
      throw error;
    }
  };

  const sendDownload = (request: IncomingMessage, response: ServerResponse, id: string) => {
    onlyMethod(request, 'GET');
    // A download is a navigation, which carries no Origin; the SameSite=Strict cookie
    // keeps other sites out, and the id is random and good for one fetch.
    const session = checkSession(request);
    const download = files?.takeDownload(session, id);
    if (!download) throw new Refusal(404, 'That download has already been fetched or never existed.');
    const stream = createReadStream(download.filePath);
    stream.once('open', () => {
      response.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-disposition': contentDisposition(download.name),
        'cache-control': 'no-store',
      });
      stream.pipe(response);
    });
    stream.once('error', () => {
      if (response.headersSent) response.destroy();
      else answer(response, 404, { ok: false, error: { code: 'not-found', message: 'That file is no longer there.' } } satisfies Result<never>);
    });
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    for (const [key, value] of Object.entries(securityHeaders)) response.setHeader(key, value);
    try {
      checkHost(request);
      const { pathname } = new URL(request.url ?? '/', 'http://door.invalid');
      if (pathname === '/session') return await openSession(request, response);
      if (pathname.startsWith('/api/')) return await callChannel(request, response, pathname.slice('/api/'.length));
      if (pathname === '/upload') return await receiveUpload(request, response);
      if (pathname.startsWith('/download/')) return sendDownload(request, response, pathname.slice('/download/'.length));
      if (pathname === '/events') throw new Refusal(426, 'Events come over a WebSocket.');
      onlyMethod(request, 'GET');
      const file = await resolveStaticFile(rendererDir, pathname);
      if (!file) throw new Refusal(404, 'Not found.');
      sendStaticFile(response, file);
    } catch (error) {
      // A client gone mid-body (a tab closed during an upload) is no failure of the door,
      // and nobody is left to answer.
      if (request.destroyed && !request.complete) {
        log.event('http-request-abandoned', { door: 'http' });
        return void response.destroy();
      }
      const refusal = error instanceof Refusal ? error : new Refusal(500, 'The request failed.');
      if (refusal.status === 500) log.event('http-request-failed', { error: error instanceof Error ? error.name : 'unknown' });
      if (response.headersSent) return void response.destroy();
      response.removeHeader('set-cookie');
      if (refusal.status === 405) response.setHeader('allow', request.url?.startsWith('/api/') || request.url === '/session' || request.url === '/upload' ? 'POST' : 'GET');
      answer(response, refusal.status, { ok: false, error: { code: codeFor(refusal.status), message: refusal.message } } satisfies Result<never>);
    }
  };

  const server = createServer((request, response) => void handle(request, response));
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    try {
      checkHost(request);
      if (new URL(request.url ?? '/', 'http://door.invalid').pathname !== '/events') throw new Refusal(404, 'Not found.');
      checkOrigin(request);
      checkSession(request);
    } catch (error) {
      const status = error instanceof Refusal ? error.status : 400;
      socket.end(`HTTP/1.1 ${status} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (client: WebSocket) => {
      client.on('error', () => client.terminate());
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  boundPort = (server.address() as AddressInfo).port;
  log.event('door-opened', { door: 'http', port: boundPort });

  return {
    url: `http://127.0.0.1:${boundPort}/`,
    port: boundPort,
    token,
    broadcast(event) {
      const text = JSON.stringify(event);
      for (const client of sockets.clients) if (client.readyState === client.OPEN) client.send(text);
    },
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      memorySessions.clear();
      log.event('door-closed', { door: 'http', port: boundPort });
    },
  };
};
