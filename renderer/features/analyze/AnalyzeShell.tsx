import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useParams } from 'react-router';
import type { CycleEvidenceBundle } from '../../../shared/contract/analysis';
import { ErrorMessage, Page } from '../../ui/Page';
import { makeLabels, type Labels } from './labels';
import { useCycleEvidence } from './queries';

const sections = ['analyze', 'discussion', 'evidence', 'students', 'coverage', 'findings'] as const;

/** Sub-navigation shared by every analyze screen. */
export const AnalyzeNav = ({ cycleId }: { cycleId: string }) => {
  const { t } = useTranslation('analyze');
  return (
    <nav className="analyze-nav" aria-label={t('nav.label')}>
      {sections.map((section) => (
        <NavLink key={section} to={`/cycles/${cycleId}/${section}`} end={section !== 'findings'}>
          {t(`nav.${section}`)}
        </NavLink>
      ))}
    </nav>
  );
};

/**
 * Loads the cycle's evidence bundle once for every analyze screen and lays out the
 * common page: title, link back to the cycle, section navigation.
 */
export const AnalyzeShell = ({
  title,
  actions,
  bare = false,
  children,
}: {
  title: (bundle: CycleEvidenceBundle) => ReactNode;
  actions?: (bundle: CycleEvidenceBundle) => ReactNode;
  /** The discussion mode hides the page chrome for the projector. */
  bare?: boolean;
  children: (bundle: CycleEvidenceBundle, labels: Labels) => ReactNode;
}) => {
  const { cycleId = '' } = useParams();
  const { t } = useTranslation('analyze');
  const evidence = useCycleEvidence(cycleId);
  if (evidence.error) return <ErrorMessage error={evidence.error} />;
  if (!evidence.data) return <p>{t('common:loading')}</p>;
  const bundle = evidence.data;
  const labels = makeLabels(bundle, t);
  if (bare) return <>{children(bundle, labels)}</>;
  return (
    <Page
      title={title(bundle)}
      subtitle={
        <>
          <Link to={`/cycles/${cycleId}`}>{bundle.cycle.title}</Link>
          {' · '}
          <Link to={`/groups/${bundle.cycle.groupId}`}>{bundle.groupName}</Link>
          {bundle.plan ? ` · ${t('planVersion', { title: bundle.plan.title, n: bundle.plan.versionNumber ?? '—' })}` : ''}
        </>
      }
      actions={actions?.(bundle)}
    >
      <AnalyzeNav cycleId={cycleId} />
      {bundle.plan ? null : <p className="analyze-warning">{t('noPlan')}</p>}
      {children(bundle, labels)}
    </Page>
  );
};
