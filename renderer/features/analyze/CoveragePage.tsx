import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { CycleEvidenceBundle } from '../../../shared/contract/analysis';
import { pointsToNoticeCoverage } from '../../../shared/analysis/coverage';
import { indexById } from '../../../shared/analysis/evidence-links';
import { AnalyzeShell } from './AnalyzeShell';
import type { Labels } from './labels';
import { SelectionBar, useNoteSelection } from './LinkToFinding';
import { NoteCard } from './NoteCard';

/** For each step's points to notice, the notes observers linked to it — or "no evidence collected". */
export const CoveragePage = () => {
  const { t } = useTranslation('analyze');
  return (
    <AnalyzeShell title={() => t('coverage.title')}>{(bundle, labels) => <Coverage bundle={bundle} labels={labels} />}</AnalyzeShell>
  );
};

const Coverage = ({ bundle, labels }: { bundle: CycleEvidenceBundle; labels: Labels }) => {
  const { t } = useTranslation('analyze');
  const { cycleId = '' } = useParams();
  const selection = useNoteSelection();
  const coverage = pointsToNoticeCoverage({ steps: bundle.plan?.steps ?? [], observations: bundle.observations });
  const notes = indexById(bundle.observations);
  if (coverage.pointCount === 0) return <p className="empty-state">{t('coverage.noPoints')}</p>;
  return (
    <div className="coverage">
      <p role="status">{t('coverage.summary', { covered: coverage.coveredCount, total: coverage.pointCount })}</p>
      <SelectionBar cycleId={cycleId} bundle={bundle} selection={selection} />
      {coverage.steps
        .filter((s) => s.points.length > 0)
        .map((step) => (
          <section key={step.stepId} className="coverage-step" aria-labelledby={`coverage-${step.stepId}`}>
            <h2 id={`coverage-${step.stepId}`}>{labels.stepTitle(step.stepId)}</h2>
            {step.points.map((point) => (
              <div key={point.pointId} className={`coverage-point${point.covered ? '' : ' coverage-point-missing'}`}>
                <h3>
                  {point.text}{' '}
                  <span className={point.covered ? 'badge badge-ok' : 'badge badge-missing'}>
                    {point.covered ? t('coverage.noteCount', { count: point.observationIds.length }) : t('coverage.noEvidence')}
                  </span>
                </h3>
                {point.observationIds.map((id) => (
                  <NoteCard
                    key={id}
                    note={notes.get(id)!}
                    labels={labels}
                    selectable={{ selected: selection.isSelected(id), onChange: (on) => selection.toggle(id, on) }}
                  />
                ))}
              </div>
            ))}
          </section>
        ))}
    </div>
  );
};
