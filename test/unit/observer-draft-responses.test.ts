import { describe, expect, it } from 'vitest';
import { changeDraft, emptyDraft, isBlank, noteFromDraft } from '../../renderer/observer/draft';

const stamp = { noteId: '7d6c2f64-ef28-4c2d-9ab7-62d2f09e8f66', clockMs: 125_400, stepId: '8e7d3a75-f039-4d3e-8bc8-73e3a1af9a77', hostWallMs: Date.UTC(2026, 10, 26, 9, 2, 5) };

describe('a note tagged with anticipated responses on the device', () => {
  it('a tapped response alone starts a note, and the note carries it once', () => {
    const draft = changeDraft(emptyDraft, { responseIds: ['r1', 'r1'] }, () => stamp);
    expect(isBlank(draft)).toBe(false);
    expect(draft.stamp).toEqual(stamp);
    const note = noteFromDraft(draft, stamp.noteId, { kind: 'class' }, stamp);
    expect(note.anticipatedResponseIds).toEqual(['r1']);
    expect(note.clockMs).toBe(125_400);
    expect(note.wallTime).toBe('2026-11-26T09:02:05.000Z');
  });

  it('a note without responses sends no field, and a draft kept before responses existed still loads as blank', () => {
    const note = noteFromDraft({ ...emptyDraft, text: 'Counted on.' }, stamp.noteId, { kind: 'class' }, stamp);
    expect('anticipatedResponseIds' in note).toBe(false);
    const older = { text: '', codeIds: [], seatIds: [], pointIds: [], photos: [], stamp: null };
    expect(isBlank(older)).toBe(true);
  });
});
