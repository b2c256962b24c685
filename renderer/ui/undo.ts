import { useEffect, useState, useSyncExternalStore } from 'react';

/**
 * Undo/redo for a value edited by a form: every committed change is a step; typing in one
 * field is merged into one step until the user pauses or moves to another field, so Ctrl+Z
 * undoes "the sentence I just wrote", not one letter.
 *
 * Native text-field undo still works inside a field while it has focus: the browser's own
 * history is richer there. `useUndoShortcuts` only acts when focus is outside a text field,
 * or when the field's own history is empty (then the shared history takes over).
 */
export interface UndoHistory<T> {
  value: T;
  /** Record a change. Same `mergeKey` as the last change within `mergeMs` → one step. */
  set: (next: T, mergeKey?: string) => void;
  /** Replace the value without recording a step (e.g. fresh data from the backend). */
  reset: (next: T) => void;
  undo: () => T | undefined;
  redo: () => T | undefined;
  canUndo: boolean;
  canRedo: boolean;
}

interface Stack<T> {
  past: T[];
  present: T;
  future: T[];
  lastKey?: string;
  lastAt: number;
}

export const MAX_UNDO_STEPS = 200;

/** The pure core, so it is testable without React. */
export const undoReducer = {
  set<T>(stack: Stack<T>, next: T, now: number, mergeKey?: string, mergeMs = 1200): Stack<T> {
    if (Object.is(next, stack.present)) return stack;
    const merge = mergeKey !== undefined && mergeKey === stack.lastKey && now - stack.lastAt < mergeMs;
    const past = merge ? stack.past : [...stack.past, stack.present].slice(-MAX_UNDO_STEPS);
    return { past, present: next, future: [], lastKey: mergeKey, lastAt: now };
  },
  undo<T>(stack: Stack<T>): Stack<T> {
    const previous = stack.past.at(-1);
    if (stack.past.length === 0) return stack;
    return { past: stack.past.slice(0, -1), present: previous as T, future: [stack.present, ...stack.future], lastAt: 0 };
  },
  redo<T>(stack: Stack<T>): Stack<T> {
    if (stack.future.length === 0) return stack;
    const [next, ...future] = stack.future;
    return { past: [...stack.past, stack.present], present: next, future, lastAt: 0 };
  },
};

/** The stack with its listeners; undo() returns the restored value at once, so callers can save it. */
export class UndoStore<T> {
  private stack: Stack<T>;
  private listeners = new Set<() => void>();
  constructor(
    initial: T,
    private readonly mergeMs = 1200,
  ) {
    this.stack = { past: [], present: initial, future: [], lastAt: 0 };
  }
  snapshot = (): Stack<T> => this.stack;
  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };
  private apply(next: Stack<T>): Stack<T> {
    this.stack = next;
    this.listeners.forEach((listener) => listener());
    return next;
  }
  set = (next: T, mergeKey?: string): void => void this.apply(undoReducer.set(this.stack, next, Date.now(), mergeKey, this.mergeMs));
  reset = (next: T): void => void this.apply({ past: [], present: next, future: [], lastAt: 0 });
  undo = (): T | undefined => (this.stack.past.length ? this.apply(undoReducer.undo(this.stack)).present : undefined);
  redo = (): T | undefined => (this.stack.future.length ? this.apply(undoReducer.redo(this.stack)).present : undefined);
}

export const useUndoHistory = <T,>(initial: T, options: { mergeMs?: number } = {}): UndoHistory<T> => {
  const [store] = useState(() => new UndoStore(initial, options.mergeMs));
  const stack = useSyncExternalStore(store.subscribe, store.snapshot);
  return {
    value: stack.present,
    set: store.set,
    reset: store.reset,
    undo: store.undo,
    redo: store.redo,
    canUndo: stack.past.length > 0,
    canRedo: stack.future.length > 0,
  };
};

/**
 * Undo for actions rather than values: each step is a change the caller knows how to take
 * back (e.g. "note added"), recorded once it is done. `undo()` hands back the change to
 * reverse, `redo()` the one to do again; the caller carries it out.
 */
interface Changes<C> {
  past: C[];
  future: C[];
}

export const changeReducer = {
  record: <C,>(s: Changes<C>, change: C): Changes<C> => ({ past: [...s.past, change].slice(-MAX_UNDO_STEPS), future: [] }),
  undo: <C,>(s: Changes<C>): Changes<C> =>
    s.past.length ? { past: s.past.slice(0, -1), future: [s.past.at(-1) as C, ...s.future] } : s,
  redo: <C,>(s: Changes<C>): Changes<C> => (s.future.length ? { past: [...s.past, s.future[0]], future: s.future.slice(1) } : s),
};

export class ChangeStore<C> {
  private state: Changes<C> = { past: [], future: [] };
  snapshot = (): Changes<C> => this.state;
  record = (change: C): void => void (this.state = changeReducer.record(this.state, change));
  undo = (): C | undefined => {
    const change = this.state.past.at(-1);
    this.state = changeReducer.undo(this.state);
    return change;
  };
  redo = (): C | undefined => {
    const change = this.state.future[0];
    this.state = changeReducer.redo(this.state);
    return change;
  };
}

/** One change history for the life of a screen (the screen shows its own "Undo"/"Redo" toast). */
export const useChangeHistory = <C,>(): ChangeStore<C> => useState(() => new ChangeStore<C>())[0];

/**
 * The Edit menu's Undo and Redo (and their accelerators when the page leaves the key
 * unhandled) arrive as menu commands. In a text field they run the field's own undo;
 * elsewhere they go to the screen's history — the most recently mounted one.
 */
type UndoTarget = { undo: () => unknown; redo: () => unknown };
const undoTargets: UndoTarget[] = [];

export const useMenuUndoTarget = (target: UndoTarget, enabled = true) => {
  const { undo, redo } = target;
  useEffect(() => {
    if (!enabled) return;
    const entry = { undo, redo };
    undoTargets.push(entry);
    return () => void undoTargets.splice(undoTargets.indexOf(entry), 1);
  }, [undo, redo, enabled]);
};

export const performUndo = (which: 'undo' | 'redo'): boolean => {
  // execCommand is the one way to reach a field's native history; it answers false when the field has nothing to undo.
  if (isTextField(document.activeElement) && document.execCommand(which)) return true;
  const target = undoTargets.at(-1);
  if (!target) return false;
  target[which]();
  return true;
};

const isTextField = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'range', 'file'].includes(target.type)));

/** Is this keydown "undo" or "redo"? Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z, Ctrl+Y. */
export const undoKey = (e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): 'undo' | 'redo' | null => {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const key = e.key.toLowerCase();
  if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !e.shiftKey) return 'redo';
  return null;
};

/**
 * Ctrl/Cmd+Z and Ctrl/Cmd+Shift+Z (and Ctrl+Y) for a region of the page. Inside a text
 * field the browser's own undo runs, unless `captureInFields` is set — used when every
 * change of the field goes through the history anyway (controlled inputs lose the
 * browser's history on each re-render).
 */
export const useUndoShortcuts = (
  history: Pick<UndoHistory<unknown>, 'undo' | 'redo'>,
  { enabled = true, captureInFields = true, scope }: { enabled?: boolean; captureInFields?: boolean; scope?: React.RefObject<HTMLElement | null> } = {},
) => {
  const { undo, redo } = history;
  useMenuUndoTarget(history, enabled);
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      const which = undoKey(event);
      if (!which || event.defaultPrevented) return;
      if (scope?.current && event.target instanceof Node && !scope.current.contains(event.target) && event.target !== document.body) return;
      if (!captureInFields && isTextField(event.target)) return;
      event.preventDefault();
      if (which === 'undo') undo();
      else redo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo, enabled, captureInFields, scope]);
};
