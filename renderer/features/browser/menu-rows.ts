import type { MenuAction } from '../../../shared/contract/app';
import { buildMenuTemplate, MENU_ACCELERATORS, menuLabels, type MenuItemTemplate, type MenuOptions, type MenuRole } from '../../../shared/menu';

/**
 * The native menu's template (shared/menu.ts) turned into what a page can show: our own
 * commands as they are, the roles a page can carry out (cut, copy, select all, full
 * screen) with their words, and the rest (quit, paste, zoom, window) left out, as a
 * browser does those itself.
 */
export interface MenuRow {
  kind: 'item';
  id: string;
  label: string;
  enabled: boolean;
  /** Only for checkbox items (the open workspace in Open Recent). */
  checked?: boolean;
  shortcut?: string;
  run: () => void;
}
export type MenuSection = MenuRow | { kind: 'separator' } | { kind: 'group'; label: string; items: MenuRow[] };
export interface BarMenu {
  label: string;
  sections: MenuSection[];
}

type Labels = (typeof menuLabels)[keyof typeof menuLabels];

const toggleFullscreen = () => {
  if (document.fullscreenElement) void document.exitFullscreen();
  else void document.documentElement.requestFullscreen?.().catch(() => undefined);
};

const pageRoles: Partial<Record<MenuRole, { label: keyof Labels; run: () => void }>> = {
  cut: { label: 'cut', run: () => document.execCommand('cut') },
  copy: { label: 'copy', run: () => document.execCommand('copy') },
  selectAll: { label: 'selectAll', run: () => document.execCommand('selectAll') },
  togglefullscreen: { label: 'fullscreen', run: toggleFullscreen },
};

/** The browser keeps these keys for itself (new window, incognito window): not shown, not handled. */
const BROWSER_KEYS = new Set<string>([MENU_ACCELERATORS.newGroup, MENU_ACCELERATORS.newCycle]);

/** "&File" → "File", "ファイル(&F)" → "ファイル": the page has no Alt mnemonics. */
export const withoutMnemonic = (label: string): string => label.replace(/\(&\w\)/, '').replace(/&(?=\S)/, '');

export const shortcutText = (accelerator: string, mod: string): string => accelerator.replace('CmdOrCtrl', mod);

const rowsOf = (items: MenuItemTemplate[], labels: Labels, mod: string): MenuSection[] => {
  const sections: MenuSection[] = [];
  items.forEach((item, index) => {
    if (item.type === 'separator') return void sections.push({ kind: 'separator' });
    if (item.submenu) {
      const inner = rowsOf(item.submenu, labels, mod).filter((row): row is MenuRow => row.kind === 'item');
      if (inner.length) sections.push({ kind: 'group', label: withoutMnemonic(item.label ?? ''), items: inner });
      return;
    }
    const role = item.role && !item.click ? pageRoles[item.role] : undefined;
    if (item.role && !item.click && !role) return;
    const accelerator = item.accelerator && !BROWSER_KEYS.has(item.accelerator) ? item.accelerator : undefined;
    sections.push({
      kind: 'item',
      id: item.id ?? item.role ?? `item-${index}`,
      label: withoutMnemonic(role ? labels[role.label] : (item.label ?? '')),
      enabled: item.enabled !== false,
      ...(item.type === 'checkbox' ? { checked: Boolean(item.checked) } : {}),
      ...(accelerator ? { shortcut: shortcutText(accelerator, mod) } : {}),
      run: role ? role.run : (item.click ?? (() => undefined)),
    });
  });
  return tidy(sections);
};

/** No separator at either end or twice in a row once roles are left out. */
const tidy = (sections: MenuSection[]): MenuSection[] => {
  const kept: MenuSection[] = [];
  for (const section of sections) {
    if (section.kind === 'separator' && (kept.length === 0 || kept[kept.length - 1].kind === 'separator')) continue;
    kept.push(section);
  }
  if (kept[kept.length - 1]?.kind === 'separator') kept.pop();
  return kept;
};

/** The menus for the bar; a menu with nothing a page can do (Window) is left out. */
export const browserMenus = (options: Omit<MenuOptions, 'isMac' | 'isDev' | 'send'> & { send: (action: MenuAction) => void; mod: string }): BarMenu[] => {
  const labels = menuLabels[options.language ?? 'en'];
  return buildMenuTemplate({ ...options, isMac: false, isDev: false })
    .map((menu) => ({ label: withoutMnemonic(menu.label ?? ''), sections: rowsOf(menu.submenu ?? [], labels, options.mod) }))
    .filter((menu) => menu.sections.length > 0);
};

/** Items in the order arrow keys visit them. */
export const itemsOf = (menu: BarMenu): MenuRow[] =>
  menu.sections.flatMap((section) => (section.kind === 'item' ? [section] : section.kind === 'group' ? section.items : []));

/**
 * Shortcuts the page itself answers in a browser. Palette, preferences and the shortcut
 * list are global keys already (menu-actions.ts); undo and redo belong to the page too.
 */
const PAGE_SHORTCUTS = ['openWorkspace', 'exportReport', 'exportLessonPlan'] as const;

/** The item a key press stands for, e.g. Ctrl+Shift+E → export lesson plan. */
export const itemForKey = (menus: BarMenu[], event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): MenuRow | undefined => {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return undefined;
  const pressed = `CmdOrCtrl+${event.shiftKey ? 'Shift+' : ''}${event.key.toUpperCase()}`;
  const id = PAGE_SHORTCUTS.find((name) => MENU_ACCELERATORS[name] === pressed);
  return id ? menus.flatMap(itemsOf).find((item) => item.id === id) : undefined;
};
