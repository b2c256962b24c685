import { describe, expect, it } from 'vitest';
import { anonymizeDeep, collectStudents, createAnonymizer } from '../../shared/report/anonymize';

// Tests written from the mutation report of shared/report/anonymize (issue 13).

describe('who is a student, and in which order', () => {
  it('keeps the roster in the order it is given: labels come from first appearance, not from this order', () => {
    const entries = collectStudents({
      focusStudents: [
        { id: 'id-3', pseudonym: 'ana' },
        { id: 'id-9', pseudonym: 'Bo' },
        { id: 'id-2', pseudonym: 'Ana' },
      ],
    });
    expect(entries.map((e) => e.studentId)).toEqual(['id-3', 'id-9', 'id-2']);
    const anon = createAnonymizer(entries);
    expect(anon.text('Bo, then ana')).toBe('Student A, then Student B or C');
  });

  it('adds seat nicknames once (any case), and students known only from seats or notes after the roster', () => {
    const entries = collectStudents({
      focusStudents: [{ id: 'ken', pseudonym: 'Ken' }],
      seatingChart: {
        seats: [
          { id: 's1', col: 0, row: 0, studentId: 'ken', label: ' KEN ' },
          { id: 's2', col: 1, row: 0, studentId: 'ken', label: 'Kenny' },
          { id: 's3', col: 2, row: 0, studentId: 'zed', label: 'Z' },
          { id: 's4', col: 3, row: 0, studentId: 'ken', label: '   ' },
          { id: 's5', col: 4, row: 0, label: 'Table 2' },
        ],
      },
      observations: [{ target: { kind: 'student', studentId: 'amy' } }, { target: { kind: 'class' } }, { target: { kind: 'student', studentId: 'ken' } }],
    });
    expect(entries).toEqual([
      { studentId: 'ken', names: ['Ken', 'Kenny'] },
      { studentId: 'zed', names: ['Z'] },
      { studentId: 'amy', names: [] },
    ]);
  });
});

describe('replacing names in text', () => {
  it('replaces the longest name first, whatever order the students come in', () => {
    const anon = createAnonymizer([
      { studentId: 'a', names: ['Maya'] },
      { studentId: 'b', names: ['Maya Lin'] },
    ]);
    expect(anon.text('Maya Lin helped Maya')).toBe('Student A helped Student B');
    expect(anon.labelFor('b')).toBe('Student A');
    expect(anon.students.map((s) => [s.studentId, s.label])).toEqual([['b', 'Student A'], ['a', 'Student B']]);
    expect(anon.labelFor('nobody')).toBeUndefined();
  });

  it('matches a name however it is cased or spaced in the roster; a whole name two students share names both', () => {
    const anon = createAnonymizer(
      [
        { studentId: 'a', names: ['  Ken '] },
        { studentId: 'b', names: ['KEN', 'Bo'] },
      ],
      { prefix: '児童' },
    );
    expect(anon.text('ken and Bo and KEN')).toBe('児童 A or B and 児童 B and 児童 A or B');
  });

  it('leaves text alone when there are no names, and keeps an empty text empty', () => {
    expect(createAnonymizer([]).text('Ken counts')).toBe('Ken counts');
    expect(createAnonymizer([{ studentId: 'a', names: ['Ken'] }]).text('')).toBe('');
  });

  it('passes prose through, keeps ids, numbers, nulls and non-plain objects as they are', () => {
    const anon = createAnonymizer([{ studentId: 'ken-id', names: ['Ken'] }]);
    const when = new Date(0);
    const out = anonymizeDeep(
      { text: 'Ken counts', studentId: 'Ken', kind: 'Ken', list: ['Ken', 3, null], nested: { quote: 'Ken: "halves"' }, when },
      anon,
    );
    expect(out).toEqual({ text: 'Student A counts', studentId: 'Ken', kind: 'Ken', list: ['Student A', 3, null], nested: { quote: 'Student A: "halves"' }, when });
    expect(out.when).toBe(when);
  });
});
