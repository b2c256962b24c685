import type { QueryClient } from '@tanstack/react-query';
import type { BackendEventSource, ChangedKind } from '../../shared/contract/app';

/**
 * Which cached queries (by the first part of their key) show documents of each kind. A
 * screen that gathers several kinds (a cycle's evidence: its plan, notes and analysis)
 * is listed under each. The recovery lists follow every change: each write keeps a copy.
 */
export const QUERIES_OF_KIND: Readonly<Record<ChangedKind, readonly string[]>> = {
  groups: ['groups', 'group', 'app'],
  designs: ['designs', 'design', 'design-compare', 'teachable-versions', 'cycle-evidence', 'evidence', 'resolved-evidence', 'app'],
  // A cycle's notes are deleted and put back with it.
  cycles: ['cycles', 'cycle', 'teachable-versions', 'cycle-evidence', 'observations', 'evidence', 'resolved-evidence', 'app'],
  observations: ['observations', 'cycle-evidence', 'evidence', 'resolved-evidence'],
  analyses: ['cycle-evidence', 'evidence', 'resolved-evidence'],
};
/**
 * Followed by every change except notes alone: a note is an append to a journal, which
 * keeps no copy for the recovery lists and changes nothing the workspace query shows;
 * with 100 devices writing, refetching those on every note kept the facilitator's screen busy.
 */
const ALWAYS = ['recovery', 'workspace'];

/**
 * Keep what this page shows in step with changes made elsewhere — another tab, another
 * window, an observer's device — without a reload: the backend says which kinds of
 * document changed and the queries showing them are fetched again. This page's own
 * changes come back too and are fetched once more, which costs one request.
 * Returns the unsubscribe function; without a source (the e2e bridge) it does nothing.
 */
export const followBackendEvents = (client: QueryClient, source: Partial<BackendEventSource> | undefined): (() => void) => {
  if (!source?.onBackendEvent) return () => undefined;
  return source.onBackendEvent((event) => {
    // Live capture's device list follows its own event (InvitePanel); a device's note also comes as 'changed'.
    if (event.type === 'capture-changed') return;
    if (event.type !== 'changed') {
      // Another workspace, or a line back after missing events: everything may differ.
      void client.invalidateQueries();
      return;
    }
    const notesOnly = event.kinds.every((kind) => kind === 'observations');
    const roots = new Set([...(notesOnly ? [] : ALWAYS), ...event.kinds.flatMap((kind) => QUERIES_OF_KIND[kind] ?? [])]);
    void client.invalidateQueries({ predicate: (query) => roots.has(String(query.queryKey[0])) });
  });
};
