import { LessonStudyError } from '../../shared/result';
import type { DocumentKind } from '../storage/document';
import type { BackendContext } from './context';

/** Errors of one file that a listing reports and goes past: the file is damaged or newer. */
const DAMAGED: ReadonlySet<string> = new Set(['corrupt-file', 'newer-schema']);

/**
 * One kind of workspace document that holds one domain value under one property,
 * `{ "schemaVersion": n, "<field>": {...} }`, at `<dir>/<id>.json`.
 */
export interface RepositorySpec<F extends string, T extends { updatedAt: string }> {
  kind: DocumentKind<Record<F, T>>;
  field: F;
  dir: string;
  /** The id a value is saved under (the file name without `.json`). */
  idOf: (value: T) => string;
  /** What a teacher is told when the document is not (or no longer) there. */
  notFound: string;
  /** Runs on every change before it is written; throws to refuse it (a design's saved versions). */
  check?: (before: T, after: T) => void;
}

export interface UpdateOptions<T> {
  /** The value to change when no document is saved yet; without it a missing document is `not-found`. */
  orElse?: T | null;
  /** A message for a missing document that says more than the kind's own. */
  notFound?: string;
}

export interface ListOptions {
  /** Which refused reads a listing goes past: damaged or newer files (default), or any LessonStudyError. */
  goPast?: 'damaged' | 'unreadable';
  /** Name each file gone past in a notice (default true). */
  notice?: boolean;
}

/** Methods are plain functions of the context (no `this`), so a feature may export them by name. */
export interface DocumentRepository<F extends string, T extends { updatedAt: string }> {
  readonly kind: DocumentKind<Record<F, T>>;
  readonly dir: string;
  readonly path: (id: string) => string;
  /** The saved value, or null when there is none. */
  readonly find: (ctx: BackendContext, id: string) => Promise<T | null>;
  /** The saved value, or `not-found`. */
  readonly load: (ctx: BackendContext, id: string) => Promise<T>;
  /** Write a whole value (a new one, or an undo) under its id. */
  readonly save: (ctx: BackendContext, value: T) => Promise<T>;
  /** Read-modify-write under the file's write queue; `change` must not mutate its argument. */
  readonly update: (ctx: BackendContext, id: string, change: (current: T) => T, options?: UpdateOptions<T>) => Promise<T>;
  /** Like update, stamping `updatedAt` with the context's clock. */
  readonly change: (ctx: BackendContext, id: string, change: (current: T) => T, options?: UpdateOptions<T>) => Promise<T>;
  /** Every readable value in the folder; an unreadable file is set aside, not fatal. */
  readonly listAll: (ctx: BackendContext, options?: ListOptions) => Promise<T[]>;
  /** Move the document into the trash. */
  readonly remove: (ctx: BackendContext, id: string) => Promise<void>;
}

/**
 * The load / save / change / list / remove code every document kind of the backend
 * shares, so each feature states only what is its own: its schema, folder and wording.
 */
export const createRepository = <F extends string, T extends { updatedAt: string }>(
  spec: RepositorySpec<F, T>,
): DocumentRepository<F, T> => {
  const path = (id: string) => `${spec.dir}/${id}.json`;
  const wrap = (value: T) => ({ [spec.field]: value }) as Record<F, T>;

  const find = async (ctx: BackendContext, id: string) => (await ctx.store.read(spec.kind, path(id)))?.[spec.field] ?? null;

  const update = async (ctx: BackendContext, id: string, change: (current: T) => T, options: UpdateOptions<T> = {}) => {
    const doc = await ctx.store.update(spec.kind, path(id), (current) => {
      const before = current ? current[spec.field] : options.orElse;
      if (!before) throw new LessonStudyError('not-found', options.notFound ?? spec.notFound);
      const after = change(before);
      spec.check?.(before, after);
      return wrap(after);
    });
    return doc[spec.field];
  };

  return {
    kind: spec.kind,
    dir: spec.dir,
    path,
    find,

    async load(ctx, id) {
      const value = await find(ctx, id);
      if (!value) throw new LessonStudyError('not-found', spec.notFound);
      return value;
    },

    save: async (ctx, value) => (await ctx.store.write(spec.kind, path(spec.idOf(value)), wrap(value)))[spec.field],

    update,

    change: (ctx, id, change, options) =>
      update(ctx, id, (current) => ({ ...change(current), updatedAt: ctx.clock().toISOString() }), options),

    async listAll(ctx, { goPast = 'damaged', notice = true } = {}) {
      const values: T[] = [];
      for (const name of await ctx.store.list(spec.dir)) {
        const rel = `${spec.dir}/${name}`;
        try {
          const doc = await ctx.store.read(spec.kind, rel);
          if (doc) values.push(doc[spec.field]);
        } catch (error) {
          // A damaged or newer file is set aside and named in a notice; any other failure
          // (a read refused for a moment) fails the whole listing, so a deletion built on it
          // never leaves part of a group behind.
          if (!(error instanceof LessonStudyError) || (goPast === 'damaged' && !DAMAGED.has(error.code))) throw error;
          if (notice) ctx.store.addNotice({ file: rel, kind: 'quarantined', message: error.message });
        }
      }
      return values;
    },

    remove: (ctx, id) => ctx.store.remove(path(id)),
  };
};
