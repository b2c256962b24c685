import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MenuContext, UiPreferences } from '../../shared/contract/app';
import { contract } from '../../shared/contract';
import { noEffects } from '../../electron/backend/context';
import { createHost } from '../../electron/backend/host';
import { dispatch } from '../../electron/dispatch';
import { createMemoryStore, createSettings } from '../../electron/settings';
import { tempDir } from './support/temp';

const setUp = async (folders: string[] = []) => {
  const userData = await tempDir();
  const contexts: MenuContext[] = [];
  const changes: UiPreferences[] = [];
  const settings = createSettings(createMemoryStore());
  const host = await createHost({
    settings,
    effects: { ...noEffects, chooseFolder: async () => folders.shift() ?? null },
    defaultWorkspaceDir: path.join(userData, 'workspace'),
    samplesDir: path.join(userData, 'samples'),
    sampleSourceDir: path.join(userData, 'no-sample'),
    onMenuContext: (context) => contexts.push(context),
    onPreferencesChanged: (preferences) => changes.push(preferences),
  });
  return { host, settings, contexts, changes };
};

describe('host: menu context and preference changes reach main', () => {
  it('passes the renderer’s menu context on, validated by the contract', async () => {
    const { host, contexts } = await setUp();
    expect(await dispatch(host.service, 'setMenuContext', { view: 'cycle', groupId: 'g1', cycleId: 'c1' })).toEqual({ ok: true, value: null });
    expect(contexts).toEqual([{ view: 'cycle', groupId: 'g1', cycleId: 'c1' }]);
    // Unknown views and extra keys are refused before the host sees them.
    expect((await dispatch(host.service, 'setMenuContext', { view: 'somewhere' })).ok).toBe(false);
    expect((await dispatch(host.service, 'setMenuContext', { view: 'start', path: '/etc' })).ok).toBe(false);
    expect(contexts).toHaveLength(1);
    expect('setMenuContext' in contract).toBe(true);
    await host.close();
  });

  it('reports preference changes and workspace switches so main can re-theme and rebuild the menu', async () => {
    const other = await tempDir();
    const { host, changes, settings } = await setUp([other]);
    await host.service.updatePreferences({ theme: 'dark', uiLanguage: 'ja' });
    expect(changes.at(-1)).toMatchObject({ theme: 'dark', uiLanguage: 'ja' });
    expect(settings.get('welcomed')).toBe(false);
    await host.service.chooseWorkspaceFolder({});
    expect(changes.at(-1)).toMatchObject({ welcomed: true });
    expect(changes).toHaveLength(2);
    await host.close();
  });

  it('keeps lastView within its limit', async () => {
    const { host } = await setUp();
    expect((await dispatch(host.service, 'updatePreferences', { lastView: '/groups/x' })).ok).toBe(true);
    expect((await dispatch(host.service, 'updatePreferences', { lastView: 'x'.repeat(201) })).ok).toBe(false);
    expect((await host.service.getPreferences({})).lastView).toBe('/groups/x');
    await host.close();
  });
});

describe('host: first run', () => {
  it('choosing the default workspace that is already open still ends the welcome', async () => {
    const { host, settings } = await setUp();
    expect(settings.get('welcomed')).toBe(false);
    await host.service.openDefaultWorkspace({});
    expect((await host.service.getPreferences({})).welcomed).toBe(true);
    await host.close();
  });
});
