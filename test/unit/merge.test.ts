import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeRecords, newer, type Versioned } from '../../shared/observe/merge';

interface Rec extends Versioned {
  text: string;
}

const ids = ['a', 'b', 'c', 'd'];
const record = fc.record({
  id: fc.constantFrom(...ids),
  // Few distinct instants, so ties (the hard case) are common.
  updatedAt: fc.integer({ min: 0, max: 4 }).map((s) => new Date(Date.UTC(2025, 4, 1, 10, 0, s)).toISOString()),
  text: fc.constantFrom('x', 'y', 'z'),
  deleted: fc.boolean(),
}).map(({ deleted, ...r }): Rec => (deleted ? { ...r, deletedAt: r.updatedAt } : r));
const pack = fc.array(record, { maxLength: 8 });

const mergeAll = (packs: Rec[][]): Rec[] => {
  let state: Rec[] = [];
  for (const p of packs) state = [...mergeRecords(state, p).merged.values()];
  return state.sort((x, y) => x.id.localeCompare(y.id));
};

describe('merging observation packs', () => {
  it('gives the same lesson whatever the order and however often packs are merged', () => {
    fc.assert(
      fc.property(
        fc.array(pack, { minLength: 1, maxLength: 5 }),
        fc.func(fc.integer()),
        fc.array(fc.nat(4), { maxLength: 6 }),
        (packs, shuffleKey, repeats) => {
          const reference = mergeAll(packs);
          const shuffled = [...packs].sort((p, q) => shuffleKey(p) - shuffleKey(q));
          const withRepeats = [...shuffled, ...repeats.map((i) => packs[i % packs.length])];
          expect(mergeAll(withRepeats)).toEqual(reference);
          // Merging the result into itself changes nothing (idempotent).
          const again = mergeRecords(reference, reference);
          expect(again.summary.added + again.summary.updated).toBe(0);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('between two copies of one deletion, keeps the one that still has the text (a pack carries a bare tombstone)', () => {
    // As packed: codes emptied too, which made the bare copy the larger one by canonical form alone.
    const at = '2025-05-01T10:05:00.000Z';
    const full: Rec & { codeIds: string[] } = { id: 'a', updatedAt: at, deletedAt: at, codeIds: ['c1'], text: 'Mia said three quarters is bigger' };
    const bare: Rec & { codeIds: string[] } = { id: 'a', updatedAt: at, deletedAt: at, codeIds: [], text: '' };
    expect(newer(full, bare)).toBe(full);
    expect(newer(bare, full)).toBe(full);
    expect(mergeRecords([full], [bare]).summary).toEqual({ added: 0, updated: 0, unchanged: 1 });
    expect(mergeRecords([bare], [full]).merged.get('a')?.text).toBe('Mia said three quarters is bigger');
  });

  it('keeps the newest edit, lets a tombstone win a tie and counts what changed', () => {
    const old: Rec = { id: 'a', updatedAt: '2025-05-01T10:00:00.000Z', text: 'old' };
    const edited: Rec = { id: 'a', updatedAt: '2025-05-01T10:05:00.000Z', text: 'new' };
    const gone: Rec = { ...edited, deletedAt: edited.updatedAt };
    expect(newer(old, edited)).toBe(edited);
    expect(newer(edited, old)).toBe(edited);
    expect(newer(edited, gone)).toBe(gone);
    const { merged, summary } = mergeRecords([old], [edited, { id: 'b', updatedAt: old.updatedAt, text: 'b' }, old]);
    expect(summary).toEqual({ added: 1, updated: 1, unchanged: 1 });
    expect(merged.get('a')?.text).toBe('new');
  });
});
