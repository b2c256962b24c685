import type { Observation } from '../domain/observation';

/**
 * What an observer did to a note on the capture screen, kept so Ctrl/Cmd+Z can take it
 * back and Ctrl/Cmd+Shift+Z do it again. Notes are never really removed: undoing an
 * added note deletes it softly (it stays in "Recently deleted"), so every step is
 * reversible and nothing typed in class is lost.
 */
export type NoteChange =
  | { kind: 'add'; note: Observation }
  | { kind: 'edit'; before: Observation; after: Observation }
  | { kind: 'delete'; note: Observation };

/** What to ask the backend for to undo or redo one change. */
export type NoteCommand =
  | { kind: 'save'; note: Observation }
  | { kind: 'delete'; note: Observation }
  | { kind: 'restore'; note: Observation };

export const noteCommand = (change: NoteChange, direction: 'undo' | 'redo'): NoteCommand => {
  const undo = direction === 'undo';
  switch (change.kind) {
    case 'add':
      return undo ? { kind: 'delete', note: change.note } : { kind: 'restore', note: change.note };
    case 'edit':
      return { kind: 'save', note: undo ? change.before : change.after };
    case 'delete':
      return undo ? { kind: 'restore', note: change.note } : { kind: 'delete', note: change.note };
  }
};

/** Only what the observer can change in the composer; the rest (time, step, observer) stays as stamped. */
export const editedNote = (before: Observation, draft: Pick<Observation, 'text' | 'codeIds' | 'target' | 'photos'>): Observation => ({
  ...before,
  text: draft.text.trim(),
  codeIds: draft.codeIds,
  target: draft.target,
  photos: draft.photos,
});

/** True when an edit changed nothing the observer can see: such an edit is not an undo step. */
export const sameContent = (a: Observation, b: Observation): boolean =>
  a.text === b.text &&
  JSON.stringify(a.codeIds) === JSON.stringify(b.codeIds) &&
  JSON.stringify(a.target) === JSON.stringify(b.target) &&
  JSON.stringify(a.photos.map((p) => p.hash)) === JSON.stringify(b.photos.map((p) => p.hash));
