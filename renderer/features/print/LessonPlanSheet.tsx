import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DesignContent } from '../../../shared/domain/design';
import type { Group } from '../../../shared/domain/group';
import { FlowTable } from './FlowTable';

/** A heading and its text, left out when the text is empty (a plan on paper has no blank sections). */
export const TextSection = ({ title, text }: { title: string; text: string }) =>
  text.trim() ? (
    <section className="print-section">
      <h2>{title}</h2>
      <p className="print-text">{text}</p>
    </section>
  ) : null;

/** Subject, grade, unit, date, teacher, duration: the line under a plan's title. */
export const PlanFacts = ({ content }: { content: DesignContent }) => {
  const { t } = useTranslation('print');
  const facts: Array<[string, ReactNode]> = [
    [t('meta.subject'), content.subject],
    [t('meta.grade'), content.grade],
    [t('meta.unit'), content.unitName],
    [t('meta.date'), content.plannedDate],
    [t('meta.teacher'), content.teacher],
    [t('meta.duration'), t('meta.minutes', { count: content.durationMinutes })],
  ];
  return (
    <dl className="print-facts">
      {facts
        .filter(([, value]) => value)
        .map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
};

/** Who observes whom, by name; the group resolves the ids. */
export const ObservationPlanTable = ({ content, group }: { content: DesignContent; group: Group | undefined }) => {
  const { t } = useTranslation('print');
  if (!content.observationPlan.length) return <p className="print-muted">{t('observation.none')}</p>;
  const member = (id?: string) => (id ? group?.members.find((m) => m.id === id)?.name : undefined) ?? t('observation.anyObserver');
  const student = (id?: string) => (id ? group?.focusStudents.find((s) => s.id === id)?.pseudonym : undefined);
  return (
    <table className="print-table">
      <thead>
        <tr>
          <th scope="col">{t('observation.observer')}</th>
          <th scope="col">{t('observation.target')}</th>
          <th scope="col">{t('observation.lookFor')}</th>
        </tr>
      </thead>
      <tbody>
        {content.observationPlan.map((row) => (
          <tr key={row.id}>
            <td>{member(row.observerId)}</td>
            <td>{[student(row.studentId), row.groupLabel].filter(Boolean).join(' — ')}</td>
            <td className="print-text">{row.lookFor}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};

/** The research lesson plan as a document: what the teachers reviewing it read on paper. */
export const LessonPlanSheet = ({ content, group, versionLabel }: { content: DesignContent; group: Group | undefined; versionLabel: string }) => {
  const { t } = useTranslation('print');
  const theme = content.researchTheme.trim() || group?.researchTheme || '';
  return (
    <article className="print-doc">
      <header className="print-doc-header">
        <h1>{content.title}</h1>
        <p className="print-doc-sub">
          {group ? `${t('group', { name: group.name })} · ` : ''}
          {versionLabel}
        </p>
        <PlanFacts content={content} />
      </header>
      <TextSection title={t('plan.theme')} text={theme} />
      <TextSection title={t('plan.goalLongTerm')} text={content.goals.longTerm} />
      <TextSection title={t('plan.goalUnit')} text={content.goals.unit} />
      <TextSection title={t('plan.goalLesson')} text={content.goals.lesson} />
      {content.unitSequence.length ? (
        <section className="print-section">
          <h2>{t('plan.unit')}</h2>
          <ol className="print-unit">
            {content.unitSequence.map((lesson) => (
              <li key={lesson.id} className={lesson.isThisLesson ? 'print-this-lesson' : undefined}>
                {lesson.title} {lesson.isThisLesson ? t('plan.thisLesson') : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <TextSection title={t('plan.background')} text={content.background} />
      <TextSection title={t('plan.materialStudy')} text={content.materialStudy} />
      <TextSection title={t('plan.materials')} text={content.materials} />
      <section className="print-section print-section-flow">
        <h2>{t('plan.flow')}</h2>
        <FlowTable steps={content.steps} />
      </section>
      <TextSection title={t('plan.board')} text={content.boardPlan} />
      <section className="print-section">
        <h2>{t('plan.observation')}</h2>
        <ObservationPlanTable content={content} group={group} />
      </section>
    </article>
  );
};
