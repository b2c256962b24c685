import { describe, expect, it } from 'vitest';
import { backoffMs, createTransport, type SocketLike, type TransportEvents } from '../../renderer/observer/transport';
import { HOST_T0, lesson, liveClock } from './observer-fixtures';

/** A socket the test opens, feeds and drops by hand. */
class FakeSocket implements SocketLike {
  readyState = 0;
  sent: Array<Record<string, unknown>> = [];
  closed = false;
  onopen: SocketLike['onopen'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  onmessage: SocketLike['onmessage'] = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close() {
    this.closed = true;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({} as Event);
  }
  receive(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) } as MessageEvent);
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({} as CloseEvent);
  }
}

const TOKEN = 'T'.repeat(40);
const NOTE_ID = '11111111-1111-4111-8111-111111111111';

const setup = () => {
  const sockets: FakeSocket[] = [];
  const timers: Array<{ run: () => void; ms: number; cancelled: boolean }> = [];
  const seen = { statuses: [] as string[], clocks: [] as number[], refused: 0, connection: [] as string[] };
  const events: TransportEvents = {
    onStatus: (s) => seen.statuses.push(s.status),
    onClock: (_clock, at) => seen.clocks.push(at),
    onRefused: () => (seen.refused += 1),
    onConnection: (state) => seen.connection.push(state),
  };
  let now = 5_000;
  const transport = createTransport({
    url: 'ws://192.168.1.20:4321/ws',
    deviceToken: TOKEN,
    openSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    schedule: (run, ms) => {
      const timer = { run, ms, cancelled: false };
      timers.push(timer);
      return () => (timer.cancelled = true);
    },
    now: () => now,
    random: () => 1,
    events,
  });
  const runTimers = () => {
    for (const t of timers.splice(0)) if (!t.cancelled) t.run();
  };
  return { transport, sockets, timers, seen, runTimers, setNow: (ms: number) => (now = ms) };
};

const approved = { type: 'status', status: { status: 'approved', lesson: lesson() } };

describe('observer transport', () => {
  it('says hello with the token first and sends calls only once approved', () => {
    const { transport, sockets, seen } = setup();
    void transport.call('deleteNote', { id: NOTE_ID });
    const socket = sockets[0];
    expect(socket.url).toBe('ws://192.168.1.20:4321/ws');
    socket.open();
    expect(socket.sent).toEqual([{ type: 'hello', deviceToken: TOKEN }]);
    socket.receive({ type: 'status', status: { status: 'waiting' } });
    expect(socket.sent).toHaveLength(1);
    socket.receive(approved);
    expect(seen.statuses).toEqual(['waiting', 'approved']);
    expect(socket.sent).toHaveLength(2);
    expect(socket.sent[1]).toMatchObject({ type: 'call', channel: 'deleteNote', request: { id: NOTE_ID } });
  });

  it('reconnects after a drop and sends the unanswered call again, with the same id', async () => {
    const { transport, sockets, timers, runTimers, seen } = setup();
    sockets[0].open();
    sockets[0].receive(approved);
    const answer = transport.call('deleteNote', { id: NOTE_ID });
    const first = sockets[0].sent[1];
    sockets[0].drop();
    expect(seen.connection).toEqual(['connecting', 'open', 'offline']);
    expect(timers.map((t) => t.ms)).toEqual([500]);
    runTimers();
    expect(sockets).toHaveLength(2);
    // The first try after the drop fails too: the wait doubles.
    sockets[1].drop();
    expect(timers.map((t) => t.ms)).toEqual([1000]);
    runTimers();
    const socket = sockets[2];
    socket.open();
    socket.receive(approved);
    expect(socket.sent).toEqual([{ type: 'hello', deviceToken: TOKEN }, first]);
    socket.receive({ type: 'reply', id: first.id, result: { ok: true, value: { id: NOTE_ID, updatedAt: '2026-11-26T09:10:00.000Z' } } });
    await expect(answer).resolves.toEqual({ ok: true, value: { id: NOTE_ID, updatedAt: '2026-11-26T09:10:00.000Z' } });
  });

  it('matches each reply to its own call and ignores replies to unknown ids', async () => {
    const { transport, sockets } = setup();
    sockets[0].open();
    sockets[0].receive(approved);
    const one = transport.call('deleteNote', { id: NOTE_ID });
    const two = transport.call('deleteNote', { id: '22222222-2222-4222-8222-222222222222' });
    const [, callOne, callTwo] = sockets[0].sent;
    expect(callOne.id).not.toBe(callTwo.id);
    sockets[0].receive({ type: 'reply', id: 'nobody', result: { ok: true, value: {} } });
    sockets[0].receive({ type: 'reply', id: callTwo.id, result: { ok: false, error: { code: 'not-found', message: 'No such note' } } });
    await expect(two).resolves.toEqual({ ok: false, error: { code: 'not-found', message: 'No such note' } });
    sockets[0].receive({ type: 'reply', id: callOne.id, result: { ok: true, value: { id: NOTE_ID, updatedAt: '2026-11-26T09:11:00.000Z' } } });
    await expect(one).resolves.toEqual({ ok: true, value: { id: NOTE_ID, updatedAt: '2026-11-26T09:11:00.000Z' } });
  });

  it('a reply the page cannot read is an error, not a value', async () => {
    const { transport, sockets } = setup();
    sockets[0].open();
    sockets[0].receive(approved);
    const answer = transport.call('deleteNote', { id: NOTE_ID });
    sockets[0].receive({ type: 'reply', id: sockets[0].sent[1].id, result: { ok: true, value: { id: 'not-a-uuid' } } });
    await expect(answer).resolves.toMatchObject({ ok: false, error: { code: 'bad-reply' } });
  });

  it('reports the clock with the device time it arrived', () => {
    const { sockets, seen, setNow } = setup();
    sockets[0].open();
    setNow(7_000);
    sockets[0].receive(approved);
    setNow(9_000);
    sockets[0].receive({ type: 'clock', clock: liveClock({ hostNowMs: HOST_T0 + 60_000 }) });
    expect(seen.clocks).toEqual([7_000, 9_000]);
  });

  it('stops for good when the token is refused or the session ends', () => {
    const refused = setup();
    refused.sockets[0].open();
    refused.sockets[0].receive({ type: 'refused', error: { code: 'unknown-device', message: 'Join again' } });
    expect(refused.seen.refused).toBe(1);
    expect(refused.sockets[0].closed).toBe(true);
    refused.sockets[0].drop();
    expect(refused.timers).toEqual([]);

    const ended = setup();
    ended.sockets[0].open();
    ended.sockets[0].receive({ type: 'status', status: { status: 'ended' } });
    ended.sockets[0].drop();
    ended.transport.reconnectNow();
    expect(ended.timers).toEqual([]);
    expect(ended.sockets).toHaveLength(1);
  });

  it('ignores messages that do not follow the protocol', () => {
    const { sockets, seen } = setup();
    sockets[0].open();
    sockets[0].onmessage?.({ data: 'not json' } as MessageEvent);
    sockets[0].receive({ type: 'status', status: { status: 'approved' } });
    expect(seen.statuses).toEqual([]);
  });

  it('backs off 0.5 s, 1 s, 2 s … up to 15 s, shortened at random by up to half', () => {
    expect([0, 1, 2, 3, 4, 5, 20].map((n) => backoffMs(n, 1))).toEqual([500, 1000, 2000, 4000, 8000, 15000, 15000]);
    expect(backoffMs(0, 0)).toBe(250);
    expect(backoffMs(5, 0)).toBe(7500);
  });
});
