import type { FlowStep } from '../../../shared/domain/design';
import type { Translate } from '../i18n';
import { toggleCode } from '../../../shared/observe/stamp';

/** The current step: what the planners expected and what observers should look for. */
export const StepPanel = ({
  t,
  step,
  pointIds,
  onPoints,
  responseIds,
  onResponses,
}: {
  t: Translate;
  step: FlowStep | undefined;
  pointIds: string[];
  onPoints: (ids: string[]) => void;
  responseIds: string[];
  onResponses: (ids: string[]) => void;
}) => {
  if (!step) return null;
  const wide = typeof window.matchMedia === 'function' && window.matchMedia('(min-width: 760px)').matches;
  return (
    <section className="panel step" aria-labelledby="step-title">
      <h2 id="step-title">{step.title}</h2>
      {step.anticipatedResponses.length > 0 && (
        // Folded on a phone, so the seats and the note field stay near the top.
        <details className="anticipated" open={wide}>
          <summary>
            {t('anticipated')} ({step.anticipatedResponses.length})
          </summary>
          <p className="hint">{t('anticipatedHint')}</p>
          <div className="points">
            {step.anticipatedResponses.map((r) => (
              <button key={r.id} type="button" className="point" aria-pressed={responseIds.includes(r.id)} onClick={() => onResponses(toggleCode(responseIds, r.id))}>
                {r.text}
              </button>
            ))}
          </div>
        </details>
      )}
      {step.pointsToNotice.length > 0 && (
        <>
          <h3>{t('pointsToNotice')}</h3>
          <p className="hint">{t('pointHint')}</p>
          <div className="points">
            {step.pointsToNotice.map((p) => (
              <button key={p.id} type="button" className="point" aria-pressed={pointIds.includes(p.id)} onClick={() => onPoints(toggleCode(pointIds, p.id))}>
                {p.text}
              </button>
            ))}
          </div>
        </>
      )}
    </section>
  );
};
