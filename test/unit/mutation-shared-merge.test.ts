import { describe, expect, it } from 'vitest';
import { mergeInto, mergeRecords, newer } from '../../shared/observe/merge';

// Tests written from the mutation report of shared/observe/merge (issue 13).

const T = '2025-05-01T10:00:00.000Z';
const LATER = '2025-05-01T10:00:01.000Z';

describe('merging two laptops’ copies of one note', () => {
  it('at the same instant, the same content wins whichever laptop’s copy came first and whatever its key order', () => {
    // Two laptops wrote the same note at the same millisecond with different texts; their
    // JSON has its keys in a different order. Both laptops must keep the same text.
    const fromA = { id: 'n1', updatedAt: T, text: 'Ken counts on his fingers', observer: 'obs-2' };
    const fromB = { observer: 'obs-1', text: 'Ken counts the strips', updatedAt: T, id: 'n1' };
    const winnerAB = newer(fromA, fromB);
    const winnerBA = newer(fromB, fromA);
    expect(winnerAB).toBe(winnerBA);
    // Compared key by key in name order, "observer" decides: "obs-2" > "obs-1".
    expect(winnerAB).toBe(fromA);
  });

  it('keys are compared in name order at every depth', () => {
    const a = { id: 'n1', updatedAt: T, target: { studentId: 's1', kind: 'student' } };
    const b = { id: 'n1', updatedAt: T, target: { kind: 'student', studentId: 's2' } };
    // Sorted, "kind" comes first and is equal, so "studentId" decides: s2 wins.
    expect(newer(a, b)).toBe(b);
    expect(newer(b, a)).toBe(b);
  });

  it('the newer edit wins in either order, and an older one never replaces it', () => {
    const old = { id: 'n1', updatedAt: T, text: 'zzz — sorts last but is older' };
    const edit = { id: 'n1', updatedAt: LATER, text: 'aaa' };
    expect(newer(old, edit)).toBe(edit);
    expect(newer(edit, old)).toBe(edit);
    const map = new Map([[edit.id, edit]]);
    expect(mergeInto(map, old)).toBe('unchanged');
    expect(map.get('n1')).toBe(edit);
  });

  it('a copy that equals the stored one except for key order changes nothing', () => {
    const stored = { id: 'n1', updatedAt: T, text: 'same' };
    const map = new Map([[stored.id, stored]]);
    expect(mergeInto(map, { text: 'same', updatedAt: T, id: 'n1' })).toBe('unchanged');
    expect(map.get('n1')).toBe(stored);
  });

  it('a tie lost by the stored copy replaces it and counts as updated', () => {
    const stored = { id: 'n1', updatedAt: T, text: 'a' };
    const incoming = { id: 'n1', updatedAt: T, text: 'b' };
    const { merged, summary } = mergeRecords([stored], [incoming]);
    expect(summary).toEqual({ added: 0, updated: 1, unchanged: 0 });
    expect(merged.get('n1')).toBe(incoming);
  });
});

describe('the tie-break reads keys in name order, not in the order they were written', () => {
  it('the first key in name order that differs decides, even when both records list it last', () => {
    const x = { updatedAt: T, id: 'n1', b: '2', a: '1' };
    const y = { updatedAt: T, id: 'n1', b: '1', a: '2' };
    // In name order "a" comes first: y's "2" beats x's "1", whatever "b" says.
    expect(newer(x, y)).toBe(y);
    expect(newer(y, x)).toBe(y);
  });
});
