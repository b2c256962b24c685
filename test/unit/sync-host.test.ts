/**
 * Issue #16 at the app's level: "Share with your group" on a workspace one laptop kept
 * alone, and a second installation opening the same synced folder while the first has it
 * open — the host as Electron and the browser server run it, with a polling schedule the
 * test drives by hand.
 */
import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../electron/backend/host';
import { createMemoryStore, createSettings } from '../../electron/settings';
import { LOCK_FILE } from '../../electron/storage/lock';
import { tempDir } from './support/temp';

const groupFields = (name: string) => ({ name, schools: [], subject: '', gradeBand: '', researchTheme: '', norms: [], members: [] });

/** One laptop's app over `workspace`, with its own settings folder; `look()` runs the sync look the poll would. */
const laptop = async (workspace: string, label: string, deviceId: string) => {
  const userData = await tempDir();
  let look: () => Promise<unknown> = async () => undefined;
  const settings = createSettings(createMemoryStore());
  settings.set('workspacePath', workspace);
  const host: Host = await createHost({
    settings,
    defaultWorkspaceDir: path.join(userData, 'workspace'),
    samplesDir: path.join(userData, 'samples'),
    sampleSourceDir: path.join(userData, 'no-sample'),
    device: { settingsDir: path.join(userData, 'device'), label, host: label, newDeviceId: () => deviceId },
    scheduleSync: (run) => {
      look = run;
      return () => undefined;
    },
  });
  return { host, look: () => look(), userData };
};

describe('sharing through the app (issue #16)', () => {
  it('turns sharing on in place, and then a second laptop opens the same folder at once', async () => {
    const shared = await tempDir();
    const ana = await laptop(shared, "Ana's laptop", 'aaaaaaaaaaaaaaaa');
    const group = await ana.host.service.createGroup(groupFields('Maple Grove'));
    expect(await readdir(shared)).toContain(LOCK_FILE);
    expect((await ana.host.service.getSharing({})).shared).toBe(false);

    await ana.host.service.shareWorkspace({});
    const sharing = await ana.host.service.getSharing({});
    expect(sharing).toMatchObject({ shared: true, deviceLabel: "Ana's laptop", others: [], conflicts: [] });
    // The lock moved to this computer's settings folder; the group is still there, now as ops.
    expect(await readdir(shared)).not.toContain(LOCK_FILE);
    expect(await readdir(path.join(ana.userData, 'device', 'locks'))).toHaveLength(1);
    expect((await ana.host.service.listGroups({})).map((g) => g.name)).toEqual(['Maple Grove']);
    expect(await readdir(path.join(shared, 'devices', 'aaaaaaaaaaaaaaaa'))).toEqual(expect.arrayContaining(['device.json', 'ops-1.jsonl']));

    // Ben's installation opens the same folder while Ana's is open: not refused, not read-only.
    const ben = await laptop(shared, "Ben's laptop", 'bbbbbbbbbbbbbbbb');
    expect((await ben.host.service.getWorkspace({})).readOnly).toBe(false);
    expect((await ben.host.service.getSharing({})).others.map((o) => o.label)).toEqual(["Ana's laptop"]);
    const { name, schools, subject, gradeBand, norms, members } = await ben.host.service.getGroup({ groupId: group.id });
    await ben.host.service.updateGroup({ groupId: group.id, fields: { name, schools, subject, gradeBand, researchTheme: 'Reasoning', norms, members } });

    // Ana's next look picks Ben's change up and names it.
    await ana.look();
    expect((await ana.host.service.getGroup({ groupId: group.id })).researchTheme).toBe('Reasoning');
    const seen = await ana.host.service.getSharing({});
    expect(seen.changes.map((c) => [c.document, c.devices, c.groupId])).toEqual([['the group “Maple Grove”', ["Ben's laptop"], group.id]]);

    // Ana names her computer for the group: the others see the new name at once.
    await ana.host.service.setDeviceLabel({ label: '  Ana at home  ' });
    expect((await ana.host.service.getSharing({})).deviceLabel).toBe('Ana at home');
    expect((await ben.host.service.getSharing({})).others.map((o) => o.label)).toEqual(['Ana at home']);
    await ben.host.close();
    await ana.host.close();
  });
});
