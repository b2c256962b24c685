import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { DeviceNote } from '../../shared/capture/protocol';
import { ObservationPack } from '../../shared/domain/observation';
import { createBackend } from '../../electron/backend';
import { noEffects } from '../../electron/backend/context';
import { openCaptureDb, type NoteEntry } from '../../renderer/observer/db';
import { createOutbox } from '../../renderer/observer/outbox';
import { sha256Hex } from '../../renderer/observer/sha256';
import { adoptable, notesPacks, strandedNotes } from '../../renderer/observer/stranded';
import { seedLesson } from './observ-seed';

/** Notes an ended session left on a device: sent by the next pass for the same lesson, or saved as a pack the facilitator imports. */

const OLD_PASS = '0b6e7c1a-6a5e-4f7e-9d43-1f5a0c2e9b11';
const NEW_PASS = '0b6e7c1a-6a5e-4f7e-9d43-1f5a0c2e9b22';
const CYCLE = 'c1c1c1c1-0000-4000-8000-000000000001';
const OTHER_CYCLE = 'c1c1c1c1-0000-4000-8000-000000000002';
const OBSERVER = 'b2b2b2b2-0000-4000-8000-000000000001';

const note = (id: string, text: string): DeviceNote => ({
  id,
  clockMs: 60_000,
  wallTime: '2026-11-26T09:01:00.000Z',
  target: { kind: 'class' },
  codeIds: [],
  text,
  photos: [],
  pointToNoticeIds: [],
  createdAt: '2026-11-26T09:01:00.000Z',
});
const entry = (id: string, change: Partial<NoteEntry> = {}): NoteEntry => ({
  id,
  deviceId: OLD_PASS,
  cycleId: CYCLE,
  observerId: OBSERVER,
  note: note(id, `Note ${id.slice(-1)}`),
  photoIds: [],
  deleted: false,
  rev: 1,
  ackedRev: 0,
  ...change,
});
const id = (n: number) => `11111111-1111-4111-8111-00000000000${n}`;

describe('sha256 on the device (no crypto.subtle over plain HTTP)', () => {
  it('gives the standard digests', () => {
    expect(sha256Hex(new Uint8Array())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
  it('agrees with Node over several blocks and at the padding edges', () => {
    for (const size of [55, 56, 63, 64, 65, 1000, 70_001]) {
      const bytes = Uint8Array.from({ length: size }, (_, i) => (i * 31 + 7) & 0xff);
      expect(sha256Hex(bytes), `size ${size}`).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });
});

describe('which notes are stranded', () => {
  const entries = [
    entry(id(1)), // waiting, old pass
    entry(id(2), { ackedRev: 1 }), // the host has it
    entry(id(3), { deleted: true, rev: 2 }), // deleted before it was sent
    entry(id(4), { refused: { rev: 1, code: 'invalid-request', message: 'Too long' } }), // refused: kept, not resent
    entry(id(5), { deviceId: NEW_PASS }), // the live pass's own
    entry(id(6), { cycleId: OTHER_CYCLE }), // another lesson
  ];

  it('are the waiting, undeleted notes of other passes', () => {
    expect(strandedNotes(entries, NEW_PASS).map((e) => e.id)).toEqual([id(1), id(6)]);
  });
  it('with no live pass (the session ended), the waiting notes of every pass', () => {
    expect(strandedNotes(entries, undefined).map((e) => e.id)).toEqual([id(1), id(5), id(6)]);
  });
  it('a new pass for the same lesson takes only that lesson’s', () => {
    expect(adoptable(entries, NEW_PASS, CYCLE).map((e) => e.id)).toEqual([id(1)]);
    expect(adoptable(entries, NEW_PASS, OTHER_CYCLE).map((e) => e.id)).toEqual([id(6)]);
  });
});

describe('adopting stranded notes', () => {
  it('moves the notes and their photos to the new pass; a photo stored under the old one is attached again', async () => {
    const db = await openCaptureDb(`stranded-${Math.random()}`);
    const box = createOutbox(db);
    const photos = [
      { id: 'p1', name: 'strip.jpg', dataBase64: 'AAAA' },
      { id: 'p2', name: 'board.jpg', dataBase64: 'BBBB' },
    ];
    await box.add(OLD_PASS, note(id(1), 'Kenji folds the strip'), photos, { cycleId: CYCLE, observerId: OBSERVER });
    // The old pass stored one photo of two before its session ended; the old host's reference means nothing to the new pass.
    await box.photoStored('p1', { hash: 'b'.repeat(64), ext: 'jpg', name: 'strip.jpg', bytes: 3 });
    expect(await box.entries(NEW_PASS)).toEqual([]);
    await box.adopt([id(1)], NEW_PASS);
    const [moved] = await box.entries(NEW_PASS);
    expect(moved).toMatchObject({ id: id(1), deviceId: NEW_PASS, cycleId: CYCLE, observerId: OBSERVER, photoIds: ['p1', 'p2'], rev: 1, ackedRev: 0 });
    const movedPhotos = await box.photos(NEW_PASS);
    expect(movedPhotos.map((p) => [p.id, p.deviceId, p.ref])).toEqual([
      ['p1', NEW_PASS, undefined],
      ['p2', NEW_PASS, undefined],
    ]);
    expect(await box.entries(OLD_PASS)).toEqual([]);
    db.close();
  });
});

describe('saving stranded notes to a file', () => {
  it('one pack per lesson, the notes with their lesson, observer and photos, valid by the shared pack schema', () => {
    const photo = { id: 'p1', deviceId: OLD_PASS, noteId: id(1), name: 'board.jpg', dataBase64: Buffer.from('not really a jpeg').toString('base64') };
    const packs = notesPacks([entry(id(1), { photoIds: ['p1'] }), entry(id(6), { cycleId: OTHER_CYCLE }), entry(id(7), { cycleId: undefined })], [photo], '2026-11-26T10:00:00.000Z');
    expect(packs.map((p) => p.cycleId)).toEqual([CYCLE, OTHER_CYCLE]);
    const [first] = packs;
    expect(ObservationPack.safeParse(first).success).toBe(true);
    const hash = createHash('sha256').update('not really a jpeg').digest('hex');
    expect(first.photos).toEqual([{ hash, ext: 'jpg', dataBase64: photo.dataBase64 }]);
    expect(first.observations).toEqual([
      { ...note(id(1), 'Note 1'), cycleId: CYCLE, observerId: OBSERVER, photos: [{ hash, ext: 'jpg', name: 'board.jpg', bytes: 17 }], updatedAt: '2026-11-26T10:00:00.000Z' },
    ]);
  });

  it('the facilitator imports the file with Import observation packs: the guest’s notes and photo land once, even imported twice', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ls-stranded-'));
    const file = path.join(dir, 'observation-notes.lsobs.json');
    const backend = await createBackend({ workspaceDir: path.join(dir, 'ws'), effects: { ...noEffects, chooseOpenPaths: async () => [file] } });
    try {
      const seed = await seedLesson(backend);
      const cycleId = seed.cycle.id;
      // A guest approved on a device, as the capture session records them.
      const { changeCycle } = await import('../../electron/backend/cycles');
      const guest = { id: 'e7e7e7e7-0000-4000-8000-000000000001', name: 'Prof. Kato' };
      await changeCycle(backend.context, cycleId, (c) => ({ ...c, guestObservers: [...c.guestObservers, guest] }));
      const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#884422' } }).jpeg().toBuffer();
      const photo = { id: 'p1', deviceId: OLD_PASS, noteId: id(1), name: 'board.jpg', dataBase64: jpeg.toString('base64') };
      const packs = notesPacks(
        [entry(id(1), { cycleId, observerId: guest.id, photoIds: ['p1'], note: { ...note(id(1), 'Aiko counts the thirds aloud'), stepId: seed.steps[1].id } }), entry(id(2), { cycleId, observerId: guest.id })],
        [photo],
        '2026-11-26T10:00:00.000Z',
      );
      await writeFile(file, `${JSON.stringify(packs[0])}\n`);
      const first = await backend.service.importObservationPacks({ cycleId });
      expect(first?.files).toEqual([expect.objectContaining({ name: 'observation-notes.lsobs.json', added: 2 })]);
      const again = await backend.service.importObservationPacks({ cycleId });
      expect(again?.files).toEqual([expect.objectContaining({ added: 0, unchanged: 2 })]);
      const stored = (await backend.service.getObservationSession({ cycleId })).observations;
      expect(stored.map((o) => [o.id, o.observerId, o.text, o.photos.length])).toEqual([
        [id(1), guest.id, 'Aiko counts the thirds aloud', 1],
        [id(2), guest.id, 'Note 2', 0],
      ]);
      expect(stored[0].stepId).toBe(seed.steps[1].id);
    } finally {
      await backend.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
