/**
 * The gaps between a typist's keys. Work that is not the typing itself (a refresh drawing
 * the notes that devices sent) waits for the moment just after a key has been painted:
 * a person types a key every 100–300 ms, so the screen has that long to itself before
 * the next key, instead of a key landing in the middle of a list being laid out.
 *
 * `gap()` resolves at once when nobody has typed for `quietMs`; otherwise just after the
 * next key is painted, or after `maxWaitMs`, whichever comes first. The clock and the
 * timers come from the caller (the browser's, or a test's).
 */
export interface TypingGaps {
  /** A key was pressed; `painted` is called once the frame that shows it has been drawn. */
  key(): void;
  /** The frame after a key has been drawn. */
  painted(): void;
  gap(): Promise<void>;
}

export const createTypingGaps = ({
  now,
  schedule,
  quietMs,
  maxWaitMs,
}: {
  now: () => number;
  schedule: (task: () => void, ms: number) => () => void;
  quietMs: number;
  maxWaitMs: number;
}): TypingGaps => {
  let lastKey = Number.NEGATIVE_INFINITY;
  let waiting: (() => void)[] = [];
  const release = () => {
    const done = waiting;
    waiting = [];
    for (const resolve of done) resolve();
  };
  return {
    key() {
      lastKey = now();
    },
    painted() {
      release();
    },
    gap() {
      if (now() - lastKey >= quietMs) return Promise.resolve();
      return new Promise<void>((resolve) => {
        let cancel = () => {};
        const done = () => {
          cancel();
          resolve();
        };
        waiting.push(done);
        cancel = schedule(() => {
          waiting = waiting.filter((w) => w !== done);
          resolve();
        }, maxWaitMs);
      });
    },
  };
};

/** Between keys typed anywhere in this window: the frame after each keydown has been painted. */
export const windowTypingGaps = (quietMs = 400, maxWaitMs = 250): TypingGaps => {
  const gaps = createTypingGaps({
    now: () => performance.now(),
    schedule: (task, ms) => {
      const handle = window.setTimeout(task, ms);
      return () => window.clearTimeout(handle);
    },
    quietMs,
    maxWaitMs,
  });
  window.addEventListener(
    'keydown',
    () => {
      gaps.key();
      // The animation frame runs before the key's paint; a task queued from it runs after.
      requestAnimationFrame(() => window.setTimeout(() => gaps.painted(), 0));
    },
    { capture: true, passive: true },
  );
  return gaps;
};

let windowGaps: TypingGaps | undefined;

/** The next gap between keys typed in this window (one watcher of the keys, made at the first call). */
export const betweenKeys = (): Promise<void> => (windowGaps ??= windowTypingGaps()).gap();
