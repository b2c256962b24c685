import { describe, expect, it } from 'vitest';
import { keyToPaint, type TraceEvent } from '../../bench/key-paint';

// Times in µs, as Chromium writes them. Renderer main thread 1:10, its compositor 1:11, another page's main thread 2:20.
const meta: TraceEvent[] = [
  { name: 'thread_name', ph: 'M', ts: 0, pid: 1, tid: 10, args: { name: 'CrRendererMain' } },
  { name: 'thread_name', ph: 'M', ts: 0, pid: 1, tid: 11, args: { name: 'Compositor' } },
  { name: 'thread_name', ph: 'M', ts: 0, pid: 2, tid: 20, args: { name: 'CrRendererMain' } },
];
const x = (name: string, ts: number, dur: number, tid = 10, type?: string): TraceEvent => ({ name, ph: 'X', ts, dur, pid: tid === 20 ? 2 : 1, tid, ...(type ? { args: { data: { type } } } : {}) });
const press = (at: number, inputEnd: number, tid = 10) => [
  x('EventDispatch', at, 300, tid, 'keydown'),
  x('EventDispatch', at + 400, 1_000, tid, 'keypress'),
  x('EventDispatch', at + 500, 900, tid, 'textInput'),
  x('EventDispatch', at + 1_500, inputEnd - at - 1_500, tid, 'input'),
  x('EventDispatch', at + 5_000, 100, tid, 'keyup'),
];

describe('key to paint, from a trace', () => {
  it("runs from the keydown to the end of the first paint that starts after the key's input events, in ms", () => {
    const events = [
      ...meta,
      ...press(1_000, 6_000),
      // Painted while React was still rendering the key (inside the input event): not yet.
      x('Paint', 5_500, 300),
      x('Paint', 11_000, 1_000),
      x('Paint', 30_000, 1_000),
    ];
    expect(keyToPaint(events)).toEqual([11]);
  });

  it('counts a paint in the same task as the key, right after its input events', () => {
    const events = [...meta, x('ThreadControllerImpl::RunTask', 900, 9_000), ...press(1_000, 4_000), x('Paint', 4_100, 800), x('Paint', 40_000, 800)];
    expect(keyToPaint(events)).toEqual([3.9]);
  });

  it('reads each key on its own, in trace order even when the events come unsorted', () => {
    const events = [...meta, x('Paint', 50_000, 2_000), ...press(40_000, 45_000), x('Paint', 9_000, 500), ...press(1_000, 3_000)];
    expect(keyToPaint(events)).toEqual([8.5, 12]);
  });

  it("pairs each page's keys with that page's paints, and leaves out the compositor's paints and a key never painted", () => {
    const events = [
      ...meta,
      ...press(1_000, 2_000, 20),
      ...press(2_000, 2_500),
      x('Paint', 3_000, 500, 20),
      x('Paint', 3_000, 500, 11),
      x('Paint', 4_000, 1_000),
      ...press(9_000, 9_500),
    ];
    // This page's keys first (its thread comes first), then the other page's.
    expect(keyToPaint(events).sort()).toEqual([2.5, 3]);
  });
});
