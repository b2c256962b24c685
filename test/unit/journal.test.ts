import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend';
import { compactNow, removeCycleObservations } from '../../electron/backend/observations';
import { COMPACT_AFTER } from '../../electron/backend/observations-log';
import { nodeFs, type FsPort } from '../../electron/storage/fs-port';
import { readJournal } from '../../electron/storage/journal';
import { JournalLine } from '../../electron/backend/observations-log';
import { stampObservation } from '../../shared/observe/stamp';
import { seedLesson } from './observ-seed';
import { errno, recordingFs } from './support/recording-fs';
import { tempDir } from './support/temp';

type Seeded = Awaited<ReturnType<typeof seedLesson>>;

const note = (seed: Seeded, id: string, text: string) =>
  stampObservation(
    { text, target: { kind: 'class' }, codeIds: [], photos: [] },
    { id, cycleId: seed.cycle.id, observerId: seed.group.members[0].id, clockMs: 1000, now: new Date() },
  );

const journalNames = async (dir: string, cycleId: string) =>
  (await fsp.readdir(path.join(dir, 'observations', cycleId))).filter((n) => n.startsWith('journal-'));

describe('observation journal', () => {
  it('appends one fsync’d line per note, mode 0600, without touching the snapshot', async () => {
    const dir = await tempDir();
    const { fs, events } = recordingFs();
    const backend = await createBackend({ workspaceDir: dir, fs });
    const seed = await seedLesson(backend);
    await backend.service.saveObservation({ observation: note(seed, backend.context.newId(), 'first') });
    await compactNow(backend.context, seed.cycle.id);
    events.length = 0;
    await backend.service.saveObservation({ observation: note(seed, backend.context.newId(), 'second') });
    const touched = events.filter((e) => e.path.includes(`observations${path.sep}${seed.cycle.id}`) || e.path.includes(`observations/${seed.cycle.id}`));
    // A new journal file: append, fsync it, then fsync the folder so its name is durable too.
    // Opened with O_NOFOLLOW: a journal replaced by a link is refused, never appended through.
    expect(touched.map((e) => e.op)).toEqual(['open:a nofollow', 'write', 'fsync', 'open:r', 'fsync']);
    events.length = 0;
    await backend.service.saveObservation({ observation: note(seed, backend.context.newId(), 'third') });
    const third = events.filter((e) => e.path.includes(seed.cycle.id));
    expect(third.map((e) => e.op)).toEqual(['open:a nofollow', 'write', 'fsync']);
    expect([...touched, ...third].every((e) => !e.path.includes('snapshot'))).toBe(true);
    const [journal] = await journalNames(dir, seed.cycle.id);
    const info = await fsp.stat(path.join(dir, 'observations', seed.cycle.id, journal));
    expect(info.mode & 0o777).toBe(0o600);
    await backend.close();
  });

  it('ignores a torn last line (killed mid-append), cuts it away and keeps every acknowledged note', async () => {
    const dir = await tempDir();
    let backend = await createBackend({ workspaceDir: dir });
    const seed = await seedLesson(backend);
    for (const text of ['one', 'two', 'three']) {
      await backend.service.saveObservation({ observation: note(seed, backend.context.newId(), text) });
    }
    await backend.close();
    const [journal] = await journalNames(dir, seed.cycle.id);
    const file = path.join(dir, 'observations', seed.cycle.id, journal);
    const before = await fsp.readFile(file, 'utf8');
    await fsp.appendFile(file, '{"k":"o","v":{"id":"00000000-0000-4000-8000-0000000');

    backend = await createBackend({ workspaceDir: dir });
    let session = await backend.service.getObservationSession({ cycleId: seed.cycle.id });
    expect(session.observations.map((o) => o.text)).toEqual(['one', 'two', 'three']);
    expect(await fsp.readFile(file, 'utf8')).toBe(before);
    await backend.service.saveObservation({ observation: note(seed, backend.context.newId(), 'four') });
    await backend.close();

    backend = await createBackend({ workspaceDir: dir });
    session = await backend.service.getObservationSession({ cycleId: seed.cycle.id });
    expect(session.observations.map((o) => o.text)).toEqual(['one', 'two', 'three', 'four']);
    expect(backend.context.store.notices).toEqual([]);
    await backend.close();
  });

  it('keeps a damaged middle line aside with a notice and shows the other notes', async () => {
    const dir = await tempDir();
    let backend = await createBackend({ workspaceDir: dir });
    const seed = await seedLesson(backend);
    await backend.service.saveObservation({ observation: note(seed, backend.context.newId(), 'kept') });
    await backend.close();
    const [journal] = await journalNames(dir, seed.cycle.id);
    const file = path.join(dir, 'observations', seed.cycle.id, journal);
    await fsp.appendFile(file, 'garbage that is not json\n');
    backend = await createBackend({ workspaceDir: dir });
    const session = await backend.service.getObservationSession({ cycleId: seed.cycle.id });
    expect(session.observations.map((o) => o.text)).toEqual(['kept']);
    expect(backend.context.store.notices[0]?.message).toMatch(/1 damaged line/);
    expect((await fsp.readdir(path.dirname(file))).some((n) => n.includes('.corrupt-'))).toBe(true);
    await backend.close();
  });

  it('a compaction interrupted after the snapshot (before the old journal is removed) loses and duplicates nothing', async () => {
    const dir = await tempDir();
    let failUnlink = false;
    const fs: FsPort = {
      ...nodeFs,
      unlink: async (file) => {
        if (failUnlink && String(file).includes('journal-')) throw errno('EIO', 'power cut');
        return fsp.unlink(file);
      },
    };
    let backend = await createBackend({ workspaceDir: dir, fs });
    const seed = await seedLesson(backend);
    const first = note(seed, backend.context.newId(), 'before compaction');
    await backend.service.saveObservation({ observation: first });
    await backend.service.saveObservation({ observation: { ...first, text: 'edited before compaction' } });
    failUnlink = true;
    // The snapshot is saved, so the compaction has succeeded; the old journal is left for the next open.
    await compactNow(backend.context, seed.cycle.id);
    await backend.close();
    // Both the snapshot and the old journal are on disk now.
    expect(await journalNames(dir, seed.cycle.id)).toEqual(['journal-1.jsonl']);
    const snapshot = JSON.parse(await fsp.readFile(path.join(dir, 'observations', seed.cycle.id, 'snapshot.json'), 'utf8'));
    expect(snapshot.includesJournalsThrough).toBe(1);

    failUnlink = false;
    backend = await createBackend({ workspaceDir: dir, fs });
    await backend.service.saveObservation({ observation: note(seed, backend.context.newId(), 'after') });
    const session = await backend.service.getObservationSession({ cycleId: seed.cycle.id });
    expect(session.observations.map((o) => o.text)).toEqual(['edited before compaction', 'after']);
    expect(await journalNames(dir, seed.cycle.id)).toEqual(['journal-2.jsonl']);
    await backend.close();
  });

  it('a compaction whose snapshot write fails keeps the journal, and nothing is lost', async () => {
    const dir = await tempDir();
    let full = false;
    const { fs } = recordingFs({ failWrite: (file) => (full && file.includes('snapshot') ? errno('ENOSPC') : null) });
    let backend = await createBackend({ workspaceDir: dir, fs });
    const seed = await seedLesson(backend);
    await backend.service.saveObservation({ observation: note(seed, backend.context.newId(), 'safe') });
    full = true;
    await expect(compactNow(backend.context, seed.cycle.id)).rejects.toThrow(/disk is full/);
    full = false;
    await backend.service.saveObservation({ observation: note(seed, backend.context.newId(), 'still saving') });
    await backend.close();
    backend = await createBackend({ workspaceDir: dir });
    const session = await backend.service.getObservationSession({ cycleId: seed.cycle.id });
    expect(session.observations.map((o) => o.text)).toEqual(['safe', 'still saving']);
    await backend.close();
  });

  it(`compacts by itself after ${COMPACT_AFTER} lines and reopens to the same lesson`, async () => {
    const dir = await tempDir();
    let backend = await createBackend({ workspaceDir: dir });
    const seed = await seedLesson(backend);
    for (let i = 0; i < COMPACT_AFTER + 5; i++) {
      await backend.service.saveObservation({ observation: note(seed, backend.context.newId(), `note ${i}`) });
    }
    await backend.close();
    const names = await journalNames(dir, seed.cycle.id);
    expect(names).toEqual(['journal-2.jsonl']);
    const rest = await readJournal(nodeFs, path.join(dir, 'observations', seed.cycle.id, names[0]), JournalLine);
    expect(rest.lines.length).toBeLessThan(10);
    backend = await createBackend({ workspaceDir: dir });
    const session = await backend.service.getObservationSession({ cycleId: seed.cycle.id });
    expect(session.observations).toHaveLength(COMPACT_AFTER + 5);
    expect(new Set(session.observations.map((o) => o.text)).size).toBe(COMPACT_AFTER + 5);
    await backend.close();
  });
});

describe('removing a cycle’s observations', () => {
  it('removes the folder and forgets the index, keeping a backup of the snapshot', async () => {
    const dir = await tempDir();
    const backend = await createBackend({ workspaceDir: dir });
    const seed = await seedLesson(backend);
    await backend.service.saveObservation({ observation: note(seed, backend.context.newId(), 'gone soon') });
    await compactNow(backend.context, seed.cycle.id);
    await removeCycleObservations(backend.context, seed.cycle.id);
    await expect(fsp.stat(path.join(dir, 'observations', seed.cycle.id))).rejects.toThrow(/ENOENT/);
    expect((await backend.service.getObservationSession({ cycleId: seed.cycle.id })).observations).toEqual([]);
    expect(await fsp.readdir(path.join(dir, '.backups', 'observations', seed.cycle.id, 'snapshot.json'))).not.toHaveLength(0);
    await backend.close();
  });
});
