import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { API_GLOBAL } from '../../../shared/contract';
import type { BackendEvent, BackendEventSource } from '../../../shared/contract/app';
import type { NotesRevision, ObservationChanges, ObservationSession } from '../../../shared/contract/observations';
import { betweenKeys } from '../../ui/typing-gaps';

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

/** Whether it may change more than the notes (the cycle, the group's codebook or roster): then the whole session is reloaded. */
export const touchesMoreThanNotes = (event: BackendEvent): boolean =>
  event.type === 'changed' && event.kinds.some((kind) => kind === 'cycles' || kind === 'groups');

type ClockOrdered = { id: string; clockMs: number; wallTime: string };
const byClock = (a: ClockOrdered, b: ClockOrdered) => a.clockMs - b.clockMs || a.wallTime.localeCompare(b.wallTime);

/**
 * A list in clock order with changed records put in (replacing those with their id), still
 * in clock order. The unchanged records stay the same objects, so their rows are not drawn again.
 */
export const withChanges = <T extends ClockOrdered>(list: readonly T[], changed: readonly T[]): readonly T[] => {
  if (changed.length === 0) return list;
  const ids = new Set(changed.map((r) => r.id));
  const kept = list.filter((r) => !ids.has(r.id));
  const added = [...changed].sort(byClock);
  const merged: T[] = [];
  let i = 0;
  let j = 0;
  while (i < kept.length || j < added.length) {
    if (j >= added.length || (i < kept.length && byClock(kept[i], added[j]) <= 0)) merged.push(kept[i++]);
    else merged.push(added[j++]);
  }
  return merged;
};

const sameRevision = (a: NotesRevision | undefined, b: NotesRevision) => a?.epoch === b.epoch && a.revision === b.revision;

/** What one refresh of a screen's notes needs: its cached session, and the backend. */
export interface NotesCache {
  read(): ObservationSession | undefined;
  write(next: ObservationSession): void;
  /** Load the whole session again. */
  reload(): Promise<unknown>;
  changesSince(since: NotesRevision): Promise<ObservationChanges>;
  /** Resolves when the changes may be drawn: between two of the facilitator's keys (ui/typing-gaps.ts). */
  gap?(): Promise<void>;
}

/**
 * Bring the cached session up to date. With only notes changed, it asks for the notes
 * changed since its revision and puts them in: a lesson of 4,000 notes costs a few notes
 * per refresh, not 4,000 fetched, parsed and compared. It reloads everything when more
 * than notes changed (`whole`), when it has no revision, or when the backend says the
 * revision is of another opening. Returns `'again'` when the cache moved meanwhile (a
 * reload landed first): the caller refreshes once more.
 */
export const refreshNotes = async (cache: NotesCache, whole: boolean): Promise<'done' | 'again'> => {
  const since = cache.read()?.notesRevision;
  if (whole || !since) {
    await cache.reload();
    return 'done';
  }
  const changes = await cache.changesSince(since);
  if (changes.reset) {
    await cache.reload();
    return 'done';
  }
  if (sameRevision(since, changes.notesRevision)) return 'done';
  await cache.gap?.();
  const now = cache.read();
  if (!now || !sameRevision(now.notesRevision, since)) return 'again';
  cache.write({
    ...now,
    observations: withChanges(now.observations, changes.observations) as ObservationSession['observations'],
    classModes: withChanges(now.classModes, changes.classModes) as ObservationSession['classModes'],
    notesRevision: changes.notesRevision,
  });
  return 'done';
};

/** The browser's timers, for {@link createCoalescer}. */
export const browserSchedule = (task: () => void, ms: number): (() => void) => {
  const handle = window.setTimeout(task, ms);
  return () => window.clearTimeout(handle);
};

const eventSource = () => (window as unknown as Record<string, Partial<BackendEventSource> | undefined>)[API_GLOBAL];

/**
 * Keep the cached session under `queryKey` in step with the backend's change events,
 * coalesced; `changesSince` asks the backend for the notes changed after a revision.
 */
export const useFollowNotes = (queryKey: readonly unknown[], changesSince: (since: NotesRevision) => Promise<ObservationChanges>) => {
  const client = useQueryClient();
  const key = JSON.stringify(queryKey);
  const ask = useRef(changesSince);
  useEffect(() => {
    ask.current = changesSince;
  });
  useEffect(() => {
    const source = eventSource();
    if (!source?.onBackendEvent) return;
    const parsedKey = JSON.parse(key) as unknown[];
    const cache: NotesCache = {
      read: () => client.getQueryData<ObservationSession>(parsedKey),
      write: (next) => client.setQueryData(parsedKey, next),
      reload: () => client.refetchQueries({ queryKey: parsedKey, exact: true }),
      changesSince: (since) => ask.current(since),
      gap: betweenKeys,
    };
    let whole = false;
    const coalescer = createCoalescer({
      run: async () => {
        const reloadAll = whole;
        whole = false;
        if ((await refreshNotes(cache, reloadAll)) === 'again') coalescer.request();
      },
      gapMs: refreshGap,
      now: () => performance.now(),
      schedule: browserSchedule,
    });
    const unsubscribe = source.onBackendEvent((event) => {
      if (!touchesNotes(event)) return;
      whole ||= touchesMoreThanNotes(event);
      coalescer.request();
    });
    return () => {
      unsubscribe();
      coalescer.stop();
    };
  }, [client, key]);
};
