import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { stepCodeHeatmap } from '../../shared/analysis/heatmap';
import type { Code } from '../../shared/domain/group';
import type { Observation } from '../../shared/domain/observation';

// Tests written from the mutation report of shared/analysis/heatmap (issue 13).

const T0 = '2025-05-01T10:00:00.000Z';
const [launch, explore] = [randomUUID(), randomUUID()];
const [model, oldUsed, oldUnused, unusedActive] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
const codes: Code[] = [
  { id: model, label: 'Uses a model', color: '#111111', retired: false },
  { id: oldUsed, label: 'Old but used', color: '#222222', retired: true },
  { id: oldUnused, label: 'Old and unused', color: '#333333', retired: true },
  { id: unusedActive, label: 'Nobody used it', color: '#444444', retired: false },
];
const steps = [
  { id: launch, title: 'Launch' },
  { id: explore, title: '   ' },
];
const note = (stepId: string | undefined, codeIds: string[]): Observation => ({
  id: randomUUID(),
  cycleId: randomUUID(),
  observerId: randomUUID(),
  clockMs: 0,
  wallTime: T0,
  ...(stepId ? { stepId } : {}),
  target: { kind: 'class' },
  codeIds,
  text: 'note',
  photos: [],
  pointToNoticeIds: [],
  createdAt: T0,
  updatedAt: T0,
});

describe('the step × code heat map', () => {
  it('counts each note once per code, with rows for untitled steps and for notes outside the plan', () => {
    const notes = [
      note(launch, [model, oldUsed]),
      note(launch, [model]),
      note(explore, []),
      note(undefined, [model]),
      // A step no longer in the plan and a code no longer in the codebook.
      note(randomUUID(), [randomUUID()]),
    ];
    const map = stepCodeHeatmap({ steps, codes, observations: notes });
    expect(map.columns).toEqual([
      { codeId: model, label: 'Uses a model', color: '#111111' },
      { codeId: oldUsed, label: 'Old but used', color: '#222222' },
      { codeId: unusedActive, label: 'Nobody used it', color: '#444444' },
      { codeId: null, label: 'No code', color: null },
    ]);
    expect(map.rows.map((r) => [r.stepId, r.label, r.cells.map((c) => c.count), r.total])).toEqual([
      [launch, 'Launch', [2, 1, 0, 0], 2],
      [explore, 'Step 2', [0, 0, 0, 1], 1],
      [null, 'No step', [1, 0, 0, 1], 2],
    ]);
    expect(map.rows[0].cells[1].observationIds).toEqual([notes[0].id]);
    expect(map.max).toBe(2);
    expect(map.noteCount).toBe(5);
  });

  it('has no extra row or column when every note is in a step and coded, and can hide unused codes', () => {
    const notes = [note(launch, [model]), note(explore, [model])];
    const map = stepCodeHeatmap({ steps, codes, observations: notes, hideEmptyCodes: true });
    expect(map.columns.map((c) => c.label)).toEqual(['Uses a model']);
    expect(map.rows.map((r) => r.label)).toEqual(['Launch', 'Step 2']);
    expect(map.max).toBe(1);
  });
});
