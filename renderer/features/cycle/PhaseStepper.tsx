import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { phases, type Phase } from '../../../shared/domain/cycle';
import { phaseIndex } from '../../../shared/workflow/phases';

/**
 * plan → teach → observe → analyze → revise → closed. The current phase says "current" in
 * words and with aria-current, done phases say "done": colour is never the only signal.
 */
export const PhaseStepper = ({ cycleId, current, viewing }: { cycleId: string; current: Phase; viewing?: Phase }) => {
  const { t } = useTranslation('cycle');
  return (
    <nav aria-label={t('stepperLabel')}>
      <ol className="phase-stepper">
        {phases.map((phase, index) => {
          const state = index < phaseIndex(current) ? 'done' : index === phaseIndex(current) ? 'current' : 'ahead';
          return (
            <li key={phase} className={`phase-step phase-step-${state}${viewing === phase ? ' phase-step-viewing' : ''}`}>
              <Link to={`/cycles/${cycleId}/phase/${phase}`} aria-current={state === 'current' ? 'step' : undefined}>
                <span className="phase-step-number" aria-hidden="true">
                  {state === 'done' ? '✓' : index + 1}
                </span>
                <span className="phase-step-name">{t(`phases.${phase}`)}</span>
                {state !== 'ahead' ? <span className="phase-step-state">({t(state)})</span> : null}
              </Link>
            </li>
          );
        })}
      </ol>
    </nav>
  );
};

/** A compact progress bar for the dashboard: six segments plus the phase in words. */
export const PhaseProgress = ({ phase, label }: { phase: Phase; label: string }) => {
  const { t } = useTranslation('cycle');
  const index = phaseIndex(phase);
  return (
    <div className="phase-progress">
      <div
        className="phase-progress-bar"
        role="progressbar"
        aria-label={label}
        aria-valuemin={1}
        aria-valuemax={phases.length}
        aria-valuenow={index + 1}
        aria-valuetext={t('phaseOf', { number: index + 1, total: phases.length, phase: t(`phases.${phase}`) })}
      >
        {phases.map((p, i) => (
          <span key={p} className={`phase-progress-segment${i <= index ? ' phase-progress-filled' : ''}`} />
        ))}
      </div>
      <p className="phase-progress-text">
        {t('phaseOf', { number: index + 1, total: phases.length, phase: t(`phases.${phase}`) })}
      </p>
    </div>
  );
};
