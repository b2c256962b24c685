import { useTranslation } from 'react-i18next';
import type { DesignContent } from '../../../shared/domain/design';
import type { Group, Member } from '../../../shared/domain/group';
import { FlowTable } from './FlowTable';
import { PlanFacts } from './LessonPlanSheet';
import { assignmentsOf, codesWithKeys } from './packet';
import { SeatingGrid } from './SeatingSheet';

const Codebook = ({ group }: { group: Group }) => {
  const { t } = useTranslation('print');
  const codes = codesWithKeys(group.codebook);
  if (!codes.length) return <p className="print-muted">{t('packet.noCodes')}</p>;
  return (
    <table className="print-table print-codes">
      <thead>
        <tr>
          <th scope="col">{t('packet.key')}</th>
          <th scope="col">{t('packet.code')}</th>
        </tr>
      </thead>
      <tbody>
        {codes.map(({ code, key }) => (
          <tr key={code.id}>
            <td className="print-code-key">{key ?? '—'}</td>
            <td>
              {/* The swatch is a help on colour paper; the label carries the meaning in black and white. */}
              <span className="print-swatch" style={{ backgroundColor: code.color }} aria-hidden="true" />
              {code.label}
              {code.rubric ? <span className="print-muted"> · {code.rubric}</span> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};

/**
 * One observer's packet (or, with `observer` null, the packet for anyone): their focus
 * students and what to look for, the flow table with anticipated responses and points
 * to notice, the seating chart with their students starred, and the codes with keys.
 */
export const ObserverPacket = ({ content, group, observer }: { content: DesignContent; group: Group; observer: Member | null }) => {
  const { t } = useTranslation('print');
  const rows = assignmentsOf(content, observer?.id ?? null);
  const student = (id?: string) => (id ? group.focusStudents.find((s) => s.id === id)?.pseudonym : undefined);
  const marked = new Set(rows.map((row) => row.studentId).filter((id): id is string => Boolean(id)));
  return (
    <article className="print-doc print-packet">
      <header className="print-doc-header">
        <p className="print-kicker">{t('packet.title')}</p>
        <h1>{content.title}</h1>
        <p className="print-doc-sub">
          {observer ? t('packet.for', { name: observer.name }) : t('packet.forEveryone')} · {t('group', { name: group.name })}
        </p>
        <PlanFacts content={content} />
        <p className="print-note">{t('packet.role')}</p>
      </header>
      {content.goals.lesson.trim() ? (
        <section className="print-section">
          <h2>{t('plan.goalLesson')}</h2>
          <p className="print-text">{content.goals.lesson}</p>
        </section>
      ) : null}
      <section className="print-section">
        <h2>{t('packet.focus')}</h2>
        {rows.length ? (
          <table className="print-table print-focus">
            <thead>
              <tr>
                <th scope="col">{t('observation.target')}</th>
                <th scope="col">{t('observation.lookFor')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td className="print-focus-name">{[student(row.studentId), row.groupLabel].filter(Boolean).join(' — ')}</td>
                  <td className="print-text">{row.lookFor}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="print-muted">{t('packet.noFocus')}</p>
        )}
      </section>
      <section className="print-section print-section-flow">
        <h2>{t('plan.flow')}</h2>
        <FlowTable steps={content.steps} forObserver />
      </section>
      <div className="print-packet-end">
        <section className="print-section">
          <h2>{t('seating.title')}</h2>
          <SeatingGrid group={group} marked={marked} markLabel={t('seating.focusMark')} />
        </section>
        <section className="print-section">
          <h2>{t('packet.codes')}</h2>
          <Codebook group={group} />
        </section>
      </div>
    </article>
  );
};
