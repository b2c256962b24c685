import fc from 'fast-check';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBackend } from '../../electron/backend/index';
import { noEffects, type HostEffects } from '../../electron/backend/context';
import { startHttpDoor, type HttpDoor } from '../../electron/backend/doors/http-door';
import { createHost, type Host } from '../../electron/backend/host';
import { MAX_PAYLOAD_CHARS } from '../../electron/dispatch';
import { createMemoryStore, createSettings } from '../../electron/settings';
import { channelNames, contract, type ChannelName, type WorkspaceService } from '../../shared/contract';
import { errorCodes } from '../../shared/result';
import { chunked, exchangeRaw, rawHead, sendRaw, type Reply } from './support/door-client';
import { fuzzedChannels, readSide, type Seeds } from './support/fuzz-requests';
import { exposeInternalValidation, filesOfSide, seedFuzzWorkspace, type FuzzIds } from './support/fuzz-workspace';
import { refusedPayload } from './support/refused-payloads';
import { validateWorkspace, walk } from './support/validate-workspace';

/**
 * The IPC fuzz (ipc-fuzz.test.ts) again, through the HTTP door a browser uses: the same
 * hostile requests the contract accepts and the same refused payloads, sent as JSON over
 * HTTP to a real host, plus what only HTTP can carry — bodies that are not clean JSON,
 * chunks cut inside a character, a client that goes away mid-body — and, for every
 * channel, the requests another site's page could make.
 *
 * Every answer is 200 with a Result, or one of the door's documented refusals (400 not
 * JSON, 401/403/421 not allowed in, 413 too large, 415 not JSON content), never a 500 or
 * a dropped connection; afterwards the workspace validates and the door still answers.
 */
/** Runs per channel, fewer than the IPC fuzz (which covers the backend itself): the door is what is new here. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 2);
const TOKEN = 'http-fuzz-token-3b8e1d';
const group = { name: '4年 算数 🧮', schools: [], subject: 'Mathematics', gradeBand: '4', researchTheme: '', norms: [], members: [] };

type AnyResult = { ok: boolean; value?: unknown; error?: { code: string; message: string } };

/** A host over `workspaceDir` behind an HTTP door, signed in: what a browser tab talks to. */
const openDoor = async (userData: string, workspaceDir: string, effects: HostEffects = noEffects) => {
  const openHost = () =>
    createHost({
      settings: createSettings(createMemoryStore()),
      effects,
      defaultWorkspaceDir: workspaceDir,
      samplesDir: path.join(userData, 'samples'),
      sampleSourceDir: path.join(userData, 'no-sample'),
    });
  let host: Host = await openHost();
  const rendererDir = path.join(userData, 'renderer');
  await mkdir(rendererDir, { recursive: true });
  /** The door's log events by name: codes and counts only, never request text. */
  const logged: string[] = [];
  const door: HttpDoor = await startHttpDoor({ getService: () => exposeInternalValidation(host.service), rendererDir, token: TOKEN, log: { event: (name) => void logged.push(name) } });
  const origin = `http://127.0.0.1:${door.port}`;
  const json = { 'content-type': 'application/json', origin };
  const session = await sendRaw(door.port, 'POST', '/session', json, JSON.stringify({ token: TOKEN }));
  expect(session.status).toBe(200);
  const cookie = String(session.headers['set-cookie']?.[0]).split(';')[0];
  const post = (channel: string, body: string | Buffer, headers: Record<string, string> = {}) =>
    sendRaw(door.port, 'POST', `/api/${channel}`, { ...json, cookie, ...headers }, body);
  /** The workspace's channels called through the door, as the page's transport calls them. */
  const service = new Proxy({} as WorkspaceService, {
    get: (_target, channel: string) => async (request: unknown) => {
      const result = JSON.parse((await post(channel, JSON.stringify(request))).body) as AnyResult;
      if (!result.ok) throw new Error(`${channel}: ${result.error?.message}`);
      return result.value;
    },
  });
  return {
    door,
    origin,
    cookie,
    post,
    service,
    logged,
    /** The workspace closed and opened again, as after a restart; the door stays up. */
    async reopen(check: () => Promise<void>) {
      await host.close();
      await check();
      host = await openHost();
    },
    async close() {
      await door.close();
      await host.close();
    },
  };
};

const resultOf = (reply: Reply): AnyResult => {
  expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
  return JSON.parse(reply.body) as AnyResult;
};

describe('HTTP fuzz with requests the contract accepts, carrying hostile content', () => {
  let dir: string;
  let exportsDir: string;
  let door: Awaited<ReturnType<typeof openDoor>>;
  let ids: FuzzIds;
  let photos: string[];
  let groupBFiles: string[];
  let groupBBefore: Map<string, string>;
  let userData: string;
  let exported = 0;

  const readGroupB = async (): Promise<Map<string, string>> =>
    new Map(await Promise.all(groupBFiles.map(async (rel) => [rel, await readFile(path.join(dir, rel), 'utf8')] as const)));

  beforeAll(async () => {
    // Not tempDir: that removes its folders after each test, and this workspace lives for the whole describe.
    userData = await mkdtemp(path.join(tmpdir(), 'ls-http-fuzz-'));
    dir = path.join(userData, 'workspace');
    exportsDir = path.join(userData, 'exports');
    await mkdir(exportsDir);
    const backend = await createBackend({ workspaceDir: dir, effects: noEffects });
    ({ ids, photos } = await seedFuzzWorkspace(backend));
    await backend.close();
    groupBFiles = await filesOfSide(dir, ids.b);
    expect(groupBFiles.length).toBeGreaterThanOrEqual(5);
    groupBBefore = await readGroupB();
    door = await openDoor(userData, dir, { ...noEffects, chooseSavePath: async () => path.join(exportsDir, `export-${exported++}`) });
  }, 60_000);

  afterAll(async () => {
    await door?.close();
    await rm(userData, { recursive: true, force: true });
  });

  const entries = Object.entries(fuzzedChannels) as Array<[ChannelName, { slow?: true; payload: (s: Seeds) => fc.Arbitrary<unknown> }]>;
  for (const [index, [name, spec]] of entries.entries()) {
    it(name, async () => {
      const seeds: Seeds = { a: { ...(await readSide(door.service, ids.a)), planCycleId: ids.a.planCycleId }, b: await readSide(door.service, ids.b), photos };
      await fc.assert(
        fc.asyncProperty(spec.payload(seeds), async (payload) => {
          const text = JSON.stringify(payload);
          const gate = contract[name].request.safeParse(JSON.parse(text));
          expect(gate.success, `the generator built a payload the contract refuses: ${gate.error?.issues[0]?.message}`).toBe(true);

          const reply = await door.post(name, text);
          expect(reply.status, reply.body.slice(0, 300)).toBe(200);
          const result = resultOf(reply);
          if (result.ok) {
            expect(contract[name].response.safeParse(result.value).success).toBe(true);
          } else {
            expect(errorCodes).toContain(result.error?.code);
            expect(result.error?.code, `an unhandled crash: ${result.error?.message}`).not.toBe('internal');
          }
          const notices = resultOf(await door.post('listNotices', '{}')).value as Array<{ kind: string }>;
          expect(notices.filter((n) => n.kind === 'quarantined' || n.kind === 'restored-from-backup')).toEqual([]);

          await door.reopen(async () => {
            expect(await validateWorkspace(dir, { backups: false })).toEqual([]);
            expect(await readGroupB()).toEqual(groupBBefore);
          });
        }),
        { numRuns: spec.slow ? 1 : RUNS, seed: 1400 + index, interruptAfterTimeLimit: 20_000 },
      );
    }, 30_000);
  }

  it('leaves every backup valid and group B byte for byte as it was', async () => {
    await door.reopen(async () => {
      expect(await validateWorkspace(dir)).toEqual([]);
      expect(await readGroupB()).toEqual(groupBBefore);
    });
  });
});

describe('HTTP door: what is not a request the contract accepts', () => {
  let userData: string;
  let workspaceDir: string;
  let door: Awaited<ReturnType<typeof openDoor>>;

  beforeAll(async () => {
    userData = await mkdtemp(path.join(tmpdir(), 'ls-http-gate-'));
    workspaceDir = path.join(userData, 'workspace');
    door = await openDoor(userData, workspaceDir);
  });
  afterAll(async () => {
    await door?.close();
    await rm(userData, { recursive: true, force: true });
  });

  const snapshot = async () =>
    Promise.all((await walk(workspaceDir)).map(async (rel) => `${rel}:${(await stat(path.join(workspaceDir, rel))).mtimeMs}`));

  /** The door still serves a valid request: nothing above broke it. */
  const stillAnswers = async () => {
    const reply = await door.post('listGroups', '{}');
    expect(reply.status).toBe(200);
    expect(resultOf(reply).ok).toBe(true);
  };

  it('every channel refuses, at the gate, payloads its schema cannot accept, with a Result and nothing written', async () => {
    const before = await snapshot();
    for (const [index, name] of channelNames.entries()) {
      const shape = (contract[name].request as unknown as { shape?: Record<string, unknown> }).shape ?? {};
      await fc.assert(
        fc.asyncProperty(refusedPayload(Object.keys(shape)), async (payload) => {
          // What the door hands to dispatch: the JSON text parsed again (NaN becomes null, an empty body undefined).
          const text = JSON.stringify(payload) ?? '';
          fc.pre(!contract[name].request.safeParse(text === '' ? undefined : JSON.parse(text)).success);
          const reply = await door.post(name, text);
          const result = resultOf(reply);
          expect(result.ok).toBe(false);
          if (text.length > MAX_PAYLOAD_CHARS) {
            expect(reply.status).toBe(413);
            expect(result.error?.code).toBe('too-large');
          } else {
            expect(reply.status).toBe(200);
            expect(result.error?.code).toBe('invalid-request');
          }
        }),
        { numRuns: 1, seed: 2600 + index },
      );
    }
    expect(await snapshot()).toEqual(before);
    await stillAnswers();
  }, 60_000);

  /** Parses to Infinity, which JSON cannot write back: a file holding it would read as null. */
  const infinite = '1' + '0'.repeat(400);
  const changeWithClock = (clockMs: string) =>
    `{"change":{"id":"00000000-0000-4000-8000-000000000001","cycleId":"00000000-0000-4000-8000-000000000002","observerId":"00000000-0000-4000-8000-000000000003",` +
    `"clockMs":${clockMs},"wallTime":"2025-05-01T10:00:00.000Z","mode":"pairs","updatedAt":"2025-05-01T10:00:00.000Z"}}`;
  it.each([
    ['text that is not JSON', 'listGroups', '{"broken', 400, 'not JSON'],
    ['JSON after a byte order mark', 'listGroups', '\uFEFF{}', 400, 'not JSON'],
    ['JSON in UTF-16', 'listGroups', Buffer.from('{}', 'utf16le'), 400, 'not JSON'],
    ['JSON in UTF-16 with its byte order mark', 'listGroups', Buffer.from('\uFEFF{}', 'utf16le'), 400, 'not JSON'],
    ['a number too large for a double', 'listGroups', infinite, 200, 'Invalid request to listGroups'],
    ['a number too large for a double, where the contract wants a number', 'saveClassMode', changeWithClock(infinite), 200, 'change.clockMs'],
    ['a number past 2^53', 'updatePreferences', '{"uiLanguage":123456789012345678901234567890}', 200, 'uiLanguage'],
    ['arrays nested 100,000 deep', 'listGroups', '['.repeat(100_000) + ']'.repeat(100_000), 200, 'cannot be read'],
    ['objects nested 100,000 deep', 'createGroup', '{"name":'.repeat(100_000) + '1' + '}'.repeat(100_000), 200, 'cannot be read'],
    ['an empty body', 'createGroup', '', 200, 'Invalid request to createGroup'],
  ])('answers %s with a clear refusal and keeps serving', async (_what, channel, body, status, message) => {
    const reply = await door.post(channel, body);
    expect(reply.status).toBe(status);
    const result = resultOf(reply);
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('invalid-request');
    expect(result.error?.message).toContain(message);
    await stillAnswers();
  });

  it('puts a body back together whose chunks are cut inside characters', async () => {
    const body = Buffer.from(JSON.stringify(group), 'utf8');
    // Byte offsets inside "年" (3 bytes), "算" (3 bytes) and "🧮" (4 bytes, a surrogate pair in JSON's UTF-16).
    const inside = (text: string, plus: number) => body.indexOf(Buffer.from(text)) + plus;
    const cuts = [inside('年', 1), inside('年', 2), inside('算', 1), inside('🧮', 1), inside('🧮', 3)];
    const answer = await exchangeRaw(door.door.port, rawHead(door.door.port, '/api/createGroup', { 'Content-Type': 'application/json', Origin: door.origin, Cookie: door.cookie, 'Transfer-Encoding': 'chunked' }), chunked(body, cuts));
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: true, value: { name: '4年 算数 🧮' } });
  });

  it('refuses a body larger than the door reads, sent whole or in chunks, and keeps serving', async () => {
    const tooLarge = Buffer.alloc(MAX_PAYLOAD_CHARS * 3 + 1, 0x20);
    const declared = await door.post('listGroups', tooLarge);
    expect(declared.status).toBe(413);
    expect(resultOf(declared).error?.code).toBe('too-large');
    const streamed = await exchangeRaw(door.door.port, rawHead(door.door.port, '/api/listGroups', { 'Content-Type': 'application/json', Origin: door.origin, Cookie: door.cookie, 'Transfer-Encoding': 'chunked' }), chunked(tooLarge, [1 << 20, 2 << 20, 20 << 20]));
    expect(streamed.status).toBe(413);
    await stillAnswers();
  }, 30_000);

  it('survives a client that stops mid-body, by going away or by closing its side, and writes nothing', async () => {
    const before = await snapshot();
    const body = Buffer.from(JSON.stringify(group), 'utf8');
    const head = rawHead(door.door.port, '/api/createGroup', { 'Content-Type': 'application/json', Origin: door.origin, Cookie: door.cookie, 'Content-Length': String(body.length) });
    const abandoned = () => door.logged.filter((name) => name === 'http-request-abandoned').length;
    const dropped = await exchangeRaw(door.door.port, head, [body.subarray(0, 20)], 'destroy');
    expect(dropped.status).toBeNull();
    await vi.waitFor(() => expect(abandoned()).toBe(1), { timeout: 10_000 });
    // Half-closed: Node's parser answers 400 to a body cut short.
    const halfClosed = await exchangeRaw(door.door.port, head, [body.subarray(0, 20)], 'end');
    expect(halfClosed.status).toBe(400);
    await vi.waitFor(() => expect(abandoned()).toBe(2), { timeout: 10_000 });
    const chunkedHead = rawHead(door.door.port, '/api/createGroup', { 'Content-Type': 'application/json', Origin: door.origin, Cookie: door.cookie, 'Transfer-Encoding': 'chunked' });
    const cutChunk = await exchangeRaw(door.door.port, chunkedHead, [chunked(body, [20])[0]], 'end');
    expect(cutChunk.status).toBe(400);
    await vi.waitFor(() => expect(abandoned()).toBe(3), { timeout: 10_000 });
    // A client going away is not a failure of the door (which was logged as one, on the 500 path).
    expect(door.logged).not.toContain('http-request-failed');
    await stillAnswers();
    expect(await snapshot()).toEqual(before);
  });
});

describe('HTTP door: a page of another origin cannot call any channel', () => {
  let userData: string;
  let workspaceDir: string;
  let door: Awaited<ReturnType<typeof openDoor>>;

  beforeAll(async () => {
    userData = await mkdtemp(path.join(tmpdir(), 'ls-http-origin-'));
    workspaceDir = path.join(userData, 'workspace');
    door = await openDoor(userData, workspaceDir);
  });
  afterAll(async () => {
    await door?.close();
    await rm(userData, { recursive: true, force: true });
  });

  it('refuses every channel without the session, from another origin or host, and as a form post', async () => {
    const { port } = door.door;
    const evil = 'http://evil.example';
    const cases: Array<[string, (cookie: string) => Record<string, string>, number, string]> = [
      ['no session cookie', () => ({ 'content-type': 'application/json', origin: door.origin }), 401, 'forbidden'],
      ['a session cookie never given', () => ({ 'content-type': 'application/json', origin: door.origin, cookie: `lesson-study-session-${port}=guess` }), 401, 'forbidden'],
      ['the cookie, sent by a page of another site', (cookie) => ({ 'content-type': 'application/json', origin: evil, cookie }), 403, 'forbidden'],
      ['the cookie, sent by a page of another port of this computer', (cookie) => ({ 'content-type': 'application/json', origin: `http://127.0.0.1:${port + 1}`, cookie }), 403, 'forbidden'],
      ['the cookie with Origin null (a sandboxed frame, a file:// page)', (cookie) => ({ 'content-type': 'application/json', origin: 'null', cookie }), 403, 'forbidden'],
      ['the cookie without an Origin', (cookie) => ({ 'content-type': 'application/json', cookie }), 403, 'forbidden'],
      ['the cookie with a Host naming another site (DNS rebinding)', (cookie) => ({ 'content-type': 'application/json', origin: door.origin, cookie, host: `evil.example:${port}` }), 421, 'forbidden'],
      ['a simple form post of another site (text/plain, no preflight)', (cookie) => ({ 'content-type': 'text/plain', origin: evil, cookie }), 403, 'forbidden'],
      ['a form post of this origin as text/plain', (cookie) => ({ 'content-type': 'text/plain', origin: door.origin, cookie }), 415, 'invalid-request'],
      ['a form post of this origin, url-encoded', (cookie) => ({ 'content-type': 'application/x-www-form-urlencoded', origin: door.origin, cookie }), 415, 'invalid-request'],
      ['a form post of this origin, multipart', (cookie) => ({ 'content-type': 'multipart/form-data; boundary=x', origin: door.origin, cookie }), 415, 'invalid-request'],
    ];
    const before = await walk(workspaceDir);
    for (const name of channelNames) {
      // createGroup gets a request it would carry out: a door that let it through would write a group.
      const body = name === 'createGroup' ? JSON.stringify(group) : '{}';
      for (const [what, headers, status, code] of cases) {
        const reply = await sendRaw(port, 'POST', `/api/${name}`, headers(door.cookie), body);
        expect(reply.status, `${name}: ${what}`).toBe(status);
        expect(resultOf(reply), `${name}: ${what}`).toMatchObject({ ok: false, error: { code } });
        expect(reply.headers['access-control-allow-origin'], `${name}: ${what}`).toBeUndefined();
        expect(reply.headers['set-cookie'], `${name}: ${what}`).toBeUndefined();
      }
      // A preflight is never granted, so a page of another site cannot send JSON at all.
      const preflight = await sendRaw(port, 'OPTIONS', `/api/${name}`, { origin: evil, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' });
      expect(preflight.status, name).toBe(405);
      expect(Object.keys(preflight.headers).filter((header) => header.startsWith('access-control-')), name).toEqual([]);
    }
    expect(await walk(workspaceDir)).toEqual(before);
    expect(resultOf(await door.post('listGroups', '{}'))).toEqual({ ok: true, value: [] });
  }, 60_000);
});
