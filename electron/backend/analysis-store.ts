import { z } from 'zod';
import { CycleAnalysis } from '../../shared/domain/analysis';
import { buildDiscussion } from '../../shared/analysis/discussion';
import type { DocumentKind } from '../storage/document';
import { analysisSeveralSpeakers } from '../storage/migrations/0004-analysis-several-speakers';
import type { BackendContext } from './context';
import { loadCycle } from './cycles';
import { loadGroup } from './groups';
import { createRepository } from './repository';

export const AnalysisDocument = z.object({ analysis: CycleAnalysis });
export type AnalysisDocument = z.infer<typeof AnalysisDocument>;

export const analysisKind: DocumentKind<AnalysisDocument> = {
  name: 'cycle analysis',
  version: 2,
  schema: AnalysisDocument,
  migrations: [analysisSeveralSpeakers],
};

export const analysisRepository = createRepository({
  kind: analysisKind,
  field: 'analysis',
  dir: 'analysis',
  idOf: (analysis) => analysis.cycleId,
  // An analysis is saved the first time it changes; until then a missing file is a fresh
  // analysis (see below), and only a missing cycle is "not found".
  notFound: 'That cycle no longer exists in this workspace.',
});

export const ANALYSIS_DIR = analysisRepository.dir;
export const analysisPath = analysisRepository.path;

/** A discussion in the group's protocol order, not yet saved. */
const freshAnalysis = async (ctx: BackendContext, cycleId: string): Promise<CycleAnalysis> => {
  const cycle = await loadCycle(ctx, cycleId);
  const group = await loadGroup(ctx, cycle.groupId);
  return {
    cycleId,
    groupId: cycle.groupId,
    discussion: buildDiscussion({
      protocol: group.discussionProtocol,
      members: group.members,
      teacherId: cycle.teaching.teacherId,
      newId: ctx.newId,
    }),
    findings: [],
    updatedAt: ctx.clock().toISOString(),
  };
};

/**
 * The analysis of a cycle (discussion, findings). When none was saved yet, a fresh one
 * in the group's protocol order; reading never writes. The report feature uses this.
 */
export const loadAnalysis = async (ctx: BackendContext, cycleId: string): Promise<CycleAnalysis> =>
  (await analysisRepository.find(ctx, cycleId)) ?? freshAnalysis(ctx, cycleId);

/**
 * Like loadAnalysis, but saves a fresh analysis first, so the segment ids the renderer
 * sees are the ones later edits refer to. A read-only workspace gets the unsaved one.
 */
export const ensureAnalysis = async (ctx: BackendContext, cycleId: string): Promise<CycleAnalysis> => {
  if (ctx.store.readOnly) return loadAnalysis(ctx, cycleId);
  const existing = await analysisRepository.find(ctx, cycleId);
  if (existing) return existing;
  const fresh = await freshAnalysis(ctx, cycleId);
  return analysisRepository.update(ctx, cycleId, (current) => current, { orElse: fresh });
};

/** Read-modify-write the analysis under its file's queue, stamping updatedAt. */
export const changeAnalysis = async (
  ctx: BackendContext,
  cycleId: string,
  change: (analysis: CycleAnalysis) => CycleAnalysis,
): Promise<CycleAnalysis> => {
  const fresh = (await analysisRepository.find(ctx, cycleId)) ? null : await freshAnalysis(ctx, cycleId);
  return analysisRepository.change(ctx, cycleId, change, { orElse: fresh });
};
