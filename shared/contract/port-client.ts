import type { AppError, Result } from '../result';
import { toBackendEvent, type BackendEvent } from './backend-events';

/**
 * The window's side of its MessagePort to the backend process (the preload runs it;
 * zod-free, like names.ts). One request is `{ id, name, payload }`, its answer
 * `{ id, result }`; the backend process validates both against the contract. What the
 * backend pushes unasked comes as `{ event }` (backend-events.ts).
 */
/** The window asks for its port on this channel; main answers on PORT_CHANNEL with the port attached. */
export const PORT_REQUEST_CHANNEL = 'lesson-study:connect';
export const PORT_CHANNEL = 'lesson-study:port';

export interface PortRequest {
  id: number;
  name: string;
  payload: unknown;
}

export interface PortAnswer {
  id: number;
  result: Result<unknown>;
}

export interface PortEventMessage {
  event: BackendEvent;
}

/** What the client needs of a DOM MessagePort (the window's) or Node's (the tests'). */
export interface PortEndpoint {
  postMessage(message: PortRequest): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  start(): void;
  close(): void;
}

const failure = (code: AppError['code'], message: string): Result<never> => ({ ok: false, error: { code, message } });

export const BACKEND_RESTARTED_MESSAGE =
  "Lesson Study's background process stopped and was started again: your last action may not have been saved. Check it and try again.";

const isAnswer = (data: unknown): data is PortAnswer => {
  if (typeof data !== 'object' || data === null) return false;
  const { id, result } = data as Record<string, unknown>;
  return Number.isSafeInteger(id) && typeof result === 'object' && result !== null && typeof (result as { ok?: unknown }).ok === 'boolean';
};

export interface PortClient {
  call(name: string, payload: unknown): Promise<Result<unknown>>;
  /**
   * Use this port from now on. Requests made before the first port are sent on it;
   * requests still waiting on a previous port (the backend process stopped) are answered
   * with an error, never silently retried: a save may or may not have happened.
   */
  attach(port: PortEndpoint): void;
  /** Events the backend pushes; after a second port, `reconnected`. Returns the unsubscribe function. */
  onEvent(listener: (event: BackendEvent) => void): () => void;
}

export const createPortClient = (): PortClient => {
  let port: PortEndpoint | null = null;
  let nextId = 1;
  const waiting = new Map<number, (result: Result<unknown>) => void>();
  const unsent: PortRequest[] = [];
  const eventListeners = new Set<(event: BackendEvent) => void>();
  const tell = (event: BackendEvent) => {
    for (const listener of [...eventListeners]) listener(event);
  };

  return {
    call(name, payload) {
      return new Promise((resolve) => {
        const request: PortRequest = { id: nextId++, name, payload };
        waiting.set(request.id, resolve);
        if (port) port.postMessage(request);
        else unsent.push(request);
      });
    },
    attach(next) {
      const previous = port;
      if (previous) {
        for (const resolve of waiting.values()) resolve(failure('io', BACKEND_RESTARTED_MESSAGE));
        waiting.clear();
        previous.close();
      }
      port = next;
      next.addEventListener('message', (event) => {
        // Only the backend holds the other end; the shape is checked anyway.
        if (typeof event.data === 'object' && event.data !== null && 'event' in event.data) {
          const pushed = toBackendEvent((event.data as { event: unknown }).event);
          if (pushed) tell(pushed);
          return;
        }
        if (!isAnswer(event.data)) return;
        const resolve = waiting.get(event.data.id);
        if (!resolve) return;
        waiting.delete(event.data.id);
        resolve(event.data.result);
      });
      next.start();
      for (const request of unsent.splice(0)) next.postMessage(request);
      // A new backend process: whatever changed meanwhile was told to nobody.
      if (previous) tell({ type: 'reconnected' });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => void eventListeners.delete(listener);
    },
  };
};
