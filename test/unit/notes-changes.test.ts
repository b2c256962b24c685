/**
 * A screen following a live lesson asks for the notes changed since the revision it holds
 * (getObservationChanges), not for every note again. What it gets must be exactly what
 * changed: new notes, edits, deletions, class-mode changes — and a reload when its
 * revision is of another opening of the workspace.
 */
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend';
import { stampClassMode, stampObservation } from '../../shared/observe/stamp';
import { seedLesson } from './observ-seed';
import { tempDir } from './support/temp';

type Seeded = Awaited<ReturnType<typeof seedLesson>>;

const note = (seed: Seeded, id: string, text: string, clockMs: number) =>
  stampObservation(
    { text, target: { kind: 'class' }, codeIds: [], photos: [] },
    { id, cycleId: seed.cycle.id, observerId: seed.group.members[0].id, clockMs, now: new Date('2026-11-26T09:00:00.000Z') },
  );

const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('getObservationChanges', () => {
  it('answers only what changed after the revision, in clock order, tombstones included', async () => {
    const backend = await createBackend({ workspaceDir: await tempDir() });
    try {
      const seed = await seedLesson(backend);
      const cycleId = seed.cycle.id;
      const { service } = backend;
      await service.saveObservation({ observation: note(seed, ID(1), 'before the screen opened', 5_000) });
      const opened = await service.getObservationSession({ cycleId });
      expect(opened.observations.map((o) => o.text)).toEqual(['before the screen opened']);
      const since = opened.notesRevision;
      if (!since) throw new Error('the session carries no revision');

      expect(await service.getObservationChanges({ cycleId, since })).toEqual({ notesRevision: since, reset: false, observations: [], classModes: [] });

      await service.saveObservation({ observation: note(seed, ID(2), 'later in the lesson', 90_000) });
      await service.saveObservation({ observation: note(seed, ID(3), 'earlier, written late', 2_000) });
      await service.deleteObservation({ cycleId, observationId: ID(1) });
      await service.saveClassMode({ change: stampClassMode('pairs', { id: ID(9), cycleId, observerId: seed.group.members[0].id, clockMs: 60_000, now: new Date() }) });

      const changes = await service.getObservationChanges({ cycleId, since });
      expect(changes.reset).toBe(false);
      expect(changes.notesRevision.epoch).toBe(since.epoch);
      expect(changes.notesRevision.revision).toBe(since.revision + 4);
      expect(changes.observations.map((o) => [o.text, o.deletedAt !== undefined])).toEqual([
        ['earlier, written late', false],
        ['before the screen opened', true],
        ['later in the lesson', false],
      ]);
      expect(changes.classModes.map((m) => m.mode)).toEqual(['pairs']);

      // From the newer revision on, only the next change.
      await service.saveObservation({ observation: { ...note(seed, ID(2), 'later in the lesson, corrected', 90_000) } });
      const next = await service.getObservationChanges({ cycleId, since: changes.notesRevision });
      expect(next.observations.map((o) => o.text)).toEqual(['later in the lesson, corrected']);
      expect(next.classModes).toEqual([]);
    } finally {
      await backend.close();
    }
  });

  it('tells the screen to reload when its revision is of another opening, or from the future', async () => {
    const dir = await tempDir();
    let since;
    let cycleId: string;
    {
      const backend = await createBackend({ workspaceDir: dir });
      const seed = await seedLesson(backend);
      cycleId = seed.cycle.id;
      await backend.service.saveObservation({ observation: note(seed, ID(1), 'first', 1_000) });
      since = (await backend.service.getObservationSession({ cycleId })).notesRevision;
      await backend.close();
    }
    if (!since) throw new Error('the session carries no revision');
    const reopened = await createBackend({ workspaceDir: dir });
    try {
      const other = await reopened.service.getObservationChanges({ cycleId, since });
      expect(other.reset).toBe(true);
      expect(other.notesRevision.epoch).not.toBe(since.epoch);
      expect(other.observations).toEqual([]);
      const current = (await reopened.service.getObservationSession({ cycleId })).notesRevision;
      if (!current) throw new Error('the session carries no revision');
      const ahead = await reopened.service.getObservationChanges({ cycleId, since: { ...current, revision: current.revision + 1 } });
      expect(ahead.reset).toBe(true);
    } finally {
      await reopened.close();
    }
  });

  it('refuses a cycle that does not exist and a malformed revision', async () => {
    const backend = await createBackend({ workspaceDir: await tempDir() });
    try {
      await seedLesson(backend);
      await expect(backend.service.getObservationChanges({ cycleId: ID(77), since: { epoch: 'x', revision: 0 } })).rejects.toMatchObject({ code: 'not-found' });
    } finally {
      await backend.close();
    }
  });
});
