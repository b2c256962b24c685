import Conf from 'conf';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  corruptSettingsName,
  createSettings,
  defaultPreferences,
  MAX_RECENT_WORKSPACES,
  openSettingsStore,
  SETTINGS_STORE_OPTIONS,
} from '../../electron/settings';

let dir: string;
// conf writes the same file electron-store does (`config.json` in its folder).
const openConf = () => new Conf<Record<string, unknown>>({ ...SETTINGS_STORE_OPTIONS, cwd: dir, projectName: 'lesson-study-test' });
const settingsFile = () => path.join(dir, 'config.json');
const writeRaw = (text: string) => fs.writeFileSync(settingsFile(), text);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lesson-study-settings-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('preferences', () => {
  it('the preference file (it names the workspace folders) is readable by the user only', () => {
    const settings = createSettings(openConf());
    settings.set('workspacePath', '/home/kim/Lesson Study');
    const file = path.join(dir, 'config.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('start from defaults', () => {
    expect(createSettings(openConf()).all()).toEqual(defaultPreferences);
  });

  it('round-trip through the file', () => {
    const settings = createSettings(openConf());
    settings.set('theme', 'dark');
    settings.set('uiLanguage', 'ja');
    settings.set('tourDismissed', true);
    settings.set('lastView', 'groups');
    settings.set('workspacePath', '/data/lesson-study');
    settings.set('windowBounds', { x: 10, y: 20, width: 1000, height: 700, isMaximized: true });

    const reopened = createSettings(openConf());
    expect(reopened.all()).toMatchObject({
      theme: 'dark',
      uiLanguage: 'ja',
      tourDismissed: true,
      lastView: 'groups',
      workspacePath: '/data/lesson-study',
      windowBounds: { x: 10, y: 20, width: 1000, height: 700, isMaximized: true },
    });
  });

  it('fall back to defaults, one by one, when the file holds invalid values', () => {
    writeRaw(
      JSON.stringify({
        theme: 'neon',
        uiLanguage: 'fr',
        tourDismissed: 'yes',
        lastView: 42,
        workspacePath: '',
        windowBounds: { x: 'left', y: 0, width: -5, height: 10 },
        recentWorkspaces: 'not a list',
      }),
    );
    expect(createSettings(openConf()).all()).toEqual(defaultPreferences);
  });

  it('keep valid values next to invalid ones', () => {
    writeRaw(JSON.stringify({ theme: 'light', uiLanguage: 'klingon' }));
    const settings = createSettings(openConf());
    expect(settings.get('theme')).toBe('light');
    expect(settings.get('uiLanguage')).toBe('en');
  });

  it('refuse to write an invalid value: that is a bug in our code', () => {
    const settings = createSettings(openConf());
    expect(() => settings.set('theme', 'neon' as never)).toThrow();
    expect(settings.get('theme')).toBe('system');
  });
});

describe('recent workspaces', () => {
  it('put the newest first and list each folder once', () => {
    const settings = createSettings(openConf());
    settings.addRecentWorkspace('/ws/a');
    settings.addRecentWorkspace('/ws/b');
    settings.addRecentWorkspace('/ws/a/');
    expect(settings.addRecentWorkspace('/ws/./c')).toEqual(['/ws/c', '/ws/a', '/ws/b']);
    expect(createSettings(openConf()).get('recentWorkspaces')).toEqual(['/ws/c', '/ws/a', '/ws/b']);
  });

  it(`keep at most ${MAX_RECENT_WORKSPACES}`, () => {
    const settings = createSettings(openConf());
    for (let i = 0; i < 15; i++) settings.addRecentWorkspace(`/ws/${i}`);
    const recent = settings.get('recentWorkspaces');
    expect(recent).toHaveLength(MAX_RECENT_WORKSPACES);
    expect(recent[0]).toBe('/ws/14');
    expect(recent.at(-1)).toBe('/ws/5');
  });

  it('drop only the bad entries of a hand-edited list, and duplicates', () => {
    writeRaw(JSON.stringify({ recentWorkspaces: ['/ws/a', 7, '', null, '/ws/a', '/ws/b'] }));
    expect(createSettings(openConf()).get('recentWorkspaces')).toEqual(['/ws/a', '/ws/b']);
  });
});

describe('a corrupt settings file', () => {
  it.each([
    ['truncated JSON', '{"theme": "da'],
    ['NUL bytes', '\u0000\u0000\u0000'],
    ['not JSON at all', 'theme = dark'],
  ])('(%s) is set aside and the app starts with defaults', (_label, content) => {
    writeRaw(content);
    // conf, like electron-store, throws on this unless told to clear the file.
    expect(() => openConf()).toThrow();

    const onProblem = vi.fn();
    const store = openSettingsStore({
      open: openConf,
      setAside: () => fs.renameSync(settingsFile(), corruptSettingsName(settingsFile(), new Date('2025-01-31T10:00:00.000Z'))),
      onProblem,
    });
    const settings = createSettings(store);
    expect(settings.all()).toEqual(defaultPreferences);
    expect(onProblem).toHaveBeenCalledTimes(1);

    // The damaged file is kept for the user, not deleted.
    const kept = path.join(dir, 'config.json.corrupt-2025-01-31T10-00-00-000Z');
    expect(fs.readFileSync(kept, 'utf8')).toBe(content);

    // And the new file works.
    settings.set('theme', 'dark');
    expect(createSettings(openConf()).get('theme')).toBe('dark');
  });

  it('falls back to memory for this run when the file cannot be replaced either', () => {
    const onProblem = vi.fn();
    const store = openSettingsStore({
      open: () => {
        throw new SyntaxError('Unexpected token');
      },
      setAside: () => {
        throw new Error('EACCES');
      },
      onProblem,
    });
    const settings = createSettings(store);
    expect(settings.get('theme')).toBe('system');
    settings.set('theme', 'dark');
    expect(settings.get('theme')).toBe('dark');
    expect(onProblem).toHaveBeenCalledTimes(2);
  });
});
