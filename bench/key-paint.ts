import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from '@playwright/test';

/** A Chromium trace event, as much of it as is read here. */
export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { type?: string } };
}

/** What the trace must record: input events and paints. */
export const KEY_PAINT_CATEGORIES = ['devtools.timeline'];

/** The events one key press dispatches that change the page (keyup changes nothing here). */
const KEY_INPUT_EVENTS = new Set(['keydown', 'keypress', 'beforeinput', 'textInput', 'input']);

/**
 * Each key's time to paint, in ms, read from a Chromium trace of the page: from the start
 * of the keydown's dispatch to the end of the first paint on the page's main thread that
 * starts after the key's input events (keypress, textInput, input — and React's render of
 * it, which runs inside them) have been dispatched. Chromium may paint within the same task.
 *
 * Stamping the end inside the page (a task queued after the next animation frame) counted
 * whatever other tasks ran before that task as well — React's deferred renders of the
 * filtered list, a refresh of the notes — although the frame had already been painted.
 * The trace sees the paint itself.
 */
export const keyToPaint = (events: readonly TraceEvent[]): number[] => {
  const threadOf = (e: TraceEvent) => `${e.pid}:${e.tid}`;
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map(threadOf));
  const complete = events.filter((e) => e.ph === 'X' && e.dur !== undefined && mains.has(threadOf(e))).sort((a, b) => a.ts - b.ts);
  const latencies: number[] = [];
  for (const thread of mains) {
    const own = complete.filter((e) => threadOf(e) === thread);
    const inputs = own.filter((e) => e.name === 'EventDispatch' && KEY_INPUT_EVENTS.has(e.args?.data?.type ?? ''));
    const keys = inputs.filter((e) => e.args?.data?.type === 'keydown');
    keys.forEach((key, index) => {
      const next = keys[index + 1]?.ts ?? Number.POSITIVE_INFINITY;
      const handled = Math.max(...inputs.filter((e) => e.ts >= key.ts && e.ts < next).map((e) => e.ts + e.dur!));
      const paint = own.find((e) => e.name === 'Paint' && e.ts >= handled);
      if (paint) latencies.push((paint.ts + paint.dur! - key.ts) / 1000);
    });
  }
  return latencies;
};

/**
 * Runs `type` (which gives the number of keys it pressed) with the page traced, and gives
 * each key's time to paint; a trace with another number of keys painted is an error, with
 * the trace kept for a look. Long typing is traced a batch at a time.
 */
export const tracedKeys = async (browser: Browser, page: Page, type: () => Promise<number>): Promise<number[]> => {
  await browser.startTracing(page, { categories: KEY_PAINT_CATEGORIES });
  let typed: number;
  try {
    typed = await type();
  } catch (error) {
    await browser.stopTracing();
    throw error;
  }
  const buffer = await browser.stopTracing();
  const parsed = JSON.parse(buffer.toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const latencies = keyToPaint(Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []));
  const keep = async (label: string) => {
    const file = path.join(tmpdir(), `key-paint-${label}${Date.now()}.json`);
    await writeFile(file, buffer);
    return file;
  };
  if (latencies.length !== typed) {
    throw new Error(`The trace shows ${latencies.length} keys painted, ${typed} typed: the figure would not be of the keys typed (trace kept in ${await keep('')}).`);
  }
  // To see what delayed a key: KEY_PAINT_KEEP_OVER=<ms> keeps each trace with a key slower than that.
  const keepOver = Number(process.env.KEY_PAINT_KEEP_OVER ?? Number.POSITIVE_INFINITY);
  if (latencies.some((ms) => ms > keepOver)) console.log(`a key took ${Math.max(...latencies).toFixed(1)} ms to paint: trace kept in ${await keep('slow-')}`);
  return latencies;
};
