import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifySyncName } from '../../electron/storage/sync/artefacts';
import { hasSyncthing, pollUntil, startSyncthingPair, type SyncthingPair } from './support/syncthing';

/**
 * The harness for a real sync engine: two Syncthing instances on 127.0.0.1 syncing two
 * folders, proved with plain files — and the names Syncthing really gives conflict copies
 * and files in transit, read by the app's classifier.
 */

if (!hasSyncthing) {
  console.warn(
    'SKIPPED syncthing-harness: the `syncthing` binary is not installed (Debian: apt-get install syncthing; .ci/run installs it).',
  );
}

const readIfThere = async (file: string): Promise<string | null> => {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return null;
  }
};

const appears = (file: string, content: string, timeoutMs = 30_000) =>
  pollUntil(`${file} to hold ${JSON.stringify(content)}`, async () => (await readIfThere(file)) === content, timeoutMs);

describe.skipIf(!hasSyncthing)('two Syncthing instances on this machine', () => {
  let pair: SyncthingPair;
  let root: string;
  let folderA: string;
  let folderB: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'ls-syncthing-folders-'));
    folderA = path.join(root, 'laptop-a');
    folderB = path.join(root, 'laptop-b');
    // The app's own durable writes in progress (`.<name>.tmp-<hex>`, electron/storage/durable-write.ts) stay local.
    pair = await startSyncthingPair({ folderA, folderB, folderId: 'lesson-study-test', ignores: ['(?d).*.tmp-*'] });
  }, 60_000);

  afterAll(async () => {
    await pair?.stop();
    await rm(root, { recursive: true, force: true });
  }, 30_000);

  it('start in sync, with only Syncthing’s own marker and ignore list in each folder, reachable on 127.0.0.1 only', async () => {
    await pair.waitInSync();
    for (const side of [pair.a, pair.b]) {
      const status = (await side.rest('GET', '/rest/system/status')) as { connectionServiceStatus: Record<string, unknown> };
      expect(Object.keys(status.connectionServiceStatus)).toEqual([expect.stringMatching(/^tcp:\/\/127\.0\.0\.1:\d+$/)]);
      expect(await side.rest('GET', '/rest/config/options')).toMatchObject({
        globalAnnounceEnabled: false,
        localAnnounceEnabled: false,
        relaysEnabled: false,
        natEnabled: false,
        urAccepted: -1,
        autoUpgradeIntervalH: 0,
        crashReportingEnabled: false,
      });
    }
    expect((await readdir(folderA)).sort()).toEqual(['.stfolder', '.stignore']);
    expect((await readdir(folderB)).sort()).toEqual(['.stfolder', '.stignore']);
    expect(await readFile(path.join(folderB, '.stignore'), 'utf8')).toBe('(?d).*.tmp-*\n');
    expect(classifySyncName('.stfolder')).toEqual({ type: 'ignore', reason: 'temporary' });
    expect(classifySyncName('.stignore')).toEqual({ type: 'ignore', reason: 'temporary' });
  }, 40_000);

  it('a file written in A appears in B', async () => {
    await writeFile(path.join(folderA, 'ops-1.jsonl'), '{"op":"from a"}\n');
    await appears(path.join(folderB, 'ops-1.jsonl'), '{"op":"from a"}\n');
    await pair.waitInSync();
  }, 40_000);

  it('a file written in B appears in A', async () => {
    await writeFile(path.join(folderB, 'device.json'), '{"device":"b"}\n');
    await appears(path.join(folderA, 'device.json'), '{"device":"b"}\n');
    await pair.waitInSync();
    expect((await readdir(folderA)).sort()).toEqual(['.stfolder', '.stignore', 'device.json', 'ops-1.jsonl']);
    expect((await readdir(folderB)).sort()).toEqual(['.stfolder', '.stignore', 'device.json', 'ops-1.jsonl']);
  }, 40_000);

  it('a file matching the ignore list stays on its side while the rest crosses', async () => {
    await writeFile(path.join(folderA, '.ops-9.jsonl.tmp-0a1b2c3d4e5f'), 'half written');
    await writeFile(path.join(folderA, 'ops-9.jsonl'), '{"op":"nine"}\n');
    await appears(path.join(folderB, 'ops-9.jsonl'), '{"op":"nine"}\n');
    await pair.waitInSync();
    expect(await readdir(folderB)).not.toContain('.ops-9.jsonl.tmp-0a1b2c3d4e5f');
    await rm(path.join(folderA, '.ops-9.jsonl.tmp-0a1b2c3d4e5f'));
    await rm(path.join(folderA, 'ops-9.jsonl'));
    await pair.waitInSync();
    expect(await readdir(folderB)).not.toContain('ops-9.jsonl');
  }, 40_000);

  it('the same file edited on both sides while apart: the older edit is kept as a conflict copy the classifier reads as one', async () => {
    await pair.pause('a');
    await pair.pause('b');
    const original = 'ops-1.jsonl';
    await writeFile(path.join(folderA, original), '{"op":"from a"}\n{"op":"a offline"}\n');
    await writeFile(path.join(folderB, original), '{"op":"from a"}\n{"op":"b offline"}\n');
    // A's edit is the older one: Syncthing keeps the newer file and renames the other.
    const hourAgo = new Date(Date.now() - 3_600_000);
    await utimes(path.join(folderA, original), hourAgo, hourAgo);
    await pair.resume('a');
    await pair.resume('b');
    await pair.waitInSync();

    const namesA = (await readdir(folderA)).sort();
    const namesB = (await readdir(folderB)).sort();
    expect(namesB).toEqual(namesA);
    const copies = namesA.filter((name) => name.includes('.sync-conflict-'));
    expect(copies).toHaveLength(1);
    const copy = copies[0]!;
    console.info(`Syncthing conflict copy: ${copy} (device a = ${pair.a.deviceId}, b = ${pair.b.deviceId})`);
    // ops-1.sync-conflict-<yyyymmdd>-<hhmmss>-<first 7 characters of a device id>.jsonl: the copy holds
    // the older edit (A's) but is named after the device whose newer edit replaced it (B), as
    // Syncthing 1.19 does.
    expect(copy).toMatch(new RegExp(`^ops-1\\.sync-conflict-\\d{8}-\\d{6}-${pair.b.deviceId.slice(0, 7)}\\.jsonl$`));
    expect(classifySyncName(copy)).toEqual({ type: 'conflict-copy', original: 'ops-1.jsonl', tool: 'syncthing' });
    for (const folder of [folderA, folderB]) {
      expect(await readFile(path.join(folder, original), 'utf8')).toBe('{"op":"from a"}\n{"op":"b offline"}\n');
      expect(await readFile(path.join(folder, copy), 'utf8')).toBe('{"op":"from a"}\n{"op":"a offline"}\n');
    }
  }, 60_000);

  it('cut apart (a real disconnect), a change waits on its side and crosses once they reconnect', async () => {
    await pair.pause('a', 'device');
    const connections = (await pair.b.rest('GET', '/rest/system/connections')) as {
      connections: Record<string, { connected: boolean }>;
    };
    expect(connections.connections[pair.a.deviceId]?.connected).toBe(false);
    await writeFile(path.join(folderA, 'ops-3.jsonl'), '{"op":"while disconnected"}\n');
    await pair.a.scan();
    expect(await readdir(folderB)).not.toContain('ops-3.jsonl');
    await pair.resume('a', 45_000);
    await appears(path.join(folderB, 'ops-3.jsonl'), '{"op":"while disconnected"}\n');
    await pair.waitInSync();
  }, 60_000);

  it('a file on its way in is a .syncthing.<name>.tmp, which the classifier ignores', async () => {
    // A sends slowly (the LAN limit applies to 127.0.0.1 too once limitBandwidthInLan is on),
    // so B holds the arriving file under its temporary name for a few seconds.
    await pair.a.rest('PATCH', '/rest/config/options', { maxSendKbps: 200, limitBandwidthInLan: true });
    const big = randomBytes(2 * 1024 * 1024); // no block repeats, so none can be copied locally
    await writeFile(path.join(folderA, 'ops-2.jsonl'), big);
    await pair.a.scan();
    const temporary = await pollUntil(
      'a temporary file in B',
      async () => (await readdir(folderB)).find((name) => name.startsWith('.syncthing.')),
      30_000,
    );
    console.info(`Syncthing temporary file: ${temporary}`);
    expect(temporary).toBe('.syncthing.ops-2.jsonl.tmp');
    expect(classifySyncName(temporary)).toEqual({ type: 'ignore', reason: 'temporary' });
    // Connected, but B still needs most of the file (about 10 s at this rate): not in sync.
    await expect(pair.waitInSync(1_000)).rejects.toThrow(/to be in sync on both instances/);
    await pair.a.rest('PATCH', '/rest/config/options', { maxSendKbps: 0, limitBandwidthInLan: false });
    await pair.waitInSync(40_000);
    expect((await readFile(path.join(folderB, 'ops-2.jsonl'))).equals(big)).toBe(true);
    expect((await readdir(folderB)).filter((name) => name.startsWith('.syncthing.'))).toEqual([]);
  }, 60_000);
});
