import type { ClassModeChange } from '../../../shared/domain/observation';

/**
 * The capture screen's keys. Codes use Alt+digit so plain digits can still be typed in a
 * note; matching uses `event.code`, so layouts and macOS Option characters do not matter.
 * The legend on screen is generated from this table.
 */
export type CaptureAction =
  | { kind: 'toggle-code'; index: number }
  | { kind: 'pick-target' }
  | { kind: 'whole-class' }
  | { kind: 'step'; delta: 1 | -1 }
  | { kind: 'clock' }
  | { kind: 'class-mode'; mode: ClassModeChange['mode'] }
  | { kind: 'attach-photo' };

export const modeKeys: Record<ClassModeChange['mode'], string> = {
  'whole-class': 'W',
  pairs: 'P',
  'small-groups': 'G',
  individual: 'I',
};

const letterModes = Object.fromEntries(Object.entries(modeKeys).map(([mode, key]) => [`Key${key}`, mode])) as Record<
  string,
  ClassModeChange['mode']
>;

export const actionForKey = (e: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'code' | 'key'>): CaptureAction | null => {
  if (e.key === 'PageDown') return { kind: 'step', delta: 1 };
  if (e.key === 'PageUp') return { kind: 'step', delta: -1 };
  if (e.altKey && !e.ctrlKey && !e.metaKey) {
    const digit = /^Digit(\d)$/.exec(e.code)?.[1];
    // Alt+Shift+digit tags a point to notice; the note field handles it (Composer.tsx).
    if (digit !== undefined && !e.shiftKey) return { kind: 'toggle-code', index: digit === '0' ? 9 : Number(digit) - 1 };
    if (e.code === 'ArrowRight') return { kind: 'step', delta: 1 };
    if (e.code === 'ArrowLeft') return { kind: 'step', delta: -1 };
    if (e.code === 'KeyT') return { kind: 'pick-target' };
    if (e.code === 'KeyC') return { kind: 'whole-class' };
    if (e.code === 'KeyS') return { kind: 'clock' };
    if (e.code === 'KeyA') return { kind: 'attach-photo' };
    if (e.shiftKey && letterModes[e.code]) return { kind: 'class-mode', mode: letterModes[e.code] };
  }
  return null;
};

/** Rows of the on-screen legend: [keys, i18n key of what they do]. */
export const legend: Array<[string, string]> = [
  ['Enter', 'keys.save'],
  ['Shift+Enter', 'keys.newline'],
  ['Alt+1 … Alt+0', 'keys.codes'],
  ['Alt+Shift+1 … Alt+Shift+0', 'keys.points'],
  ['Alt+T', 'keys.target'],
  ['Alt+C', 'keys.wholeClass'],
  ['PageUp / PageDown, Alt+← / Alt+→', 'keys.step'],
  ['Alt+S', 'keys.clock'],
  ['Alt+Shift+W / P / G / I', 'keys.mode'],
  ['Alt+A', 'keys.photo'],
  ['↑', 'keys.editLast'],
  ['Esc', 'keys.cancelEdit'],
  ['Ctrl+Z', 'keys.undo'],
  ['Ctrl+Shift+Z / Ctrl+Y', 'keys.redo'],
];
