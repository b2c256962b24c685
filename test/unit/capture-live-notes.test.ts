import { describe, expect, it } from 'vitest';
import { createCoalescer, refreshGap, touchesNotes } from '../../renderer/features/observe/live-notes';

/** A fake clock and timer queue: time moves only when the test says so. */
const fakeTime = () => {
  let now = 0;
  const timers: Array<{ at: number; task: () => void; cancelled: boolean }> = [];
  return {
    now: () => now,
    schedule: (task: () => void, ms: number) => {
      const timer = { at: now + ms, task, cancelled: false };
      timers.push(timer);
      return () => void (timer.cancelled = true);
    },
    /** Move the clock on, running each timer due on the way at its own time. */
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = timers.filter((t) => !t.cancelled && t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        now = due.at;
        due.cancelled = true;
        due.task();
      }
      now = end;
    },
  };
};

/** A refresh whose requests the test answers one by one. */
const refreshes = () => {
  const started: number[] = [];
  const pending: Array<() => void> = [];
  return {
    started,
    run: (time: { now: () => number }) => () => {
      started.push(time.now());
      return new Promise<void>((resolve) => pending.push(resolve));
    },
    async finishNext() {
      pending.shift()?.();
      // Let the coalescer's finally run.
      await Promise.resolve();
      await Promise.resolve();
      await Promise.resolve();
    },
  };
};

describe('refreshing the notes while devices write', () => {
  it('runs the first request at once, and requests during it as one more run afterwards', async () => {
    const time = fakeTime();
    const r = refreshes();
    const c = createCoalescer({ run: r.run(time), gapMs: 400, now: time.now, schedule: time.schedule });
    c.request();
    expect(r.started).toEqual([0]);
    time.advance(50);
    c.request();
    c.request();
    c.request();
    expect(r.started).toEqual([0]);
    time.advance(100);
    await r.finishNext();
    // Done at 150 ms: the next waits for 400 ms after the first start.
    expect(r.started).toEqual([0]);
    time.advance(249);
    expect(r.started).toEqual([0]);
    time.advance(1);
    expect(r.started).toEqual([0, 400]);
    await r.finishNext();
    time.advance(5000);
    expect(r.started).toEqual([0, 400]);
  });

  it('thirty notes a second for two seconds cost at most one refresh per gap, and the last change is fetched after it came', async () => {
    const time = fakeTime();
    const r = refreshes();
    const c = createCoalescer({ run: r.run(time), gapMs: 400, now: time.now, schedule: time.schedule });
    for (let ms = 0; ms < 2000; ms += 33) {
      c.request();
      time.advance(33);
      // Each refresh answers within 33 ms.
      await r.finishNext();
    }
    time.advance(1000);
    await r.finishNext();
    expect(r.started).toEqual([0, 400, 800, 1200, 1600, 2000]);
  });

  it('with a gap from the last run’s length, a slow refresh (thousands of notes) spaces the next ones out', async () => {
    const time = fakeTime();
    const r = refreshes();
    const c = createCoalescer({ run: r.run(time), gapMs: refreshGap, now: time.now, schedule: time.schedule });
    c.request();
    time.advance(300); // this refresh takes 300 ms
    await r.finishNext();
    c.request();
    // Not 400 ms after the first start but 4 × 300 = 1,200.
    time.advance(899);
    expect(r.started).toEqual([0]);
    time.advance(1);
    expect(r.started).toEqual([0, 1200]);
    expect(refreshGap(20)).toBe(400);
  });

  it('runs nothing after stop, even a refresh already planned', async () => {
    const time = fakeTime();
    const r = refreshes();
    const c = createCoalescer({ run: r.run(time), gapMs: 400, now: time.now, schedule: time.schedule });
    c.request();
    await r.finishNext();
    c.request();
    c.stop();
    time.advance(1000);
    expect(r.started).toEqual([0]);
  });

  it('a failed refresh does not stop the next one', async () => {
    const time = fakeTime();
    const started: number[] = [];
    const c = createCoalescer({
      run: () => {
        started.push(time.now());
        return Promise.reject(new Error('Lesson Study is not running any more'));
      },
      gapMs: 400,
      now: time.now,
      schedule: time.schedule,
    });
    c.request();
    await new Promise((resolve) => setTimeout(resolve, 0));
    time.advance(500);
    c.request();
    expect(started).toEqual([0, 500]);
  });
});

describe('which backend events touch the notes', () => {
  it('notes, cycles and groups (the session carries the group), not designs or analyses', () => {
    expect(touchesNotes({ type: 'changed', kinds: ['observations'] })).toBe(true);
    expect(touchesNotes({ type: 'changed', kinds: ['designs', 'cycles'] })).toBe(true);
    expect(touchesNotes({ type: 'changed', kinds: ['groups'] })).toBe(true);
    expect(touchesNotes({ type: 'changed', kinds: ['designs', 'analyses'] })).toBe(false);
    expect(touchesNotes({ type: 'capture-changed', cycleId: 'c1' })).toBe(false);
  });
});
