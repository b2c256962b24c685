import type { MenuContext, UiPreferences } from '../../../shared/contract/app';
import type { ErrorCode } from '../../../shared/result';
import type { HostEffects } from '../context';

/**
 * What main and the backend process say to each other (the window's requests go on
 * their own MessagePort, see port-door.ts). Main keeps only what needs Electron: the
 * dialogs and the shell (asked for as `effect`), the menu, and the preferences file
 * (electron-store, written only by main; the backend keeps a copy and reports each change).
 */

/** Where the backend process finds everything; main knows these paths from `app`. */
export interface BackendProcessOptions {
  defaultWorkspaceDir: string;
  samplesDir: string;
  sampleSourceDir: string;
  logDir: string;
  version: string;
  /** The built renderer (index.html) with the start screen's renderer beside it: the window's first page is made from them. */
  rendererDir?: string;
}

export type EffectName = keyof HostEffects;

export type ToBackend =
  | { type: 'start'; options: BackendProcessOptions; preferences: Record<string, unknown> }
  /** Carries the window's MessagePort (transferred). */
  | { type: 'connect' }
  | { type: 'effect-result'; id: number; ok: true; value: unknown }
  | { type: 'effect-result'; id: number; ok: false; code: ErrorCode | null; message: string }
  | { type: 'release-lock-now' }
  /** The window's first page, asked for as the window loads it (see electron/backend/start-page.ts). */
  | { type: 'start-page'; id: number }
  | { type: 'close' };

export type FromBackend =
  | { type: 'ready'; workspaceRoot: string }
  | { type: 'start-failed'; message: string }
  | { type: 'effect'; id: number; name: EffectName; args: unknown[] }
  | { type: 'preference-set'; key: string; value: unknown }
  | { type: 'menu-context'; context: MenuContext }
  /** null: no start page now; the window loads the plain index.html. */
  | { type: 'start-page'; id: number; html: string | null }
  | { type: 'preferences'; preferences: UiPreferences; workspaceRoot: string }
  /** `error`: the workspace could not be closed cleanly (its lock was released anyway). */
  | { type: 'closed'; error?: string };

export const EFFECT_NAMES: readonly EffectName[] = ['chooseSavePath', 'chooseOpenPaths', 'chooseFolder', 'openPath', 'showInFolder'];
