import { readdir, readFile, rename, utimes, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend';
import { validateWorkspace } from '../../electron/cli/validate';
import { LOCK_FILE } from '../../electron/storage/lock';
import { describeActivity, IDENTITY_FILE } from '../../electron/storage/sync/local-device';
import { tempDir } from './support/temp';

const at = (iso: string) => () => new Date(iso);
const ids = (...list: string[]) => () => list.shift() ?? 'ffffffffffffffff';
const nonces = () => {
  let n = 0;
  return () => (++n).toString(16).padStart(16, '0');
};

/** One laptop: its own settings folder, host and random ids, over a shared workspace folder. */
const laptop = (settingsDir: string, label: string, deviceIds: string[], host = `host-of-${label}`) => ({
  settingsDir,
  label,
  host,
  newDeviceId: ids(...deviceIds),
  newNonce: nonces(),
  share: true,
});

describe('a device in a shared workspace (issue #16, step 1)', () => {
  it('lets two laptops open one synced workspace at once: no lock in the workspace, one device folder each', async () => {
    const shared = await tempDir();
    const ana = await createBackend({ workspaceDir: shared, clock: at('2026-03-01T10:00:00Z'), device: laptop(await tempDir(), "Ana's laptop", ['aaaaaaaaaaaaaaaa']) });
    const ben = await createBackend({ workspaceDir: shared, clock: at('2026-03-01T10:03:00Z'), device: laptop(await tempDir(), "Ben's laptop", ['bbbbbbbbbbbbbbbb']) });
    expect(ana.deviceId).toBe('aaaaaaaaaaaaaaaa');
    expect(ben.deviceId).toBe('bbbbbbbbbbbbbbbb');
    expect(await readdir(shared)).not.toContain(LOCK_FILE);
    expect((await readdir(path.join(shared, 'devices'))).sort()).toEqual(['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb']);
    const record = JSON.parse(await readFile(path.join(shared, 'devices', 'aaaaaaaaaaaaaaaa', 'device.json'), 'utf8'));
    expect(record).toMatchObject({ deviceId: 'aaaaaaaaaaaaaaaa', label: "Ana's laptop", writtenAt: '2026-03-01T10:00:00.000Z' });

    const seenByBen = await ben.otherDevices();
    expect(seenByBen.map((d) => d.text)).toEqual(["Ana's laptop was active 3 minutes ago"]);
    expect(seenByBen[0]).toMatchObject({ deviceId: 'aaaaaaaaaaaaaaaa', minutesAgo: 3, lastActive: '2026-03-01T10:00:00.000Z' });
    expect((await ana.otherDevices()).map((d) => d.text)).toEqual(["Ben's laptop was active just now"]);
    await ana.close();
    await ben.close();
  });

  it('still keeps a second process of the same computer out, with its lock in the settings folder', async () => {
    const shared = await tempDir();
    const settings = await tempDir();
    const first = await createBackend({ workspaceDir: shared, device: laptop(settings, 'Mine', ['aaaaaaaaaaaaaaaa']) });
    await expect(createBackend({ workspaceDir: shared, device: laptop(settings, 'Mine', []) })).rejects.toMatchObject({ code: 'locked' });
    expect(await readdir(path.join(settings, 'locks'))).toHaveLength(1);
    await first.close();
    const again = await createBackend({ workspaceDir: shared, device: laptop(settings, 'Mine', ['cccccccccccccccc']) });
    expect(again.deviceId).toBe('aaaaaaaaaaaaaaaa');
    await again.close();
  });

  it('gives a profile copied to another computer a new device id, and the original keeps its own', async () => {
    const shared = await tempDir();
    const settings = await tempDir();
    const original = await createBackend({ workspaceDir: shared, device: laptop(settings, 'Ana', ['aaaaaaaaaaaaaaaa'], 'host-1') });
    await original.close();
    const copied = await createBackend({ workspaceDir: shared, device: laptop(settings, 'Ana', ['dddddddddddddddd'], 'host-2') });
    expect(copied.deviceId).toBe('dddddddddddddddd');
    await copied.close();
    const identity = JSON.parse(await readFile(path.join(settings, IDENTITY_FILE), 'utf8'));
    expect(identity).toMatchObject({ deviceId: 'dddddddddddddddd', host: 'host-2' });
  });

  it('counts a device as active when its op log last changed, not only when it started', async () => {
    const shared = await tempDir();
    const ana = await createBackend({ workspaceDir: shared, clock: at('2026-03-01T10:00:00Z'), device: laptop(await tempDir(), 'Ana', ['aaaaaaaaaaaaaaaa']) });
    await ana.close();
    const log = path.join(shared, 'devices', 'aaaaaaaaaaaaaaaa', 'ops-1.jsonl');
    await writeFile(log, '');
    const changed = new Date('2026-03-01T11:30:00Z');
    await utimes(log, changed, changed);
    const ben = await createBackend({ workspaceDir: shared, clock: at('2026-03-01T11:32:30Z'), device: laptop(await tempDir(), 'Ben', ['bbbbbbbbbbbbbbbb']) });
    expect((await ben.otherDevices()).map((d) => d.text)).toEqual(['Ana was active 2 minutes ago']);
    await ben.close();
  });

  it('refuses a damaged identity file with a message saying what to do', async () => {
    const shared = await tempDir();
    const settings = await tempDir();
    await writeFile(path.join(settings, IDENTITY_FILE), '{"deviceId": 12');
    await expect(createBackend({ workspaceDir: shared, device: laptop(settings, 'Ana', []) })).rejects.toThrow(/device settings .* cannot be read\. Move the file away/);
    // The refusal gave the local lock back: after the file is moved away the workspace opens.
    await rename(path.join(settings, IDENTITY_FILE), path.join(settings, 'moved-away.json'));
    const opened = await createBackend({ workspaceDir: shared, device: laptop(settings, 'Ana', ['eeeeeeeeeeeeeeee']) });
    expect(opened.deviceId).toBe('eeeeeeeeeeeeeeee');
    await opened.close();
  });

  it('words how long ago another device was active', () => {
    const now = new Date('2026-03-10T12:00:00Z');
    const record = (deviceId: string, writtenAt: string, label = '') => ({ record: { deviceId, nonce: '0000000000000001', writtenAt, label }, lastWriteMs: 0 });
    const seen = describeActivity(
      [
        record('1111111111111111', '2026-03-10T11:59:00Z', 'One'),
        record('2222222222222222', '2026-03-10T10:00:00Z', 'Two'),
        record('3333333333333333', '2026-03-07T12:00:00Z'),
        record('4444444444444444', '2026-03-10T12:00:00Z', 'Me'),
      ],
      '4444444444444444',
      now,
    );
    expect(seen.map((d) => d.text)).toEqual(['One was active 1 minute ago', 'Two was active 2 hours ago', 'Another computer was active 3 days ago']);
  });
});

describe('lesson-study validate on a shared workspace', () => {
  it("passes each device's record, change log and a sync tool's conflict copy, and names a damaged line", async () => {
    const shared = await tempDir();
    const ana = await createBackend({ workspaceDir: shared, device: laptop(await tempDir(), 'Ana', ['aaaaaaaaaaaaaaaa']) });
    await ana.close();
    const dir = path.join(shared, 'devices', 'aaaaaaaaaaaaaaaa');
    await writeFile(path.join(dir, 'ops-1.jsonl'), '');
    await writeFile(path.join(dir, 'ops-1.sync-conflict-20260301-100000-ABCDEFG.jsonl'), '');
    await writeFile(path.join(dir, 'ops-2.jsonl'), 'not json\n');
    const report = await validateWorkspace(shared);
    const byFile = new Map(report.files.map((v) => [v.file, v]));
    expect(byFile.get('devices/aaaaaaaaaaaaaaaa/device.json')).toMatchObject({ status: 'ok', kind: 'device record' });
    expect(byFile.get('devices/aaaaaaaaaaaaaaaa/ops-1.jsonl')).toMatchObject({ status: 'ok', kind: 'change log' });
    expect(byFile.get('devices/aaaaaaaaaaaaaaaa/ops-1.sync-conflict-20260301-100000-ABCDEFG.jsonl')).toMatchObject({ status: 'note', reason: expect.stringMatching(/conflict copy/) });
    expect(byFile.get('devices/aaaaaaaaaaaaaaaa/ops-2.jsonl')).toMatchObject({ status: 'corrupt', reason: '1 damaged line' });
    expect(report.ok).toBe(false);
  });
});
