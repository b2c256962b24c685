import { contextBridge, ipcRenderer } from 'electron';
import { API_GLOBAL, channelNames, ipcChannel, type LessonStudyApi } from '../shared/contract';
import { MenuAction, type MenuActionSource } from '../shared/contract/app';
import { MENU_ACTION_CHANNEL } from './menu';

/**
 * The renderer's whole reach into the app: one named function per contract channel,
 * plus one subscription to native-menu commands. There is deliberately no generic
 * `invoke(channel, …)` or `on(channel, …)`, so a compromised page can call only what the
 * contract lists, and main validates even that.
 */
const channels = Object.fromEntries(
  channelNames.map((name) => [name, (request: unknown) => ipcRenderer.invoke(ipcChannel(name), request)]),
) as LessonStudyApi;

const menu: MenuActionSource = {
  onMenuAction(listener) {
    const handler = (_event: unknown, action: unknown) => {
      // Only main sends on this channel, but the shape is checked anyway: the page trusts what it gets.
      const parsed = MenuAction.safeParse(action);
      if (parsed.success) listener(parsed.data);
    };
    ipcRenderer.on(MENU_ACTION_CHANNEL, handler);
    return () => void ipcRenderer.removeListener(MENU_ACTION_CHANNEL, handler);
  },
};

const api = { ...channels, ...menu };
contextBridge.exposeInMainWorld(API_GLOBAL, api satisfies LessonStudyApi & MenuActionSource);
