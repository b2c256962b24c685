import type { EvidenceRef } from '../../shared/domain/design';
import type { Observation } from '../../shared/domain/observation';
import { formatClock } from '../../shared/observe/clock';
import type { ComparisonEvidence } from '../docx/comparison';
import { resolveEvidence } from './analysis-revise';
import { cycleObservations } from './analysis-sources';
import type { BackendContext } from './context';
import { loadCycle } from './cycles';
import { loadGroup } from './groups';
import { targetLabel } from './observations-exchange';

/**
 * What the change notes of a comparison cite, as the document prints it: a finding's
 * statement; a note's text with its time, observer and target — as the screen and the
 * report show them, never an id. A finding or note deleted since resolves as removed.
 */
export const comparisonEvidence = async (ctx: BackendContext, refs: readonly EvidenceRef[]): Promise<ComparisonEvidence[]> => {
  const resolved = await resolveEvidence(ctx, refs);
  const sources = new Map<string, (note: Observation) => string>();
  const notes = new Map<string, Observation>();
  for (const cycleId of new Set(resolved.filter((r) => r.kind === 'observation' && r.status === 'present').map((r) => r.cycleId))) {
    const cycle = await loadCycle(ctx, cycleId);
    const group = await loadGroup(ctx, cycle.groupId);
    const members = new Map(group.members.map((m) => [m.id, m.name]));
    sources.set(cycleId, (note) => [formatClock(note.clockMs), members.get(note.observerId) ?? '', targetLabel(group, note.target)].filter(Boolean).join(' · '));
    for (const note of await cycleObservations(ctx, cycleId)) notes.set(note.id, note);
  }
  return resolved.map((r) => {
    const note = r.kind === 'observation' ? notes.get(r.id) : undefined;
    const source = note ? (sources.get(r.cycleId)?.(note) ?? '') : '';
    return { kind: r.kind, id: r.id, status: r.status, text: r.text, source };
  });
};
