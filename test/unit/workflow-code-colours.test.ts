import { describe, expect, it } from 'vitest';
import { defaultCodebook } from '../../shared/domain/codebook';
import { addCode, newCodePalette, nextCodeColor } from '../../shared/observe/codebook';

/** WCAG 2 contrast of two #rrggbb colours, computed here from the definition (not by the app). */
const luminance = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};

// The themes' code surfaces and the text on a code that is on (renderer/styles/app.css).
const WHITE = '#ffffff';
const DARK_SURFACE = '#1f2320';

/** The colours new codes are given, in order, written out by hand. */
const EXPECTED = ['#c2410c', '#15803d', '#7c4dea', '#0a7c86', '#db2777', '#a16207', '#3d6fd9', '#4d7c0f', '#c026d3', '#e11d48'];

let n = 0;
const newId = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

describe('colours of new codes', () => {
  it('are ten distinct colours, each readable under white text and visible on both themes', () => {
    expect([...newCodePalette]).toEqual(EXPECTED);
    expect(new Set(EXPECTED).size).toBe(10);
    for (const color of EXPECTED) {
      expect(contrast(color, WHITE), `${color} under white text`).toBeGreaterThanOrEqual(4.5);
      expect(contrast(color, DARK_SURFACE), `${color} on the dark surface`).toBeGreaterThanOrEqual(3);
    }
  });

  it('the contrast helper agrees with known pairs', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it('each new code gets a colour no code in use has yet', () => {
    let codebook = defaultCodebook(newId);
    const given: string[] = [];
    for (const label of ['Uses a number line', 'Compares numerators', 'Asks a peer']) {
      const color = nextCodeColor(codebook);
      given.push(color);
      codebook = addCode(codebook, { id: newId(), label, color });
    }
    expect(given).toEqual(['#c2410c', '#15803d', '#7c4dea']);
  });

  it('a colour comes free again when its code is retired, and a group that used them all starts over', () => {
    const code = (color: string, retired = false) => ({ id: newId(), label: color, color, retired });
    expect(nextCodeColor([code('#C2410C', true), code('#15803d')])).toBe('#c2410c');
    expect(nextCodeColor([code('#c2410c'), code('#15803d')])).toBe('#7c4dea');
    const all = EXPECTED.map((c) => code(c));
    expect(nextCodeColor(all)).toBe('#c2410c');
    expect(nextCodeColor([...all, code('#000000')])).toBe('#15803d');
  });
});
