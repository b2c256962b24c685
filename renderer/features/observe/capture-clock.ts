import { useMutation } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { RequestOf } from '../../../shared/contract';
import { backend } from '../../api/client';
import type { LessonState } from './lesson-state';

/** The contract's bound on a lesson clock (a day); a clock left running past it is sent as a full day. */
export const MAX_LESSON_MS = 24 * 3600 * 1000;
const MAX_STEP_INDEX = 1000;

const within = (value: number, max: number) => Math.min(Math.max(0, Math.floor(value)), max);

/** The facilitator's clock and step as setLessonClock carries them to the devices. */
export const lessonClockRequest = (cycleId: string, lesson: LessonState): RequestOf<'setLessonClock'> => ({
  cycleId,
  clock: {
    accumulatedMs: within(lesson.clock.accumulatedMs, MAX_LESSON_MS),
    runningSince: lesson.clock.runningSince === null ? null : within(lesson.clock.runningSince, Number.MAX_SAFE_INTEGER),
  },
  anchor: { index: within(lesson.anchor.index, MAX_STEP_INDEX), atMs: within(lesson.anchor.atMs, MAX_LESSON_MS) },
});

/**
 * One lesson clock: while a capture session is open, every start, pause and step move of
 * the facilitator's clock (and the clock as it stands when the session opens or the
 * screen mounts) goes to the backend, which tells the devices at once. The facilitator's
 * laptop stays the clock's owner; the backend only relays it. Returns the last failure,
 * so the screen can say the devices may be behind.
 */
export const useLessonClockSync = (cycleId: string, lesson: LessonState, sessionOpen: boolean): Error | null => {
  const { mutate, error } = useMutation({ mutationFn: (request: RequestOf<'setLessonClock'>) => backend.setLessonClock(request) });
  useEffect(() => {
    if (sessionOpen) mutate(lessonClockRequest(cycleId, lesson));
  }, [cycleId, lesson, sessionOpen, mutate]);
  return error;
};
