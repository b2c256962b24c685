/**
 * The native application menu: its template is built from shared data (shared/menu.ts,
 * which the browser's own menu bar uses too); main.ts hands it to `Menu.buildFromTemplate`.
 */
export * from '../shared/menu';

/** Main → renderer only; the preload turns it into `onMenuAction(listener)`. */
export const MENU_ACTION_CHANNEL = 'lesson-study:menu-action';
