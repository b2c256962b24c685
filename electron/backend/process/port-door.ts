import type { BackendService } from '../../../shared/contract';
import type { PortAnswer, PortEventMessage } from '../../../shared/contract/port-client';
import type { Result } from '../../../shared/result';
import { dispatch } from '../../dispatch';
import type { BackendEventFeed } from '../events';
import { noLog, type AppLog } from '../log';

/** Electron's MessagePortMain and Node's worker_threads MessagePort, as this door uses them. */
export interface ServerPort {
  postMessage(message: PortAnswer | PortEventMessage): void;
  on(event: 'message', listener: (message: unknown) => void): void;
  on(event: 'close', listener: () => void): void;
  start?(): void;
}

/** As the HTTP door: a request slower than this is written to the app log (channel and time only). */
const SLOW_REQUEST_MS = 200;

export interface PortDoorOptions {
  /** Electron's MessagePortMain wraps each message as `{ data }`; Node's port gives the data itself. */
  readMessage?: (event: unknown) => unknown;
  /** What the backend pushes goes to the window on the same port as `{ event }`, until it closes. */
  events?: BackendEventFeed;
  log?: AppLog;
  /** Milliseconds, for timing requests; injected by tests. */
  now?: () => number;
}

const invalid = (message: string): Result<never> => ({ ok: false, error: { code: 'invalid-request', message } });

/**
 * The window's door (DESIGN.md §5): requests from the window arrive on a MessagePort that
 * main handed over after checking the sender frame, and go through the same dispatch as
 * every other door — validation of the request and of the answer happens here, in the
 * backend process.
 */
export const servePort = (
  port: ServerPort,
  getService: () => Partial<BackendService>,
  { readMessage = (event) => event, events, log = noLog, now = () => performance.now() }: PortDoorOptions = {},
): void => {
  log.event('door-opened', { door: 'window' });
  port.on('close', () => log.event('door-closed', { door: 'window' }));
  if (events) {
    const unsubscribe = events.subscribe((event) => {
      try {
        port.postMessage({ event });
      } catch {
        // The window is gone and its port with it.
        unsubscribe();
      }
    });
    port.on('close', unsubscribe);
  }
  port.on('message', (event) => {
    const message = readMessage(event);
    if (typeof message !== 'object' || message === null) return;
    const { id, name, payload } = message as Record<string, unknown>;
    // Without a usable id nobody is waiting for an answer.
    if (!Number.isSafeInteger(id)) return;
    const answer = (result: Result<unknown>) => {
      try {
        port.postMessage({ id: id as number, result });
      } catch {
        // The window closed while the request ran: nobody is left to answer.
      }
    };
    if (typeof name !== 'string') {
      answer(invalid('A request must name its channel.'));
      return;
    }
    const started = now();
    void dispatch(getService(), name, payload).then((result) => {
      const ms = Math.round(now() - started);
      if (ms > SLOW_REQUEST_MS) log.event('slow-request', { door: 'window', channel: name.slice(0, 60), ms });
      answer(result);
    });
  });
  port.start?.();
};
