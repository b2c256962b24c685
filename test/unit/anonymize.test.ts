import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anonymizeDeep, collectStudents, createAnonymizer, letterLabel, studentMarker } from '../../shared/report/anonymize';
import { isCommonWordName } from '../../shared/report/name-forms';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const roster = [
  { id: id(1), pseudonym: 'Maya' },
  { id: id(2), pseudonym: 'Ana' },
  { id: id(3), pseudonym: 'Maya Lin' },
  { id: id(4), pseudonym: 'ゆい' },
  { id: id(5), pseudonym: '大翔' },
];

describe('letter labels', () => {
  it('counts A…Z, then AA, AB…, like spreadsheet columns', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(letterLabel)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('gives every index a different label', () => {
    fc.assert(fc.property(fc.nat(5000), fc.nat(5000), (a, b) => a === b || letterLabel(a) !== letterLabel(b)));
  });
});

describe('collecting students', () => {
  it('takes the whole roster, students known only from notes, and seat nicknames — not a free seat', () => {
    const students = collectStudents({
      focusStudents: roster,
      seatingChart: { seats: [{ id: id(10), col: 0, row: 0, studentId: id(1), label: 'Mayachan' }, { id: id(11), col: 1, row: 0, label: 'Table 3' }] },
      observations: [{ target: { kind: 'student', studentId: id(99) } }, { target: { kind: 'class' } }],
    });
    expect(students.map((s) => s.studentId)).toEqual([id(1), id(2), id(3), id(4), id(5), id(99)]);
    expect(students[0].names).toEqual(['Maya', 'Mayachan']);
    expect(students.flatMap((s) => s.names)).not.toContain('Table 3');
  });
});

describe('labels in order of first appearance', () => {
  it('gives Student A to the first student named, not to the first in the alphabet or the roster', () => {
    const anon = createAnonymizer(collectStudents({ focusStudents: roster }));
    expect(anon.text('Maya Lin told Ana')).toBe('Student A told Student B');
    expect(anon.text('Ana and Maya')).toBe('Student B and Student C');
    expect(anon.labelFor(id(5))).toBe('Student D');
    expect(anon.students.map((s) => s.names[0])).toEqual(['Maya Lin', 'Ana', 'Maya', '大翔']);
  });

  it('turns a student marker into that student’s label; an unknown id into the bare prefix', () => {
    const anon = createAnonymizer(collectStudents({ focusStudents: roster, observations: [{ target: { kind: 'student', studentId: id(99) } }] }));
    expect(anon.text(`12:05 · Aiko · ${studentMarker(id(99))} · Ana`)).toBe('12:05 · Aiko · Student A · Student B');
    expect(anon.text(studentMarker('nobody'))).toBe('Student');
  });
});

describe('the forms teachers write a name in', () => {
  const classList = [
    { id: id(1), pseudonym: 'José Luis' },
    { id: id(2), pseudonym: 'Zoë' },
    { id: id(3), pseudonym: 'Mia' },
    { id: id(4), pseudonym: 'Renée' },
    { id: id(5), pseudonym: 'Jose' },
  ];
  const fresh = () => createAnonymizer(collectStudents({ focusStudents: classList }));

  it('finds a two-word name with any space between its parts, and its first part alone', () => {
    expect(fresh().text('José Luis, José  Luis, José\u00a0Luis, José\nLuis, José\u3000Luis')).toBe(
      'Student A, Student A, Student A, Student A, Student A',
    );
  });

  it('finds names without their accents, and accents a name lacks', () => {
    const anon = fresh();
    expect(anon.text('Zoe, ZOË, zoë, Zoe\u0308, Renee, RENÉE')).toBe('Student A, Student A, Student A, Student A, Student B, Student B');
  });

  it('keeps a possessive with its apostrophe, and gives one to a possessive written without', () => {
    expect(fresh().text('Mia’s table, Mia\'s chart, Mias idea, MIA\'S turn; a miasma; Miami')).toBe(
      'Student A’s table, Student A\'s chart, Student A\'s idea, Student A\'s turn; a miasma; Miami',
    );
  });

  it('leaves a name inside another word alone', () => {
    const anon = createAnonymizer(collectStudents({ focusStudents: roster }));
    expect(anon.text('Banana, Anatomy, Mayan, Ana1, Dana')).toBe('Banana, Anatomy, Mayan, Ana1, Dana');
  });

  it('takes a name that is one student’s whole name for that student, not a short form of another’s', () => {
    // "Jose" is student 5's whole name and, without its accent, the first part of "José Luis".
    const anon = fresh();
    expect(anon.text('Jose helped José Luis')).toBe('Student A helped Student B');
    expect(anon.labelFor(id(5))).toBe('Student A');
  });

  it('names every student a shared first name could be, rather than pick one', () => {
    const anon = createAnonymizer(
      collectStudents({ focusStudents: [{ id: id(1), pseudonym: 'José Luis' }, { id: id(2), pseudonym: 'José María' }, { id: id(3), pseudonym: 'Ana' }] }),
    );
    expect(anon.text('Ana asked José.')).toBe('Student A asked Student B or C.');
    expect(anon.text('José María answered.')).toBe('Student C answered.');
    const ja = createAnonymizer(collectStudents({ focusStudents: [{ id: id(1), pseudonym: 'José Luis' }, { id: id(2), pseudonym: 'José María' }] }), { prefix: '児童', or: 'または' });
    expect(ja.text('Joséさん')).toBe('児童 A または B');
  });

  it('does not take an initial or a one-letter part for a name', () => {
    const anon = createAnonymizer(collectStudents({ focusStudents: [{ id: id(1), pseudonym: 'Will B.' }, { id: id(2), pseudonym: 'K Tan' }] }));
    expect(anon.text('B. and K are letters; Will B. and K Tan are students')).toBe('B. and K are letters; Student A and Student B are students');
  });
});

describe('Japanese names', () => {
  const anon = () =>
    createAnonymizer(
      collectStudents({ focusStudents: [{ id: id(1), pseudonym: 'ゆい' }, { id: id(2), pseudonym: '山田 太郎' }, { id: id(3), pseudonym: 'Mia' }] }),
      { prefix: '児童' },
    );

  it('matches inside a sentence without spaces, and replaces the honorific with the name (くん and ちゃん tell boys from girls)', () => {
    expect(anon().text('ゆいさんは「山田くんの考えと同じ」と言った。太郎ちゃんも')).toBe('児童 Aは「児童 Bの考えと同じ」と言った。児童 Bも');
  });

  it('matches the whole name with a full-width space, a space or none between its parts, and honorifics after a romanised name', () => {
    expect(anon().text('山田\u3000太郎君、山田 太郎様、山田太郎、Miaさん、Mia-chan')).toBe('児童 A、児童 A、児童 A、児童 B、児童 B');
  });

  it('finds a Japanese name next to Latin letters (no word boundary between the scripts)', () => {
    expect(anon().text('ゆいPlan, Miaと')).toBe('児童 APlan, 児童 Bと');
  });

  it('keeps kana voicing marks apart: a name does not match the same kana without them', () => {
    const a = createAnonymizer([{ studentId: id(1), names: ['カク'] }]);
    expect(a.text('ガクとカク')).toBe('ガクとStudent A');
  });
});

describe('pseudonyms that are everyday words', () => {
  const anon = () => createAnonymizer(collectStudents({ focusStudents: [{ id: id(1), pseudonym: 'Will' }, { id: id(2), pseudonym: 'May Chen' }, { id: id(3), pseudonym: 'Ana' }] }));

  it('replaces such a name only capitalised and not at a sentence’s start, or as a capitalised possessive', () => {
    expect(anon().text('Will you help? I will. Today Will said “no”. Will’s idea works; will’s not.')).toBe(
      'Will you help? I will. Today Student A said “no”. Student A’s idea works; will’s not.',
    );
  });

  it('treats a line break, a bullet or a colon as a sentence’s start', () => {
    expect(anon().text('Teacher: Will you try?\n• Will it work?\n- Ana and Will did')).toBe('Teacher: Will you try?\n• Will it work?\n- Student A and Student B did');
  });

  it('always replaces the whole name; its everyday first part follows the same rule', () => {
    expect(anon().text('May Chen may try. May I ask? Then May answered.')).toBe('Student A may try. May I ask? Then Student A answered.');
  });

  it('flags a one-word pseudonym that is an everyday word, not a longer pseudonym or an ordinary name', () => {
    expect(['Will', ' grace ', 'MAY', 'Will B.', 'Mia', 'Willa'].map(isCommonWordName)).toEqual([true, true, true, false, false, false]);
  });
});

describe('anonymising a whole value', () => {
  it('rewrites prose and keeps ids, hashes and times', () => {
    const anon = createAnonymizer(collectStudents({ focusStudents: roster }));
    const value = { id: id(1), studentId: id(1), text: 'Maya said 3/4', list: [{ label: 'Ana' }], createdAt: '2025-01-01T00:00:00.000Z', n: 3 };
    expect(anonymizeDeep(value, anon)).toEqual({ ...value, text: 'Student A said 3/4', list: [{ label: 'Student B' }] });
  });

  it('never leaves a roster name or a variant in any text (property)', () => {
    const names = [{ id: id(1), pseudonym: 'Maya Lin' }, { id: id(2), pseudonym: 'Zoë' }, { id: id(3), pseudonym: 'ゆい' }];
    const anon = createAnonymizer(collectStudents({ focusStudents: names }));
    const word = fc.constantFrom('Maya', 'maya', 'MAYA LIN', 'Maya\u00a0Lin', 'Zoe', 'ZOË', 'Zoë’s', 'Zoes', 'ゆい', 'ゆいさん', 'the', 'Banana', ',', ' ', '\n', 'さん', '.');
    fc.assert(
      fc.property(fc.array(word, { maxLength: 30 }), fc.constantFrom(' ', ', ', '\n', '。'), (words, sep) => {
        const out = anon.text(words.join(sep)).normalize('NFD').replace(/\p{M}/gu, '');
        return !/(^|[^\p{L}])(maya|zoe|lin)(?![\p{L}])/iu.test(out.replace(/Student [A-Z]( or [A-Z])*/g, '')) && !out.includes('ゆい');
      }),
    );
  });
});
