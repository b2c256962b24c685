import { describe, expect, it } from 'vitest';
import {
  captureWindowBounds,
  DEFAULT_WINDOW_SIZE,
  restoreWindowPlacement,
  type Rect,
} from '../../electron/window-state';

const laptop: Rect = { x: 0, y: 0, width: 1440, height: 875 };
const monitorOnRight: Rect = { x: 1440, y: 0, width: 2560, height: 1415 };

describe('restoreWindowPlacement', () => {
  it('uses the default size, centred, when nothing was saved', () => {
    expect(restoreWindowPlacement(undefined, [monitorOnRight])).toEqual({ ...DEFAULT_WINDOW_SIZE, isMaximized: false });
  });

  it.each([
    ['null', null],
    ['a string', 'big'],
    ['missing fields', { x: 1, y: 2 }],
    ['negative size', { x: 0, y: 0, width: -100, height: 500 }],
    ['non-integer', { x: 0.5, y: 0, width: 800, height: 600 }],
    ['NaN', { x: Number.NaN, y: 0, width: 800, height: 600 }],
  ])('ignores saved bounds that are %s', (_label, saved) => {
    const placement = restoreWindowPlacement(saved, [monitorOnRight]);
    expect(placement.x).toBeUndefined();
    expect(placement.y).toBeUndefined();
    expect(placement).toMatchObject({ ...DEFAULT_WINDOW_SIZE, isMaximized: false });
  });

  it('restores bounds that are on a display', () => {
    const saved = { x: 1600, y: 100, width: 1200, height: 800, isMaximized: false };
    expect(restoreWindowPlacement(saved, [laptop, monitorOnRight])).toEqual(saved);
  });

  it('remembers that the window was maximized', () => {
    const saved = { x: 100, y: 50, width: 1000, height: 700, isMaximized: true };
    expect(restoreWindowPlacement(saved, [laptop]).isMaximized).toBe(true);
  });

  it('recentres a window whose monitor has been unplugged', () => {
    const saved = { x: 2000, y: 200, width: 1200, height: 800, isMaximized: false };
    const placement = restoreWindowPlacement(saved, [laptop]);
    expect(placement.x).toBeUndefined();
    expect(placement.y).toBeUndefined();
    expect(placement.width).toBe(1200);
    expect(placement.height).toBe(800);
  });

  it('shrinks a window larger than the display it lands on', () => {
    const saved = { x: 1500, y: 10, width: 2400, height: 1400, isMaximized: false };
    const placement = restoreWindowPlacement(saved, [laptop]);
    expect(placement.width).toBeLessThanOrEqual(laptop.width);
    expect(placement.height).toBeLessThanOrEqual(laptop.height);
  });

  it('pulls a window that hangs off the edge back fully onto the display', () => {
    const saved = { x: 1000, y: 600, width: 800, height: 600, isMaximized: false };
    const placement = restoreWindowPlacement(saved, [laptop]);
    expect(placement).toEqual({ x: 640, y: 275, width: 800, height: 600, isMaximized: false });
  });

  it('does not count a sliver of window as visible', () => {
    // Only 20 px of the window overlap the display: the title bar could not be grabbed.
    const saved = { x: 1420, y: 100, width: 800, height: 600, isMaximized: false };
    expect(restoreWindowPlacement(saved, [laptop]).x).toBeUndefined();
  });

  it('works with a display left of or above the primary (negative coordinates)', () => {
    const leftMonitor: Rect = { x: -1920, y: -200, width: 1920, height: 1080 };
    const saved = { x: -1800, y: -150, width: 1000, height: 700, isMaximized: false };
    expect(restoreWindowPlacement(saved, [laptop, leftMonitor])).toEqual(saved);
  });

  it('fits the default size to a small screen', () => {
    const netbook: Rect = { x: 0, y: 0, width: 1024, height: 600 };
    expect(restoreWindowPlacement(undefined, [netbook])).toEqual({ width: 1024, height: 600, isMaximized: false });
  });

  it('copes with no displays reported at all', () => {
    expect(restoreWindowPlacement({ x: 0, y: 0, width: 900, height: 700 }, [])).toEqual({
      width: 900,
      height: 700,
      isMaximized: false,
    });
  });
});

describe('captureWindowBounds', () => {
  it('saves the normal bounds and the maximized flag, as integers', () => {
    const window = {
      getNormalBounds: () => ({ x: 10.4, y: 20.6, width: 1000, height: 700 }),
      isMaximized: () => true,
    };
    expect(captureWindowBounds(window)).toEqual({ x: 10, y: 21, width: 1000, height: 700, isMaximized: true });
  });

  it('round-trips through restoreWindowPlacement', () => {
    const window = { getNormalBounds: () => ({ x: 100, y: 100, width: 900, height: 650 }), isMaximized: () => false };
    expect(restoreWindowPlacement(captureWindowBounds(window), [laptop])).toEqual({
      x: 100,
      y: 100,
      width: 900,
      height: 650,
      isMaximized: false,
    });
  });
});
