import { describe, expect, it } from 'vitest';
import type { Observation } from '../../shared/domain/observation';
import { correctedNote, MAX_LESSON_MS, parseLessonTime, sameStamp } from '../../renderer/features/observe/note-correction';

describe('parseLessonTime', () => {
  it('reads mm:ss and h:mm:ss as the note list shows them', () => {
    expect(parseLessonTime('0:00')).toEqual({ ok: true, ms: 0 });
    expect(parseLessonTime(' 12:05 ')).toEqual({ ok: true, ms: 725_000 });
    expect(parseLessonTime('75:30')).toEqual({ ok: true, ms: 4_530_000 });
    expect(parseLessonTime('1:02:30')).toEqual({ ok: true, ms: 3_750_000 });
    expect(parseLessonTime('12：05')).toEqual({ ok: true, ms: 725_000 }); // a full-width colon from a Japanese keyboard
    expect(parseLessonTime('24:00:00')).toEqual({ ok: true, ms: MAX_LESSON_MS });
  });
  it('refuses what cannot be a lesson time, saying why', () => {
    expect(parseLessonTime('')).toEqual({ ok: false, error: 'empty' });
    expect(parseLessonTime('-1:00')).toEqual({ ok: false, error: 'negative' });
    expect(parseLessonTime('24:00:01')).toEqual({ ok: false, error: 'tooLate' });
    expect(parseLessonTime('1441:00')).toEqual({ ok: false, error: 'tooLate' });
    for (const bad of ['12', '12:5', '12:60', '1:60:00', 'abc', '1:2:3:4', '12.05']) expect(parseLessonTime(bad)).toEqual({ ok: false, error: 'format' });
  });
});

describe('correctedNote', () => {
  const note: Observation = {
    id: 'n1', cycleId: 'c1', observerId: 'm1', clockMs: 1000, wallTime: '2026-01-01T00:00:00.000Z', stepId: 's1',
    target: { kind: 'class' }, codeIds: ['k1'], text: 'Says 2/3', photos: [], pointToNoticeIds: ['p1'],
    createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
  };
  it('changes only the step and the time', () => {
    expect(correctedNote(note, { stepId: 's2', clockMs: 5000 })).toEqual({ ...note, stepId: 's2', clockMs: 5000 });
    const { stepId: _s, ...noStep } = note;
    expect(correctedNote(note, { stepId: undefined, clockMs: 1000 })).toEqual(noStep);
    expect(sameStamp(note, correctedNote(note, { stepId: 's1', clockMs: 1000 }))).toBe(true);
    expect(sameStamp(note, correctedNote(note, { stepId: undefined, clockMs: 1000 }))).toBe(false);
  });
});

describe('saving a corrected note', () => {
  it('keeps the note and moves updatedAt; a step the lesson does not have is refused', async () => {
    const { createBackend } = await import('../../electron/backend');
    const { stampObservation } = await import('../../shared/observe/stamp');
    const { seedLesson } = await import('./observ-seed');
    const { tempDir } = await import('./support/temp');
    const backend = await createBackend({ workspaceDir: await tempDir() });
    const seed = await seedLesson(backend);
    const saved = await backend.service.saveObservation({
      observation: stampObservation(
        { text: 'Shades 3/4', target: { kind: 'class' }, codeIds: [seed.group.codebook[0].id], photos: [] },
        { id: backend.context.newId(), cycleId: seed.cycle.id, observerId: seed.group.members[0].id, clockMs: 1000, now: new Date(), stepId: seed.steps[0].id },
      ),
    });
    const corrected = await backend.service.saveObservation({ observation: correctedNote(saved, { stepId: seed.steps[2].id, clockMs: 1_650_000 }) });
    expect(corrected).toMatchObject({ id: saved.id, text: saved.text, codeIds: saved.codeIds, observerId: saved.observerId, createdAt: saved.createdAt, stepId: seed.steps[2].id, clockMs: 1_650_000 });
    expect(corrected.updatedAt > saved.updatedAt).toBe(true);
    const none = await backend.service.saveObservation({ observation: correctedNote(corrected, { stepId: undefined, clockMs: 1_650_000 }) });
    expect(none.stepId).toBeUndefined();
    await expect(backend.service.saveObservation({ observation: correctedNote(none, { stepId: backend.context.newId(), clockMs: 0 }) })).rejects.toThrow(/not a step of the lesson/);
    const session = await backend.service.getObservationSession({ cycleId: seed.cycle.id });
    expect(session.observations).toHaveLength(1);
    expect(session.observations[0].stepId).toBeUndefined();
    expect(session.observations[0].clockMs).toBe(1_650_000);
    await backend.close();
  });
});
