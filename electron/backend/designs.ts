import { z } from 'zod';
import { Design, type DesignVersion } from '../../shared/domain/design';
import { LessonStudyError } from '../../shared/result';
import type { DocumentKind } from '../storage/document';
import type { BackendContext } from './context';

/** Errors of one file that a listing reports and goes past. */
const SKIPPABLE: ReadonlySet<string> = new Set(['corrupt-file', 'newer-schema']);

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


const sameVersionContent = (a: DesignVersion, b: DesignVersion): boolean => {
  const { taughtInCycleIds: _a, ...restA } = a;
  const { taughtInCycleIds: _b, ...restB } = b;
  return JSON.stringify(restA) === JSON.stringify(restB) && _a.every((id) => _b.includes(id));
};

/**
 * Guard on every write: a saved version may never change, disappear or lose a taught
 * cycle. The channels are written not to, and this makes a future mistake fail loudly
 * instead of quietly rewriting the plan a cycle was taught from.
 */
export const assertVersionsPreserved = (before: Design, after: Design): void => {
  for (const version of before.versions) {
    const kept = after.versions.find((v) => v.id === version.id);
    if (!kept || !sameVersionContent(version, kept)) {
      throw new LessonStudyError('immutable', `Version ${version.number} is saved and cannot be changed. Start a revision instead.`);
    }
  }
};

/** Apply a change to a stored design under its file's write queue; saved versions stay as they are. */
export const changeDesign = async (
  ctx: BackendContext,
  designId: string,
  change: (design: Design) => Design,
): Promise<Design> => {
  const doc = await ctx.store.update(designKind, designPath(designId), (current) => {
    if (!current) throw new LessonStudyError('not-found', 'That lesson design no longer exists in this workspace.');
    const next = { ...change(current.design), updatedAt: ctx.clock().toISOString() };
    assertVersionsPreserved(current.design, next);
    return { design: next };
  });
  return doc.design;
};

/** Every design in the workspace; one unreadable file is reported, not fatal. */
export const listAllDesigns = async (ctx: BackendContext): Promise<Design[]> => {
  const designs: Design[] = [];
  for (const name of await ctx.store.list('designs')) {
    try {
      const doc = await ctx.store.read(designKind, `designs/${name}`);
      if (doc) designs.push(doc.design);
    } catch (error) {
      // A damaged or newer file is set aside and named in a notice; any other failure
      // (a read refused for a moment) fails the whole listing, so a deletion built on it
      // never leaves part of a group behind.
      if (!(error instanceof LessonStudyError) || !SKIPPABLE.has(error.code)) throw error;
      ctx.store.addNotice({ file: `designs/${name}`, kind: 'quarantined', message: error.message });
    }
  }
  return designs;
};

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

export { createDesignService } from './designs-service';

