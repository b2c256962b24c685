import { focusStudentsOf } from '../../../shared/domain/group';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { pointsToNoticeCoverage } from '../../../shared/analysis/coverage';
import { filterObservations } from '../../../shared/analysis/filters';
import { AnalyzeShell } from './AnalyzeShell';

/** Where the group turns notes into learning: the discussion, the evidence views, the findings. */
export const AnalyzeHub = () => {
  const { t } = useTranslation('analyze');
  const { cycleId = '' } = useParams();
  return (
    <AnalyzeShell title={() => t('hub.title')}>
      {(bundle) => {
        const notes = filterObservations(bundle.observations);
        const coverage = pointsToNoticeCoverage({ steps: bundle.plan?.steps ?? [], observations: bundle.observations });
        const { segments } = bundle.analysis.discussion;
        const started = segments.filter((s) => s.elapsedMs > 0 || s.runningSince).length;
        const findings = bundle.analysis.findings;
        const responded = bundle.cycle.studentResponses.filter((r) => r.responded !== 'unknown').length;
        const cards = [
          { to: 'discussion', title: t('nav.discussion'), body: t('hub.discussion', { started, total: segments.length }) },
          { to: 'evidence', title: t('nav.evidence'), body: t('hub.evidence', { count: notes.length }) },
          { to: 'students', title: t('nav.students'), body: t('hub.students', { responded, total: focusStudentsOf(bundle.focusStudents).length }) },
          { to: 'coverage', title: t('nav.coverage'), body: t('hub.coverage', { covered: coverage.coveredCount, total: coverage.pointCount }) },
          {
            to: 'findings',
            title: t('nav.findings'),
            body: t('hub.findings', { count: findings.length, revisions: findings.filter((f) => f.impliesRevision).length }),
          },
        ];
        return (
          <>
            <p className="muted">{t('hub.intro')}</p>
            <ul className="hub-cards">
              {cards.map((card) => (
                <li key={card.to} className="hub-card">
                  <h2>
                    <Link to={`/cycles/${cycleId}/${card.to}`}>{card.title}</Link>
                  </h2>
                  <p>{card.body}</p>
                </li>
              ))}
            </ul>
          </>
        );
      }}
    </AnalyzeShell>
  );
};
