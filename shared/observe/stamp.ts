import { Observation, type ClassModeChange, type ObservationTarget, type PhotoRef } from '../domain/observation';

/** What the observer typed and chose; everything else is stamped automatically. */
export interface NoteDraft {
  text: string;
  target: ObservationTarget;
  codeIds: string[];
  photos: PhotoRef[];
  pointToNoticeIds?: string[];
}

export interface StampContext {
  id: string;
  cycleId: string;
  observerId: string;
  clockMs: number;
  now: Date;
  stepId?: string;
}

/** A new note, stamped with lesson clock, wall time, step and observer. */
export const stampObservation = (draft: NoteDraft, at: StampContext): Observation => {
  const wall = at.now.toISOString();
  return Observation.parse({
    id: at.id,
    cycleId: at.cycleId,
    observerId: at.observerId,
    clockMs: Math.max(0, Math.round(at.clockMs)),
    wallTime: wall,
    ...(at.stepId ? { stepId: at.stepId } : {}),
    target: draft.target,
    codeIds: [...new Set(draft.codeIds)],
    text: draft.text.trim(),
    photos: draft.photos,
    pointToNoticeIds: draft.pointToNoticeIds ?? [],
    createdAt: wall,
    updatedAt: wall,
  });
};

export const stampClassMode = (
  mode: ClassModeChange['mode'],
  at: Omit<StampContext, 'stepId'>,
): ClassModeChange => {
  const wall = at.now.toISOString();
  return { id: at.id, cycleId: at.cycleId, observerId: at.observerId, clockMs: Math.max(0, Math.round(at.clockMs)), wallTime: wall, mode, updatedAt: wall };
};

/** Toggle one code on a draft: on if absent, off if present. */
export const toggleCode = (codeIds: readonly string[], codeId: string): string[] =>
  codeIds.includes(codeId) ? codeIds.filter((id) => id !== codeId) : [...codeIds, codeId];

/**
 * The updatedAt of an edit: the clock's now, but strictly after the previous edit, so
 * "newest edit wins" holds even when two edits land in the same millisecond.
 */
export const nextUpdatedAt = (previous: string | undefined, now: Date): string => {
  const prev = previous ? Date.parse(previous) : Number.NEGATIVE_INFINITY;
  return new Date(Math.max(now.getTime(), prev + 1)).toISOString();
};
