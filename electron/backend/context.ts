import type { WorkspaceStore } from '../storage/workspace-store';
import type { Catalogue } from './catalogue';

/** A file the user picked in a dialog the main process showed. */
export interface SaveDialogOptions {
  title: string;
  defaultName: string;
  filters: Array<{ name: string; extensions: string[] }>;
}

/**
 * Side effects the backend needs from its host. Electron passes real dialogs and shell;
 * tests and the browser harness pass their own. The renderer never supplies a path.
 */
export interface HostEffects {
  chooseSavePath(options: SaveDialogOptions): Promise<string | null>;
  chooseOpenPaths(options: { title: string; filters: SaveDialogOptions['filters']; multiple: boolean }): Promise<string[]>;
  chooseFolder(options: { title: string }): Promise<string | null>;
  openPath(filePath: string): Promise<void>;
  showInFolder(filePath: string): Promise<void>;
}

export interface BackendContext {
  store: WorkspaceStore;
  clock: () => Date;
  newId: () => string;
  effects: HostEffects;
  /** Features register clean-up here, so deleting a group removes its designs and cycles. */
  onGroupDeleted: Array<(groupId: string) => Promise<void>>;
  /** Likewise for one cycle: its observations and analysis go with it. */
  onCycleDeleted: Array<(cycleId: string) => Promise<void>>;
  /** Listing groups and cycles without reading every file (see catalogue.ts). */
  catalogue: Catalogue;
}

export const noEffects: HostEffects = {
  chooseSavePath: async () => null,
  chooseOpenPaths: async () => [],
  chooseFolder: async () => null,
  openPath: async () => undefined,
  showInFolder: async () => undefined,
};
