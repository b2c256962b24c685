import { CHANGED_KINDS, type BackendEvent, type ChangedKind } from '../../shared/contract/backend-events';
import type { WorkspaceStore } from '../storage/workspace-store';

/**
 * Where the backend's pushed events come from (DESIGN.md §5): every write, deletion or
 * restore that reaches a workspace file through the store's change listeners becomes
 * "this kind of document changed" — the kind only, never a file's content, so no
 * student's words travel on an event. Both doors subscribe (the window's port and the
 * HTTP door's WebSocket); a page refetches what it shows of that kind.
 *
 * A burst (a deletion moving a group with its designs and cycles, an import of many
 * notes) becomes one event: changes are gathered until the scheduled flush, one
 * macrotask later in the app, whenever a test says in tests.
 */

/** The workspace's top-level folders and the kind each holds. */
const KIND_OF_FOLDER: ReadonlyMap<string, ChangedKind> = new Map([
  ['groups', 'groups'],
  ['designs', 'designs'],
  ['cycles', 'cycles'],
  ['observations', 'observations'],
  ['analysis', 'analyses'],
]);

/** The kind of document at a workspace-relative path, or null for files no page shows (the catalogue, notices). */
export const changedKindOf = (rel: string): ChangedKind | null => KIND_OF_FOLDER.get(rel.split('/')[0]) ?? null;

export type BackendEventListener = (event: BackendEvent) => void;

/** What a door needs: a subscription. */
export interface BackendEventFeed {
  /** Returns the unsubscribe function. */
  subscribe(listener: BackendEventListener): () => void;
}

export interface BackendEvents extends BackendEventFeed {
  /**
   * Report the changes of a workspace just opened (the host calls this for each one);
   * `replaced` when it took the place of another, which every page hears as `workspace-switched`.
   */
  follow(store: Pick<WorkspaceStore, 'changeListeners'>, replaced: boolean): void;
  /** Tell every page at once (live capture's `capture-changed`: a device joined, a note arrived); not gathered into a burst. */
  emit(event: BackendEvent): void;
}

export interface BackendEventsOptions {
  /** Runs `flush` later, once per burst; setImmediate (the next macrotask) by default. */
  schedule?: (flush: () => void) => void;
}

export const createBackendEvents = ({ schedule = (flush) => void setImmediate(flush) }: BackendEventsOptions = {}): BackendEvents => {
  const listeners = new Set<BackendEventListener>();
  let following: object | null = null;
  let kinds = new Set<ChangedKind>();
  let switched = false;
  let scheduled = false;

  const deliver = (event: BackendEvent) => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch {
        // One door that cannot deliver (a closed port) must not keep the event from the others.
      }
    }
  };

  const flush = () => {
    scheduled = false;
    // After a switch every page reloads everything: the kinds gathered are part of that.
    const event: BackendEvent | null = switched
      ? { type: 'workspace-switched' }
      : kinds.size
        ? { type: 'changed', kinds: CHANGED_KINDS.filter((kind) => kinds.has(kind)) }
        : null;
    switched = false;
    kinds = new Set();
    if (event) deliver(event);
  };
  const flushSoon = () => {
    if (scheduled) return;
    scheduled = true;
    schedule(flush);
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emit: deliver,
    follow(store, replaced) {
      following = store;
      if (replaced) {
        switched = true;
        flushSoon();
      }
      store.changeListeners.push(async (rel) => {
        // A write still finishing on the workspace that was just closed is no news for the pages.
        if (store !== following) return;
        const kind = changedKindOf(rel);
        if (!kind) return;
        kinds.add(kind);
        flushSoon();
      });
    },
  };
};
