import type { AnalyzedPlan } from '../../shared/contract/analysis';
import type { Cycle } from '../../shared/domain/cycle';
import { latestVersion } from '../../shared/domain/design';
import type { Observation } from '../../shared/domain/observation';
import { LessonStudyError } from '../../shared/result';
import type { BackendContext } from './context';
import { loadDesign } from './designs';
import { listObservations } from './observations';

/**
 * The live notes of a cycle. A link to a note not among them (deleted, or never merged
 * onto this laptop) resolves as "evidence removed".
 */
export const cycleObservations = (ctx: BackendContext, cycleId: string): Promise<Observation[]> =>
  listObservations(ctx, cycleId);

/**
 * The plan the evidence is read against: the version the cycle taught; before one is
 * chosen, the design's newest version or its draft. null when the cycle has no design.
 */
export const analyzedPlan = async (ctx: BackendContext, cycle: Cycle): Promise<AnalyzedPlan | null> => {
  if (!cycle.designId) return null;
  let design;
  try {
    design = await loadDesign(ctx, cycle.designId);
  } catch (error) {
    if (error instanceof LessonStudyError && error.code === 'not-found') return null;
    throw error;
  }
  const version = design.versions.find((v) => v.id === cycle.versionId) ?? (cycle.versionId ? undefined : latestVersion(design));
  const content = version?.content ?? design.draft?.content;
  if (!content) return null;
  return {
    designId: design.id,
    ...(version ? { versionId: version.id } : {}),
    versionNumber: version?.number ?? null,
    title: content.title,
    lessonGoal: content.goals.lesson,
    steps: content.steps,
    observationPlan: content.observationPlan,
  };
};
