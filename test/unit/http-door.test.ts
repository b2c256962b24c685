import fc from 'fast-check';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { noEffects } from '../../electron/backend/context';
import { startHttpDoor, type HttpDoor } from '../../electron/backend/doors/http-door';
import { createHost, type Host } from '../../electron/backend/host';
import { MAX_PAYLOAD_CHARS } from '../../electron/dispatch';
import { createMemoryStore, createSettings } from '../../electron/settings';
import { channelNames, contract } from '../../shared/contract';
import { errorCodes } from '../../shared/result';
import { tempDir } from './support/temp';

const TOKEN = 'test-token-4f9c2a';
const SECRET = 'outside the renderer folder';
const group = { name: 'Maple Grade 4–5 Math', schools: [], subject: 'Mathematics', gradeBand: '4–5', researchTheme: '', norms: [], members: [] };

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

let open: Array<{ door: HttpDoor; host: Host }> = [];
afterEach(async () => {
  for (const { door, host } of open) {
    await door.close();
    await host.close();
  }
  open = [];
});

const setUp = async () => {
  const userData = await tempDir('ls-http-door-');
  const rendererDir = path.join(userData, 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><div id="root"></div>');
  await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log("app")');
  await writeFile(path.join(userData, 'secret.txt'), SECRET);
  const workspaceDir = path.join(userData, 'workspace');
  const host = await createHost({
    settings: createSettings(createMemoryStore()),
    effects: noEffects,
    defaultWorkspaceDir: workspaceDir,
    samplesDir: path.join(userData, 'samples'),
    sampleSourceDir: path.join(userData, 'no-sample'),
  });
  const door = await startHttpDoor({ getService: () => host.service, rendererDir, token: TOKEN });
  open.push({ door, host });
  const origin = `http://127.0.0.1:${door.port}`;

  /** A raw request, so a test can send the Host and Origin headers a browser would (or an attacker would). */
  const send = (method: string, urlPath: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: door.port, method, path: urlPath, headers: { host: `127.0.0.1:${door.port}`, ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('error', reject);
      req.end(body);
    });
  const json = { 'content-type': 'application/json', origin };
  const signIn = async (): Promise<string> => {
    const reply = await send('POST', '/session', json, JSON.stringify({ token: TOKEN }));
    expect(reply.status).toBe(200);
    return String(reply.headers['set-cookie']?.[0]).split(';')[0];
  };
  const groupFiles = async () => readdir(path.join(workspaceDir, 'groups')).catch(() => [] as string[]);
  return { door, origin, send, json, signIn, groupFiles };
};

const connectEvents = (port: number, headers: Record<string, string>): Promise<WebSocket | number> =>
  new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/events`, { headers });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.once('error', reject);
  });

describe('HTTP door: who may come in', () => {
  it('refuses a contract call without a session, and a wrong token gives no cookie', async () => {
    const { send, json } = await setUp();
    expect((await send('POST', '/api/listGroups', json, '{}')).status).toBe(401);
    const wrong = await send('POST', '/session', json, JSON.stringify({ token: 'guess' }));
    expect(wrong.status).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    expect((await send('POST', '/api/listGroups', { ...json, cookie: 'lesson-study-session-1=guess' }, '{}')).status).toBe(401);
  });

  it('exchanges the right token for an HttpOnly, SameSite=Strict session cookie that is not the token', async () => {
    const { send, json, door } = await setUp();
    const reply = await send('POST', '/session', json, JSON.stringify({ token: TOKEN }));
    expect(reply.status).toBe(200);
    const cookie = String(reply.headers['set-cookie']);
    expect(cookie).toMatch(new RegExp(`^lesson-study-session-${door.port}=[A-Za-z0-9_-]{40,};`));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain(TOKEN);
  });

  it('with the cookie, a call creates a group on disk and answers the Result', async () => {
    const { send, json, signIn, groupFiles } = await setUp();
    const cookie = await signIn();
    const created = await send('POST', '/api/createGroup', { ...json, cookie }, JSON.stringify(group));
    expect(created.status).toBe(200);
    expect(JSON.parse(created.body)).toMatchObject({ ok: true, value: { name: 'Maple Grade 4–5 Math' } });
    expect(await groupFiles()).toHaveLength(1);
    const listed = JSON.parse((await send('POST', '/api/listGroups', { ...json, cookie }, '{}')).body);
    expect(listed.value.map((g: { name: string }) => g.name)).toEqual(['Maple Grade 4–5 Math']);
  });

  it('refuses a Host header naming another site (DNS rebinding), even with a valid session', async () => {
    const { send, json, signIn, groupFiles, door } = await setUp();
    const cookie = await signIn();
    for (const host of [`evil.example:${door.port}`, '127.0.0.1', `127.0.0.1:${door.port + 1}`, `localhost.evil.example:${door.port}`]) {
      expect((await send('GET', '/', { host })).status).toBe(421);
      expect((await send('POST', '/api/createGroup', { ...json, cookie, host }, JSON.stringify(group))).status).toBe(421);
    }
    expect((await send('GET', '/', { host: `localhost:${door.port}` })).status).toBe(200);
    expect(await groupFiles()).toEqual([]);
  });

  it('refuses a POST with a missing or foreign Origin and writes nothing', async () => {
    const { send, signIn, groupFiles, door } = await setUp();
    const cookie = await signIn();
    const body = JSON.stringify(group);
    const noOrigin = await send('POST', '/api/createGroup', { 'content-type': 'application/json', cookie }, body);
    expect(noOrigin.status).toBe(403);
    for (const origin of [`http://127.0.0.1:${door.port + 1}`, 'http://evil.example', 'null', `https://127.0.0.1:${door.port}`]) {
      const reply = await send('POST', '/api/createGroup', { 'content-type': 'application/json', cookie, origin }, body);
      expect(reply.status).toBe(403);
      expect(reply.headers['access-control-allow-origin']).toBeUndefined();
    }
    expect((await send('POST', '/session', { 'content-type': 'application/json', origin: 'http://evil.example' }, JSON.stringify({ token: TOKEN }))).status).toBe(403);
    expect(await groupFiles()).toEqual([]);
  });

  it('refuses a form post (not JSON), which a page of another origin could send without a preflight', async () => {
    const { send, origin, signIn, groupFiles } = await setUp();
    const cookie = await signIn();
    const reply = await send('POST', '/api/createGroup', { 'content-type': 'text/plain', origin, cookie }, JSON.stringify(group));
    expect(reply.status).toBe(415);
    expect(await groupFiles()).toEqual([]);
  });

  it('opens the event socket only with the cookie and this origin, and pushes broadcast events', async () => {
    const { door, origin, signIn } = await setUp();
    const cookie = await signIn();
    expect(await connectEvents(door.port, { origin })).toBe(401);
    expect(await connectEvents(door.port, { origin: 'http://evil.example', cookie })).toBe(403);
    expect(await connectEvents(door.port, { cookie })).toBe(403);
    expect(await connectEvents(door.port, { origin, cookie, host: `evil.example:${door.port}` })).toBe(421);
    const socket = await connectEvents(door.port, { origin, cookie });
    if (typeof socket === 'number') throw new Error(`refused with ${socket}`);
    const received = new Promise<unknown>((resolve) => socket.once('message', (data) => resolve(JSON.parse(String(data)))));
    door.broadcast({ type: 'note-added', cycleId: 'c1' });
    expect(await received).toEqual({ type: 'note-added', cycleId: 'c1' });
    socket.close();
  });
});

describe('HTTP door: requests and files', () => {
  it('answers 413 to a body longer than the contract allows', async () => {
    const { send, json, signIn } = await setUp();
    const cookie = await signIn();
    const body = JSON.stringify({ name: 'x'.repeat(MAX_PAYLOAD_CHARS) });
    const reply = await send('POST', '/api/createGroup', { ...json, cookie }, body);
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body).error.code).toBe('too-large');
  });

  it('answers an invalid payload and an unknown channel with the contract’s invalid-request', async () => {
    const { send, json, signIn, groupFiles } = await setUp();
    const cookie = await signIn();
    const invalid = await send('POST', '/api/createGroup', { ...json, cookie }, JSON.stringify({ name: 42 }));
    expect(invalid.status).toBe(200);
    expect(JSON.parse(invalid.body)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    for (const channel of ['deleteEverything', '__proto__', 'constructor', 'toString', 'listGroups/extra', '']) {
      const unknown = await send('POST', `/api/${channel}`, { ...json, cookie }, '{}');
      expect(JSON.parse(unknown.body), channel).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    }
    const notJson = await send('POST', '/api/listGroups', { ...json, cookie }, '{"broken');
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await groupFiles()).toEqual([]);
  });

  it('serves the renderer with a strict CSP and no CORS, GET only', async () => {
    const { send, json } = await setUp();
    const index = await send('GET', '/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('<div id="root">');
    const csp = String(index.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.headers['referrer-policy']).toBe('no-referrer');
    expect(index.headers['access-control-allow-origin']).toBeUndefined();
    expect(index.headers['x-frame-options']).toBe('DENY');
    expect(index.headers['cross-origin-resource-policy']).toBe('same-origin');
    // No opener policy on loopback: it costs a new tab a process swap before the first script (see securityHeaders).
    expect(index.headers['cross-origin-opener-policy']).toBeUndefined();
    expect((await send('GET', '/assets/app.js')).headers['content-type']).toMatch(/^text\/javascript/);
    expect((await send('POST', '/index.html', json, '{}')).status).toBe(405);
    expect((await send('GET', '/api/listGroups')).status).toBe(405);
  });

  it('never serves a file outside the renderer folder', async () => {
    const { send } = await setUp();
    for (const attempt of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e%5csecret.txt', '/assets/%00', '/%E0%A4%A', '/../package.json']) {
      const reply = await send('GET', attempt);
      expect([400, 403, 404], attempt).toContain(reply.status);
      expect(reply.body, attempt).not.toContain(SECRET);
    }
  });
});

describe('HTTP door: every channel', () => {
  it('carries any JSON to every channel and answers a Result; what the contract refuses is invalid-request', async () => {
    const { send, json, signIn } = await setUp();
    const cookie = await signIn();
    for (const name of channelNames) {
      await fc.assert(
        fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), async (payload) => {
          const text = JSON.stringify(payload);
          const reply = await send('POST', `/api/${name}`, { ...json, cookie }, text);
          expect(reply.status).toBe(200);
          const result = JSON.parse(reply.body) as { ok: boolean; error?: { code: string } };
          if (!result.ok) expect(errorCodes).toContain(result.error?.code);
          if (!contract[name].request.safeParse(JSON.parse(text)).success) expect(result.error?.code, name).toBe('invalid-request');
        }),
        { numRuns: 3, seed: channelNames.indexOf(name) },
      );
    }
  }, 60_000);
});
