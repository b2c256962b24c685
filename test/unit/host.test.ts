import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { noEffects } from '../../electron/backend/context';
import { createHost } from '../../electron/backend/host';
import { createMemoryStore, createSettings } from '../../electron/settings';
import { acquireWorkspaceLock, LOCK_FILE } from '../../electron/storage/lock';
import { nodeFs } from '../../electron/storage/fs-port';
import { tempDir } from './support/temp';

const groupFields = (name: string) => ({ name, schools: [], subject: '', gradeBand: '', researchTheme: '', norms: [], members: [] });

/** The lock's holder below is "alive" by decree, not because some pid happens to exist. */
const LOCK_HOLDER_PID = process.pid + 7;

const setUp = async (folders: string[] = []) => {
  const userData = await tempDir();
  const sample = path.join(userData, 'pristine-sample');
  await mkdir(path.join(sample, 'groups'), { recursive: true });
  await writeFile(path.join(sample, 'marker.txt'), 'sample');
  const settings = createSettings(createMemoryStore());
  const host = await createHost({
    settings,
    effects: { ...noEffects, chooseFolder: async () => folders.shift() ?? null },
    defaultWorkspaceDir: path.join(userData, 'workspace'),
    samplesDir: path.join(userData, 'samples'),
    sampleSourceDir: sample,
    isProcessAlive: (pid) => pid === LOCK_HOLDER_PID,
  });
  return { userData, sample, settings, host };
};

describe('workspace host', () => {
  it('starts on the default workspace and remembers a folder chosen in the dialog', async () => {
    const other = await tempDir();
    const { host, settings, userData } = await setUp([other]);
    expect((await host.service.getWorkspace({})).path).toBe(path.join(userData, 'workspace'));
    await host.service.createGroup(groupFields('In default'));

    const info = await host.service.chooseWorkspaceFolder({});
    expect(info?.path).toBe(other);
    expect(await host.service.listGroups({})).toEqual([]);
    expect(settings.get('workspacePath')).toBe(other);
    expect((await host.service.listRecentWorkspaces({})).map((r) => [r.path, r.isCurrent])).toEqual([
      [other, true],
      [path.join(userData, 'workspace'), false],
    ]);

    await host.service.openRecentWorkspace({ path: path.join(userData, 'workspace') });
    expect((await host.service.listGroups({})).map((g) => g.name)).toEqual(['In default']);
    await host.close();
  });

  it('a cancelled dialog changes nothing', async () => {
    const { host, userData } = await setUp([]);
    expect(await host.service.chooseWorkspaceFolder({})).toBeNull();
    expect((await host.service.getWorkspace({})).path).toBe(path.join(userData, 'workspace'));
    await host.close();
  });

  it('refuses to open a folder the renderer names that the user never chose', async () => {
    const { host } = await setUp();
    await expect(host.service.openRecentWorkspace({ path: '/etc' })).rejects.toMatchObject({ code: 'forbidden' });
    await host.close();
  });

  it('a locked folder is refused and the current workspace stays open', async () => {
    const locked = await tempDir();
    const lock = await acquireWorkspaceLock(locked, { fs: nodeFs, clock: () => new Date(), pid: LOCK_HOLDER_PID });
    const { host, userData } = await setUp([locked]);
    await expect(host.service.chooseWorkspaceFolder({})).rejects.toMatchObject({ code: 'locked' });
    expect((await host.service.getWorkspace({})).path).toBe(path.join(userData, 'workspace'));
    await host.service.createGroup(groupFields('Still works'));
    await host.close();
    await lock.release();
  });

  it('a workspace that seems open on another computer still gives a window: read-only, saying who and since when; "Open anyway" takes it over', async () => {
    const userData = await tempDir();
    const workspace = path.join(userData, 'workspace');
    await mkdir(workspace, { recursive: true });
    await writeFile(path.join(workspace, LOCK_FILE), JSON.stringify({ pid: 77, hostname: 'library-laptop', startedAt: '2026-11-20T08:15:00.000Z' }));
    const host = await createHost({
      settings: createSettings(createMemoryStore()),
      effects: noEffects,
      defaultWorkspaceDir: workspace,
      samplesDir: path.join(userData, 'samples'),
      sampleSourceDir: userData,
      isProcessAlive: () => false,
    });
    const info = await host.service.getWorkspace({});
    expect(info.readOnly).toBe(true);
    expect(info.lockedBy).toEqual({ computer: 'library-laptop', since: '2026-11-20T08:15:00.000Z', sameComputer: false });
    await expect(host.service.createGroup(groupFields('Not while read-only'))).rejects.toMatchObject({ code: 'read-only' });
    // The other computer's lock is untouched until the user decides.
    expect(JSON.parse(await readFile(path.join(workspace, LOCK_FILE), 'utf8')).hostname).toBe('library-laptop');

    const anyway = await host.service.openWorkspaceAnyway({});
    expect(anyway.readOnly).toBe(false);
    expect(anyway.lockedBy).toBeUndefined();
    await host.service.createGroup(groupFields('Mine now'));
    expect(JSON.parse(await readFile(path.join(workspace, LOCK_FILE), 'utf8')).hostname).not.toBe('library-laptop');
    await host.close();
  });

  it('opens the sample as a copy and leaves the original pristine', async () => {
    const { host, sample, userData } = await setUp();
    const info = await host.service.openSampleWorkspace({});
    expect(info.isSample).toBe(true);
    expect(info.path.startsWith(path.join(userData, 'samples'))).toBe(true);
    expect(await readFile(path.join(info.path, 'marker.txt'), 'utf8')).toBe('sample');
    await host.service.createGroup(groupFields('Explored'));
    expect(await readdir(path.join(sample, 'groups'))).toEqual([]);
    await host.close();
  });

  it('preferences are validated and kept', async () => {
    const { host } = await setUp();
    const prefs = await host.service.updatePreferences({ uiLanguage: 'ja', theme: 'dark' });
    expect(prefs).toMatchObject({ uiLanguage: 'ja', theme: 'dark', tourDismissed: false });
    expect((await host.service.getPreferences({})).uiLanguage).toBe('ja');
    await host.close();
  });
});
