import { contextBridge, ipcRenderer } from 'electron';
// Type-only imports of the contract: the preload bundles no zod and no schema (the
// backend process validates every request anyway); the names and the menu-command check
// are plain code.
import type { LessonStudyApi } from '../shared/contract';
import type { BackendEventSource, MenuAction, MenuActionSource } from '../shared/contract/app';
import { API_GLOBAL, CHANNEL_NAMES, toMenuAction } from '../shared/contract/names';
import { createPortClient, PORT_CHANNEL, PORT_REQUEST_CHANNEL, type PortEndpoint } from '../shared/contract/port-client';

/** Main → renderer only (electron/menu.ts spells it too; test/unit/contract-names.test.ts keeps them equal). */
const MENU_ACTION_CHANNEL = 'lesson-study:menu-action';

/**
 * The renderer's whole reach into the app: one named function per contract channel,
 * plus one subscription to native-menu commands and one to what the backend pushes. There is deliberately no generic
 * `invoke(channel, …)` or `on(channel, …)`, so a compromised page can call only what the
 * contract lists, and the backend validates even that.
 *
 * Requests go on a MessagePort straight to the backend process; main hands the port over
 * once it has checked this frame, and again if the backend process had to be restarted.
 */
const backend = createPortClient();
ipcRenderer.on(PORT_CHANNEL, (event) => {
  const [port] = event.ports;
  if (port) backend.attach(port as unknown as PortEndpoint);
});
ipcRenderer.send(PORT_REQUEST_CHANNEL);

const channels = Object.fromEntries(CHANNEL_NAMES.map((name) => [name, (request: unknown) => backend.call(name, request)])) as LessonStudyApi;

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

// Checked by the port client (toBackendEvent) before any listener hears it.
const events: BackendEventSource = { onBackendEvent: (listener) => backend.onEvent(listener) };

const api = { ...channels, ...menu, ...events };
contextBridge.exposeInMainWorld(API_GLOBAL, api satisfies LessonStudyApi & MenuActionSource & BackendEventSource);
