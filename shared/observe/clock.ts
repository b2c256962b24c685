/**
 * The lesson clock and the flow table's schedule. Pure: the caller passes "now" in
 * milliseconds, so the same functions drive the screen and the tests.
 */

/** Running: `runningSince` is the wall time (ms) the clock last started or resumed. */
export interface LessonClock {
  accumulatedMs: number;
  runningSince: number | null;
}

export const stoppedClock: LessonClock = { accumulatedMs: 0, runningSince: null };

export const clockMsAt = (clock: LessonClock, nowMs: number): number =>
  Math.max(0, Math.floor(clock.accumulatedMs + (clock.runningSince === null ? 0 : Math.max(0, nowMs - clock.runningSince))));

export const isRunning = (clock: LessonClock): boolean => clock.runningSince !== null;
export const hasStarted = (clock: LessonClock): boolean => clock.runningSince !== null || clock.accumulatedMs > 0;

/** Start or resume; a running clock is left as it is. */
export const startClock = (clock: LessonClock, nowMs: number): LessonClock =>
  clock.runningSince !== null ? clock : { ...clock, runningSince: nowMs };

export const pauseClock = (clock: LessonClock, nowMs: number): LessonClock =>
  clock.runningSince === null ? clock : { accumulatedMs: clockMsAt(clock, nowMs), runningSince: null };

/** "12:05" for 725 000 ms; hours appear only when needed ("1:02:05"). */
export const formatClock = (ms: number): string => {
  const total = Math.floor(Math.max(0, ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
};

/**
 * Where the observer last set the step by hand: step `index` began at `atMs`. Without a
 * manual change, step 0 begins at 0.
 */
export interface StepAnchor {
  index: number;
  atMs: number;
}

export const initialAnchor: StepAnchor = { index: 0, atMs: 0 };

/**
 * The current step: from the anchor, each step lasts its planned minutes, then the next
 * begins. The last step never ends. A zero-minute step is passed over at once.
 */
export const stepIndexAt = (
  steps: ReadonlyArray<{ minutes: number }>,
  clockMs: number,
  anchor: StepAnchor = initialAnchor,
): number => {
  if (steps.length === 0) return -1;
  let index = Math.min(Math.max(anchor.index, 0), steps.length - 1);
  let endsAt = anchor.atMs + steps[index].minutes * 60_000;
  while (index < steps.length - 1 && clockMs >= endsAt) {
    index += 1;
    endsAt += steps[index].minutes * 60_000;
  }
  return index;
};

/** Move one step on or back by hand; the new step begins now on the lesson clock. */
export const shiftStep = (
  steps: ReadonlyArray<{ minutes: number }>,
  clockMs: number,
  anchor: StepAnchor,
  delta: number,
): StepAnchor => {
  if (steps.length === 0) return anchor;
  const current = stepIndexAt(steps, clockMs, anchor);
  const index = Math.min(Math.max(current + delta, 0), steps.length - 1);
  return { index, atMs: clockMs };
};
