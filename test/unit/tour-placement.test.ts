import { describe, expect, it } from 'vitest';
import { placeBeside } from '../../renderer/features/app/tour-targets';

const view = { width: 1280, height: 800 };
const box = { width: 420, height: 240 };

describe('placing the tour beside the control it points at', () => {
  it('goes below a control near the top, centred on it, the arrow at its middle', () => {
    expect(placeBeside({ top: 100, bottom: 140, left: 500, width: 100 }, box, view)).toEqual({ top: 154, left: 340, arrow: 210, side: 'below' });
  });

  it('goes above a control with no room below it', () => {
    expect(placeBeside({ top: 600, bottom: 640, left: 500, width: 100 }, box, view)).toEqual({ top: 346, left: 340, arrow: 210, side: 'above' });
  });

  it('stays inside the window at either edge, the arrow still over the control', () => {
    expect(placeBeside({ top: 100, bottom: 140, left: 10, width: 40 }, box, view)).toEqual({ top: 154, left: 12, arrow: 18, side: 'below' });
    expect(placeBeside({ top: 100, bottom: 140, left: 1200, width: 60 }, box, view)).toEqual({ top: 154, left: 848, arrow: 382, side: 'below' });
  });

  it('goes below when there is room on neither side, never off the top', () => {
    expect(placeBeside({ top: 200, bottom: 600, left: 500, width: 100 }, box, { width: 1280, height: 700 })).toEqual({ top: 614, left: 340, arrow: 210, side: 'below' });
  });
});
