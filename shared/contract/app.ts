import { z } from 'zod';
import type { BackendEvent } from './backend-events';
import { channel } from './channel';
import { MENU_COMMANDS } from './names';
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

/**
 * Where the user is, as the renderer reports it, so the native menu can disable what
 * does not apply (no "New cycle" outside a group, no "Export report" outside a cycle).
 */
export const MenuContext = z
  .object({
    view: z.enum(['start', 'group', 'design', 'compare', 'cycle', 'observe', 'analyze', 'other']),
    groupId: z.string().min(1).max(100).optional(),
    cycleId: z.string().min(1).max(100).optional(),
    designId: z.string().min(1).max(100).optional(),
    versionId: z.string().min(1).max(100).optional(),
  })
  .strict();
export type MenuContext = z.infer<typeof MenuContext>;

/**
 * Commands the native menu sends to the window (main → renderer only, through the
 * preload's `onMenuAction`). The renderer carries them out: navigates, opens a dialog
 * or starts an export. Folder paths never travel this way except recent ones, which the
 * host checks against its own list again when the renderer asks to open one.
 */
export const MenuAction = z.discriminatedUnion('type', [
  z.object({ type: z.enum(MENU_COMMANDS) }),
  z.object({ type: z.literal('open-recent'), path: z.string().min(1).max(4096) }),
]);
export type MenuAction = z.infer<typeof MenuAction>;

/** The one non-request function on the renderer's api object: a subscription to menu commands. */
export interface MenuActionSource {
  /** Returns the unsubscribe function. */
  onMenuAction(listener: (action: MenuAction) => void): () => void;
}

export type { BackendEvent, ChangedKind } from './backend-events';

/**
 * The other non-request function: a subscription to what the backend pushes (data changed
 * elsewhere — another tab, an observer's device — or another workspace opened).
 */
export interface BackendEventSource {
  /** Returns the unsubscribe function. */
  onBackendEvent(listener: (event: BackendEvent) => void): () => void;
}

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
  /** "Open anyway": take over the lock of the workspace shown read-only because it seemed open elsewhere. */
  openWorkspaceAnyway: channel(z.object({}).strict(), WorkspaceInfo),
  openSampleWorkspace: channel(z.object({}).strict(), WorkspaceInfo),
  /** The renderer says where the user is; main rebuilds the menu's enabled items. */
  setMenuContext: channel(MenuContext, z.null()),
  /** "Share with your group": reopen this workspace as a shared one (issue #16), after a backup. */
  shareWorkspace: channel(z.object({}).strict(), WorkspaceInfo),
  /** What the group's other laptops call this one ("Ana's laptop"); empty for the account's name. */
  setDeviceLabel: channel(z.object({ label: z.string().max(80) }).strict(), z.null()),
};
