import { legend as captureLegend } from '../observe/keymap';

/** "Ctrl" on Windows/Linux, "⌘" on macOS, as people read it on their own keyboard. */
export const modKey = (): string => (typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl');

export interface ShortcutSection {
  /** i18n key of the section title. */
  title: string;
  /** [keys as shown, i18n key of what they do]. */
  rows: Array<[string, string]>;
}

/**
 * Every keyboard shortcut in the app, for the `?` overlay. Features' own keys are read
 * from their tables (the capture screen's legend) so the overlay cannot drift from them.
 */
export const shortcutSections = (mod = modKey()): ShortcutSection[] => [
  {
    title: 'app:shortcuts.sections.general',
    rows: [
      [`${mod}+K`, 'app:shortcuts.palette'],
      ['?', 'app:shortcuts.overlay'],
      [`${mod}+,`, 'app:shortcuts.preferences'],
      [`${mod}+N`, 'app:shortcuts.newGroup'],
      [`${mod}+Shift+N`, 'app:shortcuts.newCycle'],
      [`${mod}+O`, 'app:shortcuts.openWorkspace'],
      [`${mod}+E`, 'app:shortcuts.exportReport'],
      [`${mod}+P`, 'app:shortcuts.print'],
      [`${mod}+Shift+E`, 'app:shortcuts.exportLessonPlan'],
      [`${mod}+Z`, 'app:shortcuts.undo'],
      [`${mod}+Shift+Z`, 'app:shortcuts.redo'],
      [`${mod}+= / ${mod}+- / ${mod}+0`, 'app:shortcuts.zoom'],
      ['F11', 'app:shortcuts.fullScreen'],
      ['Tab / Shift+Tab', 'app:shortcuts.tab'],
      ['Esc', 'app:shortcuts.escape'],
    ],
  },
  {
    title: 'app:shortcuts.sections.capture',
    rows: captureLegend.map(([keys, label]) => [keys.replace(/Ctrl\+/g, `${mod}+`), `observe:${label}`]),
  },
  {
    title: 'app:shortcuts.sections.design',
    rows: [
      ['Alt+↑ / Alt+↓', 'app:shortcuts.moveStep'],
      ['Enter', 'app:shortcuts.listAdd'],
      ['Backspace', 'app:shortcuts.listRemove'],
      [`${mod}+Z / ${mod}+Shift+Z`, 'app:shortcuts.designUndo'],
      ['Esc', 'app:shortcuts.leaveFocus'],
    ],
  },
  {
    title: 'app:shortcuts.sections.lists',
    rows: [
      ['↑ / ↓, Enter', 'app:shortcuts.pickTarget'],
      ['← ↑ → ↓', 'app:shortcuts.moveSeat'],
      ['Delete', 'app:shortcuts.removeSeat'],
      ['← / →', 'app:shortcuts.tabs'],
    ],
  },
];
