import { describe, expect, it } from 'vitest';
import { createTypingGaps } from '../../renderer/ui/typing-gaps';
import { fakeTime } from './support/fake-time';

/** Whether a promise has settled, after the microtasks queued so far. */
const settled = async (promise: Promise<unknown>) => {
  let done = false;
  void promise.then(() => (done = true));
  await Promise.resolve();
  await Promise.resolve();
  return done;
};

describe('the gaps between keys (createTypingGaps)', () => {
  const make = () => {
    const time = fakeTime();
    return { time, gaps: createTypingGaps({ now: time.now, schedule: time.schedule, quietMs: 400, maxWaitMs: 250 }) };
  };

  it('gives a gap at once when nobody has typed for a while', async () => {
    const { time, gaps } = make();
    expect(await settled(gaps.gap())).toBe(true);
    gaps.key();
    gaps.painted();
    time.advance(400);
    expect(await settled(gaps.gap())).toBe(true);
  });

  it('while someone types, waits for the frame after their next key', async () => {
    const { time, gaps } = make();
    gaps.key();
    gaps.painted();
    time.advance(60);
    const gap = gaps.gap();
    time.advance(60);
    expect(await settled(gap)).toBe(false);
    gaps.key();
    expect(await settled(gap)).toBe(false);
    gaps.painted();
    expect(await settled(gap)).toBe(true);
  });

  it('waits no longer than its limit when the next key does not come', async () => {
    const { time, gaps } = make();
    gaps.key();
    const gap = gaps.gap();
    time.advance(249);
    expect(await settled(gap)).toBe(false);
    time.advance(1);
    expect(await settled(gap)).toBe(true);
    // Still within the typing spell (the last key 250 ms ago): the next gap waits again.
    expect(await settled(gaps.gap())).toBe(false);
  });
});
