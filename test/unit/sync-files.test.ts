import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFs } from '../../electron/storage/fs-port';
import { classifySyncName } from '../../electron/storage/sync/artefacts';
import { readFolderFiles, readSyncFolder } from '../../electron/storage/sync/folder';
import { createClock, formatHlc, parseHlc, tickHlc } from '../../electron/storage/sync/hlc';
import { encodeOpLines, parseOpLines, type Op } from '../../electron/storage/sync/ops';

const ANA = 'aaaaaaaaaaaaaaaa';
const BEN = 'bbbbbbbbbbbbbbbb';

describe('hybrid logical clock stamps', () => {
  it('are readable text that sorts in time order', () => {
    expect(formatHlc({ wall: Date.UTC(2026, 10, 26, 19, 25, 13, 550), counter: 3, device: ANA })).toBe(
      '2026-11-26T19:25:13.550Z-0003-aaaaaaaaaaaaaaaa',
    );
    expect(parseHlc('2026-11-26T19:25:13.550Z-0003-aaaaaaaaaaaaaaaa')).toEqual({ wall: Date.UTC(2026, 10, 26, 19, 25, 13, 550), counter: 3, device: ANA });
    expect(parseHlc('2026-11-26T19:25:13.550Z-0003-Ana')).toBeNull();
    expect(parseHlc('2026-02-30T19:25:13.550Z-0003-aaaaaaaaaaaaaaaa')).toBeNull();
  });

  it('keep increasing when the wall clock stands still or goes back', () => {
    let now = Date.UTC(2026, 0, 1, 12);
    const clock = createClock(ANA, () => now);
    const first = clock.next();
    const second = clock.next();
    now -= 60_000; // the clock was corrected backwards
    const third = clock.next();
    expect([first, second, third]).toEqual([
      '2026-01-01T12:00:00.000Z-0000-aaaaaaaaaaaaaaaa',
      '2026-01-01T12:00:00.000Z-0001-aaaaaaaaaaaaaaaa',
      '2026-01-01T12:00:00.000Z-0002-aaaaaaaaaaaaaaaa',
    ]);
  });

  it('move past a stamp read from another device whose clock is ahead', () => {
    const clock = createClock(ANA, () => Date.UTC(2026, 0, 1, 12));
    clock.observe('2026-01-01T12:05:00.000Z-0007-bbbbbbbbbbbbbbbb');
    expect(clock.next()).toBe('2026-01-01T12:05:00.000Z-0008-aaaaaaaaaaaaaaaa');
  });

  it('refuse a device id that is not one and a clock that gives no time', () => {
    expect(() => tickHlc(null, 0, 'Ana laptop')).toThrow(/16 lowercase hex/);
    expect(() => tickHlc(null, Number.NaN, ANA)).toThrow(/impossible time/);
  });
});

const op = (hlc: string, value: string): Op => ({ hlc, kind: 'group', doc: 'g1', path: ['name'], op: 'set', value, base: [] });
const A1 = op('2026-01-01T12:00:00.000Z-0000-aaaaaaaaaaaaaaaa', 'Grade 4 team');
const A2 = op('2026-01-01T12:00:01.000Z-0000-aaaaaaaaaaaaaaaa', 'Grade 4 maths team');
const B1 = op('2026-01-01T12:00:02.000Z-0000-bbbbbbbbbbbbbbbb', 'Upper primary');

describe('op log lines', () => {
  it('a last line still arriving is left until it is complete, and damaged lines are counted', () => {
    const text = encodeOpLines([A1, A2]);
    const half = text.slice(0, text.length - 20);
    expect(parseOpLines(half)).toEqual({ ops: [A1], badLines: 0, pendingBytes: Buffer.byteLength(half) - text.indexOf('\n') - 1 });
    expect(parseOpLines(text)).toEqual({ ops: [A1, A2], badLines: 0, pendingBytes: 0 });
    expect(parseOpLines(`not json\n{"hlc":"x"}\n${text}`).badLines).toBe(2);
  });
});

describe("sync tools' file names", () => {
  it.each([
    ["ops-3 (Ana's conflicted copy 2026-11-26).jsonl", 'ops-3.jsonl', 'dropbox-or-nextcloud'],
    ['ops-3 (conflicted copy 2026-11-26 101530).jsonl', 'ops-3.jsonl', 'dropbox-or-nextcloud'],
    ['device (conflicted copy 2026-11-26 101530).json', 'device.json', 'dropbox-or-nextcloud'],
    ['ops-3-LAPTOP-ANA.jsonl', 'ops-3.jsonl', 'onedrive'],
    ['ops-12-DESKTOP7-2.jsonl', 'ops-12.jsonl', 'onedrive'],
    ['device-BENS-PC.json', 'device.json', 'onedrive'],
    ['ops-3 (1).jsonl', 'ops-3.jsonl', 'google-drive'],
    ['ops-3 (1) (2).jsonl', 'ops-3.jsonl', 'google-drive'],
    ['ops-3.sync-conflict-20261126-101530-ABCDEFG.jsonl', 'ops-3.jsonl', 'syncthing'],
    ['device.sync-conflict-20261126-101530-Z7Q2MX4.json', 'device.json', 'syncthing'],
  ])('%s is a conflict copy of %s (%s)', (name, original, tool) => {
    expect(classifySyncName(name)).toEqual({ type: 'conflict-copy', original, tool });
  });

  it.each([
    '.syncthing.ops-3.jsonl.tmp',
    '~$notes.docx',
    '.~lock.report.docx#',
    'ops-3.jsonl.partial',
    '.dropbox.cache',
    '.ops-3.jsonl.~1f2e3d',
    'ops-3.jsonl.4f1c.tmp',
  ])('%s is temporary and skipped', (name) => {
    expect(classifySyncName(name)).toEqual({ type: 'ignore', reason: 'temporary' });
  });

  it('our own names are originals; names that are neither are not ours', () => {
    expect(classifySyncName('ops-3.jsonl')).toEqual({ type: 'original' });
    expect(classifySyncName('device.json')).toEqual({ type: 'original' });
    expect(classifySyncName('ops-three.jsonl')).toEqual({ type: 'ignore', reason: 'not-ours' });
    expect(classifySyncName('notes (1).txt')).toEqual({ type: 'ignore', reason: 'not-ours' });
    expect(classifySyncName('ops-3-.jsonl')).toEqual({ type: 'ignore', reason: 'not-ours' });
  });
});

describe("reading the devices' folders", () => {
  it("merges the ops of every device's logs and their conflict copies, and skips temporary files", () => {
    const read = readFolderFiles([
      [`devices/${ANA}/ops-1.jsonl`, encodeOpLines([A1])],
      [`devices/${ANA}/ops-1.sync-conflict-20260101-120005-ABCDEFG.jsonl`, encodeOpLines([A1, A2])],
      [`devices/${BEN}/ops-1.jsonl`, encodeOpLines([B1]).slice(0, 30)],
      [`devices/${BEN}/.syncthing.ops-1.jsonl.tmp`, encodeOpLines([B1])],
      [`devices/${BEN}/device.json`, JSON.stringify({ deviceId: BEN, nonce: '0123456789abcdef', writtenAt: '2026-01-01T12:00:00.000Z', label: "Ben's laptop" })],
      [`devices/not-a-device/ops-1.jsonl`, encodeOpLines([B1])],
    ]);
    expect(read.ops).toEqual([A1, A1, A2]);
    expect(read.pending).toEqual([`devices/${BEN}/ops-1.jsonl`]);
    expect(read.damaged).toEqual([]);
    expect(read.records.get(BEN)).toEqual([{ deviceId: BEN, nonce: '0123456789abcdef', writtenAt: '2026-01-01T12:00:00.000Z', label: "Ben's laptop" }]);
  });
});

describe('reading a real synced folder', () => {
  it('reads every device folder, leaves a half-arrived line in place and never writes', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'sync-folder-'));
    try {
      await mkdir(path.join(root, 'devices', ANA), { recursive: true });
      await mkdir(path.join(root, 'devices', BEN), { recursive: true });
      const torn = encodeOpLines([B1]).slice(0, 25);
      await writeFile(path.join(root, 'devices', ANA, 'ops-1.jsonl'), encodeOpLines([A1]));
      await writeFile(path.join(root, 'devices', ANA, 'ops-1 (1).jsonl'), encodeOpLines([A1, A2]));
      await writeFile(path.join(root, 'devices', BEN, 'ops-1.jsonl'), torn);
      await writeFile(path.join(root, 'devices', BEN, '.syncthing.ops-2.jsonl.tmp'), 'half');
      const read = await readSyncFolder(nodeFs, root);
      expect(read.ops).toEqual([A1, A2, A1]);
      expect(read.pending).toEqual([`devices/${BEN}/ops-1.jsonl`]);
      expect(await readFile(path.join(root, 'devices', BEN, 'ops-1.jsonl'), 'utf8')).toBe(torn);
      expect((await readSyncFolder(nodeFs, path.join(root, 'missing'))).ops).toEqual([]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
