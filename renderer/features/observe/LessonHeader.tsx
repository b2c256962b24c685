import { memo, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlowStep } from '../../../shared/domain/design';
import { classModes, type ClassModeChange } from '../../../shared/domain/observation';
import { clockMsAt, formatClock, hasStarted, isRunning, stepIndexAt } from '../../../shared/observe/clock';
import { Button } from '../../ui/Button';
import { modeKeys } from './keymap';
import type { LessonState } from './lesson-state';

const useNow = (ms: number, active: boolean) => {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setNow(Date.now());
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms, active]);
  return now;
};

/**
 * The lesson clock, the current step of the flow table and its prompts. Only this part
 * re-renders every tick.
 */
export const LessonHeader = memo(function LessonHeader({
  lesson,
  steps,
  onToggleClock,
  onStep,
}: {
  lesson: LessonState;
  steps: readonly FlowStep[];
  onToggleClock: () => void;
  onStep: (delta: 1 | -1) => void;
}) {
  const { t } = useTranslation('observe');
  const running = isRunning(lesson.clock);
  const now = useNow(500, running);
  const clockMs = clockMsAt(lesson.clock, now);
  const index = stepIndexAt(steps, clockMs, lesson.anchor);
  const step = steps[index];
  const clockLabel = running ? t('clock.pause') : hasStarted(lesson.clock) ? t('clock.resume') : t('clock.start');
  return (
    <section className="lesson-header" aria-label={t('clock.section')}>
      <div className="lesson-clock-row">
        <div role="timer" aria-label={t('clock.label')} className={`lesson-clock${running ? ' is-running' : ''}`}>
          {formatClock(clockMs)}
        </div>
        <Button variant={running ? 'secondary' : 'primary'} onClick={onToggleClock} aria-keyshortcuts="Alt+S">
          {clockLabel} <kbd aria-hidden="true">Alt+S</kbd>
        </Button>
        <span className="muted">{running ? t('clock.running') : hasStarted(lesson.clock) ? t('clock.paused') : t('clock.notStarted')}</span>
      </div>
      {step ? (
        <div className="step-panel">
          <div className="step-title-row">
            <Button className="btn-small" onClick={() => onStep(-1)} disabled={index === 0} aria-label={t('step.previous')}>
              ‹
            </Button>
            <h2 className="step-title" aria-live="polite" data-testid="current-step">
              {t('step.current', { n: index + 1, count: steps.length, title: step.title || t('step.untitled', { n: index + 1 }) })}
            </h2>
            <Button className="btn-small" onClick={() => onStep(1)} disabled={index === steps.length - 1} aria-label={t('step.next')}>
              ›
            </Button>
            <span className="badge">{t('step.minutes', { count: step.minutes })}</span>
          </div>
          <div className="step-prompts" role="region" aria-label={t('step.prompts')} tabIndex={0}>
            <div>
              <h3>{t('step.anticipated')}</h3>
              {step.anticipatedResponses.length ? (
                <ul>
                  {step.anticipatedResponses.map((r) => (
                    <li key={r.id}>{r.text}</li>
                  ))}
                </ul>
              ) : (
                <p className="muted">—</p>
              )}
            </div>
            <div>
              <h3>{t('step.pointsToNotice')}</h3>
              {step.pointsToNotice.length ? (
                <ul>
                  {step.pointsToNotice.map((p) => (
                    <li key={p.id}>{p.text}</li>
                  ))}
                </ul>
              ) : (
                <p className="muted">—</p>
              )}
            </div>
          </div>
        </div>
      ) : (
        <p className="muted">{t('step.noFlow')}</p>
      )}
    </section>
  );
});

export const ClassModeBar = memo(function ClassModeBar({
  current,
  onChange,
}: {
  current: ClassModeChange['mode'] | undefined;
  onChange: (mode: ClassModeChange['mode']) => void;
}) {
  const { t } = useTranslation('observe');
  return (
    <div className="class-mode-bar" role="group" aria-label={t('mode.label')}>
      <span className="field-label">{t('mode.label')}</span>
      {classModes.map((mode) => (
        <button
          key={mode}
          type="button"
          className={`btn btn-small mode-button${current === mode ? ' is-on' : ''}`}
          aria-pressed={current === mode}
          aria-keyshortcuts={`Alt+Shift+${modeKeys[mode]}`}
          onClick={() => onChange(mode)}
        >
          {current === mode ? <span aria-hidden="true">● </span> : null}
          {t(`mode.${mode}`)}
        </button>
      ))}
    </div>
  );
});
