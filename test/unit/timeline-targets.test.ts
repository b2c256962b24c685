import { describe, expect, it } from 'vitest';
import { optionsInUse } from '../../shared/observe/filter';

const MIA = '11111111-1111-4111-8111-111111111111';
const KEN = '22222222-2222-4222-8222-222222222222';
const AYA = '33333333-3333-4333-8333-333333333333';

describe('the timeline offers the students its notes are about', () => {
  const options = [
    { key: 'class', label: 'Whole class' },
    { key: `student:${MIA}`, label: 'Mia' },
    { key: `student:${KEN}`, label: 'Ken' },
    { key: `student:${AYA}`, label: 'Aya' },
  ];

  it('offers a student named only in a note about several students', () => {
    const notes = [{ target: { kind: 'students' as const, studentIds: [MIA, KEN] } }];
    expect(optionsInUse(options, notes).map((o) => o.label)).toEqual(['Mia', 'Ken']);
  });

  it('offers the whole class and a single student from their own notes, and no one else', () => {
    const notes = [{ target: { kind: 'class' as const } }, { target: { kind: 'student' as const, studentId: AYA } }];
    expect(optionsInUse(options, notes).map((o) => o.label)).toEqual(['Whole class', 'Aya']);
  });
});
