/**
 * Hybrid logical clock (Kulkarni et al.), written as text so an op log stays readable:
 *
 *   2026-11-26T19:25:13.550Z-0003-8f3a09c2d1e4b7a6
 *   └─ wall clock (ms, UTC) ┘ └ counter (hex) ┘ └ device id ┘
 *
 * Every part has a fixed width, so comparing two stamps as strings orders them by wall
 * time, then counter, then device: a total order every device computes alike.
 *
 * Why not a library: @actual-app/crdt (Actual Budget's Timestamp, maintained) keeps one
 * clock per process in module state and reads Date.now() itself, and brings protobuf and
 * a merkle tree for Actual's server sync. Here the clock is passed in (tests inject it,
 * STYLE.md) and a backend may hold several workspaces, so the forty lines below are simpler
 * than working around a global.
 *
 * Correctness of the merge does not rest on the clocks: which edit replaces which is
 * recorded explicitly in each op (its `base`). Stamps only order concurrent edits for
 * display and make op ids unique, so a laptop whose clock is wrong cannot lose anyone's work.
 */

export interface Hlc {
  /** Milliseconds since 1970 (UTC). */
  wall: number;
  counter: number;
  device: string;
}

export const DEVICE_ID = /^[0-9a-f]{16}$/;
const MAX_COUNTER = 0xffff;
const MAX_WALL = Date.UTC(9999, 11, 31);
const PATTERN = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9a-f]{4})-([0-9a-f]{16})$/;

export const formatHlc = (hlc: Hlc): string =>
  `${new Date(hlc.wall).toISOString()}-${hlc.counter.toString(16).padStart(4, '0')}-${hlc.device}`;

export const parseHlc = (text: string): Hlc | null => {
  const match = PATTERN.exec(text);
  if (!match) return null;
  const wall = Date.parse(match[1]);
  if (!Number.isFinite(wall) || new Date(wall).toISOString() !== match[1]) return null;
  return { wall, counter: parseInt(match[2], 16), device: match[3] };
};

export const compareHlc = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The stamp of a new local event: later than every stamp this device has issued or seen. */
export const tickHlc = (last: Hlc | null, nowMs: number, device: string): Hlc => {
  if (!DEVICE_ID.test(device)) throw new Error(`A device id is 16 lowercase hex characters, not "${device}".`);
  if (!Number.isInteger(nowMs) || nowMs < 0 || nowMs > MAX_WALL) throw new Error(`The clock gave an impossible time (${nowMs}).`);
  if (!last || nowMs > last.wall) return { wall: nowMs, counter: 0, device };
  // The wall clock stood still or went back (a corrected clock, another device ahead of us):
  // keep the larger wall time and count up, so stamps stay strictly increasing.
  if (last.counter >= MAX_COUNTER) return { wall: last.wall + 1, counter: 0, device };
  return { wall: last.wall, counter: last.counter + 1, device };
};

/** After reading another device's stamp: the local clock moves past it. */
export const receiveHlc = (last: Hlc | null, remote: Hlc, device: string): Hlc => {
  if (last && (last.wall > remote.wall || (last.wall === remote.wall && last.counter >= remote.counter))) return last;
  return { wall: remote.wall, counter: remote.counter, device };
};

/**
 * A device's clock: `next()` stamps a local event, `observe()` records a stamp read from
 * any op file (including this device's own, after a restart).
 */
export const createClock = (device: string, now: () => number, last: Hlc | null = null) => {
  let current = last;
  return {
    device,
    next: (): string => {
      current = tickHlc(current, now(), device);
      return formatHlc(current);
    },
    observe: (stamp: string): void => {
      const remote = parseHlc(stamp);
      if (remote) current = receiveHlc(current, remote, device);
    },
  };
};
export type SyncClock = ReturnType<typeof createClock>;
