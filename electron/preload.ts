import { contextBridge, ipcRenderer } from 'electron';
// Type-only imports of the contract: the preload bundles no zod and no schema (main
// validates every request anyway); the names and the menu-command check are plain code.
import type { LessonStudyApi } from '../shared/contract';
import type { MenuAction, MenuActionSource } from '../shared/contract/app';
import { API_GLOBAL, CHANNEL_NAMES, ipcChannel, toMenuAction } from '../shared/contract/names';

/** Main → renderer only (electron/menu.ts spells it too; test/unit/contract-names.test.ts keeps them equal). */
const MENU_ACTION_CHANNEL = 'lesson-study:menu-action';

/**
 * The renderer's whole reach into the app: one named function per contract channel,
 * plus one subscription to native-menu commands. There is deliberately no generic
 * `invoke(channel, …)` or `on(channel, …)`, so a compromised page can call only what the
 * contract lists, and main validates even that.
 */
const channels = Object.fromEntries(
  CHANNEL_NAMES.map((name) => [name, (request: unknown) => ipcRenderer.invoke(ipcChannel(name), request)]),
) as LessonStudyApi;

const menu: MenuActionSource = {
  onMenuAction(listener) {
    const handler = (_event: unknown, action: unknown) => {
      // Only main sends on this channel, but the shape is checked anyway: the page trusts what it gets.
      const checked = toMenuAction(action);
      if (checked) listener(checked as MenuAction);
    };
    ipcRenderer.on(MENU_ACTION_CHANNEL, handler);
    return () => void ipcRenderer.removeListener(MENU_ACTION_CHANNEL, handler);
  },
};

const api = { ...channels, ...menu };
contextBridge.exposeInMainWorld(API_GLOBAL, api satisfies LessonStudyApi & MenuActionSource);
