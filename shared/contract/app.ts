import { z } from 'zod';
import { channel } from './channel';
import { WorkspaceInfo } from './workspace';

export const UiPreferences = z.object({
  uiLanguage: z.enum(['en', 'ja']),
  theme: z.enum(['system', 'light', 'dark']),
  tourDismissed: z.boolean(),
  /** The first-run welcome has been answered (workspace chosen or sample opened). */
  welcomed: z.boolean(),
  lastView: z.string().max(200),
});
export type UiPreferences = z.infer<typeof UiPreferences>;

export const RecentWorkspace = z.object({ name: z.string(), path: z.string(), isCurrent: z.boolean() });
export type RecentWorkspace = z.infer<typeof RecentWorkspace>;

/**
 * Channels about the app rather than one workspace: preferences and which workspace is
 * open. Folder paths are chosen by dialogs in main; the renderer may only name a folder
 * that is already in the recent list.
 */
export const appChannels = {
  getPreferences: channel(z.object({}).strict(), UiPreferences),
  updatePreferences: channel(UiPreferences.partial().strict(), UiPreferences),
  listRecentWorkspaces: channel(z.object({}).strict(), z.array(RecentWorkspace)),
  chooseWorkspaceFolder: channel(z.object({}).strict(), WorkspaceInfo.nullable()),
  openRecentWorkspace: channel(z.object({ path: z.string().min(1).max(4096) }).strict(), WorkspaceInfo),
  openDefaultWorkspace: channel(z.object({}).strict(), WorkspaceInfo),
  openSampleWorkspace: channel(z.object({}).strict(), WorkspaceInfo),
};
