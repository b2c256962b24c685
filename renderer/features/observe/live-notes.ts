import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { API_GLOBAL } from '../../../shared/contract';
import type { BackendEvent, BackendEventSource } from '../../../shared/contract/app';

/**
 * How the observe screens follow notes saved elsewhere (an observer's device, another
 * tab) while the facilitator types. The app-wide rule (api/live-updates.ts) refetches a
 * query at every change event; with 100 devices that is 30 refetches of the whole
 * session a second, each cancelling the one before, so the facilitator's keys waited
 * behind parsing and re-rendering (p90 373 ms from key to paint, bench
 * capture-typing-benchmark.ts). The session's query is therefore keyed outside the
 * kinds that rule follows, and refreshed here: one request at a time, at most one every
 * REFRESH_GAP_MS, and one more after it when events came in meanwhile — no event is missed.
 */

/** A note appears on the facilitator's screen within about this long of its arrival (a small lesson). */
export const REFRESH_GAP_MS = 400;

/**
 * Between refreshes: REFRESH_GAP_MS, or four times as long as the last refresh took, so
 * that with thousands of notes (a whole session fetched, parsed and drawn each time) at
 * most a fifth of the screen's time goes to following them and the keys get the rest.
 */
export const refreshGap = (lastRunMs: number): number => Math.max(REFRESH_GAP_MS, 4 * lastRunMs);

export interface Coalescer {
  /** Something changed: a refresh will run that starts after this call. */
  request(): void;
  /** Stop: nothing runs after this. */
  stop(): void;
}

/**
 * At most one `run` in flight and one waiting; starts at least `gapMs` apart. `now` and
 * `schedule` come from the caller (the browser's clock and timers, a test's fake ones).
 */
export const createCoalescer = ({
  run,
  gapMs,
  now,
  schedule,
}: {
  run: () => Promise<unknown>;
  /** The least time between two starts: fixed, or from how long the last run took. */
  gapMs: number | ((lastRunMs: number) => number);
  now: () => number;
  schedule: (task: () => void, ms: number) => () => void;
}): Coalescer => {
  let running = false;
  let wanted = false;
  let lastStart = Number.NEGATIVE_INFINITY;
  let lastRunMs = 0;
  let cancelTimer: (() => void) | null = null;
  let stopped = false;

  const start = () => {
    cancelTimer = null;
    if (stopped) return;
    wanted = false;
    running = true;
    lastStart = now();
    void run()
      .catch(() => undefined) // the query keeps its error for the screen; the next event tries again
      .finally(() => {
        running = false;
        lastRunMs = now() - lastStart;
        if (wanted) plan();
      });
  };
  const plan = () => {
    if (running || cancelTimer || stopped) return;
    const wait = lastStart + (typeof gapMs === 'number' ? gapMs : gapMs(lastRunMs)) - now();
    if (wait <= 0) start();
    else cancelTimer = schedule(start, wait);
  };
  return {
    request() {
      wanted = true;
      plan();
    },
    stop() {
      stopped = true;
      cancelTimer?.();
      cancelTimer = null;
    },
  };
};

/** Whether an event from the backend may change what a cycle's observation session shows. */
export const touchesNotes = (event: BackendEvent): boolean =>
  event.type === 'changed' && event.kinds.some((kind) => kind === 'observations' || kind === 'cycles' || kind === 'groups');

/** The browser's timers, for {@link createCoalescer}. */
export const browserSchedule = (task: () => void, ms: number): (() => void) => {
  const handle = window.setTimeout(task, ms);
  return () => window.clearTimeout(handle);
};

const eventSource = () => (window as unknown as Record<string, Partial<BackendEventSource> | undefined>)[API_GLOBAL];

/** Keep the cached query under `queryKey` in step with the backend's change events, coalesced. */
export const useFollowNotes = (queryKey: readonly unknown[]) => {
  const client = useQueryClient();
  const key = JSON.stringify(queryKey);
  useEffect(() => {
    const source = eventSource();
    if (!source?.onBackendEvent) return;
    const parsedKey = JSON.parse(key) as unknown[];
    const coalescer = createCoalescer({
      run: () => client.refetchQueries({ queryKey: parsedKey, exact: true }),
      gapMs: refreshGap,
      now: () => performance.now(),
      schedule: browserSchedule,
    });
    const unsubscribe = source.onBackendEvent((event) => {
      if (touchesNotes(event)) coalescer.request();
    });
    return () => {
      unsubscribe();
      coalescer.stop();
    };
  }, [client, key]);
};
