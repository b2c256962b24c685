import { z } from 'zod';
import { Design, type DesignVersion } from '../../shared/domain/design';
import type { DocumentKind } from '../storage/document';
import type { BackendContext } from './context';
import { assertVersionsPreserved, findVersion, withVersionTaught } from './designs-versions';
import { createRepository } from './repository';

/*
 * The lesson design document: where a design is stored and how other features (cycles,
 * observations, analysis, reports) read and change it. The channels are in
 * designs-service.ts, exchange files and Word exports in designs-files.ts.
 */

export const DesignDocument = z.object({ design: Design });
export type DesignDocument = z.infer<typeof DesignDocument>;

export const designKind: DocumentKind<DesignDocument> = {
  name: 'lesson design',
  version: 1,
  schema: DesignDocument,
  migrations: [],
};

export const designRepository = createRepository({
  kind: designKind,
  field: 'design',
  dir: 'designs',
  idOf: (design) => design.id,
  notFound: 'That lesson design no longer exists in this workspace.',
  // Saved versions stay as they are, whichever feature changes the design.
  check: assertVersionsPreserved,
});

/**
 * Read a design or fail with `not-found`; change one under its file's write queue, saved
 * versions kept as they are. Other features (cycles, reports) use these.
 */
export const { path: designPath, load: loadDesign, change: changeDesign } = designRepository;

export const loadVersion = async (ctx: BackendContext, designId: string, versionId: string): Promise<DesignVersion> =>
  findVersion(await loadDesign(ctx, designId), versionId);

/** Record that a cycle teaches this version (see withVersionTaught); `updatedAt` is left as it was. */
export const markVersionTaught = async (
  ctx: BackendContext,
  designId: string,
  versionId: string,
  cycleId: string,
): Promise<DesignVersion> => {
  const design = await designRepository.update(ctx, designId, (current) => withVersionTaught(current, versionId, cycleId));
  return findVersion(design, versionId);
};

/** Every design in the workspace; one unreadable file is reported, not fatal. */
export const listAllDesigns = (ctx: BackendContext): Promise<Design[]> => designRepository.listAll(ctx);

/**
 * A copy of a design under new ids, for another group or another workspace. Versions get
 * new ids (cycles refer to versions by id, and the copy was taught nowhere yet), step and
 * list item ids are kept so the copy's versions still compare step by step.
 */
export const copyWithNewIds = (ctx: BackendContext, design: Design, groupId: string): Design => {
  const ids = new Map(design.versions.map((v) => [v.id, ctx.newId()]));
  const remap = (id: string | undefined) => (id === undefined ? undefined : (ids.get(id) ?? undefined));
  const now = ctx.clock().toISOString();
  return Design.parse({
    ...structuredClone(design),
    id: ctx.newId(),
    groupId,
    createdAt: now,
    updatedAt: now,
    versions: design.versions.map((v) => ({ ...structuredClone(v), id: ids.get(v.id), basedOnVersionId: remap(v.basedOnVersionId), taughtInCycleIds: [] })),
    draft: design.draft ? { ...structuredClone(design.draft), basedOnVersionId: remap(design.draft.basedOnVersionId) } : null,
  });
};
