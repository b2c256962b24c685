import { describe, expect, it } from 'vitest';
import type { MenuAction } from '../../shared/contract/app';
import { buildMenuTemplate, findMenuItem, MENU_ACCELERATORS, menuLabels, type MenuItemTemplate } from '../../electron/menu';

const build = (overrides: Partial<Parameters<typeof buildMenuTemplate>[0]> = {}) => {
  const sent: MenuAction[] = [];
  const template = buildMenuTemplate({ isMac: false, send: (action) => sent.push(action), ...overrides });
  return { template, sent };
};

const roles = (items: MenuItemTemplate[]): string[] =>
  items.flatMap((item) => [...(item.role ? [item.role] : []), ...(item.submenu ? roles(item.submenu) : [])]);

const topLabels = (template: MenuItemTemplate[]) => template.map((item) => item.label);

describe('application menu', () => {
  it('has File, Edit, View, Window and Help, with the macOS app menu only on macOS', () => {
    expect(topLabels(build().template)).toEqual(['&File', '&Edit', '&View', '&Window', '&Help']);
    const mac = build({ isMac: true, appName: 'Lesson Study Desktop' }).template;
    expect(topLabels(mac)).toEqual(['Lesson Study Desktop', '&File', '&Edit', '&View', '&Window', '&Help']);
    expect(roles(mac[0].submenu!)).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
  });

  it('uses standard roles for clipboard, zoom, full screen and quit', () => {
    const { template } = build();
    const [file, edit, view] = template;
    expect(roles(file.submenu!)).toContain('quit');
    expect(roles(edit.submenu!)).toEqual(['cut', 'copy', 'paste', 'selectAll']);
    expect(roles(view.submenu!)).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    // Reload and dev tools only while developing.
    expect(roles(build({ isDev: true }).template[2].submenu!)).toEqual(['reload', 'toggleDevTools', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    // macOS: File closes the window, Quit lives in the app menu.
    expect(roles(build({ isMac: true }).template[1].submenu!)).toEqual(['close']);
  });

  it('sends Undo and Redo to the window, which picks the text field or the screen history', () => {
    const sent: MenuAction[] = [];
    const { template } = build({ send: (action) => sent.push(action) });
    const edit = template[1].submenu!;
    expect(edit.slice(0, 2).map((item) => [item.id, item.accelerator, item.role])).toEqual([
      ['undo', 'CmdOrCtrl+Z', undefined],
      ['redo', 'Shift+CmdOrCtrl+Z', undefined],
    ]);
    edit[0].click!();
    edit[1].click!();
    expect(sent).toEqual([{ type: 'undo' }, { type: 'redo' }]);
  });

  it('shows Ctrl+Z and Ctrl+Shift+Z but leaves the keys to the page, so one press undoes one step', () => {
    for (const isMac of [false, true]) {
      const { template } = build({ isMac });
      expect(findMenuItem(template, 'undo')?.registerAccelerator).toBe(false);
      expect(findMenuItem(template, 'redo')?.registerAccelerator).toBe(false);
      // Every other command keeps its shortcut registered: no page handles those keys.
      expect(findMenuItem(template, 'newGroup')?.registerAccelerator).toBeUndefined();
      expect(findMenuItem(template, 'exportReport')?.registerAccelerator).toBeUndefined();
    }
  });

  it('gives each command its accelerator, and no two share one', () => {
    const { template } = build({ context: { view: 'cycle', groupId: 'g', cycleId: 'c', designId: 'd' } });
    for (const [id, accelerator] of Object.entries(MENU_ACCELERATORS)) {
      expect(findMenuItem(template, id)?.accelerator, id).toBe(accelerator);
    }
    expect(new Set(Object.values(MENU_ACCELERATORS)).size).toBe(Object.keys(MENU_ACCELERATORS).length);
  });

  it('disables New cycle outside a group and the exports outside a cycle or design', () => {
    const start = build({ context: { view: 'start' } }).template;
    expect(findMenuItem(start, 'newGroup')?.enabled).toBe(true);
    expect(findMenuItem(start, 'newCycle')?.enabled).toBe(false);
    expect(findMenuItem(start, 'exportReport')?.enabled).toBe(false);
    expect(findMenuItem(start, 'exportLessonPlan')?.enabled).toBe(false);

    const group = build({ context: { view: 'group', groupId: 'g1' } }).template;
    expect(findMenuItem(group, 'newCycle')?.enabled).toBe(true);
    expect(findMenuItem(group, 'exportReport')?.enabled).toBe(false);

    const cycle = build({ context: { view: 'cycle', groupId: 'g1', cycleId: 'c1' } }).template;
    expect(findMenuItem(cycle, 'exportReport')?.enabled).toBe(true);
    expect(findMenuItem(cycle, 'exportLessonPlan')?.enabled).toBe(false);

    const design = build({ context: { view: 'design', groupId: 'g1', designId: 'd1', versionId: 'v1' } }).template;
    expect(findMenuItem(design, 'exportLessonPlan')?.enabled).toBe(true);
    expect(findMenuItem(design, 'exportReport')?.enabled).toBe(false);
  });

  it('sends each command to the window as a typed action', () => {
    const { template, sent } = build({ context: { view: 'cycle', groupId: 'g', cycleId: 'c', designId: 'd' } });
    for (const id of ['newGroup', 'newCycle', 'openWorkspace', 'openSample', 'exportReport', 'exportLessonPlan', 'preferences', 'commandPalette', 'shortcuts', 'tour', 'about']) {
      findMenuItem(template, id)!.click!();
    }
    expect(sent.map((a) => a.type)).toEqual([
      'new-group', 'new-cycle', 'open-workspace', 'open-sample', 'export-report', 'export-lesson-plan',
      'preferences', 'command-palette', 'show-shortcuts', 'show-tour', 'about',
    ]);
  });

  it('lists recent workspaces, the open one checked and disabled, or says there are none', () => {
    const empty = build().template;
    expect(findMenuItem(empty, 'openRecent')?.submenu).toEqual([{ label: 'No Recent Workspaces', enabled: false }]);

    const { template, sent } = build({
      recentWorkspaces: [
        { name: 'team', path: '/data/team', isCurrent: true },
        { name: 'old', path: '/data/old', isCurrent: false },
      ],
    });
    const items = findMenuItem(template, 'openRecent')!.submenu!;
    expect(items.map((i) => [i.label, i.checked, i.enabled])).toEqual([
      ['team — /data/team', true, false],
      ['old — /data/old', false, true],
    ]);
    items[1].click!();
    expect(sent).toEqual([{ type: 'open-recent', path: '/data/old' }]);
  });

  it('speaks Japanese when the UI does, with the same structure', () => {
    const en = build({ context: { view: 'group', groupId: 'g' } }).template;
    const ja = build({ language: 'ja', context: { view: 'group', groupId: 'g' } }).template;
    expect(topLabels(ja)).toEqual(['ファイル(&F)', '編集(&E)', '表示(&V)', 'ウィンドウ(&W)', 'ヘルプ(&H)']);
    expect(findMenuItem(ja, 'exportLessonPlan')?.label).toBe('学習指導案を書き出す…');
    const shape = (items: MenuItemTemplate[]): unknown => items.map((i) => [i.id, i.role, i.enabled, i.submenu ? shape(i.submenu) : null]);
    expect(shape(ja)).toEqual(shape(en));
    expect(Object.keys(menuLabels.ja).sort()).toEqual(Object.keys(menuLabels.en).sort());
  });
});
