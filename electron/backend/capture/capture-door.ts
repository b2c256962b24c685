import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  DEVICE_SOCKET_PATH,
  DeviceMessage,
  JOIN_PATH,
  JoinRequest,
  type JoinAnswer,
  type ServerMessage,
} from '../../../shared/capture/protocol';
import type { z } from 'zod';
import { MAX_PHOTO_BYTES } from '../../../shared/domain/observation';
import type { Result } from '../../../shared/result';
import { captureSecurityHeaders, isJson, readBody, Refusal } from '../doors/http-door';
import { resolveStaticFile, sendStaticFile } from '../doors/static-files';
import { noLog, type AppLog } from '../log';
import { CaptureRefusal } from './session';

/**
 * The capture door (DESIGN.md §5): the HTTP + WebSocket server observers' phones, tablets
 * and Chromebooks reach over the school network while one lesson is captured. It is open
 * only while a capture session is, and it serves only:
 * - GET / → the observer's page (dist/renderer/observer.html) and GET /assets/* → its
 *   scripts and styles: static files, nothing of the lesson;
 * - POST /join → a device id and token (the join secret or code checked, attempts throttled);
 * - the WebSocket /ws, where a device says hello with its token and then calls the
 *   restricted sub-contract. Everything of the lesson travels there, after approval.
 *
 * Who may come in: the Host header must name one of this computer's addresses and the
 * door's port (a DNS-rebinding page is refused); POST and the WebSocket must carry the
 * Origin of that same host; no CORS header is ever sent. The join secret travels in the
 * URL fragment, which a browser never sends, so it is never in a request line or a log.
 */

/** The page the device loads; another Vite entry beside the app's index.html. */
export const OBSERVER_PAGE = 'observer.html';
const MAX_JOIN_BODY_BYTES = 4096;
/** A photo call is the largest message a device sends: base64 of a 5 MB photo and a little JSON. */
export const MAX_DEVICE_MESSAGE_BYTES = Math.ceil(MAX_PHOTO_BYTES / 3) * 4 + 16 * 1024;
/** Sockets told "ended" get this long to receive it and close before they are cut. */
const CLOSE_GRACE_MS = 1000;
const HEARTBEAT_MS = 15_000;
/** A socket that has not said hello by then is dropped. */
const HELLO_TIMEOUT_MS = 10_000;

/** Starts a socket's heartbeat, calling `beat` at each of its ticks; the answer stops it. */
export type Heartbeat = (beat: () => void) => () => void;

/** A tick every 15 s that does not keep the process alive. */
const everyHeartbeat: Heartbeat = (beat) => {
  const timer = setInterval(beat, HEARTBEAT_MS);
  timer.unref();
  return () => clearInterval(timer);
};

/** How the door speaks to one device's socket. */
export interface DeviceLine {
  send(message: ServerMessage): void;
  close(): void;
}

/** A device whose hello was accepted: its calls, and the news that its socket closed. */
export interface DeviceLink {
  call(channel: string, request: unknown): Promise<Result<unknown>>;
  /** The device answered a heartbeat. */
  seen(): void;
  closed(): void;
}

export interface CaptureDoorOptions {
  /** 0.0.0.0 (every interface) in the app; 127.0.0.1 in tests. */
  host?: string;
  port?: number;
  /** The built renderer (dist/renderer), where observer.html and assets/ are. */
  rendererDir: string;
  /** Host names this computer may be reached by (its IPv4 addresses, loopback); asked per request. */
  hostNames: () => string[];
  /** Admits a device or throws a CaptureRefusal (wrong code 403, throttled 429, session ended 410). */
  join(request: z.output<typeof JoinRequest>, remoteAddress: string): JoinAnswer;
  /** The device a hello's token belongs to, linked to its socket; null refuses the socket. */
  attach(token: string, line: DeviceLine): Promise<DeviceLink | null>;
  /**
   * When each socket is pinged (every 15 s); one that has not answered the previous ping
   * is cut. A phone that leaves the Wi-Fi or locks its screen sends no close, so without
   * this it would be shown connected for as long as TCP takes to give up. Tests beat it
   * themselves.
   */
  heartbeat?: Heartbeat;
  log?: AppLog;
}

export interface CaptureDoor {
  port: number;
  close(): Promise<void>;
}

const statusOf = (error: unknown): number => (error instanceof Refusal || error instanceof CaptureRefusal ? error.status : 500);

const codeFor = (status: number) =>
  status === 413 ? 'too-large' : status === 404 ? 'not-found' : status === 400 || status === 415 ? 'invalid-request' : status >= 500 ? 'internal' : 'forbidden';

export const startCaptureDoor = async ({
  host = '0.0.0.0',
  port = 0,
  rendererDir,
  hostNames,
  join,
  attach,
  heartbeat = everyHeartbeat,
  log = noLog,
}: CaptureDoorOptions): Promise<CaptureDoor> => {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_DEVICE_MESSAGE_BYTES });
  let boundPort = port;

  /** The Host header, when it names this computer and this door's port (DNS rebinding). */
  const checkHost = (request: IncomingMessage): string => {
    const given = request.headers.host ?? '';
    if (!hostNames().some((name) => given === `${name}:${boundPort}`)) throw new Refusal(421, 'Unknown host.');
    return given;
  };
  const checkOrigin = (request: IncomingMessage, hostHeader: string) => {
    if (request.headers.origin !== `http://${hostHeader}`) throw new Refusal(403, 'Requests from other origins are refused.');
  };

  const answer = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    response.end(JSON.stringify(body));
  };

  const receiveJoin = async (request: IncomingMessage, response: ServerResponse, hostHeader: string) => {
    if (request.method !== 'POST') throw new Refusal(405, 'Only POST is allowed here.');
    checkOrigin(request, hostHeader);
    if (!isJson(request)) throw new Refusal(415, 'Send JSON.');
    let body: unknown;
    try {
      body = JSON.parse(await readBody(request, MAX_JOIN_BODY_BYTES));
    } catch (error) {
      if (error instanceof Refusal) throw error;
      throw new Refusal(400, 'That request cannot be read.');
    }
    const parsed = JoinRequest.safeParse(body);
    if (!parsed.success) throw new Refusal(400, parsed.error.issues[0]?.message ?? 'That request cannot be read.');
    const joined = join(parsed.data, request.socket.remoteAddress ?? 'unknown');
    answer(response, 200, { ok: true, value: joined } satisfies Result<JoinAnswer>);
  };

  const sendPageFile = async (response: ServerResponse, pathname: string) => {
    if (pathname === '/') {
      const page = await resolveStaticFile(rendererDir, `/${OBSERVER_PAGE}`).catch(() => null);
      if (!page) {
        response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
        response.end('The observer page is missing from this copy of Lesson Study (run "npm run build:renderer"). Capture on the facilitator’s laptop instead.');
        return;
      }
      return sendStaticFile(response, page);
    }
    // Only what lies under assets/ (decoded once, real path checked): never index.html or anything beside it.
    const rest = pathname.slice('/assets'.length);
    const file = rest.length > 1 ? await resolveStaticFile(path.join(rendererDir, 'assets'), rest).catch(() => null) : null;
    if (!file) throw new Refusal(404, 'Not found.');
    sendStaticFile(response, file);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    for (const [key, value] of Object.entries(captureSecurityHeaders)) response.setHeader(key, value);
    try {
      const hostHeader = checkHost(request);
      const { pathname } = new URL(request.url ?? '/', 'http://door.invalid');
      if (pathname === JOIN_PATH) return await receiveJoin(request, response, hostHeader);
      if (pathname === DEVICE_SOCKET_PATH) throw new Refusal(426, 'Devices talk over a WebSocket here.');
      if (pathname !== '/' && !pathname.startsWith('/assets/')) throw new Refusal(404, 'Not found.');
      if (request.method !== 'GET' && request.method !== 'HEAD') throw new Refusal(405, 'Only GET is allowed here.');
      await sendPageFile(response, pathname);
    } catch (error) {
      if (request.destroyed && !request.complete) return void response.destroy();
      const status = statusOf(error);
      if (status === 500) log.event('capture-request-failed', { error: error instanceof Error ? error.name : 'unknown' });
      if (response.headersSent) return void response.destroy();
      const message = status === 500 ? 'The request failed.' : (error as Error).message;
      answer(response, status, { ok: false, error: { code: codeFor(status), message } });
    }
  };

  const serveSocket = (client: WebSocket) => {
    let link: DeviceLink | null = null;
    let greeted = false;
    const line: DeviceLine = {
      send: (message) => {
        if (client.readyState === client.OPEN) client.send(JSON.stringify(message));
      },
      close: () => client.close(1000),
    };
    const refuse = (message: string) => {
      line.send({ type: 'refused', error: { code: 'forbidden', message } });
      client.close(4403);
    };
    const helloTimer = setTimeout(() => refuse('Say hello with the device token first.'), HELLO_TIMEOUT_MS);
    helloTimer.unref();
    let answered = true;
    const stopHeartbeat = heartbeat(() => {
      if (!answered) return void client.terminate();
      answered = false;
      client.ping();
    });
    client.on('pong', () => {
      answered = true;
      link?.seen();
    });
    client.on('error', () => client.terminate());
    client.on('close', () => {
      clearTimeout(helloTimer);
      stopHeartbeat();
      link?.closed();
    });
    client.on('message', (data, isBinary) => {
      let message: DeviceMessage;
      try {
        if (isBinary) throw new Error('binary');
        message = DeviceMessage.parse(JSON.parse(String(data)));
      } catch {
        return refuse('That message cannot be read.');
      }
      if (message.type === 'hello') {
        if (greeted) return refuse('Say hello only once.');
        greeted = true;
        clearTimeout(helloTimer);
        void attach(message.deviceToken, line).then(
          (linked) => {
            if (!linked) return refuse('This device is not (or no longer) part of the lesson. Join again.');
            if (client.readyState !== client.OPEN) return linked.closed();
            link = linked;
          },
          () => refuse('The lesson could not be opened.'),
        );
        return;
      }
      if (!link) return refuse('Say hello with the device token first.');
      const id = message.id;
      void link.call(message.channel, message.request).then((result) => line.send({ type: 'reply', id, result }));
    });
  };

  const server = createServer((request, response) => void handle(request, response));
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    try {
      const hostHeader = checkHost(request);
      if (new URL(request.url ?? '/', 'http://door.invalid').pathname !== DEVICE_SOCKET_PATH) throw new Refusal(404, 'Not found.');
      checkOrigin(request, hostHeader);
    } catch (error) {
      socket.end(`HTTP/1.1 ${statusOf(error)} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, serveSocket);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  boundPort = (server.address() as AddressInfo).port;

  return {
    port: boundPort,
    async close() {
      // Closing (not cutting) lets a socket receive the "ended" it was just sent.
      const open = [...sockets.clients].filter((client) => client.readyState !== client.CLOSED);
      for (const client of open) if (client.readyState === client.OPEN) client.close(1001);
      await new Promise<void>((resolve) => {
        const cut = setTimeout(resolve, CLOSE_GRACE_MS);
        cut.unref();
        void Promise.all(open.map((client) => new Promise((closed) => client.once('close', closed)))).then(() => {
          clearTimeout(cut);
          resolve();
        });
      });
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
};
