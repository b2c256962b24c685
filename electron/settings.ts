import * as path from 'node:path';
import { z } from 'zod';
import { SavedWindowBounds } from './window-state';

/**
 * Preferences only. Lesson data lives in the workspace, where a bad file is refused
 * loudly; a bad preference here just falls back to its default, because losing a
 * window size or a theme choice costs the user nothing.
 */
export const MAX_RECENT_WORKSPACES = 10;

/**
 * Options for the preference file (electron-store / conf). It names the workspace folders
 * the user opened, so it is readable by the user only, like the workspace itself.
 */
export const SETTINGS_STORE_OPTIONS = { configFileMode: 0o600 } as const;

const WorkspacePath = z.string().min(1).max(4096);

/** Same folder, same entry: `a/b/` and `a/./b` must not fill two of ten slots. */
const normaliseFolder = (folder: string): string => path.resolve(folder);

const uniqueRecent = (folders: readonly string[]): string[] =>
  [...new Set(folders.map(normaliseFolder))].slice(0, MAX_RECENT_WORKSPACES);

const preferenceSchemas = {
  windowBounds: SavedWindowBounds.nullable(),
  /** null = the default workspace under the app's user-data folder. */
  workspacePath: WorkspacePath.nullable(),
  /** A stray bad entry drops only that entry, not the whole list. */
  recentWorkspaces: z
    .array(z.unknown())
    .transform((folders) => uniqueRecent(folders.filter((f): f is string => WorkspacePath.safeParse(f).success))),
  uiLanguage: z.enum(['en', 'ja']),
  theme: z.enum(['system', 'light', 'dark']),
  lastView: z.string().max(200),
  tourDismissed: z.boolean(),
  welcomed: z.boolean(),
  /** What the group's other laptops call this one in a shared workspace; '' = the account's name ("Ana's computer"). */
  deviceLabel: z.string().max(80),
} as const;

type Schemas = typeof preferenceSchemas;
export type PreferenceKey = keyof Schemas;
export type Preferences = { [K in PreferenceKey]: z.output<Schemas[K]> };

export const defaultPreferences: Preferences = {
  windowBounds: null,
  workspacePath: null,
  recentWorkspaces: [],
  uiLanguage: 'en',
  theme: 'system',
  lastView: '',
  tourDismissed: false,
  welcomed: false,
  deviceLabel: '',
};

/** The key/value store underneath: electron-store in the app, conf in tests. */
export interface PreferenceStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export interface Settings {
  get<K extends PreferenceKey>(key: K): Preferences[K];
  set<K extends PreferenceKey>(key: K, value: Preferences[K]): void;
  all(): Preferences;
  /** Most recent first, each folder once. */
  addRecentWorkspace(folder: string): string[];
}

export const createSettings = (store: PreferenceStore): Settings => {
  const get = <K extends PreferenceKey>(key: K): Preferences[K] => {
    const parsed = preferenceSchemas[key].safeParse(store.get(key));
    if (!parsed.success) return defaultPreferences[key];
    return parsed.data as Preferences[K];
  };

  const set = <K extends PreferenceKey>(key: K, value: Preferences[K]): void => {
    // Writes come from our own code; an invalid one is a bug, so it fails loudly here.
    store.set(key, preferenceSchemas[key].parse(value));
  };

  return {
    get,
    set,
    all: () =>
      Object.fromEntries(
        (Object.keys(preferenceSchemas) as PreferenceKey[]).map((key) => [key, get(key)]),
      ) as Preferences,
    addRecentWorkspace: (folder) => {
      const recent = uniqueRecent([folder, ...get('recentWorkspaces')]);
      set('recentWorkspaces', recent);
      return recent;
    },
  };
};

/** Keeps preferences in memory for this run when the settings file cannot be used at all. */
export const createMemoryStore = (): PreferenceStore => {
  const values = new Map<string, unknown>();
  return { get: (key) => values.get(key), set: (key, value) => void values.set(key, value) };
};

export interface OpenSettingsStoreOptions<S extends PreferenceStore> {
  /** Constructs the store; electron-store and conf throw on a file that is not JSON. */
  open: () => S;
  /** Moves the unreadable file aside; the user can still look at it. */
  setAside: () => void;
  onProblem?: (message: string, error: unknown) => void;
}

/**
 * Opens the preference store without letting a damaged settings file stop the app.
 * We keep the damaged file as `*.corrupt-<time>` rather than use `clearInvalidConfig`,
 * which would delete it, and start from defaults.
 */
export const openSettingsStore = <S extends PreferenceStore>({
  open,
  setAside,
  onProblem = (message, error) => console.warn(message, error),
}: OpenSettingsStoreOptions<S>): S | PreferenceStore => {
  try {
    return open();
  } catch (error) {
    onProblem('The settings file could not be read; it was set aside and defaults are used.', error);
  }
  try {
    setAside();
    return open();
  } catch (error) {
    onProblem('The settings file could not be replaced; preferences will not be saved this session.', error);
    return createMemoryStore();
  }
};

/** `config.json` → `config.json.corrupt-2025-01-31T10-00-00-000Z`, safe in any file system. */
export const corruptSettingsName = (file: string, now: Date): string =>
  `${file}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
