import { describe, expect, it } from 'vitest';
import type { ObservationChanges, ObservationSession } from '../../shared/contract/observations';
import { createCoalescer, refreshGap, refreshNotes, touchesNotes, withChanges, type NotesCache } from '../../renderer/features/observe/live-notes';
import { fakeTime } from './support/fake-time';

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

describe('a screen following notes asks only for what changed', () => {
  type Row = { id: string; clockMs: number; wallTime: string; text: string };
  const row = (id: string, clockMs: number, text = id): Row => ({ id, clockMs, wallTime: `2026-11-26T09:00:${String(clockMs % 60).padStart(2, '0')}.000Z`, text });

  it('puts changed records in clock order, replaces edited ones and keeps the others as the same objects', () => {
    const a = row('a', 10);
    const b = row('b', 20);
    const c = row('c', 30);
    const merged = withChanges([a, b, c], [row('d', 25), row('a', 40, 'a moved later'), row('e', 5)]);
    expect(merged.map((r) => [r.id, r.text])).toEqual([
      ['e', 'e'],
      ['b', 'b'],
      ['d', 'd'],
      ['c', 'c'],
      ['a', 'a moved later'],
    ]);
    expect(merged[1]).toBe(b);
    expect(merged[3]).toBe(c);
    const same = [a, b];
    expect(withChanges(same, [])).toBe(same);
    // Same lesson time: the wall time decides, as the backend orders them.
    expect(withChanges([row('x', 10)], [{ ...row('y', 10), wallTime: '2000-01-01T00:00:00.000Z' }]).map((r) => r.id)).toEqual(['y', 'x']);
  });

  const session = (observations: Row[], revision: number, epoch = 'one') =>
    ({ cycle: { id: 'c', title: '', phase: 'observe', groupId: 'g' }, group: {}, steps: [], observations, classModes: [], notesRevision: { epoch, revision } }) as unknown as ObservationSession;

  const fakeCache = (start: ObservationSession | undefined, answer: (since: { epoch: string; revision: number }) => ObservationChanges) => {
    const calls: string[] = [];
    let cached = start;
    const cache: NotesCache = {
      read: () => cached,
      write: (next) => {
        calls.push('write');
        cached = next;
      },
      reload: async () => {
        calls.push('reload');
      },
      changesSince: async (since) => {
        calls.push(`since ${since.epoch}/${since.revision}`);
        return answer(since);
      },
    };
    return { cache, calls, now: () => cached, set: (s: ObservationSession) => (cached = s) };
  };

  it('asks for the notes after its revision and puts them in', async () => {
    const f = fakeCache(session([row('a', 10)], 3), () => ({ notesRevision: { epoch: 'one', revision: 5 }, reset: false, observations: [row('b', 20)], classModes: [] }) as unknown as ObservationChanges);
    expect(await refreshNotes(f.cache, false)).toBe('done');
    expect(f.calls).toEqual(['since one/3', 'write']);
    expect(f.now()?.observations.map((o) => o.id)).toEqual(['a', 'b']);
    expect(f.now()?.notesRevision).toEqual({ epoch: 'one', revision: 5 });
  });

  it('writes nothing when nothing changed', async () => {
    const f = fakeCache(session([row('a', 10)], 3), () => ({ notesRevision: { epoch: 'one', revision: 3 }, reset: false, observations: [], classModes: [] }) as unknown as ObservationChanges);
    expect(await refreshNotes(f.cache, false)).toBe('done');
    expect(f.calls).toEqual(['since one/3']);
  });

  it('reloads everything when more than notes changed, without a revision, or when told to', async () => {
    const never = () => {
      throw new Error('not asked');
    };
    const whole = fakeCache(session([], 3), never);
    await refreshNotes(whole.cache, true);
    expect(whole.calls).toEqual(['reload']);
    const old = fakeCache({ ...session([], 0), notesRevision: undefined }, never);
    await refreshNotes(old.cache, false);
    expect(old.calls).toEqual(['reload']);
    const reopened = fakeCache(session([], 3), () => ({ notesRevision: { epoch: 'two', revision: 0 }, reset: true, observations: [], classModes: [] }) as unknown as ObservationChanges);
    await refreshNotes(reopened.cache, false);
    expect(reopened.calls).toEqual(['since one/3', 'reload']);
  });

  it('puts the changes in only in a gap between the facilitator’s keys, and not into a session that moved while it waited', async () => {
    const answer = () => ({ notesRevision: { epoch: 'one', revision: 5 }, reset: false, observations: [row('b', 20)], classModes: [] }) as unknown as ObservationChanges;
    const f = fakeCache(session([row('a', 10)], 3), answer);
    let openGap = () => {};
    f.cache.gap = () => new Promise<void>((resolve) => (openGap = resolve));
    const refreshed = refreshNotes(f.cache, false);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(f.calls).toEqual(['since one/3']);
    openGap();
    expect(await refreshed).toBe('done');
    expect(f.calls).toEqual(['since one/3', 'write']);

    const moved = fakeCache(session([row('a', 10)], 3), answer);
    moved.cache.gap = async () => void moved.set(session([row('a', 10), row('b', 20)], 5));
    expect(await refreshNotes(moved.cache, false)).toBe('again');
    expect(moved.calls).toEqual(['since one/3']);
  });

  it('does not put changes into a session that moved while it asked, and asks again', async () => {
    const f = fakeCache(session([row('a', 10)], 3), () => {
      // A whole reload landed meanwhile, at a newer revision.
      f.set(session([row('a', 10), row('b', 20)], 5));
      return { notesRevision: { epoch: 'one', revision: 5 }, reset: false, observations: [row('b', 20)], classModes: [] } as unknown as ObservationChanges;
    });
    expect(await refreshNotes(f.cache, false)).toBe('again');
    expect(f.calls).toEqual(['since one/3']);
    expect(f.now()?.observations.map((o) => o.id)).toEqual(['a', 'b']);
  });
});
