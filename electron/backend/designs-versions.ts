import type { ComparedVersion, VersionChangeNote, VersionRef } from '../../shared/contract/designs';
import type { Design, DesignVersion } from '../../shared/domain/design';
import { LessonStudyError } from '../../shared/result';

/**
 * What a lesson design's versions may and may not do, as pure rules over a design: the
 * design document (designs.ts) and the channels (designs-service.ts) apply them.
 */

export const noVersion = () => new LessonStudyError('not-found', 'That version of the lesson design does not exist.');

export const noDraft = () =>
  new LessonStudyError('invalid-transition', 'This lesson design has no draft to change. Use “Revise” on a version to start one.');

/** A saved version of the design, or `not-found`. */
export const findVersion = (design: Design, versionId: string): DesignVersion => {
  const version = design.versions.find((v) => v.id === versionId);
  if (!version) throw noVersion();
  return version;
};

/** A version (or the draft) in the shape the comparison shows. */
export const resolveVersionRef = (design: Design, ref: VersionRef): ComparedVersion => {
  if (ref === 'draft') {
    if (!design.draft) throw noDraft();
    return { ref, number: null, createdAt: design.draft.updatedAt, summary: '', authors: [], taughtInCycleIds: [], content: design.draft.content };
  }
  const version = findVersion(design, ref);
  return {
    ref,
    number: version.number,
    createdAt: version.createdAt,
    summary: version.summary,
    authors: version.authors,
    taughtInCycleIds: version.taughtInCycleIds,
    content: version.content,
  };
};

/**
 * The change notes that explain the way from one version to another: those recorded by
 * every version after the older one up to the newer one (and the draft's, if compared).
 */
export const changeNotesBetween = (design: Design, a: ComparedVersion, b: ComparedVersion): VersionChangeNote[] => {
  const rank = (v: ComparedVersion) => v.number ?? Number.POSITIVE_INFINITY;
  const [low, high] = rank(a) <= rank(b) ? [rank(a), rank(b)] : [rank(b), rank(a)];
  const notes: VersionChangeNote[] = design.versions
    .filter((v) => v.number > low && v.number <= high)
    .sort((x, y) => x.number - y.number)
    .flatMap((v) => v.changeNotes.map((note) => ({ ...note, versionNumber: v.number })));
  if (high === Number.POSITIVE_INFINITY && design.draft) {
    notes.push(...design.draft.changeNotes.map((note) => ({ ...note, versionNumber: null })));
  }
  return notes;
};


const sameVersionContent = (a: DesignVersion, b: DesignVersion): boolean => {
  const { taughtInCycleIds: _a, ...restA } = a;
  const { taughtInCycleIds: _b, ...restB } = b;
  return JSON.stringify(restA) === JSON.stringify(restB) && _a.every((id) => _b.includes(id));
};

/**
 * Guard on every change: a saved version may never change, disappear or lose a taught
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

/**
 * The design with `cycleId` recorded as teaching one version. Versions are immutable in
 * content; the list of cycles that taught one is the only thing ever added to a saved version.
 */
export const withVersionTaught = (design: Design, versionId: string, cycleId: string): Design => {
  findVersion(design, versionId);
  return {
    ...design,
    versions: design.versions.map((v) =>
      v.id === versionId && !v.taughtInCycleIds.includes(cycleId) ? { ...v, taughtInCycleIds: [...v.taughtInCycleIds, cycleId] } : v,
    ),
  };
};
