import { useCallback, useEffect, useRef, useState } from 'react';
import { DesignContent, type ChangeNote } from '../../../shared/domain/design';
import { useUndoHistory } from '../../ui/undo';
import { useSaveDraft } from './queries';

export interface DraftState {
  content: DesignContent;
  changeNotes: ChangeNote[];
}

export const AUTOSAVE_DELAY_MS = 600;

/**
 * The editor's working copy of the draft, saved ~600 ms after the last keystroke through
 * a TanStack mutation, so the app-wide SaveStatus shows Saving…/Saved/Could not save.
 * `flush` saves at once (before "Save version", on leaving the page). Content the schema
 * refuses (an empty title) is kept on screen and not sent, with the reason returned.
 */
export const useDraftAutosave = (designId: string, initial: DraftState) => {
  const { mutateAsync } = useSaveDraft(designId);
  const [draft, setDraft] = useState(initial);
  const [invalid, setInvalid] = useState<string | undefined>();
  const pending = useRef<DraftState | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const flush = useCallback(async () => {
    clearTimeout(timer.current);
    const next = pending.current;
    if (!next) return;
    pending.current = null;
    await mutateAsync(next);
  }, [mutateAsync]);

  const apply = useCallback(
    (next: DraftState) => {
      setDraft(next);
      const parsed = DesignContent.safeParse(next.content);
      if (!parsed.success) {
        setInvalid(parsed.error.issues[0]?.message);
        pending.current = null;
        clearTimeout(timer.current);
        return;
      }
      setInvalid(undefined);
      pending.current = next;
      clearTimeout(timer.current);
      // The failure is shown by SaveStatus (with Retry); nothing else to do with it here.
      timer.current = setTimeout(() => void flush().catch(() => undefined), AUTOSAVE_DELAY_MS);
    },
    [flush],
  );

  // Undo/redo: typing in one field is one step (merged by the focused field's id).
  const history = useUndoHistory(initial);
  const { set: record, undo: undoStep, redo: redoStep } = history;
  const change = useCallback(
    (next: DraftState) => {
      const focused = document.activeElement;
      record(next, focused instanceof HTMLInputElement || focused instanceof HTMLTextAreaElement ? focused.id : undefined);
      apply(next);
    },
    [record, apply],
  );
  const undo = useCallback(() => {
    const previous = undoStep();
    if (previous) apply(previous);
    return previous;
  }, [undoStep, apply]);
  const redo = useCallback(() => {
    const next = redoStep();
    if (next) apply(next);
    return next;
  }, [redoStep, apply]);

  // Leaving the page saves what is pending instead of dropping it.
  useEffect(() => () => void flush().catch(() => undefined), [flush]);

  return { draft, change, flush, invalid, undo, redo, canUndo: history.canUndo, canRedo: history.canRedo };
};
