import { describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend';
import type { Observation } from '../../shared/domain/observation';
import { editedNote, noteCommand, sameContent, type NoteChange } from '../../shared/observe/note-history';
import { stampObservation } from '../../shared/observe/stamp';
import { ChangeStore, changeReducer, MAX_UNDO_STEPS } from '../../renderer/ui/undo';
import { seedLesson } from './observ-seed';
import { tempDir } from './support/temp';

describe('change history (undo for actions)', () => {
  it('undoes newest first, redoes in order, and a new change drops what could be redone', () => {
    const store = new ChangeStore<string>();
    expect(store.undo()).toBeUndefined();
    ['a', 'b', 'c'].forEach(store.record);
    expect(store.undo()).toBe('c');
    expect(store.undo()).toBe('b');
    expect(store.redo()).toBe('b');
    store.record('d');
    expect(store.redo()).toBeUndefined();
    expect(store.snapshot()).toEqual({ past: ['a', 'b', 'd'], future: [] });
  });

  it('keeps at most MAX_UNDO_STEPS steps', () => {
    let state = { past: [] as number[], future: [] as number[] };
    for (let i = 0; i < MAX_UNDO_STEPS + 25; i += 1) state = changeReducer.record(state, i);
    expect(state.past).toHaveLength(MAX_UNDO_STEPS);
    expect(state.past[0]).toBe(25);
  });
});

/** Carry out one undo/redo step the way the capture screen does: through the backend's channels. */
const run = async (service: Awaited<ReturnType<typeof createBackend>>['service'], change: NoteChange, direction: 'undo' | 'redo') => {
  const command = noteCommand(change, direction);
  const { cycleId, id } = command.note;
  if (command.kind === 'save') return service.saveObservation({ observation: command.note });
  if (command.kind === 'delete') return service.deleteObservation({ cycleId, observationId: id });
  return service.restoreObservation({ cycleId, observationId: id });
};

describe('undo and redo of observation notes, against the real backend', () => {
  it('takes back an added, an edited and a deleted note, and does each again, with nothing lost on disk', async () => {
    const dir = await tempDir();
    const backend = await createBackend({ workspaceDir: dir });
    const { service } = backend;
    const seed = await seedLesson(backend);
    const stored = async (id: string): Promise<Observation | undefined> =>
      (await service.getObservationSession({ cycleId: seed.cycle.id })).observations.find((o) => o.id === id);

    const draft = { text: 'Leo draws two bars of different lengths', target: { kind: 'class' as const }, codeIds: [], photos: [] };
    const note = stampObservation(draft, {
      id: backend.context.newId(),
      cycleId: seed.cycle.id,
      observerId: seed.group.members[0].id,
      clockMs: 90_000,
      now: new Date(),
      stepId: seed.steps[1].id,
    });
    const added = await service.saveObservation({ observation: note });
    const history = new ChangeStore<NoteChange>();
    history.record({ kind: 'add', note: added });

    // Edit: text, codes and target change; time, step and observer do not.
    const after = editedNote(added, { text: '  Leo redraws the bars the same length  ', codeIds: [seed.group.codebook[0].id], target: { kind: 'student', studentId: seed.students[0].id }, photos: [] });
    expect(after.text).toBe('Leo redraws the bars the same length');
    expect(sameContent(added, after)).toBe(false);
    expect(sameContent(added, editedNote(added, added))).toBe(true);
    await service.saveObservation({ observation: after });
    history.record({ kind: 'edit', before: added, after });
    await service.deleteObservation({ cycleId: seed.cycle.id, observationId: note.id });
    history.record({ kind: 'delete', note: after });
    expect((await stored(note.id))?.deletedAt).toBeDefined();

    // Undo the delete → the edited note is back.
    await run(service, history.undo()!, 'undo');
    expect(await stored(note.id)).toMatchObject({ text: after.text, codeIds: after.codeIds });
    expect((await stored(note.id))?.deletedAt).toBeUndefined();
    // Undo the edit → the original text, codes and target.
    await run(service, history.undo()!, 'undo');
    expect(await stored(note.id)).toMatchObject({ text: draft.text, codeIds: [], target: { kind: 'class' }, clockMs: 90_000, stepId: seed.steps[1].id });
    // Undo the add → soft-deleted, still on disk.
    await run(service, history.undo()!, 'undo');
    expect((await stored(note.id))?.deletedAt).toBeDefined();
    expect(history.undo()).toBeUndefined();

    // Redo all three: added, edited, deleted again.
    await run(service, history.redo()!, 'redo');
    expect((await stored(note.id))?.deletedAt).toBeUndefined();
    await run(service, history.redo()!, 'redo');
    expect((await stored(note.id))?.text).toBe(after.text);
    await run(service, history.redo()!, 'redo');
    expect((await stored(note.id))?.deletedAt).toBeDefined();

    // And it is all on disk: a fresh backend on the same folder sees the final state.
    await backend.close();
    const reopened = await createBackend({ workspaceDir: dir });
    const final = (await reopened.service.getObservationSession({ cycleId: seed.cycle.id })).observations.find((o) => o.id === note.id);
    expect(final).toMatchObject({ text: after.text });
    expect(final?.deletedAt).toBeDefined();
    await reopened.close();
  });
});
