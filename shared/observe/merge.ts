/**
 * Merging observation records from several laptops. Every record has a UUID and an
 * updatedAt; for one id the newest edit wins. Ties are broken by the record's canonical
 * JSON so that merging is commutative, associative and idempotent: packs can be imported
 * in any order, any number of times, and every laptop ends with the same lesson.
 */

export interface Versioned {
  id: string;
  updatedAt: string;
  deletedAt?: string;
}

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );

/** The record that wins between two versions of the same id. */
export const newer = <T extends Versioned>(a: T, b: T): T => {
  const ta = Date.parse(a.updatedAt);
  const tb = Date.parse(b.updatedAt);
  if (ta !== tb) return ta > tb ? a : b;
  // Same instant: a delete wins (a tombstone must not be undone by an equal-time copy),
  // then the larger canonical form, which every laptop computes the same way.
  if (Boolean(a.deletedAt) !== Boolean(b.deletedAt)) return a.deletedAt ? a : b;
  const ca = canonical(a);
  const cb = canonical(b);
  // Two copies of one deletion: the laptop that wrote it keeps the note's text, a pack
  // carries a bare tombstone; the fuller copy wins, so restoring the note there brings the
  // text back. (Longer first, then larger: still one order every laptop computes alike.)
  if (a.deletedAt && ca.length !== cb.length) return ca.length > cb.length ? a : b;
  return ca >= cb ? a : b;
};

export type MergeOutcome = 'added' | 'updated' | 'unchanged';

/** Merge one incoming record into a map in place; says what happened. */
export const mergeInto = <T extends Versioned>(target: Map<string, T>, incoming: T): MergeOutcome => {
  const current = target.get(incoming.id);
  if (!current) {
    target.set(incoming.id, incoming);
    return 'added';
  }
  const winner = newer(current, incoming);
  if (winner === current || canonical(winner) === canonical(current)) return 'unchanged';
  target.set(incoming.id, winner);
  return 'updated';
};

export interface MergeSummary {
  added: number;
  updated: number;
  unchanged: number;
}

export const emptySummary = (): MergeSummary => ({ added: 0, updated: 0, unchanged: 0 });

/** Merge many records; the returned map is new, the inputs are untouched. */
export const mergeRecords = <T extends Versioned>(
  base: Iterable<T>,
  incoming: Iterable<T>,
): { merged: Map<string, T>; summary: MergeSummary } => {
  const merged = new Map<string, T>();
  for (const record of base) mergeInto(merged, record);
  const summary = emptySummary();
  for (const record of incoming) summary[mergeInto(merged, record)] += 1;
  return { merged, summary };
};
