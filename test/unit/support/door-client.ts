import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';

/**
 * Raw requests to the HTTP door (electron/backend/doors/http-door.ts), for tests that send
 * the headers and bytes a browser, another site's page or a broken client would send.
 */

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One request on its own connection, so a connection the door closes cannot spoil the next. */
export const sendRaw = (port: number, method: string, urlPath: string, headers: Record<string, string>, body?: string | Buffer): Promise<Reply> =>
  new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path: urlPath, agent: false, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });

/** What came back on a hand-written HTTP/1.1 exchange: the status line's code and the body, or nothing if the door closed the connection. */
export interface RawAnswer {
  status: number | null;
  body: string;
}

/**
 * Writes `head` and then each of `pieces` to a plain TCP socket (so a test controls the
 * exact bytes and chunk boundaries); `then: 'end'` half-closes after the last piece,
 * `'destroy'` drops the connection as a client that goes away mid-request.
 */
export const exchangeRaw = (port: number, head: string, pieces: Buffer[], then: 'wait' | 'end' | 'destroy' = 'wait'): Promise<RawAnswer> =>
  new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const bytes = Buffer.concat(received);
      const headEnd = bytes.indexOf('\r\n\r\n');
      const head = bytes.subarray(0, headEnd).toString('latin1');
      const body = bytes.subarray(headEnd + 4);
      const status = /^HTTP\/1\.1 (\d{3}) /.exec(head)?.[1];
      resolve({ status: status ? Number(status) : null, body: (/^transfer-encoding: chunked$/im.test(head) ? unchunk(body) : body).toString('utf8') });
    });
    socket.once('connect', () => {
      socket.write(head);
      for (const piece of pieces) socket.write(piece);
      // Flushed first, so the partial request is on its way before the connection goes.
      socket.write('', () => {
        if (then === 'end') socket.end();
        if (then === 'destroy') socket.destroy();
      });
    });
  });

/** A request's head for exchangeRaw; `Connection: close` so the door's answer ends the exchange. */
export const rawHead = (port: number, urlPath: string, headers: Record<string, string>) =>
  [`POST ${urlPath} HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Connection: close', ...Object.entries(headers).map(([key, value]) => `${key}: ${value}`), '', ''].join('\r\n');

/** The bytes of a chunked body, its framing taken off. */
const unchunk = (framed: Buffer): Buffer => {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = framed.indexOf('\r\n', at);
    const size = parseInt(framed.subarray(at, lineEnd).toString('latin1'), 16);
    if (!(size > 0)) return Buffer.concat(parts);
    parts.push(framed.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
};

/** `body` as HTTP chunks cut at the given byte offsets (anywhere, even inside a character). */
export const chunked = (body: Buffer, cuts: number[]): Buffer[] => {
  const pieces: Buffer[] = [];
  let from = 0;
  for (const to of [...cuts, body.length]) {
    const piece = body.subarray(from, to);
    pieces.push(Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]));
    from = to;
  }
  pieces.push(Buffer.from('0\r\n\r\n'));
  return pieces;
};
