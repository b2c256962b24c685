/**
 * The application menu as data, so it is tested without Electron; main.ts hands it to
 * `Menu.buildFromTemplate`. Roles give each platform its native behaviour and shortcuts.
 */

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
  label?: string;
  role?: MenuRole;
  type?: 'normal' | 'separator' | 'submenu';
  accelerator?: string;
  click?: () => void;
  submenu?: MenuItemTemplate[];
}

/** Menu commands the renderer carries out; main forwards them to the window. */
export type MenuAction = 'show-tour';

/**
 * Main → renderer only. Nothing listens yet: the preload needs an `onMenuAction`
 * subscription, which belongs in the contract (a later issue).
 */
export const MENU_ACTION_CHANNEL = 'lesson-study:menu-action';

export interface MenuOptions {
  isMac: boolean;
  /** Reload and developer tools only while developing: a reload drops unsaved form input. */
  isDev?: boolean;
  appName?: string;
  send: (action: MenuAction) => void;
}

const separator: MenuItemTemplate = { type: 'separator' };

export const buildMenuTemplate = ({
  isMac,
  isDev = false,
  appName = 'Lesson Study Desktop',
  send,
}: MenuOptions): MenuItemTemplate[] => [
  ...(isMac
    ? [
        {
          label: appName,
          submenu: [
            { role: 'about' },
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
  { label: '&File', submenu: [isMac ? { role: 'close' } : { role: 'quit' }] },
  {
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(isMac ? [{ role: 'pasteAndMatchStyle' } satisfies MenuItemTemplate] : []),
      { role: 'selectAll' },
    ],
  },
  {
    label: '&View',
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
    label: '&Window',
    submenu: isMac
      ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }]
      : [{ role: 'minimize' }, { role: 'close' }],
  },
  {
    role: 'help',
    label: '&Help',
    submenu: [
      { label: 'Show welcome tour', click: () => send('show-tour') },
      ...(isMac ? [] : [separator, { role: 'about' } satisfies MenuItemTemplate]),
    ],
  },
];
