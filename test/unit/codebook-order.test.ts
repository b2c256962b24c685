import { describe, expect, it } from 'vitest';
import type { Code } from '../../shared/domain/group';
import { CodebookError, moveCode } from '../../shared/observe/codebook';

const code = (id: string, retired = false): Code => ({ id, label: id.toUpperCase(), color: '#2563eb', retired });
const ids = (codes: Code[]) => codes.map((c) => c.id);

describe('moving a code in the codebook (the order of the capture keys)', () => {
  const book = [code('a'), code('b'), code('x', true), code('c'), code('d')];

  it('swaps a code with its neighbour in use, earlier or later', () => {
    expect(ids(moveCode(book, 'b', 'earlier'))).toEqual(['b', 'a', 'x', 'c', 'd']);
    expect(ids(moveCode(book, 'c', 'later'))).toEqual(['a', 'b', 'x', 'd', 'c']);
  });

  it('steps over a retired code, which keeps its place', () => {
    expect(ids(moveCode(book, 'c', 'earlier'))).toEqual(['a', 'c', 'x', 'b', 'd']);
    expect(ids(moveCode(book, 'b', 'later'))).toEqual(['a', 'c', 'x', 'b', 'd']);
  });

  it('refuses to move past either end, a retired code, or a code that is not there', () => {
    expect(() => moveCode(book, 'a', 'earlier')).toThrow('“A” is already the first code.');
    expect(() => moveCode(book, 'd', 'later')).toThrow('“D” is already the last code.');
    expect(() => moveCode([code('x', true), code('a')], 'a', 'earlier')).toThrow('“A” is already the first code.');
    expect(() => moveCode(book, 'x', 'later')).toThrow('A retired code has no place among the keys; bring it back first.');
    expect(() => moveCode(book, 'nope', 'later')).toThrow(CodebookError);
  });

  it('leaves the codebook it was given unchanged', () => {
    moveCode(book, 'b', 'earlier');
    expect(ids(book)).toEqual(['a', 'b', 'x', 'c', 'd']);
  });
});
