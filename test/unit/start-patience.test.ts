import { describe, expect, test } from 'vitest';
import { START_PATIENCE_MS, startPatienceMs } from '../../renderer/app/start-data';

describe('the window’s patience for the first screen’s answers', () => {
  test('is 300 ms unless the page was given another', () => {
    expect(START_PATIENCE_MS).toBe(300);
    expect(startPatienceMs({})).toBe(300);
  });

  test('a page given a number of milliseconds waits that long, zero included', () => {
    expect(startPatienceMs({ lessonStudyStartPatienceMs: 60_000 })).toBe(60_000);
    expect(startPatienceMs({ lessonStudyStartPatienceMs: 0 })).toBe(0);
  });

  test('anything else given is ignored: a string, a negative, not a number, infinity', () => {
    for (const given of ['60000', -1, Number.NaN, Number.POSITIVE_INFINITY, null]) {
      expect(startPatienceMs({ lessonStudyStartPatienceMs: given })).toBe(300);
    }
  });
});
