import type { DeviceLesson, LiveClock } from '../../../shared/capture/protocol';
import { formatClock, hasStarted, isRunning } from '../../../shared/observe/clock';
import { pendingLabel, type Translate } from '../i18n';
import type { LessonTime } from '../lesson-time';

/** The host's lesson clock, the current step, and whether notes are still on their way. */
export const ClockBar = ({
  t,
  lesson,
  clock,
  time,
  waiting,
  offline,
}: {
  t: Translate;
  lesson: DeviceLesson;
  clock: LiveClock;
  time: LessonTime;
  waiting: number;
  offline: boolean;
}) => {
  const state = !hasStarted(clock.clock) ? t('clockNotStarted') : !isRunning(clock.clock) ? t('clockPaused') : '';
  return (
    <section className="clockbar" aria-label={t('lessonClock')}>
      {offline && (
        <p className="offline" role="alert">
          {t('offline')}
        </p>
      )}
      <div className="clockbar-row">
        <div className="clock">
          <span className="clock-time" aria-label={`${t('lessonClock')} ${formatClock(time.clockMs)}`}>
            {formatClock(time.clockMs)}
          </span>
          {state && <span className="clock-state">{state}</span>}
        </div>
        <div className="clock-step">
          {time.stepIndex >= 0 ? (
            <>
              <span className="step-count">{t('stepOf', { n: time.stepIndex + 1, total: lesson.steps.length })}</span>
              <span className="step-title">{lesson.steps[time.stepIndex].title}</span>
            </>
          ) : (
            <span>{t('noSteps')}</span>
          )}
        </div>
        <p className={waiting > 0 ? 'badge waiting' : 'badge'} role="status" aria-live="polite">
          {pendingLabel(t, waiting)}
        </p>
      </div>
    </section>
  );
};
