import { describe, expect, it } from 'vitest';
import { activeRoster, focusStudentsOf, namesFromPaste, RosterStudent } from '../../shared/domain/group';
import { anonymizeDeep, collectStudents, createAnonymizer } from '../../shared/report/anonymize';

const student = (id: string, pseudonym: string, flags: Partial<RosterStudent> = {}): RosterStudent =>
  RosterStudent.parse({ id: `00000000-0000-4000-8000-00000000000${id}`, pseudonym, ...flags });

const roster = [
  student('1', 'Leo', { focus: true, concern: true }),
  student('2', 'Mia'),
  student('3', 'さくら', { focus: true }),
  student('4', 'Old Sam', { focus: true, retired: true }),
];

describe('a roster student', () => {
  it('is neither focus nor concern unless the group says so', () => {
    expect(RosterStudent.parse({ id: '00000000-0000-4000-8000-000000000009', pseudonym: 'Ana' })).toEqual({
      id: '00000000-0000-4000-8000-000000000009',
      pseudonym: 'Ana',
      focus: false,
      concern: false,
      concerns: '',
      supportsNow: '',
      supportsPlanned: '',
      retired: false,
    });
  });

  it('needs a pseudonym of at most 60 characters', () => {
    expect(RosterStudent.safeParse({ id: '00000000-0000-4000-8000-000000000009', pseudonym: '' }).success).toBe(false);
    expect(RosterStudent.safeParse({ id: '00000000-0000-4000-8000-000000000009', pseudonym: 'x'.repeat(61) }).success).toBe(false);
  });
});

describe('who the roster offers', () => {
  it('offers every student still in the class, and the flagged ones as focus students', () => {
    expect(activeRoster(roster).map((s) => s.pseudonym)).toEqual(['Leo', 'Mia', 'さくら']);
    expect(focusStudentsOf(roster).map((s) => s.pseudonym)).toEqual(['Leo', 'さくら']);
  });
});

describe('pasting a class list', () => {
  it('reads one name per line, tidies spaces and skips blank lines', () => {
    expect(namesFromPaste('  Ana \r\n\nBen   Cruz\n\t\n山田 花子\n', [])).toEqual({
      add: ['Ana', 'Ben Cruz', '山田 花子'],
      alreadyOnRoster: [],
      tooLong: [],
    });
  });

  it('skips names already on the roster or twice in the paste, whatever the case or width', () => {
    expect(namesFromPaste('leo\nＭｉａ\nKai\nkai\nさくら\nOld Sam', roster)).toEqual({
      add: ['Kai', 'Old Sam'],
      alreadyOnRoster: ['leo', 'Ｍｉａ', 'kai', 'さくら'],
      tooLong: [],
    });
  });

  it('reports a name longer than a pseudonym may be instead of cutting it', () => {
    const long = 'あ'.repeat(61);
    expect(namesFromPaste(`${long}\nいろは`, [])).toEqual({ add: ['いろは'], alreadyOnRoster: [], tooLong: [long] });
  });
});

describe('anonymising the report', () => {
  it('replaces every roster student, focus or not, labelled in order of first appearance', () => {
    const anonymizer = createAnonymizer(collectStudents({ focusStudents: roster }));
    const text = 'Mia showed Leo her strip; さくら and Old Sam agreed.';
    expect(anonymizeDeep({ note: text }, anonymizer)).toEqual({ note: 'Student A showed Student B her strip; Student C and Student D agreed.' });
  });
});
