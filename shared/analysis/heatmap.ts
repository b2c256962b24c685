import type { FlowStep } from '../domain/design';
import type { Code } from '../domain/group';
import type { Observation } from '../domain/observation';
import { filterObservations, type EvidenceFilter } from './filters';

export interface HeatmapColumn {
  /** null = notes that carry no code. */
  codeId: string | null;
  label: string;
  color: string | null;
}

export interface HeatmapCell {
  codeId: string | null;
  count: number;
  observationIds: string[];
}

export interface HeatmapRow {
  /** null = notes recorded outside any step (or in a step no longer in the plan). */
  stepId: string | null;
  label: string;
  cells: HeatmapCell[];
  /** Notes in this step (a note with two codes counts once here, once in each cell). */
  total: number;
}

export interface StepCodeHeatmap {
  columns: HeatmapColumn[];
  rows: HeatmapRow[];
  /** Largest cell count, for the colour scale. */
  max: number;
  /** Notes counted after filtering. */
  noteCount: number;
}

/**
 * Step × code counts of the live notes that pass the filter. Rows follow the flow
 * table; columns follow the codebook (a retired code appears only when a note uses it).
 * A note with several codes counts in each of its codes' cells. Extra row/column for
 * notes outside any step or without a code appear only when such notes exist.
 */
export const stepCodeHeatmap = (input: {
  steps: readonly Pick<FlowStep, 'id' | 'title'>[];
  codes: readonly Code[];
  observations: readonly Observation[];
  filter?: EvidenceFilter;
  /** Leave out codes no counted note carries (a big codebook otherwise makes a wide, empty chart). */
  hideEmptyCodes?: boolean;
  labels?: { noStep: string; uncoded: string; untitledStep: (index: number) => string };
}): StepCodeHeatmap => {
  const labels = input.labels ?? { noStep: 'No step', uncoded: 'No code', untitledStep: (i: number) => `Step ${i + 1}` };
  const notes = filterObservations(input.observations, input.filter);
  const stepIds = new Set(input.steps.map((s) => s.id));
  const codeIds = new Set(input.codes.map((c) => c.id));
  const used = new Set(notes.flatMap((n) => n.codeIds));

  const columns: HeatmapColumn[] = input.codes
    .filter((c) => !c.retired || used.has(c.id))
    .filter((c) => !input.filter?.codeIds?.length || input.filter.codeIds.includes(c.id))
    .filter((c) => !input.hideEmptyCodes || used.has(c.id))
    .map((c) => ({ codeId: c.id, label: c.label, color: c.color }));
  const hasUncoded = notes.some((n) => !n.codeIds.some((id) => codeIds.has(id)));
  if (hasUncoded) columns.push({ codeId: null, label: labels.uncoded, color: null });

  const rowOf = (note: Observation): string | null => (note.stepId && stepIds.has(note.stepId) ? note.stepId : null);
  const rowDefs: Array<{ stepId: string | null; label: string }> = input.steps.map((s, i) => ({
    stepId: s.id,
    label: s.title.trim() || labels.untitledStep(i),
  }));
  if (notes.some((n) => rowOf(n) === null)) rowDefs.push({ stepId: null, label: labels.noStep });

  const rows: HeatmapRow[] = rowDefs.map((def) => {
    const inRow = notes.filter((n) => rowOf(n) === def.stepId);
    const cells = columns.map((col) => {
      const hits = inRow.filter((n) =>
        col.codeId === null ? !n.codeIds.some((id) => codeIds.has(id)) : n.codeIds.includes(col.codeId),
      );
      return { codeId: col.codeId, count: hits.length, observationIds: hits.map((n) => n.id) };
    });
    return { stepId: def.stepId, label: def.label, cells, total: inRow.length };
  });

  const max = rows.reduce((m, r) => Math.max(m, ...r.cells.map((c) => c.count)), 0);
  return { columns, rows, max, noteCount: notes.length };
};
