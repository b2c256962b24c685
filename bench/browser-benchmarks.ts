import type { Page } from '@playwright/test';
import { rm } from 'node:fs/promises';
import * as path from 'node:path';
import { dispatch } from '../electron/dispatch';
import { connectPageToBackend } from '../test/e2e/support/bridge';
import { launchChromium } from '../test/e2e/support/chromium';
import { serveDirectory } from '../test/e2e/support/static-server';
import { tracedKeys } from './key-paint';
import { quantile, row, type Row } from './measure';
import { cycleWithNotes } from './node-benchmarks';

const KEYS = Number(process.env.BENCH_KEYS ?? 40);
/** A person types a key about every 120 ms; back-to-back keys measure the typing speed instead (50 notes scored as 5,000). */
const KEY_EVERY_MS = 120;
const FRAME_MS = 16.7;

const openLesson = async (url: string, notes: number, hash: (cycleId: string) => string) => {
  const setup = await cycleWithNotes(notes);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await connectPageToBackend(page, (name, payload) => dispatch(setup.backend.service, name, payload));
  await page.goto(`${url}#${hash(setup.cycle.id)}`);
  return {
    page,
    close: async () => {
      await browser.close();
      await setup.backend.close();
      await rm(setup.dir, { recursive: true, force: true });
    },
  };
};

/** Types `text` at a human pace with the page traced; each key's time to paint (bench/key-paint.ts), the first left out. */
const typeAndMeasure = async (page: Page, field: ReturnType<Page['getByLabel']>, text: string): Promise<number[]> => {
  await field.focus();
  const latencies = await tracedKeys(page.context().browser()!, page, async () => {
    for (const char of text) {
      await page.keyboard.press(char === ' ' ? 'Space' : char);
      await new Promise((resolve) => setTimeout(resolve, KEY_EVERY_MS));
    }
    return text.length;
  });
  return latencies.slice(1); // the first key warms up the handlers
};

const filterLatency = async (url: string, notes: number) => {
  const lesson = await openLesson(url, notes, (id) => `/cycles/${id}/observe/timeline`);
  await lesson.page.getByRole('heading', { name: `Showing ${notes} of ${notes} notes` }).waitFor({ timeout: 60_000 });
  // Type and erase so every keystroke changes the filtered list.
  const text = 'students '.repeat(Math.ceil(KEYS / 9)).slice(0, KEYS);
  const field = lesson.page.getByLabel('Text contains');
  const samples = await typeAndMeasure(lesson.page, field, text);
  if ((await field.inputValue()) !== text) throw new Error('The filter field does not hold the keys typed: the figure would measure nothing.');
  await lesson.close();
  return samples;
};

const keystrokeLatency = async (url: string, notes: number) => {
  const lesson = await openLesson(url, notes, (id) => `/cycles/${id}/observe`);
  await lesson.page.getByRole('heading', { name: `Notes so far (${notes})` }).waitFor({ timeout: 60_000 });
  // The field takes text only once the observer is chosen (until session 8 the keys went
  // to a disabled field: nothing was typed, and 2 ms was measured).
  await lesson.page.getByLabel('I am').selectOption({ index: 1 });
  const field = lesson.page.getByLabel('Note (what students say and do)');
  const text = 'Kenji drew two strips and said '.repeat(3).slice(0, KEYS);
  const samples = await typeAndMeasure(lesson.page, field, text);
  const typed = await field.inputValue();
  if (typed !== text) throw new Error(`The note field holds ${JSON.stringify(typed)}, not the ${text.length} keys typed: the figure would measure nothing.`);
  await lesson.close();
  return samples;
};

export const browserBenchmarks = async (): Promise<Row[]> => {
  const { url, server } = await serveDirectory(path.resolve('dist/renderer'));
  try {
    const filterBig = await filterLatency(url, 5000);
    const filterSmall = await filterLatency(url, 50);
    const typingBig = await keystrokeLatency(url, 2000);
    const typingSmall = await keystrokeLatency(url, 10);
    const p90 = quantile(filterBig, 0.9);
    const filterRow = row(`Chromium: filter a 5,000-note list, key to next paint at a human pace (${KEY_EVERY_MS} ms between keys)`, filterBig, 'same, 50-note list', filterSmall);
    return [
      filterRow,
      {
        ...filterRow,
        name: `same, p90 (aim < one 60 Hz frame; ${filterBig.filter((ms) => ms > FRAME_MS).length} of ${filterBig.length} keys over ${FRAME_MS} ms)`,
        value: Number(p90.toFixed(3)),
        ratio: filterRow.baseline ? Number((p90 / filterRow.baseline).toFixed(2)) : null,
        max: Number(p90.toFixed(3)),
        limit: FRAME_MS,
      },
      row('Chromium: keystroke in the note field with 2,000 notes, to next paint (aim < 16.7 ms)', typingBig, 'same with 10 notes', typingSmall),
    ];
  } finally {
    server.close();
  }
};
