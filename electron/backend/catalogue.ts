import { constants } from 'node:fs';
import { z } from 'zod';
import { Cycle } from '../../shared/domain/cycle';
import { type Group, GroupSummary, summarizeGroup } from '../../shared/domain/group';
import { LessonStudyError } from '../../shared/result';
import { DEFAULT_MAX_BYTES, decodeDocument, encodeDocument, type DocumentKind } from '../storage/document';
import { writeFileDurably } from '../storage/durable-write';
import type { WorkspaceStore } from '../storage/workspace-store';

/**
 * `catalogue.json`: the groups and cycles of a workspace in one small file, so opening a
 * district-sized workspace and listing it reads one file instead of hundreds (and never
 * an observation). It is a cache, never the source of truth:
 *  - every group or cycle write through the store updates it (store change listeners);
 *  - it records each source file's modification time and size; on open every group and
 *    cycle file is stat'ed (cheap: ~1 ms for 220 files) and any file added, removed or changed
 *    behind our back (a hand edit, a sync tool, another app version) is read again,
 *    validated as always — so a damaged file still raises its notice at once;
 *  - files that could not be read are remembered so their notices are raised again;
 *  - a catalogue this version cannot use — written by a newer version, damaged,
 *    unreadable, not a file at all — is rebuilt from the files, and one that cannot be
 *    saved is left for the next open to rebuild: neither ever fails a listing, nor a write
 *    that reached the disk (issue 13). So it is read and written beside the store, never
 *    through it: the store refuses a newer file and quarantines a damaged one, as it must
 *    for the data files themselves.
 * Cycles are cached as digests: every field the dashboard's summary and "next step"
 * read, without the long lists (history, checklists, meetings, responses).
 */
export const cycleDigest = (cycle: Cycle): Cycle => ({
  ...cycle,
  history: [],
  checklists: {} as Cycle['checklists'],
  meetings: [],
  studentResponses: [],
  reflection: {
    ...cycle.reflection,
    practices: [],
    studentsOfConcern: '',
    nextSteps: '',
    researchTheme: cycle.reflection.researchTheme.trim() ? '…' : '',
  },
});

export const CatalogueDocument = z.object({
  /** rel path → "mtimeMs:size" of the file the entry was read from. */
  files: z.record(z.string(), z.string()),
  groups: z.array(GroupSummary),
  cycles: z.array(Cycle),
  unreadable: z.array(z.string()).default([]),
});
export type CatalogueDocument = z.infer<typeof CatalogueDocument>;

export const catalogueKind: DocumentKind<CatalogueDocument> = {
  name: 'catalogue',
  version: 1,
  // Content we wrote ourselves and re-check against the files on every open: checked
  // structurally only, because validating 200 cycles on every start is what it avoids.
  schema: z.object({
    files: z.record(z.string(), z.string()),
    groups: z.array(z.any()).refine((groups) => groups.every((g) => typeof g?.id === 'string' && typeof g?.name === 'string')),
    cycles: z
      .array(z.any())
      .refine((cycles) => cycles.every((c) => typeof c?.id === 'string' && typeof c?.groupId === 'string' && typeof c?.createdAt === 'string')),
    unreadable: z.array(z.string()).default([]),
  }) as unknown as z.ZodType<CatalogueDocument>,
  migrations: [],
};

export const CATALOGUE_PATH = 'catalogue.json';
// Windows has no O_NOFOLLOW.
const READ_NO_FOLLOW = constants.O_RDONLY | ((constants.O_NOFOLLOW as number | undefined) ?? 0);
const FOLDERS = ['groups', 'cycles'] as const;

interface Readers {
  readGroup(rel: string): Promise<Group | null>;
  readCycle(rel: string): Promise<Cycle | null>;
}

export interface Catalogue {
  groups(): Promise<GroupSummary[]>;
  /** Digests (see `cycleDigest`) of a group's cycles, oldest first. */
  cycleDigests(groupId: string): Promise<Cycle[]>;
  /** Settles when background catalogue work is done (called before closing). */
  idle(): Promise<void>;
}

const idOf = (rel: string) => rel.slice(rel.indexOf('/') + 1, -'.json'.length);
const empty = (): CatalogueDocument => ({ files: {}, groups: [], cycles: [], unreadable: [] });

export const createCatalogue = (store: WorkspaceStore, readers: Readers): Catalogue => {
  let state: CatalogueDocument | null = null;
  let loading: Promise<CatalogueDocument> | null = null;
  let pending: Array<[string, object | null]> = [];
  let background: Promise<unknown> = Promise.resolve();

  /** "mtimeMs:size" of the file (or its ops' stamp in a shared workspace), null when it is gone. Synchronous. */
  const stampOf = (rel: string): string | null => store.stamp(rel);

  /** Replace (or drop, for null) the entry of one file. Pure. */
  const withEntry = (doc: CatalogueDocument, rel: string, value: object | null): CatalogueDocument => {
    const id = idOf(rel);
    const next: CatalogueDocument = { ...doc, unreadable: doc.unreadable.filter((r) => r !== rel) };
    if (rel.startsWith('groups/')) {
      const group = (value as { group?: Group } | null)?.group;
      next.groups = [...doc.groups.filter((g) => g.id !== id), ...(group ? [summarizeGroup(group)] : [])];
    } else {
      const cycle = (value as { cycle?: Cycle } | null)?.cycle;
      next.cycles = [...doc.cycles.filter((c) => c.id !== id), ...(cycle ? [cycleDigest(cycle)] : [])];
    }
    return next;
  };

  /** Read one file (validated by the store) into the catalogue; unreadable ones raise a notice. */
  const refresh = async (doc: CatalogueDocument, rel: string): Promise<CatalogueDocument> => {
    try {
      const value = rel.startsWith('groups/') ? await readers.readGroup(rel) : await readers.readCycle(rel);
      const key = rel.startsWith('groups/') ? 'group' : 'cycle';
      const next = withEntry(doc, rel, value ? { [key]: value } : null);
      const stamp = stampOf(rel);
      if (value && stamp) next.files = { ...next.files, [rel]: stamp };
      else {
        next.files = Object.fromEntries(Object.entries(next.files).filter(([r]) => r !== rel));
        if (!value) next.unreadable = [...next.unreadable, rel];
      }
      return next;
    } catch (error) {
      if (!(error instanceof LessonStudyError)) throw error;
      // One unreadable file (e.g. from a newer app version) must not hide the others.
      store.addNotice({ file: rel, kind: 'quarantined', message: error.message });
      const next = withEntry(doc, rel, null);
      next.unreadable = [...next.unreadable, rel];
      next.files = Object.fromEntries(Object.entries(next.files).filter(([r]) => r !== rel));
      return next;
    }
  };

  /** The stored catalogue, or null when it must be rebuilt from the files. */
  const readStored = async (): Promise<CatalogueDocument | null> => {
    const abs = store.abs(CATALOGUE_PATH);
    try {
      // Only a regular file is opened (reading a named pipe would wait forever), and never
      // through a link.
      const info = store.deps.fs.statSync(abs, { throwIfNoEntry: false });
      if (!info?.isFile() || info.size > (catalogueKind.maxBytes ?? DEFAULT_MAX_BYTES)) return null;
      const decoded = decodeDocument(catalogueKind, await store.deps.fs.readFile(abs, { encoding: 'utf8', flag: READ_NO_FOLLOW }));
      return decoded.status === 'ok' ? decoded.value : null;
    } catch {
      return null;
    }
  };

  // Saves run one at a time, each writing the newest state when its turn comes: two
  // group files written at once would otherwise race their catalogue renames, and the
  // older catalogue could land last.
  let saving: Promise<void> = Promise.resolve();
  const persist = (): Promise<void> => {
    if (store.readOnly) return saving;
    saving = saving.then(async () => {
      if (!state) return;
      try {
        // Straight to disk: a cache needs no backups, and its failure no notice.
        await writeFileDurably(store.deps.fs, store.abs(CATALOGUE_PATH), encodeDocument(catalogueKind, state));
      } catch {
        // The write this follows is on disk; the stale catalogue on disk is checked against
        // the files' stamps on the next open, which reads again whatever changed.
      }
    });
    return saving;
  };

  const load = async (): Promise<CatalogueDocument> => {
    if (state) return state;
    loading ??= (async () => {
      const cached = (await readStored()) ?? empty();
      let doc: CatalogueDocument = { ...cached, unreadable: [] };
      const present = (await Promise.all(FOLDERS.map(async (dir) => (await store.list(dir)).map((name) => `${dir}/${name}`)))).flat();
      const stamps = present.map(stampOf);
      let changed = false;
      for (const [i, rel] of present.entries()) {
        if (cached.files[rel] !== undefined && cached.files[rel] === stamps[i]) continue;
        doc = await refresh(doc, rel);
        changed = true;
      }
      for (const rel of Object.keys(cached.files)) {
        if (present.includes(rel)) continue;
        doc = withEntry(doc, rel, null);
        doc.files = Object.fromEntries(Object.entries(doc.files).filter(([r]) => r !== rel));
        changed = true;
      }
      // Writes made while loading are newer than (or equal to) what was read. They are
      // applied and published before any await, so no later change can slip between.
      const missed = pending;
      pending = [];
      for (const [rel, value] of missed) doc = withEntry(doc, rel, value);
      state = doc;
      for (const [rel] of missed) {
        const stamp = stampOf(rel);
        if (stamp) state.files[rel] = stamp;
      }
      if (changed || missed.length || doc.unreadable.length !== cached.unreadable.length) await persist();
      return state;
    })().finally(() => {
      loading = null;
    });
    return loading;
  };

  // Keep the cache in step with every group or cycle write made through the store.
  // This runs inside the written file's queue, so it must never read a group or cycle
  // file itself (that read would wait for this very write): before the catalogue is
  // loaded, changes are only remembered, and applied once loading finishes.
  store.changeListeners.push(async (rel, value) => {
    if (!FOLDERS.some((dir) => rel.startsWith(`${dir}/`))) return;
    if (!state) {
      pending.push([rel, value]);
      background = Promise.resolve().then(load).catch(() => undefined);
      return;
    }
    state = withEntry(state, rel, value);
    const stamp = value ? stampOf(rel) : null;
    state.files = Object.fromEntries(Object.entries(state.files).filter(([r]) => r !== rel));
    if (stamp) state.files[rel] = stamp;
    await persist();
  });

  return {
    groups: async () => [...(await load()).groups].sort((a, b) => a.name.localeCompare(b.name)),
    cycleDigests: async (groupId) =>
      (await load()).cycles.filter((c) => c.groupId === groupId).sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    idle: async () => {
      await background;
      await loading;
      await saving;
    },
  };
};
