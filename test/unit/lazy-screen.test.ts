import { describe, expect, it } from 'vitest';
import { isCodeLoadFailure, loadWithRetry } from '../../renderer/app/lazy-screen';

/** A load that fails `failures` times with Chromium's message, then gives the module. */
const flaky = (failures: number) => {
  let calls = 0;
  return {
    load: async () => {
      calls += 1;
      if (calls <= failures) throw new TypeError('Failed to fetch dynamically imported module: http://127.0.0.1:4711/assets/GroupPage-abc.js');
      return { GroupPage: 'the screen' };
    },
    calls: () => calls,
  };
};

describe('loading a screen’s code', () => {
  it('tries again after each wait, in order, and gives the module once a fetch succeeds', async () => {
    const waited: number[] = [];
    const screen = flaky(2);
    const module = await loadWithRetry(screen.load, [250, 1000, 3000], async (ms) => void waited.push(ms));
    expect(module).toEqual({ GroupPage: 'the screen' });
    expect(screen.calls()).toBe(3);
    expect(waited).toEqual([250, 1000]);
  });

  it('does not wait when the first fetch succeeds', async () => {
    const waited: number[] = [];
    const screen = flaky(0);
    await loadWithRetry(screen.load, [250], async (ms) => void waited.push(ms));
    expect(screen.calls()).toBe(1);
    expect(waited).toEqual([]);
  });

  it('gives up after the last wait with the last failure, having tried once more than there are waits', async () => {
    const waited: number[] = [];
    const screen = flaky(10);
    await expect(loadWithRetry(screen.load, [5, 6], async (ms) => void waited.push(ms))).rejects.toThrow('Failed to fetch dynamically imported module');
    expect(screen.calls()).toBe(3);
    expect(waited).toEqual([5, 6]);
  });

  it('tells a failed fetch of code from an error of the screen itself', () => {
    expect(isCodeLoadFailure(new TypeError('Failed to fetch dynamically imported module: http://x/a.js'))).toBe(true);
    expect(isCodeLoadFailure(new TypeError('Importing a module script failed.'))).toBe(true);
    expect(isCodeLoadFailure(new Error('Unable to preload CSS for /assets/CapturePage.css'))).toBe(true);
    expect(isCodeLoadFailure(new TypeError("Cannot read properties of undefined (reading 'steps')"))).toBe(false);
    expect(isCodeLoadFailure('Failed to fetch dynamically imported module')).toBe(false);
  });
});
