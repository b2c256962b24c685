import type { ComparedVersion, VersionChangeNote, VersionRef } from '../../shared/contract/designs';
import type { Design } from '../../shared/domain/design';
import { LessonStudyError } from '../../shared/result';

export const noDraft = () =>
  new LessonStudyError('invalid-transition', 'This lesson design has no draft to change. Use “Revise” on a version to start one.');

/** A version (or the draft) in the shape the comparison shows. */
export const resolveVersionRef = (design: Design, ref: VersionRef): ComparedVersion => {
  if (ref === 'draft') {
    if (!design.draft) throw noDraft();
    return { ref, number: null, createdAt: design.draft.updatedAt, summary: '', authors: [], taughtInCycleIds: [], content: design.draft.content };
  }
  const version = design.versions.find((v) => v.id === ref);
  if (!version) throw new LessonStudyError('not-found', 'That version of the lesson design does not exist.');
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

