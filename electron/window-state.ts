import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What we remember about the window between runs (the normal, un-maximized bounds). */
export const SavedWindowBounds = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  isMaximized: z.boolean().default(false),
});
export type SavedWindowBounds = z.infer<typeof SavedWindowBounds>;

/** Bounds to open with; no x/y means "let Electron centre it on the primary display". */
export interface WindowPlacement {
  x?: number;
  y?: number;
  width: number;
  height: number;
  isMaximized: boolean;
}

export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 820 } as const;
export const MIN_WINDOW_SIZE = { width: 800, height: 560 } as const;

/**
 * How much of the window must lie on a display for it to count as visible: enough of
 * the title bar to grab and drag it back.
 */
const MIN_VISIBLE = { width: 160, height: 48 } as const;

const overlap = (a: Rect, b: Rect): { width: number; height: number } => ({
  width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
  height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
});

const clamp = (value: number, min: number, max: number): number => Math.max(min, Math.min(max, value));

/**
 * Where to reopen the window, given what was saved and the displays attached now
 * (their work areas). A monitor unplugged since last time, a resolution change or a
 * hand-edited settings file must never put the window off-screen or larger than the
 * screen it lands on.
 */
export const restoreWindowPlacement = (
  saved: unknown,
  workAreas: readonly Rect[],
  defaults: { width: number; height: number } = DEFAULT_WINDOW_SIZE,
): WindowPlacement => {
  const parsed = SavedWindowBounds.safeParse(saved);
  const primary = workAreas[0];
  const fitTo = (size: { width: number; height: number }, area: Rect | undefined) => ({
    width: area ? clamp(size.width, Math.min(MIN_WINDOW_SIZE.width, area.width), area.width) : size.width,
    height: area ? clamp(size.height, Math.min(MIN_WINDOW_SIZE.height, area.height), area.height) : size.height,
  });
  if (!parsed.success) return { ...fitTo(defaults, primary), isMaximized: false };

  const bounds = parsed.data;
  const home = workAreas.find((area) => {
    const shared = overlap(bounds, area);
    return shared.width >= Math.min(MIN_VISIBLE.width, bounds.width) && shared.height >= Math.min(MIN_VISIBLE.height, bounds.height);
  });
  if (!home) return { ...fitTo(bounds, primary), isMaximized: bounds.isMaximized };

  const size = fitTo(bounds, home);
  return {
    // Pull the window fully inside the display it is mostly on.
    x: clamp(bounds.x, home.x, home.x + home.width - size.width),
    y: clamp(bounds.y, home.y, home.y + home.height - size.height),
    ...size,
    isMaximized: bounds.isMaximized,
  };
};

/** What to save when the window closes; the normal bounds, so un-maximizing restores them. */
export const captureWindowBounds = (window: {
  getNormalBounds(): Rect;
  isMaximized(): boolean;
}): SavedWindowBounds => {
  const { x, y, width, height } = window.getNormalBounds();
  return {
    x: Math.round(x),
    y: Math.round(y),
    width: Math.round(width),
    height: Math.round(height),
    isMaximized: window.isMaximized(),
  };
};
