import * as path from 'node:path';
import { LessonStudyError } from '../shared/result';
import type { HostEffects } from './backend/context';

type FileFilter = { name: string; extensions: string[] };

/** The members of Electron's `dialog` we use, on a parent window `W`. */
export interface DialogPort<W> {
  showSaveDialog(
    window: W,
    options: { title?: string; defaultPath?: string; filters?: FileFilter[] },
  ): Promise<{ canceled: boolean; filePath?: string }>;
  showOpenDialog(
    window: W,
    options: {
      title?: string;
      filters?: FileFilter[];
      properties?: Array<'openFile' | 'openDirectory' | 'createDirectory' | 'multiSelections'>;
    },
  ): Promise<{ canceled: boolean; filePaths: string[] }>;
}

/** The members of Electron's `shell` we use. */
export interface ShellPort {
  openPath(filePath: string): Promise<string>;
  showItemInFolder(filePath: string): void;
}

export interface ElectronHostEffectsDeps<W> {
  dialog: DialogPort<W>;
  shell: ShellPort;
  /** Dialogs are modal to the main window; without one there is nobody to ask. */
  getWindow: () => W | null;
  /** Where save dialogs start, e.g. `app.getPath('documents')`. */
  defaultFolder: string;
}

/**
 * The real side effects for the backend: paths come only from dialogs the main process
 * shows, never from the renderer, so a compromised page cannot name a file to write.
 */
export const createElectronHostEffects = <W>({
  dialog,
  shell,
  getWindow,
  defaultFolder,
}: ElectronHostEffectsDeps<W>): HostEffects => ({
  chooseSavePath: async ({ title, defaultName, filters }) => {
    const window = getWindow();
    if (!window) return null;
    const choice = await dialog.showSaveDialog(window, {
      title,
      // Only the base name: a suggested name must not steer the dialog to another folder.
      defaultPath: path.join(defaultFolder, path.basename(defaultName)),
      filters,
    });
    return choice.canceled || !choice.filePath ? null : choice.filePath;
  },
  chooseOpenPaths: async ({ title, filters, multiple }) => {
    const window = getWindow();
    if (!window) return [];
    const choice = await dialog.showOpenDialog(window, {
      title,
      filters,
      properties: multiple ? ['openFile', 'multiSelections'] : ['openFile'],
    });
    return choice.canceled ? [] : choice.filePaths;
  },
  chooseFolder: async ({ title }) => {
    const window = getWindow();
    if (!window) return null;
    const choice = await dialog.showOpenDialog(window, { title, properties: ['openDirectory', 'createDirectory'] });
    return choice.canceled ? null : (choice.filePaths[0] ?? null);
  },
  openPath: async (filePath) => {
    // shell.openPath resolves with an error message instead of rejecting.
    const problem = await shell.openPath(filePath);
    if (problem) throw new LessonStudyError('io', `The file could not be opened: ${problem}`);
  },
  showInFolder: async (filePath) => {
    shell.showItemInFolder(filePath);
  },
});
