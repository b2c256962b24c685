import { z } from 'zod';
import { CycleAnalysis } from '../../shared/domain/analysis';
import { buildDiscussion } from '../../shared/analysis/discussion';
import { LessonStudyError } from '../../shared/result';
import type { DocumentKind } from '../storage/document';
import type { BackendContext } from './context';
import { loadCycle } from './cycles';
import { loadGroup } from './groups';

export const AnalysisDocument = z.object({ analysis: CycleAnalysis });
export type AnalysisDocument = z.infer<typeof AnalysisDocument>;

export const analysisKind: DocumentKind<AnalysisDocument> = {
  name: 'cycle analysis',
  version: 1,
  schema: AnalysisDocument,
  migrations: [],
};

export const ANALYSIS_DIR = 'analysis';
export const analysisPath = (cycleId: string): string => `${ANALYSIS_DIR}/${cycleId}.json`;

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
export const loadAnalysis = async (ctx: BackendContext, cycleId: string): Promise<CycleAnalysis> => {
  const doc = await ctx.store.read(analysisKind, analysisPath(cycleId));
  return doc?.analysis ?? freshAnalysis(ctx, cycleId);
};

/**
 * Like loadAnalysis, but saves a fresh analysis first, so the segment ids the renderer
 * sees are the ones later edits refer to. A read-only workspace gets the unsaved one.
 */
export const ensureAnalysis = async (ctx: BackendContext, cycleId: string): Promise<CycleAnalysis> => {
  if (ctx.store.readOnly) return loadAnalysis(ctx, cycleId);
  const existing = await ctx.store.read(analysisKind, analysisPath(cycleId));
  if (existing) return existing.analysis;
  const fresh = await freshAnalysis(ctx, cycleId);
  const doc = await ctx.store.update(analysisKind, analysisPath(cycleId), (current) => current ?? { analysis: fresh });
  return doc.analysis;
};

/** Read-modify-write the analysis under its file's queue, stamping updatedAt. */
export const changeAnalysis = async (
  ctx: BackendContext,
  cycleId: string,
  change: (analysis: CycleAnalysis) => CycleAnalysis,
): Promise<CycleAnalysis> => {
  const fresh = (await ctx.store.read(analysisKind, analysisPath(cycleId))) ? null : await freshAnalysis(ctx, cycleId);
  const doc = await ctx.store.update(analysisKind, analysisPath(cycleId), (current) => {
    const base = current?.analysis ?? fresh;
    if (!base) throw new LessonStudyError('not-found', 'That cycle no longer exists in this workspace.');
    return { analysis: { ...change(base), updatedAt: ctx.clock().toISOString() } };
  });
  return doc.analysis;
};
