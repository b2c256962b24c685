import type { Conflict, MergedDoc } from './merge';
import { canonicalJson, elementSegment, escapeKey, isElementSegment, type Op } from './ops';

/**
 * The ops that turn a document as this device last merged it (`before`) into what the
 * app saves now (`after`), at the finest place that changed:
 * - objects are compared field by field, so edits of different fields merge;
 * - a list of records with ids (a plan's steps, a group's members) is compared record by
 *   record (`#<id>` in the path), and its order is one `list` op, written only when a
 *   record was added or the survivors' order changed — so step 3's key question and step
 *   5's title merge, and a reorder does not conflict with an edit inside a step;
 * - anything else (text, numbers, a list of words) is one value.
 * Each op's `base` is what the writer's merge showed as current there (`doc.heads` /
 * `doc.within`): so a sequential edit replaces, a concurrent one is a conflict.
 */

export interface DocRef {
  kind: string;
  id: string;
}

/** What the writer's merge knows of the document; `null` for a document it has never seen. */
type Seen = Pick<MergedDoc, 'heads' | 'within'> | null;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A list of records each with a unique string id (an empty list counts). */
const isKeyedList = (value: unknown): value is Array<Record<string, unknown> & { id: string }> => {
  if (!Array.isArray(value)) return false;
  const ids = new Set<string>();
  for (const item of value) {
    if (!isRecord(item) || typeof item.id !== 'string' || item.id === '' || ids.has(item.id)) return false;
    ids.add(item.id);
  }
  return true;
};

const same = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

const opWriter = (ref: DocRef, seen: Seen, next: () => string) => {
  const out: Op[] = [];
  const heads = (path: string[]) => seen?.heads(path) ?? [];
  const within = (path: string[]) => seen?.within(path) ?? [];
  const emit = (path: string[], op: Op['op'], base: string[], value?: unknown): void => {
    const entry: Op = { hlc: next(), kind: ref.kind, doc: ref.id, path, op, base: [...new Set(base)] };
    if (value !== undefined) entry.value = value;
    out.push(entry);
  };

  /** Write a whole value at `path`, replacing `base`; records and keyed lists are written field by field. */
  const write = (path: string[], value: unknown, base: string[]): void => {
    if (value === undefined) {
      emit(path, 'del', base);
    } else if (isRecord(value)) {
      emit(path, 'add', base);
      const inElement = path.length > 0 && isElementSegment(path[path.length - 1]);
      for (const [key, field] of Object.entries(value)) {
        if (inElement && key === 'id') continue;
        if (field !== undefined) write([...path, escapeKey(key)], field, within([...path, escapeKey(key)]));
      }
    } else if (isKeyedList(value) && value.length > 0) {
      emit(path, 'list', base, value.map((item) => item.id));
      for (const item of value) write([...path, elementSegment(item.id)], item, within([...path, elementSegment(item.id)]));
    } else {
      emit(path, 'set', base, value);
    }
  };

  const compare = (path: string[], was: unknown, now: unknown): void => {
    if (same(was, now)) return;
    if (isRecord(was) && isRecord(now)) {
      const inElement = path.length > 0 && isElementSegment(path[path.length - 1]);
      for (const key of new Set([...Object.keys(was), ...Object.keys(now)])) {
        if (inElement && key === 'id') continue;
        compare([...path, escapeKey(key)], was[key], now[key]);
      }
    } else if (isKeyedList(was) && isKeyedList(now) && (was.length > 0 || now.length > 0)) {
      compareList(path, was, now);
    } else if (now === undefined) {
      emit(path, 'del', within(path));
    } else {
      write(path, now, within(path));
    }
  };

  const compareList = (path: string[], was: Array<{ id: string }>, now: Array<{ id: string }>): void => {
    const nowIds = now.map((item) => item.id);
    const wasById = new Map(was.map((item) => [item.id, item]));
    const kept = new Set(nowIds);
    const survivors = was.map((item) => item.id).filter((id) => kept.has(id));
    const added = nowIds.some((id) => !wasById.has(id));
    const survivorsNow = nowIds.filter((id) => wasById.has(id));
    // Deleting alone needs no order op: a tombstoned record drops out of every order.
    if (added || survivors.some((id, i) => id !== survivorsNow[i])) emit(path, 'list', heads(path), nowIds);
    for (const item of was) {
      if (!kept.has(item.id)) emit([...path, elementSegment(item.id)], 'del', within([...path, elementSegment(item.id)]));
    }
    for (const item of now) {
      const at = [...path, elementSegment(item.id)];
      const old = wasById.get(item.id);
      if (old === undefined) write(at, item, within(at));
      else compare(at, old, item);
    }
  };

  /** The ops, marked as one save when there are several (see ops.ts). */
  const done = (): Op[] => (out.length < 2 ? out : out.map((op) => ({ ...op, save: out[0].hlc, of: out.length })));
  return { done, write, compare, within };
};

export const diffDocument = (
  ref: DocRef,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  seen: Seen,
  next: () => string,
): Op[] => {
  const writer = opWriter(ref, seen, next);
  if (before === null && after === null) return [];
  if (after === null || before === null) writer.write([], after ?? undefined, writer.within([]));
  else writer.compare([], before, after);
  return writer.done();
};

/**
 * Settle a conflict with one of its candidates (or a value the group typed instead): one
 * op replacing every candidate, then the chosen value written out again, so the place has
 * one current value on every device.
 */
export const resolveConflict = (
  doc: Pick<MergedDoc, 'heads' | 'within'>,
  conflict: Conflict,
  choice: { candidate: number } | { value: unknown },
  next: () => string,
): Op[] => {
  const ref = { kind: conflict.kind, id: conflict.id };
  let chosen: unknown;
  if ('candidate' in choice) {
    const candidate = conflict.candidates[choice.candidate];
    if (!candidate) throw new Error(`This conflict has ${conflict.candidates.length} candidates; there is no candidate ${choice.candidate}.`);
    chosen = candidate.deleted ? undefined : candidate.value;
  } else {
    chosen = choice.value;
  }
  const path = conflict.path;
  if (conflict.reason === 'order') {
    if (!Array.isArray(chosen) || !chosen.every((id) => typeof id === 'string')) throw new Error('An order is a list of ids.');
    return [{ hlc: next(), kind: ref.kind, doc: ref.id, path, op: 'list', value: chosen, base: doc.heads(path) }];
  }
  // One op replaces everything current at and below the place; the rest write the chosen value afresh.
  const writer = opWriter(ref, doc, next);
  writer.write(path, chosen, writer.within(path));
  return writer.done();
};
