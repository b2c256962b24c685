import { describe, expect, it } from 'vitest';
import { createTransport, type SocketLike } from '../../renderer/observer/transport';
import { lesson } from './observer-fixtures';

/**
 * The browser's "offline" event: a phone that lost the Wi-Fi keeps a socket that looks
 * open for minutes. The transport gives it up at once, says so, and sends the notes
 * written meanwhile on the next connection — once each.
 */

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: Array<Record<string, unknown>> = [];
  closed = false;
  onopen: SocketLike['onopen'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  onmessage: SocketLike['onmessage'] = null;
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
}

const NOTE_ID = '11111111-1111-4111-8111-111111111111';
const approved = { type: 'status', status: { status: 'approved', lesson: lesson() } };

const setup = () => {
  const sockets: FakeSocket[] = [];
  const timers: Array<{ run: () => void; ms: number; cancelled: boolean }> = [];
  const connection: string[] = [];
  const transport = createTransport({
    url: 'ws://192.168.1.20:4321/ws',
    deviceToken: 'T'.repeat(40),
    openSocket: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
    schedule: (run, ms) => {
      const timer = { run, ms, cancelled: false };
      timers.push(timer);
      return () => (timer.cancelled = true);
    },
    now: () => 5_000,
    random: () => 1,
    events: { onStatus: () => undefined, onClock: () => undefined, onRefused: () => undefined, onConnection: (state) => connection.push(state) },
  });
  return { transport, sockets, timers, connection };
};

describe('observer transport when the browser goes offline', () => {
  it('gives the socket up at once, keeps calls made offline, and sends each once on the next connection', () => {
    const { transport, sockets, timers, connection } = setup();
    sockets[0].open();
    sockets[0].receive(approved);
    transport.dropConnection();
    expect(sockets[0].closed).toBe(true);
    expect(connection).toEqual(['connecting', 'open', 'offline']);
    expect(timers.map((t) => t.ms)).toEqual([500]);

    // Written while offline: nothing goes out on the given-up socket.
    void transport.call('deleteNote', { id: NOTE_ID });
    expect(sockets[0].sent).toHaveLength(1);
    // A late close of the old socket changes nothing.
    sockets[0].onclose?.({} as CloseEvent);
    expect(connection).toEqual(['connecting', 'open', 'offline']);

    // Online again: the browser says so before the retry is due.
    transport.reconnectNow();
    expect(timers[0].cancelled).toBe(true);
    expect(sockets).toHaveLength(2);
    sockets[1].open();
    sockets[1].receive(approved);
    expect(sockets[1].sent.filter((m) => m.type === 'call')).toEqual([expect.objectContaining({ channel: 'deleteNote', request: { id: NOTE_ID } })]);
  });

  it('does nothing without a socket or after the transport was closed', () => {
    const { transport, sockets, timers, connection } = setup();
    transport.close();
    transport.dropConnection();
    expect(sockets).toHaveLength(1);
    expect(timers).toEqual([]);
    expect(connection).toEqual(['connecting']);
  });
});
