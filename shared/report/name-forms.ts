/**
 * How teachers write a student's name, and finding those forms in free text.
 *
 * Text and names are compared in a folded form: compatibility-decomposed (NFKD, so a
 * full-width "Ｍｉａ" is "Mia" and a non-breaking or ideographic space is a space),
 * accents dropped ("Zoë", "Zoe" and "ZOE" are one name; the kana voicing marks are kept,
 * or "ガク" would be "カク"), lower-cased, and every apostrophe written as "'". A match in
 * the folded text is mapped back to the original text, which is what gets replaced.
 *
 * The forms of a name:
 * - the whole name, its parts separated by any whitespace (two spaces, a line break, a
 *   non-breaking space); between two Japanese parts no space at all ("山田太郎");
 * - the first part alone ("José" for "José Luis"); for a Japanese name every part alone
 *   (teachers write the family name with さん as often as the given name with ちゃん);
 *   never a part of one letter or an initial ("B." of "Will B.");
 * - each followed by a possessive ("Mia's", "Mia’s", "Mias") or an honorific
 *   (さん, くん, 君, ちゃん, 様, 氏, -san, -kun, -chan), which the label replaces too: "くん"
 *   and "ちゃん" would tell a boy from a girl.
 *
 * "Whole word": a name is not found inside a longer word of a script written with
 * spaces ("Ana" stays in "Banana"). Japanese and Chinese have no spaces, so next to Han,
 * Hiragana or Katakana characters a name always matches; the cost is that a CJK name
 * written inside a longer CJK word is replaced too.
 */

/**
 * Pseudonyms that are also everyday words. Replacing them everywhere would rewrite
 * ordinary sentences ("Will you help? I will."), so for these only a capitalised word
 * that does not start a sentence is taken for the name (see `isNameHere`), and the
 * roster suggests another pseudonym.
 */
export const COMMON_WORD_NAMES: ReadonlySet<string> = new Set([
  'will', 'may', 'grace', 'bill', 'mark', 'hope', 'joy', 'faith', 'rose', 'june', 'april', 'august', 'summer',
  'dawn', 'rich', 'sue', 'pat', 'art', 'ray', 'max', 'jack', 'frank', 'drew', 'guy', 'miles', 'penny', 'rob',
  'sandy', 'chase', 'sky', 'ivy', 'holly', 'lily', 'daisy', 'ruby', 'pearl', 'amber', 'iris', 'violet', 'autumn',
  'river', 'sage', 'storm', 'hunter', 'bob', 'carol', 'gene', 'jean', 'sunny', 'cash', 'reed', 'wade', 'norm',
]);

const CJK_CLASS = '[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}]';
const CJK = new RegExp(CJK_CLASS, 'u');
/** A letter, mark, digit or underscore of a script written with spaces (CJK characters are boundaries). */
const WORD_CHAR = '(?![\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}])[\\p{L}\\p{M}\\p{N}_]';
const APOSTROPHES = /[’‘ʼ＇`´]/g;

/** A string in the folded form, and for each of its code units the index in the original it came from. */
export interface FoldedText {
  folded: string;
  origin: number[];
}

const foldChar = (char: string): string =>
  // ASCII, most of most notes, the quick way (the same result as the general one).
  char.length === 1 && char.charCodeAt(0) < 0x80
    ? char === '`'
      ? "'"
      : char.toLowerCase()
    : char
    .normalize('NFKD')
    .replace(/(?![\u3099\u309A])\p{M}/gu, '')
    .replace(APOSTROPHES, "'")
    .toLowerCase();

export const foldText = (text: string): FoldedText => {
  let folded = '';
  const origin: number[] = [];
  let index = 0;
  for (const char of text) {
    const f = foldChar(char);
    folded += f;
    for (let i = 0; i < f.length; i += 1) origin.push(index);
    index += char.length;
  }
  return { folded, origin };
};

/** The folded form of a name, as a lookup key: its parts without the spaces between them. */
export const nameKey = (parts: readonly string[]): string => parts.join('');

const partsOf = (name: string): string[] => foldText(name.trim()).folded.split(/\s+/).filter(Boolean);

export type FormKind = 'full' | 'short';
export interface NameForm {
  parts: string[];
  kind: FormKind;
}

/** Every form a name is written in (see the module comment). */
export const formsOf = (name: string): NameForm[] => {
  const parts = partsOf(name);
  if (!parts.length) return [];
  const forms: NameForm[] = [{ parts, kind: 'full' }];
  if (parts.length > 1) {
    const usable = (part: string) => [...part].length > 1 && !part.endsWith('.');
    const alone = parts.every((p) => CJK.test(p)) ? parts : [parts[0]];
    for (const part of alone) if (usable(part)) forms.push({ parts: [part], kind: 'short' });
  }
  return forms;
};

/**
 * True when a one-word pseudonym is also an everyday word (the list above): the roster
 * suggests another. "Will B." is not flagged: written whole it is always replaced, and
 * "Will" alone follows the everyday-word rule (`isNameHere`).
 */
export const isCommonWordName = (name: string): boolean => {
  const parts = partsOf(name);
  return parts.length === 1 && COMMON_WORD_NAMES.has(parts[0]);
};

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const formPattern = (parts: readonly string[]): string =>
  parts
    .map(escapeRegExp)
    .reduce((out, part, i) => (i === 0 ? part : `${out}${CJK.test(parts[i - 1]) && CJK.test(parts[i]) ? '\\s*' : '\\s+'}${part}`), '');

/**
 * One regular expression for all forms, longest first, on folded text. Groups: 1 the
 * name, 2 a possessive, 3 an honorific.
 */
export const formsRegExp = (forms: ReadonlyArray<readonly string[]>): RegExp | null => {
  if (!forms.length) return null;
  const sorted = [...forms].sort((a, b) => nameKey(b).length - nameKey(a).length || nameKey(a).localeCompare(nameKey(b)));
  const names = sorted.map(formPattern).join('|');
  // A boundary is needed only on a side where the name has a letter of a spaced script:
  // "ゆい" is found in "ゆいBanana", "Ana" not in "Banana".
  const before = `(?:(?=${CJK_CLASS})|(?<!${WORD_CHAR}))`;
  const after = `(?:(?<=${CJK_CLASS})|(?!${WORD_CHAR}))`;
  return new RegExp(`${before}(${names})(?:('s|s)|(-(?:san|kun|chan)|さん|くん|君|ちゃん|様|氏))?${after}`, 'gu');
};

/** Where a sentence begins: before a word only spaces, quotes or a bullet, after a full stop, a colon or a line break. */
const startsSentence = (text: string, at: number): boolean => {
  for (let i = at - 1; i >= 0; i -= 1) {
    const c = text[i];
    if (c === '\n' || c === '\r') return true;
    if (/[\s"'“‘«([「『•*\-–—]/u.test(c)) continue;
    return /[.!?…:;。！？]/u.test(c);
  }
  return true;
};

/**
 * Whether a match of an everyday-word name is the name: written with a capital and not
 * at the start of a sentence ("Today Will said" yes; "Will you help?" and "I will" no),
 * or a capitalised possessive anywhere ("Will's idea").
 */
export const isNameHere = (original: string, start: number, matched: string, possessive: boolean): boolean => {
  const first = matched.charAt(0);
  if (first === first.toLowerCase()) return false;
  return possessive || !startsSentence(original, start);
};
