import { describe, expect, it } from 'vitest';
import { pointsToNoticeCoverage } from '../../shared/analysis/coverage';
import { predictedVsActual } from '../../shared/analysis/predicted-vs-actual';
import { FlowStep } from '../../shared/domain/design';
import { Observation } from '../../shared/domain/observation';
import { actionForKey } from '../../renderer/features/observe/keymap';

/** A note links to what the plan predicted; the evidence views count those links and nothing else. */

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const [STEP_1, STEP_2, POINT_A, POINT_B, RESPONSE_X, RESPONSE_Y, LEO, CYCLE, OBSERVER] = [1, 2, 11, 12, 21, 22, 31, 41, 51].map(id);

const steps = [
  FlowStep.parse({
    id: STEP_1,
    title: 'Compare 2/3 and 3/4',
    pointsToNotice: [{ id: POINT_A, text: 'Do students use a model?' }],
    anticipatedResponses: [
      { id: RESPONSE_X, text: 'Compares numerators only' },
      { id: RESPONSE_Y, text: 'Draws fraction strips' },
    ],
  }),
  FlowStep.parse({ id: STEP_2, title: 'Share', pointsToNotice: [{ id: POINT_B, text: 'Who justifies?' }] }),
];

const note = (n: number, fields: Partial<Observation>): Observation =>
  Observation.parse({
    id: id(100 + n),
    cycleId: CYCLE,
    observerId: OBSERVER,
    clockMs: n * 1000,
    wallTime: '2026-05-01T09:00:00.000Z',
    stepId: STEP_1,
    target: { kind: 'student', studentId: LEO },
    text: `note ${n}`,
    createdAt: '2026-05-01T09:00:00.000Z',
    updatedAt: '2026-05-01T09:00:00.000Z',
    ...fields,
  });

describe('points to notice and anticipated responses linked to notes', () => {
  const notes = [
    note(1, { pointToNoticeIds: [POINT_A], anticipatedResponseIds: [RESPONSE_X] }),
    note(2, { anticipatedResponseIds: [RESPONSE_X] }),
    note(3, { pointToNoticeIds: [POINT_A], deletedAt: '2026-05-01T09:05:00.000Z' }),
    note(4, {}),
  ];

  it('coverage counts a point as covered only by a live note linked to it', () => {
    const coverage = pointsToNoticeCoverage({ steps, observations: notes });
    expect(coverage.pointCount).toBe(2);
    expect(coverage.coveredCount).toBe(1);
    expect(coverage.steps.map((s) => s.points.map((p) => [p.text, p.observationIds]))).toEqual([
      [['Do students use a model?', [id(101)]]],
      [['Who justifies?', []]],
    ]);
  });

  it('the students sheet shows, per anticipated response, the notes about the student linked to it', () => {
    const [sheet] = predictedVsActual({
      steps,
      observationPlan: [],
      focusStudents: [{ id: LEO, pseudonym: 'Leo', focus: true, concern: false, concerns: '', supportsNow: '', supportsPlanned: '', retired: false }],
      observations: notes,
    });
    expect(sheet.steps[0].seen).toEqual({ [RESPONSE_X]: [id(101), id(102)], [RESPONSE_Y]: [] });
    expect(sheet.steps[1].seen).toEqual({});
  });

  it('a note written before the field existed reads as linked to no response', () => {
    const old = note(5, {});
    expect(old.anticipatedResponseIds).toBeUndefined();
    const [sheet] = predictedVsActual({
      steps,
      observationPlan: [],
      focusStudents: [{ id: LEO, pseudonym: 'Leo', focus: true, concern: false, concerns: '', supportsNow: '', supportsPlanned: '', retired: false }],
      observations: [old],
    });
    expect(sheet.steps[0].seen).toEqual({ [RESPONSE_X]: [], [RESPONSE_Y]: [] });
  });
});

describe('capture keys', () => {
  const key = (code: string, shiftKey: boolean) => ({ altKey: true, ctrlKey: false, metaKey: false, shiftKey, code, key: '' });

  it('Alt+digit toggles a code; Alt+Shift+digit is left to the note field, which tags a point to notice', () => {
    expect(actionForKey(key('Digit1', false))).toEqual({ kind: 'toggle-code', index: 0 });
    expect(actionForKey(key('Digit0', false))).toEqual({ kind: 'toggle-code', index: 9 });
    expect(actionForKey(key('Digit1', true))).toBeNull();
    // The class-mode letters keep Alt+Shift.
    expect(actionForKey(key('KeyP', true))).toEqual({ kind: 'class-mode', mode: 'pairs' });
  });
});
