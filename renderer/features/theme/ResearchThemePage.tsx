import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { buildThemeOverview, type ThemeCycle, type ThemeGap, type ThemeRevision } from '../../../shared/report/theme-overview';
import { formatDate } from '../../ui/format';
import { ErrorMessage, Page } from '../../ui/Page';
import { ThemeExport } from './ThemeExport';
import { useThemeSources } from './queries';
import './theme.css';

/**
 * "Research theme": the group's long-term goal on top, then what each cycle taught, found
 * and changed, in teaching-date order — the page a group reads back at the end of the
 * year, and exports for the school's report. Reads only; every gap links to the screen
 * where it is filled.
 */
export const ResearchThemePage = () => {
  const { t } = useTranslation('theme');
  const { groupId = '' } = useParams();
  const sources = useThemeSources(groupId);
  const overview = useMemo(() => (sources.data ? buildThemeOverview(sources.data) : null), [sources.data]);

  if (sources.error) return <ErrorMessage error={sources.error} />;
  if (!overview) return <p>{t('common:loading')}</p>;
  const dated = overview.cycles.slice(0, overview.cycles.length - overview.undatedCount);
  const undated = overview.cycles.slice(dated.length);

  return (
    <Page
      title={t('title')}
      subtitle={overview.group.name}
      actions={
        <Link className="btn btn-ghost" to={`/groups/${groupId}`}>
          {t('backToGroup')}
        </Link>
      }
    >
      <p className="theme-intro">{t('intro')}</p>
      <section className="theme-goal" aria-labelledby="theme-goal-title">
        <h2 id="theme-goal-title">{t('goal')}</h2>
        {overview.group.researchTheme.trim() ? (
          <p className="theme-goal-text">{overview.group.researchTheme}</p>
        ) : (
          <p className="muted">
            {t('noGoal')} <Link to={`/groups/${groupId}`}>{t('editGroup')}</Link>
          </p>
        )}
      </section>

      {overview.cycles.length === 0 ? (
        <p className="muted">
          {t('noCycles')} <Link to={`/groups/${groupId}/cycles`}>{t('startCycle')}</Link>
        </p>
      ) : null}
      {dated.length ? (
        <section aria-labelledby="theme-taught-title">
          <h2 id="theme-taught-title">{t('taughtHeading')}</h2>
          <ol className="theme-cycles">
            {dated.map((cycle) => (
              <CycleCard key={cycle.id} cycle={cycle} />
            ))}
          </ol>
        </section>
      ) : null}
      {undated.length ? (
        <section aria-labelledby="theme-undated-title">
          <h2 id="theme-undated-title">{t('undatedHeading')}</h2>
          <p className="muted">{t('undatedNote', { count: undated.length })}</p>
          <ol className="theme-cycles">
            {undated.map((cycle) => (
              <CycleCard key={cycle.id} cycle={cycle} />
            ))}
          </ol>
        </section>
      ) : null}

      <ThemeExport groupId={groupId} />
    </Page>
  );
};

/** Where a gap is filled: the cycle page to choose a version, the findings screen, the revise phase. */
const gapPath = (gap: ThemeGap, cycleId: string): string =>
  gap === 'lesson' ? `/cycles/${cycleId}` : gap === 'findings' ? `/cycles/${cycleId}/findings` : `/cycles/${cycleId}/phase/revise`;

const Gap = ({ gap, cycleId }: { gap: ThemeGap; cycleId: string }) => {
  const { t } = useTranslation('theme');
  return (
    <p className="theme-gap">
      {t(`missing.${gap}`)} — <Link to={gapPath(gap, cycleId)}>{t(`missing.${gap}Action`)}</Link>
    </p>
  );
};

const revisionPlace = (revision: ThemeRevision, t: (key: string, options?: Record<string, unknown>) => string): string =>
  t('revisionWhere', {
    version: revision.versionNumber,
    place: !revision.step ? t('wholeLesson') : revision.step.title ? t('stepTitled', revision.step) : t('step', revision.step),
  });

/** One cycle: its lesson, findings (each with its support and the revision it led to) and revisions. */
const CycleCard = ({ cycle }: { cycle: ThemeCycle }) => {
  const { t } = useTranslation('theme');
  const titleId = `theme-cycle-${cycle.id}`;
  const revisionById = new Map(cycle.revisions.map((r) => [r.id, r]));
  const findingById = new Map(cycle.findings.map((f) => [f.id, f]));
  const lesson = cycle.lesson;
  return (
    <li className="theme-cycle card">
      <article aria-labelledby={titleId}>
        <h3 id={titleId}>
          <Link to={`/cycles/${cycle.id}`}>{cycle.title}</Link>
        </h3>
        <p className="card-meta">
          {cycle.teachingDate ? t('taughtOn', { date: formatDate(cycle.teachingDate) }) : t('noDate')}
          {cycle.className ? ` · ${cycle.className}` : ''} · {t('phase', { phase: t(`cycle:phases.${cycle.phase}`) })}
        </p>
        {lesson ? (
          <p className="theme-lesson">
            <span className="theme-label">{t('lesson')}</span> <Link to={`/designs/${lesson.designId}`}>{lesson.title}</Link>{' '}
            <span className="badge">{t('version', { number: lesson.versionNumber })}</span>
            {[lesson.subject, lesson.grade].filter(Boolean).map((part) => ` · ${part}`)}
          </p>
        ) : (
          <Gap gap="lesson" cycleId={cycle.id} />
        )}
        {cycle.researchQuestion.trim() ? (
          <p className="theme-question">
            <span className="theme-label">{t('researchQuestion')}</span> {cycle.researchQuestion}
          </p>
        ) : null}

        <h4 id={`${titleId}-findings`}>{t('findings')}</h4>
        {cycle.findings.length ? (
          <ul className="theme-findings" aria-labelledby={`${titleId}-findings`}>
            {cycle.findings.map((finding) => (
              <li key={finding.id} id={`finding-${finding.id}`}>
                <span className="theme-statement">{finding.statement}</span>{' '}
                <span className="badge">{t('support', { count: finding.supportCount })}</span>
                {finding.revisionIds.map((id) => (
                  <p key={id} className="theme-link">
                    <span aria-hidden="true">→ </span>
                    {t('ledTo')} {revisionById.get(id)?.summary}
                  </p>
                ))}
              </li>
            ))}
          </ul>
        ) : (
          <Gap gap="findings" cycleId={cycle.id} />
        )}

        <h4 id={`${titleId}-revisions`}>{t('revisions')}</h4>
        {cycle.revisions.length ? (
          <ul className="theme-revisions" aria-labelledby={`${titleId}-revisions`}>
            {cycle.revisions.map((revision) => (
              <li key={revision.id}>
                <strong>{revisionPlace(revision, t)}</strong>
                {t('separator')}
                {revision.summary}
                {revision.rationale.trim() ? (
                  <p className="theme-why">
                    {t('why')} {revision.rationale}
                  </p>
                ) : null}
                {revision.findingIds.flatMap((id) =>
                  findingById.has(id) ? [
                    <p key={id} className="theme-link">
                      {t('fromFinding')} {findingById.get(id)!.statement}
                    </p>,
                  ] : [],
                )}
              </li>
            ))}
          </ul>
        ) : cycle.gaps.includes('revisions') ? (
          <Gap gap="revisions" cycleId={cycle.id} />
        ) : null}
        {cycle.closedWithoutRevision ? (
          <p className="theme-why">
            {t('closedWithoutRevision')} {cycle.closedWithoutRevision}
          </p>
        ) : null}
      </article>
    </li>
  );
};
