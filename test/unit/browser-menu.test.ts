import { describe, expect, it } from 'vitest';
import type { MenuAction } from '../../shared/contract/app';
import { browserMenus, itemForKey, itemsOf, withoutMnemonic, type BarMenu } from '../../renderer/features/browser/menu-rows';

const labelsOf = (menu: BarMenu) =>
  menu.sections.map((section) => (section.kind === 'separator' ? '—' : section.kind === 'group' ? `[${section.label}: ${section.items.map((i) => i.label).join(', ')}]` : section.label));

const key = (k: string, mods: { shift?: boolean; meta?: boolean } = {}) => ({ key: k, ctrlKey: !mods.meta, metaKey: Boolean(mods.meta), shiftKey: Boolean(mods.shift), altKey: false });

describe('the browser menu bar, from the native menu template', () => {
  it('shows the native menus without what only a window can do (quit, paste, zoom, the Window menu)', () => {
    const menus = browserMenus({ send: () => undefined, mod: 'Ctrl', recentWorkspaces: [] });
    expect(menus.map((menu) => menu.label)).toEqual(['File', 'Edit', 'View', 'Help']);
    expect(labelsOf(menus[0])).toEqual([
      'New Group',
      'New Cycle',
      '—',
      'Open Workspace…',
      '[Open Recent: No Recent Workspaces]',
      'Open Sample Workspace',
      '—',
      'Export Cycle Report…',
      'Export Lesson Plan…',
      '—',
      'Print…',
      '—',
      'Preferences…',
    ]);
    expect(labelsOf(menus[1])).toEqual(['Undo', 'Redo', '—', 'Cut', 'Copy', 'Select All', '—', 'Command Palette…']);
    expect(labelsOf(menus[2])).toEqual(['Toggle Full Screen']);
    expect(labelsOf(menus[3])).toEqual(['Keyboard Shortcuts', 'Show Tour', '—', 'About Lesson Study Desktop']);
  });

  it('enables commands from the same MenuContext and sends the same actions', () => {
    const sent: MenuAction[] = [];
    const recent = [{ name: '授業研究', path: '/data/授業研究', isCurrent: false }];
    const outside = itemsOf(browserMenus({ send: (a) => sent.push(a), mod: 'Ctrl', recentWorkspaces: recent })[0]);
    expect(outside.filter((item) => !item.enabled).map((item) => item.label)).toEqual(['New Cycle', 'Export Cycle Report…', 'Export Lesson Plan…']);
    const inCycle = itemsOf(browserMenus({ send: (a) => sent.push(a), mod: 'Ctrl', context: { view: 'cycle', groupId: 'g1', cycleId: 'c1' }, recentWorkspaces: recent })[0]);
    expect(inCycle.filter((item) => !item.enabled).map((item) => item.label)).toEqual(['Export Lesson Plan…']);
    inCycle.find((item) => item.label === 'Export Cycle Report…')!.run();
    inCycle.find((item) => item.label === '授業研究 — /data/授業研究')!.run();
    expect(sent).toEqual([{ type: 'export-report' }, { type: 'open-recent', path: '/data/授業研究' }]);
  });

  it('speaks Japanese without the Windows mnemonics, and shows only shortcuts a page can have', () => {
    const menus = browserMenus({ send: () => undefined, mod: '⌘', language: 'ja', recentWorkspaces: [] });
    expect(menus.map((menu) => menu.label)).toEqual(['ファイル', '編集', '表示', 'ヘルプ']);
    const file = itemsOf(menus[0]);
    expect(file.map((item) => [item.label, item.shortcut ?? null]).slice(0, 3)).toEqual([
      ['新しい研究グループ', null],
      ['新しいサイクル', null],
      ['ワークスペースを開く…', '⌘+O'],
    ]);
    expect(withoutMnemonic('&File')).toBe('File');
  });

  it('maps Ctrl+O, Ctrl+E and Ctrl+Shift+E to their items, and leaves other keys alone', () => {
    const menus = browserMenus({ send: () => undefined, mod: 'Ctrl', recentWorkspaces: [] });
    expect(itemForKey(menus, key('o'))?.label).toBe('Open Workspace…');
    expect(itemForKey(menus, key('E', { shift: true }))?.label).toBe('Export Lesson Plan…');
    expect(itemForKey(menus, key('e', { meta: true }))?.label).toBe('Export Cycle Report…');
    expect(itemForKey(menus, key('n'))).toBeUndefined();
    expect(itemForKey(menus, key('k'))).toBeUndefined();
    expect(itemForKey(menus, { ...key('o'), ctrlKey: false })).toBeUndefined();
  });
});
