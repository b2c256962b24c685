/**
 * The application menu as data, shared by the native menu (electron/menu.ts hands the
 * template to `Menu.buildFromTemplate`) and the app's own menu bar in a browser
 * (renderer/features/app/BrowserMenuBar.tsx), so both show the same commands with the same
 * enabled states. Roles give each platform its native behaviour and shortcuts; our own
 * commands are sent to the window, which carries them out (see MenuAction).
 */
import type { MenuAction, MenuContext } from './contract/app';

export type { MenuAction, MenuContext };

/** The subset of Electron's menu roles we use. */
export type MenuRole =
  | 'appMenu'
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'close'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'pasteAndMatchStyle'
  | 'selectAll'
  | 'reload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'minimize'
  | 'zoom'
  | 'front'
  | 'fileMenu'
  | 'editMenu'
  | 'viewMenu'
  | 'windowMenu'
  | 'help';

/** A structural subset of Electron's `MenuItemConstructorOptions`. */
export interface MenuItemTemplate {
  id?: string;
  label?: string;
  role?: MenuRole;
  type?: 'normal' | 'separator' | 'submenu' | 'checkbox';
  accelerator?: string;
  /** false: the shortcut is shown but left to the page (Windows, Linux; macOS ignores it). */
  registerAccelerator?: boolean;
  enabled?: boolean;
  checked?: boolean;
  click?: () => void;
  submenu?: MenuItemTemplate[];
}

/** Menu words in the app's two languages; the menu follows the UI language preference. */
export const menuLabels = {
  en: {
    file: '&File',
    edit: '&Edit',
    view: '&View',
    window: '&Window',
    help: '&Help',
    newGroup: 'New Group',
    newCycle: 'New Cycle',
    openWorkspace: 'Open Workspace…',
    openRecent: 'Open Recent',
    noRecent: 'No Recent Workspaces',
    openSample: 'Open Sample Workspace',
    exportReport: 'Export Cycle Report…',
    exportLessonPlan: 'Export Lesson Plan…',
    print: 'Print…',
    preferences: 'Preferences…',
    undo: 'Undo',
    redo: 'Redo',
    commandPalette: 'Command Palette…',
    shortcuts: 'Keyboard Shortcuts',
    tour: 'Show Tour',
    about: 'About Lesson Study Desktop',
    // Roles Electron labels itself; the browser's own menu bar needs the words.
    cut: 'Cut',
    copy: 'Copy',
    selectAll: 'Select All',
    fullscreen: 'Toggle Full Screen',
  },
  ja: {
    file: 'ファイル(&F)',
    edit: '編集(&E)',
    view: '表示(&V)',
    window: 'ウィンドウ(&W)',
    help: 'ヘルプ(&H)',
    newGroup: '新しい研究グループ',
    newCycle: '新しいサイクル',
    openWorkspace: 'ワークスペースを開く…',
    openRecent: '最近使ったワークスペース',
    noRecent: '最近使ったワークスペースはありません',
    openSample: 'サンプルのワークスペースを開く',
    exportReport: 'サイクル報告書を書き出す…',
    exportLessonPlan: '学習指導案を書き出す…',
    print: '印刷…',
    preferences: '環境設定…',
    undo: '元に戻す',
    redo: 'やり直す',
    commandPalette: 'コマンドパレット…',
    shortcuts: 'キーボードショートカット',
    tour: 'ツアーを表示',
    about: '授業研究デスクトップについて',
    cut: '切り取り',
    copy: 'コピー',
    selectAll: 'すべて選択',
    fullscreen: '全画面表示を切り替える',
  },
} as const;

export type MenuLanguage = keyof typeof menuLabels;

/** Every accelerator we define ourselves (roles bring their own), in one place for the shortcut overlay and the tests. */
export const MENU_ACCELERATORS = {
  newGroup: 'CmdOrCtrl+N',
  newCycle: 'CmdOrCtrl+Shift+N',
  openWorkspace: 'CmdOrCtrl+O',
  exportReport: 'CmdOrCtrl+E',
  exportLessonPlan: 'CmdOrCtrl+Shift+E',
  print: 'CmdOrCtrl+P',
  preferences: 'CmdOrCtrl+,',
  undo: 'CmdOrCtrl+Z',
  redo: 'Shift+CmdOrCtrl+Z',
  commandPalette: 'CmdOrCtrl+K',
  shortcuts: 'CmdOrCtrl+/',
} as const;

export interface MenuOptions {
  isMac: boolean;
  /** Reload and developer tools only while developing: a reload drops unsaved form input. */
  isDev?: boolean;
  appName?: string;
  language?: MenuLanguage;
  /** Where the user is; decides which commands are enabled. */
  context?: MenuContext;
  /** Most recent first. */
  recentWorkspaces?: Array<{ name: string; path: string; isCurrent: boolean }>;
  send: (action: MenuAction) => void;
}

const separator: MenuItemTemplate = { type: 'separator' };

export const buildMenuTemplate = ({
  isMac,
  isDev = false,
  appName = 'Lesson Study Desktop',
  language = 'en',
  context = { view: 'start' },
  recentWorkspaces = [],
  send,
}: MenuOptions): MenuItemTemplate[] => {
  const l = menuLabels[language];
  const command = (id: keyof typeof MENU_ACCELERATORS, type: Exclude<MenuAction['type'], 'open-recent'>, enabled = true): MenuItemTemplate => ({
    id,
    label: l[id],
    accelerator: MENU_ACCELERATORS[id],
    enabled,
    click: () => send({ type }),
  });
  const preferences = command('preferences', 'preferences');
  const recent: MenuItemTemplate[] = recentWorkspaces.length
    ? recentWorkspaces.map((folder) => ({
        label: `${folder.name} — ${folder.path}`,
        type: 'checkbox',
        checked: folder.isCurrent,
        // Re-opening the open workspace would do nothing; a disabled, checked item says so.
        enabled: !folder.isCurrent,
        click: () => send({ type: 'open-recent', path: folder.path }),
      }))
    : [{ label: l.noRecent, enabled: false }];

  return [
    ...(isMac
      ? [
          {
            label: appName,
            submenu: [
              { role: 'about' },
              separator,
              preferences,
              separator,
              { role: 'services' },
              separator,
              { role: 'hide' },
              { role: 'hideOthers' },
              { role: 'unhide' },
              separator,
              { role: 'quit' },
            ],
          } satisfies MenuItemTemplate,
        ]
      : []),
    {
      label: l.file,
      submenu: [
        command('newGroup', 'new-group'),
        command('newCycle', 'new-cycle', Boolean(context.groupId)),
        separator,
        command('openWorkspace', 'open-workspace'),
        { id: 'openRecent', label: l.openRecent, submenu: recent },
        { id: 'openSample', label: l.openSample, click: () => send({ type: 'open-sample' }) },
        separator,
        command('exportReport', 'export-report', Boolean(context.cycleId)),
        command('exportLessonPlan', 'export-lesson-plan', Boolean(context.designId)),
        separator,
        // The page answers Ctrl/Cmd+P itself (menu-actions.ts), as it must in a browser, whose
        // own print would otherwise print the screen as it is: a registered accelerator
        // would start a second print. Print opens the screen's print view, whose
        // window.print() shows the system dialog with "Save as PDF".
        { ...command('print', 'print'), registerAccelerator: false },
        ...(isMac ? [separator, { role: 'close' } satisfies MenuItemTemplate] : [separator, preferences, separator, { role: 'quit' } satisfies MenuItemTemplate]),
      ],
    },
    {
      label: l.edit,
      submenu: [
        // Not the undo/redo roles: those reach only a text field's own history. The renderer
        // runs the field's undo when a field has focus and the screen's history otherwise.
        // The key itself belongs to the page (every screen with a history handles it, and a
        // text field undoes natively): a registered accelerator would fire as well, so one
        // Ctrl+Z would undo twice. On macOS a key the page handled never reaches the menu,
        // and one it left (a text field) reaches it once.
        { ...command('undo', 'undo'), registerAccelerator: false },
        { ...command('redo', 'redo'), registerAccelerator: false },
        separator,
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        ...(isMac ? [{ role: 'pasteAndMatchStyle' } satisfies MenuItemTemplate] : []),
        { role: 'selectAll' },
        separator,
        command('commandPalette', 'command-palette'),
      ],
    },
    {
      label: l.view,
      submenu: [
        ...(isDev ? [{ role: 'reload' }, { role: 'toggleDevTools' }, separator] satisfies MenuItemTemplate[] : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        separator,
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: l.window,
      submenu: isMac
        ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }]
        : [{ role: 'minimize' }, { role: 'close' }],
    },
    {
      role: 'help',
      label: l.help,
      submenu: [
        command('shortcuts', 'show-shortcuts'),
        { id: 'tour', label: l.tour, click: () => send({ type: 'show-tour' }) },
        ...(isMac ? [] : [separator, { id: 'about', label: l.about, click: () => send({ type: 'about' }) } satisfies MenuItemTemplate]),
      ],
    },
  ];
};

/** Depth-first search by id, for main (and tests) to reach one item. */
export const findMenuItem = (template: MenuItemTemplate[], id: string): MenuItemTemplate | undefined => {
  for (const item of template) {
    if (item.id === id) return item;
    const inner = item.submenu ? findMenuItem(item.submenu, id) : undefined;
    if (inner) return inner;
  }
  return undefined;
};
