import type { Observation } from '../../../shared/domain/observation';

/** The longest lesson time a note can carry (the note schema's limit). */
export const MAX_LESSON_MS = 24 * 3600 * 1000;

export type LessonTimeError = 'empty' | 'format' | 'negative' | 'tooLate';

/**
 * A lesson time as typed by a facilitator: "mm:ss" (minutes may run past 59, e.g.
 * "75:30") or "h:mm:ss", as the note list shows it. Not negative, not past 24 hours.
 */
export const parseLessonTime = (typed: string): { ok: true; ms: number } | { ok: false; error: LessonTimeError } => {
  const text = typed.trim().replace(/：/g, ':');
  if (text === '') return { ok: false, error: 'empty' };
  if (/^[-−]/.test(text)) return { ok: false, error: 'negative' };
  const parts = /^(?:(\d{1,2}):)?(\d{1,4}):(\d{2})$/.exec(text);
  if (!parts) return { ok: false, error: 'format' };
  const [, h, m, s] = parts;
  const hours = h === undefined ? 0 : Number(h);
  const minutes = Number(m);
  const seconds = Number(s);
  if (seconds > 59 || (h !== undefined && minutes > 59)) return { ok: false, error: 'format' };
  const ms = ((hours * 60 + minutes) * 60 + seconds) * 1000;
  if (ms > MAX_LESSON_MS) return { ok: false, error: 'tooLate' };
  return { ok: true, ms };
};

/**
 * The note with its step and lesson time corrected; everything else (id, text, photos,
 * codes, observer) as it was. The backend moves `updatedAt` on save, so merges keep it.
 */
export const correctedNote = (before: Observation, change: { stepId: string | undefined; clockMs: number }): Observation => {
  const { stepId: _old, ...rest } = before;
  return change.stepId ? { ...rest, stepId: change.stepId, clockMs: change.clockMs } : { ...rest, clockMs: change.clockMs };
};

/** True when the correction changes nothing (not an undo step, nothing to save). */
export const sameStamp = (a: Observation, b: Observation): boolean => a.clockMs === b.clockMs && (a.stepId ?? '') === (b.stepId ?? '');
