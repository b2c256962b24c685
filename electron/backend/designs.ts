import { z } from 'zod';
import type { designChannels } from '../../shared/contract/designs';
import { Design, type DesignVersion } from '../../shared/domain/design';
import { LessonStudyError } from '../../shared/result';
import type { DocumentKind } from '../storage/document';
import type { BackendContext } from './context';
import type { ServiceFor } from './service-types';

export const DesignDocument = z.object({ design: Design });
export type DesignDocument = z.infer<typeof DesignDocument>;

export const designKind: DocumentKind<DesignDocument> = {
  name: 'lesson design',
  version: 1,
  schema: DesignDocument,
  migrations: [],
};

export const designPath = (designId: string): string => `designs/${designId}.json`;

/** Read a design or fail with `not-found`. Other features (cycles, reports) use this. */
export const loadDesign = async (ctx: BackendContext, designId: string): Promise<Design> => {
  const doc = await ctx.store.read(designKind, designPath(designId));
  if (!doc) throw new LessonStudyError('not-found', 'That lesson design no longer exists in this workspace.');
  return doc.design;
};

export const loadVersion = async (ctx: BackendContext, designId: string, versionId: string): Promise<DesignVersion> => {
  const design = await loadDesign(ctx, designId);
  const version = design.versions.find((v) => v.id === versionId);
  if (!version) throw new LessonStudyError('not-found', 'That version of the lesson design does not exist.');
  return version;
};

/**
 * Record that a cycle teaches this version. Versions are immutable in content; the list
 * of cycles that taught one is the only thing ever added to a saved version.
 */
export const markVersionTaught = async (
  ctx: BackendContext,
  designId: string,
  versionId: string,
  cycleId: string,
): Promise<DesignVersion> => {
  const doc = await ctx.store.update(designKind, designPath(designId), (current) => {
    if (!current) throw new LessonStudyError('not-found', 'That lesson design no longer exists in this workspace.');
    const exists = current.design.versions.some((v) => v.id === versionId);
    if (!exists) throw new LessonStudyError('not-found', 'That version of the lesson design does not exist.');
    return {
      design: {
        ...current.design,
        versions: current.design.versions.map((v) =>
          v.id === versionId && !v.taughtInCycleIds.includes(cycleId)
            ? { ...v, taughtInCycleIds: [...v.taughtInCycleIds, cycleId] }
            : v,
        ),
      },
    };
  });
  return doc.design.versions.find((v) => v.id === versionId)!;
};

export const createDesignService = (_ctx: BackendContext): ServiceFor<typeof designChannels> => ({});
