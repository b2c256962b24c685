import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend';
import { cycleKind, cyclePath } from '../../electron/backend/cycles';
import { listClassModes, listObservations } from '../../electron/backend/observations';
import { dispatch } from '../../electron/dispatch';
import { MAX_PHOTO_BYTES } from '../../shared/domain/observation';
import { stampClassMode, stampObservation } from '../../shared/observe/stamp';
import { seedLesson } from './observ-seed';
import { tempDir } from './support/temp';

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

const setup = async () => {
  const dir = await tempDir();
  const open: string[][] = [];
  const save: string[] = [];
  const effects = {
    chooseOpenPaths: async () => open.shift() ?? [],
    chooseSavePath: async () => save.shift() ?? null,
  };
  const backend = await createBackend({ workspaceDir: dir, effects });
  const seed = await seedLesson(backend);
  const note = (text: string, extra: Partial<Parameters<typeof stampObservation>[1]> = {}, observer = 0) =>
    stampObservation(
      { text, target: { kind: 'student', studentId: seed.students[0].id }, codeIds: [seed.group.codebook[0].id], photos: [] },
      { id: backend.context.newId(), cycleId: seed.cycle.id, observerId: seed.group.members[observer].id, clockMs: 60_000, now: new Date(), stepId: seed.steps[0].id, ...extra },
    );
  return { dir, open, save, backend, seed, note, effects };
};

describe('observations backend', () => {
  it('saves, edits, deletes and restores notes durably; the analysis accessors see live notes only', async () => {
    const { dir, backend, seed, note, effects } = await setup();
    const { service } = backend;
    const a = await service.saveObservation({ observation: note('Splits the bar into 4') });
    const b = await service.saveObservation({ observation: note('Asks “is it fair?”') });
    const edited = await service.saveObservation({ observation: { ...a, text: 'Splits the bar into 4 equal parts' } });
    expect(Date.parse(edited.updatedAt)).toBeGreaterThan(Date.parse(a.updatedAt) - 1);
    expect(edited.createdAt).toBe(a.createdAt);
    const deleted = await service.deleteObservation({ cycleId: seed.cycle.id, observationId: b.id });
    expect(deleted.deletedAt).toBeTruthy();
    await service.saveClassMode({
      change: stampClassMode('pairs', { id: backend.context.newId(), cycleId: seed.cycle.id, observerId: seed.group.members[0].id, clockMs: 30_000, now: new Date() }),
    });
    await backend.close();

    const again = await createBackend({ workspaceDir: dir, effects });
    expect((await listObservations(again.context, seed.cycle.id)).map((o) => o.text)).toEqual(['Splits the bar into 4 equal parts']);
    expect((await listClassModes(again.context, seed.cycle.id)).map((m) => m.mode)).toEqual(['pairs']);
    const session = await again.service.getObservationSession({ cycleId: seed.cycle.id });
    expect(session.steps.map((s) => s.title)).toEqual(seed.steps.map((s) => s.title));
    expect(session.observations.find((o) => o.id === b.id)?.deletedAt).toBeTruthy();
    await again.service.restoreObservation({ cycleId: seed.cycle.id, observationId: b.id });
    expect(await listObservations(again.context, seed.cycle.id)).toHaveLength(2);

    // Once the cycle is closed, deleted notes can no longer be brought back.
    await again.service.deleteObservation({ cycleId: seed.cycle.id, observationId: b.id });
    await again.context.store.update(cycleKind, cyclePath(seed.cycle.id), (doc) => ({ cycle: { ...doc!.cycle, phase: 'closed' as const } }));
    await expect(again.service.restoreObservation({ cycleId: seed.cycle.id, observationId: b.id })).rejects.toThrow(/closed/);
    await again.close();
  });

  it('stores photos once by content hash, detects the type from the bytes and refuses big or non-image files clearly', async () => {
    const { dir, open, backend, seed } = await setup();
    const { service } = backend;
    const file = path.join(dir, '..', `${path.basename(dir)}-board.jpg`); // the name lies: it is a PNG
    await writeFile(file, PNG);
    open.push([file]);
    const [picked] = await service.attachPhotosFromDialog({ cycleId: seed.cycle.id });
    expect(picked.ext).toBe('png');
    const dropped = await service.attachPhotoBytes({ cycleId: seed.cycle.id, name: 'drop.png', dataBase64: PNG.toString('base64') });
    expect(dropped.hash).toBe(picked.hash);
    expect(await readdir(path.join(dir, 'photos'))).toEqual([`${picked.hash}.png`]);
    const { dataUrl } = await service.getPhotoDataUrl({ hash: picked.hash });
    expect(dataUrl).toBe(`data:image/png;base64,${PNG.toString('base64')}`);

    await expect(
      service.attachPhotoBytes({ cycleId: seed.cycle.id, name: 'notes.txt', dataBase64: Buffer.from('hello').toString('base64') }),
    ).rejects.toThrow(/not a PNG, JPEG, GIF or WebP/);
    const big = path.join(dir, '..', `${path.basename(dir)}-big.png`);
    await writeFile(big, Buffer.concat([PNG, Buffer.alloc(MAX_PHOTO_BYTES)]));
    open.push([big]);
    await expect(service.attachPhotosFromDialog({ cycleId: seed.cycle.id })).rejects.toThrow(/at most 5 MB/);
    // Through the contract: a path or a malformed hash is refused before the backend runs.
    const refused = await dispatch(service, 'getPhotoDataUrl', { hash: '../../etc/passwd' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const tooBig = await dispatch(service, 'attachPhotoBytes', { cycleId: seed.cycle.id, name: 'x.png', dataBase64: 'A'.repeat(7_100_000) });
    expect(tooBig).toMatchObject({ ok: false, error: { message: expect.stringMatching(/at most 5 MB/) } });
  });

  it('exports packs and imports them idempotently: newest edit wins, photos travel, a summary counts', async () => {
    const laptopA = await setup();
    const { seed } = laptopA;
    const a1 = await laptopA.backend.service.saveObservation({ observation: laptopA.note('A: first') });
    const photo = await laptopA.backend.service.attachPhotoBytes({ cycleId: seed.cycle.id, name: 'work.png', dataBase64: PNG.toString('base64') });
    await laptopA.backend.service.saveObservation({ observation: { ...laptopA.note('A: with photo'), photos: [photo] } });
    await laptopA.backend.service.saveObservation({ observation: laptopA.note('B: by the other observer', {}, 1) });
    const packA = path.join(laptopA.dir, '..', `${path.basename(laptopA.dir)}-a.lsobs.json`);
    laptopA.save.push(packA);
    expect(await laptopA.backend.service.exportObservationPack({ cycleId: seed.cycle.id, observerId: seed.group.members[0].id })).toEqual({
      fileName: path.basename(packA),
    });
    const pack = JSON.parse(await readFile(packA, 'utf8'));
    expect(pack.observations).toHaveLength(2);
    expect(pack.photos).toHaveLength(1);

    // A facilitator's workspace with the same group and cycle (copied), but none of the notes.
    const facilitatorDir = await tempDir();
    const open: string[][] = [];
    const fac = await createBackend({ workspaceDir: facilitatorDir, effects: { chooseOpenPaths: async () => open.shift() ?? [] } });
    for (const rel of [`groups/${seed.group.id}.json`, `designs/${seed.design.id}.json`, `cycles/${seed.cycle.id}.json`]) {
      const text = await readFile(path.join(laptopA.dir, rel), 'utf8');
      await fac.context.store.writeRaw(rel, text);
    }
    open.push([packA]);
    expect(await fac.service.importObservationPacks({ cycleId: seed.cycle.id })).toMatchObject({ added: 2, updated: 0, unchanged: 0 });
    open.push([packA]);
    expect(await fac.service.importObservationPacks({ cycleId: seed.cycle.id })).toMatchObject({ added: 0, updated: 0, unchanged: 2 });
    expect((await readdir(path.join(facilitatorDir, 'photos')))).toEqual([`${photo.hash}.png`]);

    // An edit made later on laptop A wins on import.
    await laptopA.backend.service.saveObservation({ observation: { ...a1, text: 'A: first, corrected' } });
    laptopA.save.push(packA);
    await laptopA.backend.service.exportObservationPack({ cycleId: seed.cycle.id, observerId: seed.group.members[0].id });
    open.push([packA]);
    expect(await fac.service.importObservationPacks({ cycleId: seed.cycle.id })).toMatchObject({ added: 0, updated: 1, unchanged: 1 });
    expect((await listObservations(fac.context, seed.cycle.id)).map((o) => o.text).sort()).toEqual(['A: first, corrected', 'A: with photo']);

    // Damaged or foreign packs are refused and change nothing.
    const damaged = `${packA}.damaged.json`;
    await writeFile(damaged, (await readFile(packA, 'utf8')).slice(0, 200));
    const foreign = `${packA}.foreign.json`;
    await writeFile(foreign, JSON.stringify({ ...pack, cycleId: fac.context.newId() }));
    const snapshot = path.join(facilitatorDir, 'observations', seed.cycle.id, 'snapshot.json');
    const before = await stat(snapshot);
    open.push([packA, damaged]);
    await expect(fac.service.importObservationPacks({ cycleId: seed.cycle.id })).rejects.toThrow(/damaged.*Nothing was changed/);
    open.push([foreign]);
    await expect(fac.service.importObservationPacks({ cycleId: seed.cycle.id })).rejects.toThrow(/another cycle/);
    expect((await stat(snapshot)).mtimeMs).toBe(before.mtimeMs);
    await fac.close();
  });

  it('exports CSV with names, codes and photos, formula-safe, with a BOM', async () => {
    const { dir, save, backend, seed, note } = await setup();
    await backend.service.saveObservation({ observation: note('=1+1 “quoted”, and\nnew line') });
    const file = path.join(dir, '..', `${path.basename(dir)}.csv`);
    save.push(file);
    expect(await backend.service.exportObservationsCsv({ cycleId: seed.cycle.id })).toEqual({ fileName: path.basename(file) });
    const text = await readFile(file, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
    expect(rows[1]).toEqual([
      seed.cycle.title,
      seed.steps[0].title,
      '1:00',
      expect.any(String),
      'Aiko Tanaka',
      'Student A',
      seed.group.codebook[0].label,
      "'=1+1 “quoted”, and\nnew line",
      '',
    ]);
  });

  it('edits the codebook and the seating chart through the group', async () => {
    const { backend, seed } = await setup();
    const { service } = backend;
    let group = await service.addCode({ groupId: seed.group.id, label: 'Representation', color: '#336699' });
    const code = group.codebook.at(-1)!;
    group = await service.updateCode({ groupId: seed.group.id, codeId: code.id, label: 'Representations', retired: true });
    expect(group.codebook.at(-1)).toMatchObject({ label: 'Representations', retired: true, color: '#336699' });
    await expect(service.addCode({ groupId: seed.group.id, label: 'Claim', color: '#000000' })).rejects.toThrow(/already has/);
    const chart = { ...group.seatingChart, seats: [...group.seatingChart.seats, { ...group.seatingChart.seats[0], id: backend.context.newId() }] };
    await expect(service.saveSeatingChart({ groupId: seed.group.id, seatingChart: chart })).rejects.toThrow(/share a cell/);
    await service.saveSeatingChart({ groupId: seed.group.id, seatingChart: { ...group.seatingChart, cols: 10 } });
    expect((await service.getGroup({ groupId: seed.group.id })).seatingChart.cols).toBe(10);
  });

  it('moves a code one place earlier in the stored codebook, and refuses to move the first one earlier', async () => {
    const { backend, seed } = await setup();
    const { service } = backend;
    const [first, second] = seed.group.codebook;
    const group = await service.moveCode({ groupId: seed.group.id, codeId: second.id, direction: 'earlier' });
    expect(group.codebook.slice(0, 2).map((c) => c.id)).toEqual([second.id, first.id]);
    expect((await service.getGroup({ groupId: seed.group.id })).codebook.slice(0, 2).map((c) => c.id)).toEqual([second.id, first.id]);
    await expect(service.moveCode({ groupId: seed.group.id, codeId: second.id, direction: 'earlier' })).rejects.toThrow('is already the first code');
  });
});
