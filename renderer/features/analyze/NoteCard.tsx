import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Observation } from '../../../shared/domain/observation';
import type { Labels } from './labels';

/** One observation as evidence: when, which step, about whom, its codes and its words. */
export const NoteCard = ({
  note,
  labels,
  highlighted = false,
  selectable,
  children,
}: {
  note: Observation;
  labels: Labels;
  highlighted?: boolean;
  selectable?: { selected: boolean; onChange: (selected: boolean) => void };
  children?: ReactNode;
}) => {
  const { t } = useTranslation('analyze');
  return (
    <article
      className={`note-card${highlighted ? ' note-card-highlighted' : ''}`}
      aria-label={t('note.label', { summary: labels.noteSummary(note) })}
      aria-current={highlighted ? 'true' : undefined}
      id={`note-${note.id}`}
      tabIndex={highlighted ? -1 : undefined}
    >
      <header className="note-card-header">
        {selectable ? (
          <label className="ev-note-select">
            <input type="checkbox" checked={selectable.selected} onChange={(e) => selectable.onChange(e.target.checked)} />
            <span className="visually-hidden">{t('note.select', { summary: labels.noteSummary(note) })}</span>
          </label>
        ) : null}
        <span className="ev-note-meta">
          <time>{labels.noteSummary(note)}</time> · {labels.member(note.observerId)}
        </span>
        <span className="note-codes">
          {note.codeIds.map((codeId) => {
            const code = labels.code(codeId);
            return (
              <span key={codeId} className="ev-code-chip" style={{ borderColor: code?.color, color: 'inherit' }}>
                <span className="ev-code-swatch" style={{ background: code?.color }} aria-hidden="true" />
                {code?.label ?? t('labels.unknownCode')}
              </span>
            );
          })}
        </span>
      </header>
      <p className="ev-note-text">{note.text}</p>
      {highlighted ? <p className="visually-hidden">{t('note.highlighted')}</p> : null}
      {children}
    </article>
  );
};

/** Where a linked note used to be: a visible mark, never a dangling id. */
export const RemovedEvidence = ({ children }: { children?: ReactNode }) => {
  const { t } = useTranslation('analyze');
  return (
    <div className="evidence-removed" role="note">
      <span aria-hidden="true">⊘ </span>
      <strong>{t('removed.title')}</strong> {t('removed.body')}
      {children}
    </div>
  );
};
