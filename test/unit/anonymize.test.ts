import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anonymizeDeep, collectStudents, createAnonymizer, letterLabel } from '../../shared/report/anonymize';

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
  it('orders the roster by pseudonym, then students known only from notes, and adds seat nicknames', () => {
    const students = collectStudents({
      focusStudents: roster,
      seatingChart: { seats: [{ id: id(10), col: 0, row: 0, studentId: id(1), label: 'Mayachan' }, { id: id(11), col: 1, row: 0, label: 'Table 3' }] },
      observations: [{ target: { kind: 'student', studentId: id(99) } }, { target: { kind: 'class' } }],
    });
    expect(students.map((s) => s.names[0] ?? s.studentId)).toEqual(['Ana', 'Maya', 'Maya Lin', 'ゆい', '大翔', id(99)]);
    expect(students[1].names).toEqual(['Maya', 'Mayachan']);
    // A free seat label ("Table 3") is a group, not a student.
    expect(students.flatMap((s) => s.names)).not.toContain('Table 3');
  });

  it('is stable: the same cycle gets the same labels whatever order the roster is in', () => {
    const forward = createAnonymizer(collectStudents({ focusStudents: roster }));
    const backward = createAnonymizer(collectStudents({ focusStudents: [...roster].reverse() }));
    for (const s of roster) expect(forward.labelFor(s.id)).toBe(backward.labelFor(s.id));
  });
});

describe('replacing names in free text', () => {
  const anon = createAnonymizer(collectStudents({ focusStudents: roster }));

  it('replaces whole words case-insensitively, longest name first', () => {
    expect(anon.text('Maya Lin told maya: "MAYA, look!"')).toBe('Student C told Student B: "Student B, look!"');
    expect(anon.text("Ana's drawing")).toBe("Student A's drawing");
  });

  it('leaves a name inside another word alone', () => {
    expect(anon.text('Banana, Anatomy, Mayan, Ana1')).toBe('Banana, Anatomy, Mayan, Ana1');
    expect(anon.text('Dana asked Ana.')).toBe('Dana asked Student A.');
  });

  it('replaces Japanese names inside Japanese sentences', () => {
    expect(anon.text('ゆいさんは「大翔くんの考えと同じ」と言った。')).toBe('Student Dさんは「Student Eくんの考えと同じ」と言った。');
    expect(anon.text('Mayaさんが説明した')).toBe('Student Bさんが説明した');
  });

  it('uses the prefix it is given', () => {
    const ja = createAnonymizer(collectStudents({ focusStudents: roster }), { prefix: '児童' });
    expect(ja.text('ゆいさん')).toBe('児童 Dさん');
  });

  it('matches names written in another Unicode normal form', () => {
    const a = createAnonymizer([{ studentId: id(1), names: ['Zoë'] }]);
    expect(a.text('Zoe\u0308 said so')).toBe('Student A said so');
  });

  it('never leaves a roster name in any text (property)', () => {
    const word = fc.constantFrom('Maya', 'maya', 'ANA', 'Maya Lin', 'ゆい', '大翔', 'the', 'Banana', ',', ' ', 'さん', '.');
    fc.assert(
      fc.property(fc.array(word, { maxLength: 30 }), (words) => {
        const out = anon.text(words.join(' '));
        return !/(^|[^\p{L}])(maya|ana)(?![\p{L}])/iu.test(out) && !out.includes('ゆい') && !out.includes('大翔');
      }),
    );
  });
});

describe('anonymising a whole value', () => {
  it('rewrites prose and keeps ids, hashes and times', () => {
    const anon = createAnonymizer(collectStudents({ focusStudents: roster }));
    const value = { id: id(1), studentId: id(1), text: 'Maya said 3/4', list: [{ label: 'Ana' }], createdAt: '2025-01-01T00:00:00.000Z', n: 3 };
    expect(anonymizeDeep(value, anon)).toEqual({ ...value, text: 'Student B said 3/4', list: [{ label: 'Student A' }] });
  });
});
