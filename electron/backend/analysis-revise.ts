import type { ProposedChange, ResolvedEvidenceView } from '../../shared/contract/analysis';
import type { CycleAnalysis } from '../../shared/domain/analysis';
import { latestVersion, type EvidenceRef } from '../../shared/domain/design';
import { indexById, resolveEvidenceRefs, type CycleEvidence } from '../../shared/analysis/evidence-links';
import { changeNoteFromFinding, citesFinding } from '../../shared/analysis/findings';
import { LessonStudyError } from '../../shared/result';
import { analysisRepository, changeAnalysis, loadAnalysis } from './analysis-store';
import { cycleObservations } from './analysis-sources';
import type { BackendContext } from './context';
import { loadCycle } from './cycles';
import { designRepository } from './designs';

/**
 * "Propose a change" from a finding: the design's next draft (started from the taught
 * version when there is none) gets a change note citing the finding and its supporting
 * notes, at the finding's step. Proposing the same finding again reuses its note.
 */
export const proposeChangeFromFinding = async (
  ctx: BackendContext,
  request: { cycleId: string; findingId: string; stepId?: string | null },
): Promise<ProposedChange> => {
  const cycle = await loadCycle(ctx, request.cycleId);
  if (!cycle.designId) {
    throw new LessonStudyError('invalid-transition', 'This cycle has no lesson design to revise yet.');
  }
  const analysis = await loadAnalysis(ctx, cycle.id);
  const finding = analysis.findings.find((f) => f.id === request.findingId);
  if (!finding) throw new LessonStudyError('not-found', 'That finding no longer exists.');
  const observations = indexById(await cycleObservations(ctx, cycle.id));
  const now = ctx.clock().toISOString();
  let result: ProposedChange | undefined;

  await designRepository.update(
    ctx,
    cycle.designId,
    (design) => {
      let draft = design.draft;
      let createdDraft = false;
      if (!draft) {
        const base = design.versions.find((v) => v.id === cycle.versionId) ?? latestVersion(design);
        if (!base) throw new LessonStudyError('invalid-transition', 'The lesson design has no saved version to revise.');
        draft = { content: base.content, basedOnVersionId: base.id, changeNotes: [], updatedAt: now };
        createdDraft = true;
      }
      const wanted = request.stepId ?? finding.stepId;
      // A step the draft no longer has cannot be pointed at: the note is about the whole design then.
      const stepId = wanted && draft.content.steps.some((s) => s.id === wanted) ? wanted : undefined;
      const existing = draft.changeNotes.find((note) => citesFinding(note, finding.id));
      const note =
        existing ??
        changeNoteFromFinding({ finding, cycleId: cycle.id, stepId, observations, newId: ctx.newId });
      result = {
        designId: design.id,
        ...(note.stepId ? { stepId: note.stepId } : {}),
        changeNoteId: note.id,
        createdDraft,
      };
      if (existing) return design;
      return { ...design, draft: { ...draft, changeNotes: [...draft.changeNotes, note], updatedAt: now }, updatedAt: now };
    },
    { notFound: 'The lesson design of this cycle no longer exists.' },
  );

  if (!finding.impliesRevision) {
    await changeAnalysis(ctx, cycle.id, (a) => ({
      ...a,
      findings: a.findings.map((f) => (f.id === finding.id ? { ...f, impliesRevision: true, updatedAt: now } : f)),
    }));
  }
  return result!;
};

const hrefOf = (ref: EvidenceRef): string =>
  ref.kind === 'finding'
    ? `/cycles/${ref.cycleId}/findings/${ref.id}`
    : `/cycles/${ref.cycleId}/evidence?observation=${ref.id}`;

/** What one cycle holds now; a cycle that is gone holds nothing, so its refs resolve as removed. */
const evidenceOfCycle = async (ctx: BackendContext, cycleId: string): Promise<CycleEvidence> => {
  let analysis: CycleAnalysis | null = await analysisRepository.find(ctx, cycleId);
  let observations: Awaited<ReturnType<typeof cycleObservations>> = [];
  try {
    await loadCycle(ctx, cycleId);
    observations = await cycleObservations(ctx, cycleId);
  } catch (error) {
    if (!(error instanceof LessonStudyError && error.code === 'not-found')) throw error;
    analysis = null;
  }
  return { observations: indexById(observations), findings: indexById(analysis?.findings ?? []) };
};

/** Resolve cited evidence to what exists now: never a dangling id, "removed" instead. */
export const resolveEvidence = async (ctx: BackendContext, refs: readonly EvidenceRef[]): Promise<ResolvedEvidenceView[]> => {
  const cycles = new Map<string, CycleEvidence>();
  for (const cycleId of new Set(refs.map((r) => r.cycleId))) cycles.set(cycleId, await evidenceOfCycle(ctx, cycleId));
  return resolveEvidenceRefs(refs, cycles).map((resolved) => ({
    kind: resolved.ref.kind,
    id: resolved.ref.id,
    cycleId: resolved.ref.cycleId,
    status: resolved.status,
    text:
      resolved.status === 'deleted'
        ? ''
        : resolved.kind === 'finding'
          ? resolved.finding.statement
          : resolved.observation.text,
    ...(resolved.status === 'present' && resolved.kind === 'observation' ? { clockMs: resolved.observation.clockMs } : {}),
    href: hrefOf(resolved.ref),
  }));
};
