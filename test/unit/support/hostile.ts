import fc from 'fast-check';

/**
 * Content that valid requests may carry and that breaks naive code: text that XML, JSON,
 * CSV, RTL rendering or Unicode normalisation chokes on. Every value is a JS string a
 * `z.string()` accepts, so a request carrying it still passes the contract.
 */
export const HOSTILE_PIECES = [
  '\uFFFE', // a noncharacter; illegal in XML
  '\uFFFF',
  '\uD800', // a lone high surrogate: not well-formed UTF-16, escaped by JSON.stringify
  '\uDFFF', // a lone low surrogate
  '\u202E', // right-to-left override
  '\u200D', // zero-width joiner
  '\u200B',
  '\u0000', // NUL
  '\u0007',
  '\u001B[31m',
  'e\u0301', // combining acute accent
  'a\u0308\u0323',
  '🙂',
  '👩‍👩‍👧‍👦', // joined by ZWJ
  '🇯🇵',
  '授業研究',
  'ゆいさんの考え',
  'ｶﾀｶﾅ',
  'עברית',
  '\u2028',
  '\r\n',
  '\t',
  '"',
  '\\',
  "'",
  '</w:t><w:t>',
  ']]>',
  '<script>alert(1)</script>',
  '&amp;',
  '=HYPERLINK("x")',
  '${x}',
  '%s%n',
  '../..',
  '\uFEFF',
  ' ',
] as const;

/** Starts of non-empty text: a visible character `trim()` never removes. */
const VISIBLE = ['A', '日', '🙂', 'e\u0301', '\u202Ex', 'ゆ'] as const;

/** `unit` repeated to exactly `length` code units (a surrogate pair may be cut: also hostile). */
const fill = (unit: string, length: number): string => unit.repeat(Math.ceil(length / Math.max(1, unit.length))).slice(0, length);

/**
 * Hostile text of at most `max` UTF-16 code units: a few pieces, or pieces repeated to
 * within three units of `max` (the longest a field accepts). `nonEmpty` for fields with
 * `.min(1)`, which are trimmed first: the text starts with a visible character.
 */
export const hostileText = (max: number, nonEmpty = false): fc.Arbitrary<string> => {
  const piece = fc.constantFrom(...HOSTILE_PIECES);
  const short = fc.array(piece, { maxLength: 8 }).map((pieces) => pieces.join('').slice(0, max));
  const nearMax = fc
    .tuple(fc.array(piece, { minLength: 1, maxLength: 4 }), fc.nat(3))
    .map(([pieces, less]) => fill(pieces.join(''), Math.max(0, max - less)));
  const body = fc.oneof(short, nearMax);
  return nonEmpty ? fc.tuple(fc.constantFrom(...VISIBLE), body).map(([start, rest]) => (start + rest).slice(0, max)) : body;
};

/** One id: mostly from the pools given (real records, of this group or another), sometimes unknown. */
export const idFrom = (...pools: ReadonlyArray<readonly string[]>): fc.Arbitrary<string> => {
  const known = pools.flat();
  const unknown = fc.uuid({ version: 4 });
  return known.length ? fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: unknown }) : unknown;
};

/** A list of ids, often with duplicates, never longer than `max`. */
export const idList = (id: fc.Arbitrary<string>, max: number, minLength = 0): fc.Arbitrary<string[]> =>
  fc
    .oneof(
      fc.array(id, { minLength, maxLength: 5 }),
      fc.array(id, { minLength: Math.max(1, minLength), maxLength: 3 }).map((ids) => [...ids, ...ids, ids[0]]),
    )
    .map((ids) => ids.slice(0, max));

/** An ISO timestamp as the app writes it. */
export const isoTime = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString());
