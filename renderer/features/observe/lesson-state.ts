import { useCallback, useState } from 'react';
import { initialAnchor, stoppedClock, type LessonClock, type StepAnchor } from '../../../shared/observe/clock';

/**
 * Per-laptop state of a live lesson: the clock, where the step was last set by hand, and
 * which observer I am. Kept in localStorage so a reload (or a crash) mid-lesson carries on
 * from the same clock. The notes themselves are in the workspace, never here.
 */
export interface LessonState {
  clock: LessonClock;
  anchor: StepAnchor;
}

const key = (cycleId: string) => `lesson-study.observe.${cycleId}`;
const observerKey = (groupId: string) => `lesson-study.observer.${groupId}`;

const load = (cycleId: string): LessonState => {
  try {
    const raw = JSON.parse(localStorage.getItem(key(cycleId)) ?? 'null') as LessonState | null;
    if (raw && typeof raw.clock?.accumulatedMs === 'number' && typeof raw.anchor?.index === 'number') return raw;
  } catch {
    // A damaged preference is not lesson data: start a fresh clock.
  }
  return { clock: stoppedClock, anchor: initialAnchor };
};

export const useLessonState = (cycleId: string) => {
  const [state, setState] = useState<LessonState>(() => load(cycleId));
  const update = useCallback(
    (change: (s: LessonState) => LessonState) =>
      setState((current) => {
        const next = change(current);
        try {
          localStorage.setItem(key(cycleId), JSON.stringify(next));
        } catch {
          // Storage full or disabled: the clock still runs for this session.
        }
        return next;
      }),
    [cycleId],
  );
  return [state, update] as const;
};

export const useRememberedObserver = (groupId: string, memberIds: readonly string[]) => {
  const [observerId, setObserverId] = useState<string>(() => {
    const stored = localStorage.getItem(observerKey(groupId)) ?? '';
    return memberIds.includes(stored) ? stored : '';
  });
  const choose = useCallback(
    (id: string) => {
      setObserverId(id);
      localStorage.setItem(observerKey(groupId), id);
    },
    [groupId],
  );
  return [memberIds.includes(observerId) ? observerId : '', choose] as const;
};
