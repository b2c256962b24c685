import { afterEach, describe, expect, it } from 'vitest';
import { sendRaw } from './support/door-client';
import {
  APP_PAGE_TEXT,
  browserHeaders,
  Device,
  joinedDevice,
  OBSERVER_PAGE_TEXT,
  portOf,
  postJoin,
  manualHeartbeat,
  secretOf,
  setUpCapture,
  type CaptureSetUp,
} from './support/capture-devices';

/**
 * The capture door from the outside, as a phone on the school network (or an attacker on
 * it) reaches it: real sockets on 127.0.0.1, the host clock injected.
 */

let running: CaptureSetUp[] = [];
afterEach(async () => {
  for (const setUp of running) await setUp.host.close();
  running = [];
});
const started = async (options?: Parameters<typeof setUpCapture>[0]) => {
  const setUp = await setUpCapture(options);
  running.push(setUp);
  return setUp;
};
const open = async (setUp: CaptureSetUp) => {
  const status = await setUp.service.openCaptureSession({ cycleId: setUp.lesson.cycle.id });
  return { status, port: portOf(status.joinUrls[0]) };
};

describe('opening the capture door', () => {
  it('opens for a cycle in the observe phase, with a join address per network and a typed code; repeat calls give the same session', async () => {
    const setUp = await started();
    const first = await setUp.service.openCaptureSession({ cycleId: setUp.lesson.cycle.id });
    expect(first.open).toBe(true);
    expect(first.noNetwork).toBe(false);
    expect(first.joinUrls).toHaveLength(1);
    expect(first.joinUrls[0]).toMatch(/^http:\/\/192\.168\.1\.23:\d+\/#join=[A-Za-z0-9_-]{32}$/);
    expect(first.joinCode).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/);
    const again = await setUp.service.openCaptureSession({ cycleId: setUp.lesson.cycle.id });
    expect(again.joinUrls).toEqual(first.joinUrls);
    expect(again.joinCode).toBe(first.joinCode);
    expect(setUp.changes).toContain(setUp.lesson.cycle.id);
  });

  it('two quick clicks on Invite observers open one session, not two doors', async () => {
    const setUp = await started();
    const cycleId = setUp.lesson.cycle.id;
    const [a, b] = await Promise.all([setUp.service.openCaptureSession({ cycleId }), setUp.service.openCaptureSession({ cycleId })]);
    expect(b.joinUrls).toEqual(a.joinUrls);
    expect(b.joinCode).toBe(a.joinCode);
    expect(setUp.logged.filter((entry) => entry.event === 'capture-door-opened')).toHaveLength(1);
  });

  it('says noNetwork when the computer has only loopback', async () => {
    const setUp = await started({
      interfaces: () => ({ lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' }] }),
    });
    const status = await setUp.service.openCaptureSession({ cycleId: setUp.lesson.cycle.id });
    expect(status.open).toBe(true);
    expect(status.noNetwork).toBe(true);
    expect(status.joinUrls).toEqual([]);
  });

  it('the lesson’s next session opens on the port of the last one, where a device’s page keeps its unsent notes; a new session has a new code and secret', async () => {
    const setUp = await started();
    const cycleId = setUp.lesson.cycle.id;
    const first = await open(setUp);
    await setUp.service.endCaptureSession({ cycleId });
    const second = await open(setUp);
    expect(second.port).toBe(first.port);
    expect(second.status.joinUrls[0]).not.toBe(first.status.joinUrls[0]);
  });

  it('refuses a cycle that is not in the observe phase, and opens no door', async () => {
    const setUp = await started();
    await setUp.service.moveCycle({ cycleId: setUp.lesson.cycle.id, to: 'teach', by: 'facilitator', reason: 'The lesson was postponed.' });
    await expect(setUp.service.openCaptureSession({ cycleId: setUp.lesson.cycle.id })).rejects.toMatchObject({ code: 'invalid-transition' });
    expect((await setUp.service.getCaptureStatus({ cycleId: setUp.lesson.cycle.id })).open).toBe(false);
  });
});

describe('static files: the observer page and its assets only', () => {
  it('serves observer.html at / and files under /assets/, with the strict CSP and no CORS', async () => {
    const setUp = await started();
    const { port } = await open(setUp);
    const page = await sendRaw(port, 'GET', '/', { host: `127.0.0.1:${port}` });
    expect(page.status).toBe(200);
    expect(page.body).toBe(OBSERVER_PAGE_TEXT);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
    expect(page.headers['cross-origin-opener-policy']).toBe('same-origin');
    const script = await sendRaw(port, 'GET', '/assets/observer.js', { host: `127.0.0.1:${port}` });
    expect(script.status).toBe(200);
    expect(script.body).toBe('console.log("observer")');
    // The page's own address on the school network is accepted as Host too.
    expect((await sendRaw(port, 'GET', '/', { host: `192.168.1.23:${port}` })).status).toBe(200);
  });

  it('refuses every other path, path tricks included: never the app page, never a file outside', async () => {
    const setUp = await started();
    const { port } = await open(setUp);
    for (const tricky of [
      '/index.html',
      '/assets/../index.html',
      '/assets/%2e%2e/index.html',
      '/assets/..%2findex.html',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/assets/..%5c..%5csecret.txt',
      '/assets/',
      '/assets/%00observer.js',
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/api/listGroups',
      '/events',
    ]) {
      const reply = await sendRaw(port, 'GET', tricky, { host: `127.0.0.1:${port}` });
      expect(reply.status, tricky).toBe(404);
      expect(reply.body, tricky).not.toContain('the whole app');
      expect(reply.body, tricky).not.toContain('outside the renderer folder');
    }
    expect(APP_PAGE_TEXT).toContain('the whole app');
  });

  it('answers 503 with a clear text when the observer page was not built', async () => {
    const setUp = await started({ withObserverPage: false });
    const { port } = await open(setUp);
    const reply = await sendRaw(port, 'GET', '/', { host: `127.0.0.1:${port}` });
    expect(reply.status).toBe(503);
    expect(reply.body).toContain('observer page is missing');
  });
});

describe('who may come in', () => {
  it('refuses a Host that is not this computer at this port (DNS rebinding), on pages, join and socket', async () => {
    const setUp = await started();
    const { status, port } = await open(setUp);
    for (const host of [`evil.example:${port}`, '127.0.0.1', `127.0.0.1:${port + 1}`, `192.168.1.99:${port}`]) {
      expect((await sendRaw(port, 'GET', '/', { host })).status, host).toBe(421);
      const join = await postJoin(port, { code: status.joinCode, deviceName: 'Phone', language: 'en' }, { host, origin: `http://${host}`, 'content-type': 'application/json' });
      expect(join.status, host).toBe(421);
      await expect(Device.connect(port, { host, origin: `http://${host}` }), host).rejects.toThrow('refused 421');
    }
    expect((await setUp.service.getCaptureStatus({ cycleId: setUp.lesson.cycle.id })).devices).toEqual([]);
  });

  it('refuses a join or a socket whose Origin is not the door’s own', async () => {
    const setUp = await started();
    const { status, port } = await open(setUp);
    for (const origin of ['http://evil.example', `http://127.0.0.1:${port + 1}`, 'null']) {
      const join = await postJoin(port, { code: status.joinCode, deviceName: 'Phone', language: 'en' }, { ...browserHeaders(port), origin });
      expect(join.status, origin).toBe(403);
      await expect(Device.connect(port, { host: `127.0.0.1:${port}`, origin }), origin).rejects.toThrow('refused 403');
    }
    const noOrigin = await sendRaw(port, 'POST', '/join', { host: `127.0.0.1:${port}`, 'content-type': 'application/json' }, JSON.stringify({ code: status.joinCode, deviceName: 'Phone' }));
    expect(noOrigin.status).toBe(403);
    expect((await setUp.service.getCaptureStatus({ cycleId: setUp.lesson.cycle.id })).devices).toEqual([]);
  });
});

describe('joining', () => {
  it('joins by the typed code (any case, with a dash) and by the QR code’s secret; each device waits with its name', async () => {
    const setUp = await started();
    const { status, port } = await open(setUp);
    const typed = `${status.joinCode.slice(0, 3).toLowerCase()}-${status.joinCode.slice(3)}`;
    const byCode = await postJoin(port, { code: typed, deviceName: 'Aiko’s iPad', language: 'ja' });
    expect(byCode.status).toBe(200);
    const bySecret = await postJoin(port, { secret: secretOf(status.joinUrls[0]), deviceName: 'Chromebook 12' });
    expect(bySecret.status).toBe(200);
    const answers = [JSON.parse(byCode.body).value, JSON.parse(bySecret.body).value];
    for (const answer of answers) expect(answer.deviceToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(answers[0].deviceToken).not.toBe(answers[1].deviceToken);
    const devices = (await setUp.service.getCaptureStatus({ cycleId: setUp.lesson.cycle.id })).devices;
    expect(devices.map((d) => [d.name, d.state, d.language, d.connected])).toEqual([
      ['Aiko’s iPad', 'waiting', 'ja', false],
      ['Chromebook 12', 'waiting', 'en', false],
    ]);
    expect(JSON.stringify(devices)).not.toContain(answers[0].deviceToken);
  });

  it('refuses a wrong code or secret with 403, and writes down no device', async () => {
    const setUp = await started();
    const { status, port } = await open(setUp);
    const wrongCode = status.joinCode === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA';
    const byCode = await postJoin(port, { code: wrongCode, deviceName: 'Phone' });
    expect(byCode.status).toBe(403);
    expect(JSON.parse(byCode.body).error.message).toContain('join code is not right');
    expect((await postJoin(port, { secret: 'x'.repeat(32), deviceName: 'Phone' })).status).toBe(403);
    expect((await postJoin(port, { code: 'O0I1L!', deviceName: 'Phone' })).status).toBe(400);
    expect((await postJoin(port, { deviceName: 'Phone' })).status).toBe(400);
    expect((await postJoin(port, { code: status.joinCode, deviceName: '' })).status).toBe(400);
    expect((await setUp.service.getCaptureStatus({ cycleId: setUp.lesson.cycle.id })).devices).toEqual([]);
  });

  it('throttles join attempts per address with 429 and a clear message, and lets them in again once the window has passed', async () => {
    const setUp = await started({ limits: { perAddress: 3, overall: 100, windowMs: 60_000, maxDevices: 50 } });
    const { status, port } = await open(setUp);
    const wrongCode = status.joinCode === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA';
    for (let i = 0; i < 3; i++) expect((await postJoin(port, { code: wrongCode, deviceName: 'Guesser' })).status).toBe(403);
    const throttled = await postJoin(port, { code: status.joinCode, deviceName: 'Guesser' });
    expect(throttled.status).toBe(429);
    expect(JSON.parse(throttled.body).error.message).toContain('Too many attempts');
    setUp.now.ms += 59_999;
    expect((await postJoin(port, { code: status.joinCode, deviceName: 'Guesser' })).status).toBe(429);
    setUp.now.ms += 1;
    expect((await postJoin(port, { code: status.joinCode, deviceName: 'Guesser' })).status).toBe(200);
    expect((await setUp.service.getCaptureStatus({ cycleId: setUp.lesson.cycle.id })).devices).toHaveLength(1);
  });

  it('throttles all join attempts together, whatever address they come from', async () => {
    const setUp = await started({ limits: { perAddress: 100, overall: 2, windowMs: 60_000, maxDevices: 50 } });
    const { status, port } = await open(setUp);
    expect((await postJoin(port, { code: status.joinCode, deviceName: 'One' })).status).toBe(200);
    expect((await postJoin(port, { code: status.joinCode, deviceName: 'Two' })).status).toBe(200);
    const third = await postJoin(port, { code: status.joinCode, deviceName: 'Three' });
    expect(third.status).toBe(429);
    expect(JSON.parse(third.body).error.message).toContain('Too many devices');
  });

  it('refuses an oversized join body with 413 and no device', async () => {
    const setUp = await started();
    const { status, port } = await open(setUp);
    const reply = await postJoin(port, { code: status.joinCode, deviceName: 'Phone', padding: 'x'.repeat(10_000) });
    expect(reply.status).toBe(413);
    expect((await setUp.service.getCaptureStatus({ cycleId: setUp.lesson.cycle.id })).devices).toEqual([]);
  });
});

describe('the device socket: heartbeat', () => {
  it('cuts a device that stops answering pings (a phone gone from the Wi-Fi), and the facilitator sees it disconnected', async () => {
    // The test beats the heart itself, so a busy machine cannot make an answering device late.
    const clock = manualHeartbeat();
    const setUp = await started({ heartbeat: clock.heartbeat });
    const cycleId = setUp.lesson.cycle.id;
    const status = await setUp.service.openCaptureSession({ cycleId });
    const port = portOf(status.joinUrls[0]);
    const tokens = [];
    for (const deviceName of ['Answers', 'Silent']) {
      const reply = await postJoin(port, { code: status.joinCode, deviceName });
      tokens.push(JSON.parse(reply.body).value.deviceToken as string);
    }
    const answering = await Device.connect(port);
    const silent = await Device.connect(port, browserHeaders(port), { answersPings: false });
    answering.hello(tokens[0]);
    silent.hello(tokens[1]);
    await expect.poll(() => clock.sockets()).toBe(2);
    // A first beat pings both; only one answers. Its pong reaches the door before its next call does.
    clock.beat();
    await expect.poll(() => [answering.pings, silent.pings]).toEqual([1, 1]);
    // A round trip on the answering socket (refused: the device waits for approval) passes its pong to the door first.
    expect(await answering.call('getLesson', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(silent.closed).toBe(false);
    // The next beat cuts the one that did not answer.
    clock.beat();
    await silent.waitForClose();
    const devices = (await setUp.service.getCaptureStatus({ cycleId })).devices;
    expect(devices.map((d) => [d.name, d.connected])).toEqual([
      ['Answers', true],
      ['Silent', false],
    ]);
    expect(answering.closed).toBe(false);
  });
});

describe('the device socket: tokens', () => {
  it('refuses a socket without a hello, with an unknown token, or with a token of a removed device', async () => {
    const setUp = await started();
    const { port, deviceId, deviceToken, device: approved } = await joinedDevice(setUp);

    const noHello = await Device.connect(port);
    const call = await Promise.race([noHello.call('getLesson', {}), noHello.waitForClose().then(() => null)]);
    expect(call).toBeNull();
    expect(noHello.messages).toEqual([{ type: 'refused', error: { code: 'forbidden', message: 'Say hello with the device token first.' } }]);

    const wrong = await Device.connect(port);
    wrong.hello('A'.repeat(43));
    await wrong.waitForClose();
    expect(wrong.messages.map((m) => m.type)).toEqual(['refused']);

    await setUp.service.removeDevice({ cycleId: setUp.lesson.cycle.id, deviceId });
    await approved.waitForStatus('removed');
    await approved.waitForClose();
    const again = await Device.connect(port);
    again.hello(deviceToken);
    await again.waitForClose();
    expect(again.messages.map((m) => m.type)).toEqual(['refused']);
    expect(again.statuses()).toEqual([]);
  });

  it('closes a socket that sends a message larger than any photo call, and nothing is written', async () => {
    const setUp = await started();
    const { device } = await joinedDevice(setUp);
    device.socket.send(JSON.stringify({ type: 'call', id: 'big', channel: 'attachPhoto', request: { name: 'x.png', dataBase64: 'A'.repeat(8 * 1024 * 1024) } }));
    await device.waitForClose();
    expect(device.closeCode).toBe(1009);
    const { photosOnDisk } = await import('./support/capture-devices');
    expect(await photosOnDisk(`${setUp.userData}/workspace`)).toEqual([]);
  });
});
