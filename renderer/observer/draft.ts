import type { DeviceNote } from '../../shared/capture/protocol';
import type { ObservationTarget } from '../../shared/domain/observation';

/**
 * The note being written. It is stamped with the host's lesson time and the current step
 * the moment the observer starts it (the first letter, code, seat or photo), not when it is
 * saved or sent: a note about minute 12 written until minute 14 still belongs to minute 12.
 */

export interface DraftStamp {
  /**
   * The note's id, chosen when it is started: if the page is reloaded between saving the
   * note and forgetting the draft, saving it again is an upsert of the same note, not a copy.
   */
  noteId?: string;
  clockMs: number;
  stepId?: string;
  /** Host wall time, ms since the epoch. */
  hostWallMs: number;
}

export interface DraftPhoto {
  id: string;
  name: string;
  dataBase64: string;
}

export interface Draft {
  text: string;
  codeIds: string[];
  seatIds: string[];
  pointIds: string[];
  /** Anticipated responses of the current step the observer saw (absent in drafts kept before there were any). */
  responseIds?: string[];
  photos: DraftPhoto[];
  stamp: DraftStamp | null;
}

export const emptyDraft: Draft = { text: '', codeIds: [], seatIds: [], pointIds: [], responseIds: [], photos: [], stamp: null };

/** Nothing worth saving: a target alone is not a note. */
export const isBlank = (draft: Draft): boolean =>
  draft.text.trim() === '' &&
  draft.codeIds.length === 0 &&
  draft.pointIds.length === 0 &&
  (draft.responseIds ?? []).length === 0 &&
  draft.photos.length === 0;

/** Apply a change; the first change of a blank draft takes the stamp of that moment. */
export const changeDraft = (draft: Draft, change: Partial<Omit<Draft, 'stamp'>>, now: () => DraftStamp): Draft => {
  const next = { ...draft, ...change };
  if (draft.stamp === null && !isBlank(next)) next.stamp = now();
  if (isBlank(next)) next.stamp = null;
  return next;
};

export const noteFromDraft = (draft: Draft, id: string, target: ObservationTarget, stamp: DraftStamp): DeviceNote => {
  const wall = new Date(stamp.hostWallMs).toISOString();
  return {
    id,
    clockMs: Math.max(0, Math.round(stamp.clockMs)),
    wallTime: wall,
    ...(stamp.stepId ? { stepId: stamp.stepId } : {}),
    target,
    codeIds: [...new Set(draft.codeIds)],
    text: draft.text.trim(),
    photos: [],
    pointToNoticeIds: [...new Set(draft.pointIds)],
    ...(draft.responseIds?.length ? { anticipatedResponseIds: [...new Set(draft.responseIds)] } : {}),
    createdAt: wall,
  };
};
