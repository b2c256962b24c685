import type { z } from 'zod';
import {
  deviceChannels,
  ServerMessage,
  type DeviceChannelName,
  type DeviceChannels,
  type DeviceMessage,
  type DeviceStatus,
  type LiveClock,
} from '../../shared/capture/protocol';

/**
 * The device's WebSocket to the capture door. It says hello with the device token,
 * sends calls only while the device is approved, matches replies to calls by id, and
 * keeps every call until its reply arrives: after a drop it reconnects with backoff and
 * sends the unanswered calls again (the host's upserts make that harmless). The socket
 * constructor, the timers and the clock are passed in, so tests drive it without a network.
 */

export type CallResult<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
export type CallRequest<K extends DeviceChannelName> = z.input<DeviceChannels[K]['request']>;
export type CallValue<K extends DeviceChannelName> = z.infer<DeviceChannels[K]['response']>;
export type DeviceCaller = <K extends DeviceChannelName>(channel: K, request: CallRequest<K>) => Promise<CallResult<CallValue<K>>>;

/** The part of the browser's WebSocket the transport uses. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((event: Event) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
}
export type SocketFactory = (url: string) => SocketLike;

export type Schedule = (run: () => void, ms: number) => () => void;

export type ConnectionState = 'connecting' | 'open' | 'offline';

export interface TransportEvents {
  onStatus(status: DeviceStatus): void;
  /** A clock message (or the lesson's clock), with the device's time when it arrived. */
  onClock(clock: LiveClock, receivedAtMs: number): void;
  /** The token is unknown or no longer valid: the device has to join again. */
  onRefused(error: { code: string; message: string }): void;
  onConnection(state: ConnectionState, failedAttempts: number): void;
}

export interface Transport {
  call: DeviceCaller;
  /** Try at once (the browser said it is online again, or the screen was unlocked). */
  reconnectNow(): void;
  /**
   * The browser says the network is gone: give up the socket now instead of waiting
   * minutes for TCP to notice. Unanswered calls go out again on the next connection.
   */
  dropConnection(): void;
  /** Stop for good: no reconnect, unanswered calls stay unanswered. */
  close(): void;
}

const OPEN = 1;

/** 0.5 s, 1 s, 2 s … up to 15 s, each shortened by up to half at random so 30 phones do not knock at once. */
export const backoffMs = (attempt: number, random: number): number => {
  const base = Math.min(15_000, 500 * 2 ** Math.min(attempt, 10));
  return Math.round(base * (0.5 + 0.5 * random));
};

interface PendingCall {
  message: Extract<DeviceMessage, { type: 'call' }>;
  resolve: (result: CallResult<unknown>) => void;
  /** The connection it was last sent on; sent again on a later one. */
  sentOn: number;
}

export const createTransport = (options: {
  url: string;
  deviceToken: string;
  openSocket: SocketFactory;
  schedule: Schedule;
  now: () => number;
  random?: () => number;
  events: TransportEvents;
}): Transport => {
  const { url, deviceToken, openSocket, schedule, now, events } = options;
  const random = options.random ?? Math.random;
  const pending = new Map<string, PendingCall>();
  let socket: SocketLike | null = null;
  let connection = 0;
  let approved = false;
  let failedAttempts = 0;
  let stopped = false;
  let cancelRetry: (() => void) | null = null;
  let nextCallId = 0;
  const callPrefix = Math.floor(random() * 36 ** 6).toString(36);

  const sendPending = () => {
    if (!socket || socket.readyState !== OPEN || !approved) return;
    for (const call of pending.values()) {
      if (call.sentOn === connection) continue;
      call.sentOn = connection;
      socket.send(JSON.stringify(call.message));
    }
  };

  const handle = (raw: unknown) => {
    let parsed: ReturnType<typeof ServerMessage.safeParse>;
    try {
      parsed = ServerMessage.safeParse(JSON.parse(String(raw)));
    } catch {
      return;
    }
    if (!parsed.success) return;
    const message = parsed.data;
    switch (message.type) {
      case 'status':
        approved = message.status.status === 'approved';
        if (message.status.status === 'approved') events.onClock(message.status.lesson.clock, now());
        if (message.status.status === 'removed' || message.status.status === 'ended') stop();
        events.onStatus(message.status);
        sendPending();
        return;
      case 'clock':
        events.onClock(message.clock, now());
        return;
      case 'reply': {
        const call = pending.get(message.id);
        if (!call) return;
        pending.delete(message.id);
        const schema = deviceChannels[call.message.channel as DeviceChannelName].response;
        if (!message.result.ok) return call.resolve(message.result);
        const value = schema.safeParse(message.result.value);
        call.resolve(value.success ? { ok: true, value: value.data } : { ok: false, error: { code: 'bad-reply', message: 'The host sent a reply this page does not understand.' } });
        return;
      }
      case 'refused':
        stop();
        events.onRefused(message.error);
        return;
    }
  };

  const connect = () => {
    cancelRetry = null;
    if (stopped) return;
    connection += 1;
    const mine = connection;
    approved = false;
    events.onConnection('connecting', failedAttempts);
    const ws = openSocket(url);
    socket = ws;
    let opened = false;
    ws.onopen = () => {
      if (mine !== connection) return;
      opened = true;
      failedAttempts = 0;
      ws.send(JSON.stringify({ type: 'hello', deviceToken } satisfies DeviceMessage));
      events.onConnection('open', 0);
    };
    ws.onmessage = (event) => {
      if (mine === connection) handle(event.data);
    };
    ws.onerror = () => undefined;
    ws.onclose = () => {
      if (mine !== connection) return;
      socket = null;
      approved = false;
      if (stopped) return;
      if (!opened) failedAttempts += 1;
      events.onConnection('offline', failedAttempts);
      cancelRetry = schedule(connect, backoffMs(failedAttempts, random()));
    };
  };

  const stop = () => {
    stopped = true;
    cancelRetry?.();
    cancelRetry = null;
    const ws = socket;
    socket = null;
    ws?.close();
  };

  connect();

  return {
    call: ((channel, request) =>
      new Promise((resolve) => {
        nextCallId += 1;
        const id = `${callPrefix}-${nextCallId}`;
        pending.set(id, { message: { type: 'call', id, channel, request }, resolve: resolve as PendingCall['resolve'], sentOn: 0 });
        sendPending();
      })) as DeviceCaller,
    reconnectNow() {
      if (stopped || socket) return;
      cancelRetry?.();
      connect();
    },
    dropConnection() {
      const ws = socket;
      if (stopped || !ws) return;
      // Its late events (a reply, the close) must not touch the next connection.
      ws.onopen = ws.onmessage = ws.onclose = null;
      socket = null;
      approved = false;
      ws.close();
      events.onConnection('offline', failedAttempts);
      cancelRetry?.();
      cancelRetry = schedule(connect, backoffMs(failedAttempts, random()));
    },
    close: stop,
  };
};
