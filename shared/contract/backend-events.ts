/**
 * What the backend tells every window and tab without being asked: that workspace data
 * changed (which kinds of document, never their content) or that another workspace was
 * opened. Zod-free, like names.ts: the preload checks what arrives with `toBackendEvent`.
 */

/** The kinds of workspace document a change is reported for (a folder of the workspace each). */
export const CHANGED_KINDS = ['groups', 'designs', 'cycles', 'observations', 'analyses'] as const;
export type ChangedKind = (typeof CHANGED_KINDS)[number];

export type BackendEvent =
  | { type: 'changed'; kinds: ChangedKind[] }
  | { type: 'workspace-switched' }
  /** Live capture: a device asked to join, was approved or removed, connected, or sent a note. */
  | { type: 'capture-changed'; cycleId: string }
  /**
   * Said by the window's own side when its line to the backend was restored (the backend
   * process restarted, the server came back): events may have been missed meanwhile.
   */
  | { type: 'reconnected' };

const KIND_SET: ReadonlySet<string> = new Set(CHANGED_KINDS);

/** The event in `value`, keeping only known fields, or null when it is not one. */
export const toBackendEvent = (value: unknown): BackendEvent | null => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const event = value as Record<string, unknown>;
  if (event.type === 'workspace-switched' || event.type === 'reconnected') return { type: event.type };
  if (event.type === 'capture-changed') {
    return typeof event.cycleId === 'string' && event.cycleId.length <= 100 ? { type: 'capture-changed', cycleId: event.cycleId } : null;
  }
  if (event.type !== 'changed' || !Array.isArray(event.kinds)) return null;
  const kinds = event.kinds.filter((kind): kind is ChangedKind => typeof kind === 'string' && KIND_SET.has(kind));
  return kinds.length ? { type: 'changed', kinds: [...new Set(kinds)] } : null;
};
