import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Code, SeatingChart } from '../../shared/domain/group';
import type { Observation } from '../../shared/domain/observation';
import { hasStarted, isRunning, pauseClock, startClock, stepIndexAt } from '../../shared/observe/clock';
import { activeCodes, addCode, changeCode, CodebookError, codeLabel } from '../../shared/observe/codebook';
import { classModeBands, filterObservations, observationMatcher, optionsInUse, targetKey, targetKeys } from '../../shared/observe/filter';
import { editedNote, noteCommand, sameContent } from '../../shared/observe/note-history';
import { addSeat, groupLabels, moveSeat, removeSeat, resizeChart, seatAt, updateSeat } from '../../shared/observe/seating';
import { stampClassMode } from '../../shared/observe/stamp';

// Tests written from the mutation report of shared/observe (issue 13).

const T0 = '2025-05-01T10:00:00.000Z';
const observer = randomUUID();
const otherObserver = randomUUID();
const ken = randomUUID();
const step1 = randomUUID();
const step2 = randomUUID();
const codeA = randomUUID();
const codeB = randomUUID();

const note = (text: string, extra: Partial<Observation> = {}): Observation => ({
  id: randomUUID(),
  cycleId: randomUUID(),
  observerId: observer,
  clockMs: 0,
  wallTime: T0,
  target: { kind: 'class' },
  codeIds: [],
  text,
  photos: [],
  pointToNoticeIds: [],
  createdAt: T0,
  updatedAt: T0,
  ...extra,
});

describe('the capture screen’s note filter', () => {
  const notes = [
    note('Ken counts the strips one by one', { observerId: observer, stepId: step1, codeIds: [codeA], target: { kind: 'student', studentId: ken } }),
    note('Table 2 argues about halves', { observerId: otherObserver, stepId: step2, codeIds: [codeB], target: { kind: 'group', label: 'Table 2' } }),
    note('Whole class repeats the question', { observerId: observer, stepId: step2, target: { kind: 'class' } }),
    note('Ken counts again (deleted)', { deletedAt: T0, target: { kind: 'student', studentId: ken } }),
  ];
  const texts = (filter: Parameters<typeof filterObservations>[1]) => filterObservations(notes, filter).map((n) => n.text);

  it('keys targets the way pickers name them', () => {
    expect(targetKey({ kind: 'class' })).toBe('class');
    expect(targetKey({ kind: 'group', label: 'Table 2' })).toBe('group:Table 2');
    expect(targetKey({ kind: 'student', studentId: ken })).toBe(`student:${ken}`);
  });

  it('without a filter shows every live note and never a deleted one', () => {
    expect(texts({})).toEqual(['Ken counts the strips one by one', 'Table 2 argues about halves', 'Whole class repeats the question']);
  });

  it('narrows by observer, step, code and target', () => {
    expect(texts({ observerId: otherObserver })).toEqual(['Table 2 argues about halves']);
    expect(texts({ stepId: step2 })).toEqual(['Table 2 argues about halves', 'Whole class repeats the question']);
    expect(texts({ codeId: codeA })).toEqual(['Ken counts the strips one by one']);
    expect(texts({ target: `student:${ken}` })).toEqual(['Ken counts the strips one by one']);
    expect(texts({ target: 'group:Table 2' })).toEqual(['Table 2 argues about halves']);
    expect(texts({ observerId: observer, stepId: step2 })).toEqual(['Whole class repeats the question']);
  });

  it('needs every typed word, in any case and any order', () => {
    expect(texts({ text: 'STRIPS ken' })).toEqual(['Ken counts the strips one by one']);
    expect(texts({ text: 'ken halves' })).toEqual([]);
    expect(texts({ text: '   ' })).toHaveLength(3);
    expect(observationMatcher({ text: 'again' })(notes[3])).toBe(false);
    // Words apart by several spaces or a tab are still separate words, each needed.
    expect(texts({ text: '  ken \t  strips ' })).toEqual(['Ken counts the strips one by one']);
    expect(texts({ text: 'kenstrips' })).toEqual([]);
  });

  it('finds an edited note by its new text, not the text it had when first filtered', () => {
    const first = note('Mia folds the strip in half');
    expect(observationMatcher({ text: 'folds' })(first)).toBe(true);
    const edited = { ...first, text: 'Mia cuts the strip in thirds' };
    expect(observationMatcher({ text: 'folds' })(edited)).toBe(false);
    expect(observationMatcher({ text: 'THIRDS' })(edited)).toBe(true);
  });

  it('finds a note about several students under each of them and under the pair', () => {
    const mia = randomUUID();
    const pair = note('Mia and Ken compare their strips', { target: { kind: 'students', studentIds: [mia, ken] } });
    expect(targetKey(pair.target)).toBe(`students:${mia},${ken}`);
    expect(targetKeys(pair.target)).toEqual([`students:${mia},${ken}`, `student:${mia}`, `student:${ken}`]);
    expect(targetKeys({ kind: 'student', studentId: ken })).toEqual([`student:${ken}`]);
    expect(filterObservations([pair, ...notes], { target: `student:${mia}` }).map((n) => n.text)).toEqual(['Mia and Ken compare their strips']);
    expect(filterObservations([pair, ...notes], { target: `student:${ken}` }).map((n) => n.text)).toEqual([
      'Mia and Ken compare their strips',
      'Ken counts the strips one by one',
    ]);
    const options = [{ key: 'class' }, { key: `student:${mia}` }, { key: `student:${ken}` }, { key: 'group:Table 9' }];
    expect(optionsInUse(options, [pair]).map((o) => o.key)).toEqual([`student:${mia}`, `student:${ken}`]);
    expect(optionsInUse(options, [])).toEqual([]);
  });

  it('class-mode bands run from each live change to the next, the last to the end of the lesson', () => {
    const changes = [
      { clockMs: 600_000, mode: 'pairs' },
      { clockMs: 0, mode: 'whole-class' },
      { clockMs: 300_000, mode: 'individual', deletedAt: T0 },
      { clockMs: 1_200_000, mode: 'whole-class' },
    ];
    expect(classModeBands(changes, 2_700_000)).toEqual([
      { mode: 'whole-class', fromMs: 0, toMs: 600_000 },
      { mode: 'pairs', fromMs: 600_000, toMs: 1_200_000 },
      { mode: 'whole-class', fromMs: 1_200_000, toMs: 2_700_000 },
    ]);
    // A change stamped after the lesson's end still has a band of zero length, not a negative one.
    expect(classModeBands([{ clockMs: 3_000_000, mode: 'pairs' }], 2_700_000)).toEqual([{ mode: 'pairs', fromMs: 3_000_000, toMs: 3_000_000 }]);
  });
});

describe('undo and redo of a note', () => {
  const original = note('Ken counts');
  const edited = { ...original, text: 'Ken counts in twos' };

  it('undoing an added note deletes it softly; redoing restores it', () => {
    expect(noteCommand({ kind: 'add', note: original }, 'undo')).toEqual({ kind: 'delete', note: original });
    expect(noteCommand({ kind: 'add', note: original }, 'redo')).toEqual({ kind: 'restore', note: original });
  });

  it('undoing an edit saves the note as before; redoing saves it as after', () => {
    expect(noteCommand({ kind: 'edit', before: original, after: edited }, 'undo')).toEqual({ kind: 'save', note: original });
    expect(noteCommand({ kind: 'edit', before: original, after: edited }, 'redo')).toEqual({ kind: 'save', note: edited });
  });

  it('undoing a delete restores; redoing deletes again', () => {
    expect(noteCommand({ kind: 'delete', note: original }, 'undo')).toEqual({ kind: 'restore', note: original });
    expect(noteCommand({ kind: 'delete', note: original }, 'redo')).toEqual({ kind: 'delete', note: original });
  });

  it('an edit changes only what the composer shows, trimmed', () => {
    const photo = { hash: 'a'.repeat(64), ext: 'png' as const, name: 'board', bytes: 10 };
    const next = editedNote(original, { text: '  Ken counts in twos \n', codeIds: [codeA], target: { kind: 'student', studentId: ken }, photos: [photo] });
    expect(next).toEqual({ ...original, text: 'Ken counts in twos', codeIds: [codeA], target: { kind: 'student', studentId: ken }, photos: [photo] });
  });

  it('an edit is an undo step only when text, codes, target or photos changed', () => {
    const photo = (h: string) => ({ hash: h.repeat(64), ext: 'png' as const, name: '', bytes: 1 });
    const a = note('same', { codeIds: [codeA], photos: [photo('a')] });
    expect(sameContent(a, { ...a, updatedAt: '2026-01-01T00:00:00.000Z', clockMs: 5 })).toBe(true);
    expect(sameContent(a, { ...a, text: 'other' })).toBe(false);
    expect(sameContent(a, { ...a, codeIds: [codeB] })).toBe(false);
    expect(sameContent(a, { ...a, target: { kind: 'student', studentId: ken } })).toBe(false);
    expect(sameContent(a, { ...a, photos: [photo('b')] })).toBe(false);
    // A photo renamed is the same picture.
    expect(sameContent(a, { ...a, photos: [{ ...photo('a'), name: 'renamed' }] })).toBe(true);
  });
});

describe('seating chart edits', () => {
  const chart: SeatingChart = {
    cols: 3,
    rows: 2,
    seats: [
      { id: 's1', col: 0, row: 0, studentId: ken, label: 'K' },
      { id: 's2', col: 1, row: 0, label: 'Table 2' },
    ],
  };

  it('finds a seat only at its own cell', () => {
    expect(seatAt(chart, 1, 0)?.id).toBe('s2');
    expect(seatAt(chart, 0, 1)).toBeUndefined();
    expect(seatAt(chart, 1, 1)).toBeUndefined();
  });

  it('adds a seat only to a free cell inside the grid', () => {
    const seat = (col: number, row: number) => ({ id: 'new', col, row, label: '' });
    expect(addSeat(chart, seat(2, 1)).seats).toHaveLength(3);
    for (const [col, row] of [
      [-1, 0],
      [0, -1],
      [3, 0],
      [0, 2],
      [1, 0],
    ]) {
      expect(addSeat(chart, seat(col, row))).toBe(chart);
    }
  });

  it('moves a seat to an empty cell, swaps with an occupied one, and refuses outside the grid', () => {
    const moved = moveSeat(chart, 's1', 2, 1);
    expect(moved.seats.map((s) => [s.id, s.col, s.row])).toEqual([
      ['s1', 2, 1],
      ['s2', 1, 0],
    ]);
    const swapped = moveSeat(chart, 's1', 1, 0);
    expect(swapped.seats.map((s) => [s.id, s.col, s.row])).toEqual([
      ['s1', 1, 0],
      ['s2', 0, 0],
    ]);
    expect(moveSeat(chart, 's1', 3, 0)).toBe(chart);
    expect(moveSeat(chart, 's1', 0, 2)).toBe(chart);
    expect(moveSeat(chart, 'nope', 2, 1)).toBe(chart);
  });

  it('updates one seat, and clearing its student removes the field', () => {
    const relabelled = updateSeat(chart, 's2', { label: 'Table 3' });
    expect(relabelled.seats[1]).toEqual({ id: 's2', col: 1, row: 0, label: 'Table 3' });
    expect(relabelled.seats[0]).toBe(chart.seats[0]);
    const cleared = updateSeat(chart, 's1', { studentId: undefined });
    expect(cleared.seats[0]).toEqual({ id: 's1', col: 0, row: 0, label: 'K' });
    expect('studentId' in cleared.seats[0]).toBe(false);
    expect(updateSeat(chart, 's1', { label: 'Ken' }).seats[0].studentId).toBe(ken);
  });

  it('removes only the named seat', () => {
    expect(removeSeat(chart, 's1').seats.map((s) => s.id)).toEqual(['s2']);
  });

  it('a smaller grid keeps seats at the nearest edge cell when free', () => {
    const wide: SeatingChart = { cols: 4, rows: 1, seats: [{ id: 'a', col: 3, row: 0, label: '' }, { id: 'b', col: 2, row: 0, label: '' }] };
    expect(resizeChart(wide, 3, 1).seats.map((s) => [s.id, s.col])).toEqual([['a', 2]]);
  });

  it('offers the trimmed labels of seats without a student as group targets, once each, sorted', () => {
    const seats: SeatingChart = {
      cols: 5,
      rows: 1,
      seats: [
        { id: '1', col: 0, row: 0, label: ' Table 2 ' },
        { id: '2', col: 1, row: 0, label: 'Table 1' },
        { id: '3', col: 2, row: 0, label: 'Table 2' },
        { id: '4', col: 3, row: 0, label: '   ' },
        { id: '5', col: 4, row: 0, label: 'Ken’s desk', studentId: ken },
      ],
    };
    expect(groupLabels(seats)).toEqual(['Table 1', 'Table 2']);
  });
});

describe('the codebook', () => {
  const codebook: Code[] = [
    { id: codeA, label: 'Uses a model', color: '#112233', retired: false },
    { id: codeB, label: 'Old code', color: '#445566', retired: true },
  ];

  it('offers only codes that are not retired', () => {
    expect(activeCodes(codebook).map((c) => c.id)).toEqual([codeA]);
  });

  it('adds a trimmed code, with its rubric only when one is given', () => {
    const added = addCode(codebook, { id: 'c3', label: '  Justifies  ', color: '#000000', rubric: '  Argument ' });
    expect(added[2]).toEqual({ id: 'c3', label: 'Justifies', color: '#000000', retired: false, rubric: 'Argument' });
    expect(addCode(codebook, { id: 'c4', label: 'Asks', color: '#000000', rubric: '  ' })[2]).toEqual({
      id: 'c4',
      label: 'Asks',
      color: '#000000',
      retired: false,
    });
    expect(() => addCode(codebook, { id: 'x', label: '   ', color: '#000000' })).toThrow('A code needs a label.');
  });

  it('refuses a second live code with the same label in any case, but reuses a retired label', () => {
    expect(() => addCode(codebook, { id: 'x', label: ' uses A MODEL', color: '#000000' })).toThrow(
      'The codebook already has a code called “uses A MODEL”.',
    );
    expect(addCode(codebook, { id: 'x', label: 'old code', color: '#000000' })).toHaveLength(3);
  });

  it('renames, recolours and retires one code, refusing empty or taken labels', () => {
    const renamed = changeCode(codebook, codeA, { label: ' Uses a diagram ' });
    expect(renamed[0]).toEqual({ id: codeA, label: 'Uses a diagram', color: '#112233', retired: false });
    expect(renamed[1]).toBe(codebook[1]);
    // Its own label in another case is not "taken".
    expect(changeCode(codebook, codeA, { label: 'USES A MODEL' })[0].label).toBe('USES A MODEL');
    // A retired code's label may be taken.
    expect(changeCode(codebook, codeA, { label: 'Old code' })[0].label).toBe('Old code');
    expect(changeCode(codebook, codeA, { color: '#ffffff' })[0]).toEqual({ ...codebook[0], color: '#ffffff' });
    expect(changeCode(codebook, codeA, { retired: true })[0]).toEqual({ ...codebook[0], retired: true });
    expect(changeCode(codebook, codeB, {})[1]).toEqual(codebook[1]);
    expect(() => changeCode(codebook, codeA, { label: '  ' })).toThrow('A code needs a label.');
    const withTwo = addCode(codebook, { id: 'c3', label: 'Justifies', color: '#000000' });
    expect(() => changeCode(withTwo, codeA, { label: 'justifies' })).toThrow(CodebookError);
    expect(() => changeCode(withTwo, codeA, { label: 'justifies' })).toThrow('The codebook already has a code called “justifies”.');
    expect(() => changeCode(codebook, 'missing', { color: '#000000' })).toThrow('That code is not in the codebook.');
  });

  it('names a retired code on old notes, and marks an unknown one', () => {
    expect(codeLabel(codebook, codeB)).toBe('Old code');
    expect(codeLabel(codebook, 'gone')).toBe('?');
  });
});

describe('the lesson clock', () => {
  it('knows whether it runs and whether the lesson has started', () => {
    const stopped = { accumulatedMs: 0, runningSince: null };
    expect(isRunning(stopped)).toBe(false);
    expect(hasStarted(stopped)).toBe(false);
    const running = startClock(stopped, 1000);
    expect(running).toEqual({ accumulatedMs: 0, runningSince: 1000 });
    expect(isRunning(running)).toBe(true);
    expect(hasStarted(running)).toBe(true);
    const paused = pauseClock(running, 4000);
    expect(paused).toEqual({ accumulatedMs: 3000, runningSince: null });
    expect(isRunning(paused)).toBe(false);
    expect(hasStarted(paused)).toBe(true);
    // Starting a running clock, or pausing a paused one, changes nothing.
    expect(startClock(running, 9000)).toBe(running);
    expect(pauseClock(paused, 9000)).toBe(paused);
  });

  it('moves to the next step when the planned minutes are up, and stays on the last', () => {
    const steps = [{ minutes: 5 }, { minutes: 10 }, { minutes: 5 }];
    expect(stepIndexAt(steps, 5 * 60_000 - 1)).toBe(0);
    expect(stepIndexAt(steps, 5 * 60_000)).toBe(1);
    expect(stepIndexAt(steps, 15 * 60_000)).toBe(2);
    expect(stepIndexAt(steps, 90 * 60_000)).toBe(2);
    // An anchor past the end starts from the last step.
    expect(stepIndexAt(steps, 0, { index: 7, atMs: 0 })).toBe(2);
    expect(stepIndexAt([], 0)).toBe(-1);
  });

  it('stamps a class-mode change never before the lesson started', () => {
    const at = { id: 'm1', cycleId: 'c1', observerId: observer, clockMs: -40.4, now: new Date(T0) };
    expect(stampClassMode('pairs', at)).toEqual({
      id: 'm1',
      cycleId: 'c1',
      observerId: observer,
      clockMs: 0,
      wallTime: T0,
      mode: 'pairs',
      updatedAt: T0,
    });
    expect(stampClassMode('pairs', { ...at, clockMs: 1234.6 }).clockMs).toBe(1235);
  });
});
