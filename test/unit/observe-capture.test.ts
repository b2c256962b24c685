import { describe, expect, it } from 'vitest';
import { defaultCodebook } from '../../shared/domain/codebook';
import {
  clockMsAt,
  formatClock,
  pauseClock,
  shiftStep,
  startClock,
  stepIndexAt,
  stoppedClock,
} from '../../shared/observe/clock';
import { activeCodes, addCode, changeCode, codeLabel } from '../../shared/observe/codebook';
import { addSeat, groupLabels, moveSeat, resizeChart } from '../../shared/observe/seating';
import { nextUpdatedAt, stampObservation, toggleCode } from '../../shared/observe/stamp';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('lesson clock', () => {
  it('counts only running time across pause and resume', () => {
    let clock = startClock(stoppedClock, 1_000);
    expect(clockMsAt(clock, 61_000)).toBe(60_000);
    clock = pauseClock(clock, 61_000);
    expect(clockMsAt(clock, 500_000)).toBe(60_000);
    clock = startClock(clock, 500_000);
    expect(clockMsAt(clock, 530_000)).toBe(90_000);
    expect(formatClock(90_000)).toBe('1:30');
    expect(formatClock(3_725_000)).toBe('1:02:05');
  });
});

describe('step advance by planned minutes', () => {
  const steps = [{ minutes: 5 }, { minutes: 20 }, { minutes: 10 }];
  it('advances when a step’s planned minutes have passed and stays on the last step', () => {
    expect(stepIndexAt(steps, 0)).toBe(0);
    expect(stepIndexAt(steps, 5 * 60_000 - 1)).toBe(0);
    expect(stepIndexAt(steps, 5 * 60_000)).toBe(1);
    expect(stepIndexAt(steps, 25 * 60_000)).toBe(2);
    expect(stepIndexAt(steps, 300 * 60_000)).toBe(2);
    expect(stepIndexAt([], 1000)).toBe(-1);
  });
  it('a manual change starts the chosen step now, and auto-advance continues from there', () => {
    // At 2 minutes the teacher has already moved on: one key goes to step 2.
    const anchor = shiftStep(steps, 2 * 60_000, { index: 0, atMs: 0 }, +1);
    expect(anchor).toEqual({ index: 1, atMs: 120_000 });
    expect(stepIndexAt(steps, 21 * 60_000, anchor)).toBe(1);
    expect(stepIndexAt(steps, 22 * 60_000, anchor)).toBe(2);
    // And back again: never before the first step.
    expect(shiftStep(steps, 0, { index: 0, atMs: 0 }, -1).index).toBe(0);
    expect(shiftStep(steps, 0, { index: 2, atMs: 0 }, +1).index).toBe(2);
  });
});

describe('stamping a note', () => {
  it('stamps clock time, wall time, step and observer, and trims the text', () => {
    const note = stampObservation(
      { text: '  “I split it into quarters”  ', target: { kind: 'class' }, codeIds: [uuid(9), uuid(9)], photos: [] },
      { id: uuid(1), cycleId: uuid(2), observerId: uuid(3), clockMs: 61_234.6, now: new Date('2025-05-01T10:00:00.000Z'), stepId: uuid(4) },
    );
    expect(note).toMatchObject({
      id: uuid(1),
      cycleId: uuid(2),
      observerId: uuid(3),
      clockMs: 61_235,
      wallTime: '2025-05-01T10:00:00.000Z',
      stepId: uuid(4),
      text: '“I split it into quarters”',
      codeIds: [uuid(9)],
      createdAt: '2025-05-01T10:00:00.000Z',
      updatedAt: '2025-05-01T10:00:00.000Z',
    });
    expect(note.deletedAt).toBeUndefined();
  });
  it('toggles codes and keeps edits strictly newer', () => {
    expect(toggleCode([], 'a')).toEqual(['a']);
    expect(toggleCode(['a', 'b'], 'a')).toEqual(['b']);
    const now = new Date('2025-05-01T10:00:00.000Z');
    expect(nextUpdatedAt('2025-05-01T10:00:00.000Z', now)).toBe('2025-05-01T10:00:00.001Z');
    expect(nextUpdatedAt('2025-05-01T09:00:00.000Z', now)).toBe('2025-05-01T10:00:00.000Z');
  });
});

describe('codebook changes', () => {
  let n = 100;
  const book = defaultCodebook(() => uuid(n++));
  it('starts with the defaults and the mathematical-argument rubric', () => {
    expect(book.map((c) => c.label)).toEqual(expect.arrayContaining(['Misconception', 'Claim', 'Justification', 'Conjecture']));
    expect(book.filter((c) => c.rubric === 'Mathematical argument')).toHaveLength(5);
  });
  it('adds, renames, recolours and retires; a retired code keeps its label for old notes', () => {
    let next = addCode(book, { id: uuid(1), label: ' Representation ', color: '#123456' });
    expect(next.at(-1)).toMatchObject({ label: 'Representation', color: '#123456', retired: false });
    expect(() => addCode(next, { id: uuid(2), label: 'misconception', color: '#000000' })).toThrow(/already has/);
    next = changeCode(next, uuid(1), { label: 'Representations', color: '#abcdef' });
    expect(next.find((c) => c.id === uuid(1))).toMatchObject({ label: 'Representations', color: '#abcdef' });
    next = changeCode(next, uuid(1), { retired: true });
    expect(activeCodes(next).some((c) => c.id === uuid(1))).toBe(false);
    expect(codeLabel(next, uuid(1))).toBe('Representations');
    // A retired label may be reused by a new code.
    expect(() => addCode(next, { id: uuid(3), label: 'Representations', color: '#000000' })).not.toThrow();
    expect(() => changeCode(next, uuid(1), { label: '  ' })).toThrow(/needs a label/);
  });
});

describe('seating chart', () => {
  it('places seats once per cell, swaps on move and keeps seats when the grid shrinks', () => {
    let chart = { cols: 4, rows: 3, seats: [] as Array<{ id: string; col: number; row: number; label: string; studentId?: string }> };
    chart = addSeat(chart, { id: 'a', col: 0, row: 0, label: 'Table 1' });
    chart = addSeat(chart, { id: 'b', col: 1, row: 0, label: '', studentId: uuid(5) });
    expect(addSeat(chart, { id: 'c', col: 0, row: 0, label: '' }).seats).toHaveLength(2);
    chart = moveSeat(chart, 'a', 1, 0);
    expect(chart.seats.find((s) => s.id === 'a')).toMatchObject({ col: 1, row: 0 });
    expect(chart.seats.find((s) => s.id === 'b')).toMatchObject({ col: 0, row: 0 });
    chart = moveSeat(chart, 'a', 3, 2);
    chart = resizeChart(chart, 2, 2);
    expect(chart.seats.find((s) => s.id === 'a')).toMatchObject({ col: 1, row: 1 });
    expect(groupLabels(chart)).toEqual(['Table 1']);
  });
});
