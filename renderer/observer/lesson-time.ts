import type { LiveClock } from '../../shared/capture/protocol';
import { clockMsAt, stepIndexAt } from '../../shared/observe/clock';

/**
 * One lesson clock for every device. The host sends its wall clock (`hostNowMs`) with
 * every clock message; the device keeps the difference to its own clock and reads the
 * lesson time on the host's time line, so a phone whose clock is 90 s fast still stamps
 * the time the facilitator's laptop shows. Network latency on a school LAN is a few
 * milliseconds and is ignored.
 */

/** Host clock minus device clock, measured when a clock message arrives. */
export const hostOffsetMs = (hostNowMs: number, deviceNowAtReceiptMs: number): number => hostNowMs - deviceNowAtReceiptMs;

/** The host's wall clock now, as this device knows it. */
export const hostNow = (deviceNowMs: number, offsetMs: number): number => deviceNowMs + offsetMs;

export interface LessonTime {
  /** Lesson clock in ms since the lesson started, pauses excluded. */
  clockMs: number;
  /** Index into the lesson's steps, or -1 when the lesson has none. */
  stepIndex: number;
  /** Host wall time in ms since the epoch. */
  hostWallMs: number;
}

export const lessonTimeAt = (
  live: LiveClock,
  steps: ReadonlyArray<{ minutes: number }>,
  offsetMs: number,
  deviceNowMs: number,
): LessonTime => {
  const hostWallMs = hostNow(deviceNowMs, offsetMs);
  const clockMs = clockMsAt(live.clock, hostWallMs);
  return { clockMs, stepIndex: stepIndexAt(steps, clockMs, live.anchor), hostWallMs };
};
