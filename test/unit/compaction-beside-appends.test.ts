/**
 * A note is acknowledged while a compaction or a pack import writes the cycle's snapshot
 * (issue 14: long work never blocks another request). The snapshot's rename is held at a
 * gate the test opens, so the order is certain whatever the machine's speed.
 */
import { readdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createBackend } from '../../electron/backend';
import { compactNow, cycleLog } from '../../electron/backend/observations-log';
import { nodeFs, type FsPort } from '../../electron/storage/fs-port';
import { OBSERVATION_PACK_FORMAT } from '../../shared/domain/observation';
import { stampObservation } from '../../shared/observe/stamp';
import { seedLesson } from './observ-seed';
import { tempDir } from './support/temp';

type Seeded = Awaited<ReturnType<typeof seedLesson>>;

const note = (seed: Seeded, id: string, text: string) =>
  stampObservation(
    { text, target: { kind: 'class' }, codeIds: [], photos: [] },
    { id, cycleId: seed.cycle.id, observerId: seed.group.members[0].id, clockMs: 1000, now: new Date('2026-11-26T09:00:00.000Z') },
  );

/** An fs whose rename onto a snapshot.json waits until `open()` is called; `reached` settles when one is waiting. */
const gatedSnapshotFs = () => {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let arrived!: () => void;
  const reached = new Promise<void>((resolve) => (arrived = resolve));
  let armed = false;
  const fs: FsPort = {
    ...nodeFs,
    rename: (async (from: string, to: string) => {
      if (armed && path.basename(String(to)) === 'snapshot.json') {
        arrived();
        await gate;
      }
      return nodeFs.rename(from, to);
    }) as FsPort['rename'],
  };
  return { fs, arm: () => (armed = true), reached, open: () => open() };
};

const texts = async (dir: string, cycleId: string) => {
  const backend = await createBackend({ workspaceDir: dir });
  try {
    const session = await backend.service.getObservationSession({ cycleId });
    return session.observations.map((o) => o.text).sort();
  } finally {
    await backend.close();
  }
};

describe('a note saved while the snapshot is being written', () => {
  it('is acknowledged before a compaction finishes, and both survive a reopen', async () => {
    const dir = await tempDir();
    const gated = gatedSnapshotFs();
    const backend = await createBackend({ workspaceDir: dir, fs: gated.fs });
    const seed = await seedLesson(backend);
    await backend.service.saveObservation({ observation: note(seed, '1d0c6f0e-8f62-4c67-9a51-0c7b9a3e2f11', 'before the compaction') });
    gated.arm();

    const order: string[] = [];
    const compaction = compactNow(backend.context, seed.cycle.id).then(() => order.push('compaction finished'));
    await gated.reached;
    await backend.service.saveObservation({ observation: note(seed, '2e1d7a1f-9a73-4d78-8b62-1d8cab4f3a22', 'during the compaction') });
    order.push('note acknowledged');
    gated.open();
    await compaction;
    await backend.close();

    expect(order).toEqual(['note acknowledged', 'compaction finished']);
    // The note went to the next journal, which the new snapshot does not claim to include.
    expect((await readdir(path.join(dir, 'observations', seed.cycle.id))).filter((n) => n.startsWith('journal-'))).toEqual(['journal-2.jsonl']);
    expect(await texts(dir, seed.cycle.id)).toEqual(['before the compaction', 'during the compaction']);
  });

  it('is acknowledged before a pack import finishes; the import and the note are both kept', async () => {
    const dir = await tempDir();
    const gated = gatedSnapshotFs();
    const pack = path.join(dir, 'from-ben.lsobs.json');
    const backend = await createBackend({ workspaceDir: dir, fs: gated.fs, effects: { chooseOpenPaths: async () => [pack] } });
    const seed = await seedLesson(backend);
    const imported = note(seed, '3f2e8b20-ab84-4e89-9c73-2e9dbc5a4b33', 'from the pack');
    await writeFile(
      pack,
      JSON.stringify({ format: OBSERVATION_PACK_FORMAT, formatVersion: 1, cycleId: seed.cycle.id, exportedAt: '2026-11-26T10:00:00.000Z', observations: [imported], classModes: [], photos: [] }),
    );
    gated.arm();

    const order: string[] = [];
    const importing = backend.service.importObservationPacks({ cycleId: seed.cycle.id }).then((summary) => {
      order.push('import finished');
      return summary;
    });
    await gated.reached;
    await backend.service.saveObservation({ observation: note(seed, '4a3f9c31-bc95-4f9a-8d84-3faecd6b5c44', 'during the import') });
    order.push('note acknowledged');
    // Until the import's snapshot is saved, the lesson shows only what is saved.
    const meanwhile = await backend.service.getObservationSession({ cycleId: seed.cycle.id });
    expect(meanwhile.observations.map((o) => o.text)).toEqual(['during the import']);
    gated.open();

    expect(await importing).toMatchObject({ added: 1, updated: 0, unchanged: 0 });
    expect(order).toEqual(['note acknowledged', 'import finished']);
    const after = await backend.service.getObservationSession({ cycleId: seed.cycle.id });
    expect(after.observations.map((o) => o.text).sort()).toEqual(['during the import', 'from the pack']);
    await backend.close();
    expect(await texts(dir, seed.cycle.id)).toEqual(['during the import', 'from the pack']);
  });
});

describe('notes saved at the same moment', () => {
  it('are written together: one append (and one fsync) for every note that arrived while the previous write was under way', async () => {
    const dir = await tempDir();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let firstHeld!: () => void;
    const held = new Promise<void>((resolve) => (firstHeld = resolve));
    const journalOpens: string[] = [];
    let armed = false;
    const fs: FsPort = {
      ...nodeFs,
      open: (async (file: string, flags?: string | number, mode?: number) => {
        if (armed && path.basename(String(file)).startsWith('journal-')) {
          journalOpens.push(path.basename(String(file)));
          if (journalOpens.length === 1) {
            firstHeld();
            await gate;
          }
        }
        return nodeFs.open(file, flags, mode);
      }) as FsPort['open'],
    };
    const backend = await createBackend({ workspaceDir: dir, fs });
    const seed = await seedLesson(backend);
    armed = true;
    const first = backend.service.saveObservation({ observation: note(seed, '5b4a0d42-cd06-4a0b-9e95-40b0de7c6d55', 'note 0') });
    await held;
    const ids = Array.from({ length: 19 }, (_, i) => `6c5b1e53-de17-4b1c-8fa6-51c1ef8d7e${String(i).padStart(2, '0')}`);
    const others = ids.map((id, i) => backend.service.saveObservation({ observation: note(seed, id, `note ${i + 1}`) }));
    // All 19 are waiting for the write under way before it is let go.
    const log = await cycleLog(backend.context, seed.cycle.id);
    await vi.waitFor(() => expect(log.waiting.flatMap((entry) => entry.lines)).toHaveLength(19), { timeout: 10_000 });
    release();
    await Promise.all([first, ...others]);

    expect(journalOpens).toEqual(['journal-1.jsonl', 'journal-1.jsonl']);
    const session = await backend.service.getObservationSession({ cycleId: seed.cycle.id });
    expect(session.observations).toHaveLength(20);
    await backend.close();
    expect(await texts(dir, seed.cycle.id)).toHaveLength(20);
  });
});
