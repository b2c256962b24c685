import { useTranslation } from 'react-i18next';
import type { ChangeNote, FlowStep } from '../../../shared/domain/design';
import { EvidenceLinks } from './EvidenceLinks';

/**
 * Why the draft changes what it changes: one note per change, tied to a step (or to the
 * whole design), with a rationale and the evidence it cites. The analysis feature adds
 * notes citing findings; here they are written and edited by hand.
 */
export const ChangeNotesEditor = ({
  notes,
  steps,
  onChange,
}: {
  notes: ChangeNote[];
  steps: FlowStep[];
  onChange?: (notes: ChangeNote[]) => void;
}) => {
  const { t } = useTranslation('plan');
  const update = (id: string, change: Partial<ChangeNote>) => onChange?.(notes.map((n) => (n.id === id ? { ...n, ...change } : n)));
  const stepLabel = (stepId?: string) => {
    const index = steps.findIndex((s) => s.id === stepId);
    return index < 0 ? t('notes.wholeDesign') : t('flow.stepName', { number: index + 1, title: steps[index].title || t('flow.untitledStep') });
  };
  return (
    <section className="plan-section plan-notes" aria-labelledby="plan-notes">
      <h2 id="plan-notes">{t('notes.heading')}</h2>
      <p className="field-hint">{t('notes.help')}</p>
      {notes.length === 0 ? <p className="plan-muted">{t('notes.none')}</p> : null}
      <ol className="plan-note-list">
        {notes.map((note, index) => (
          <li key={note.id} className="plan-note">
            {onChange ? (
              <div className="plan-note-grid">
                <div className="field">
                  <label htmlFor={`note-step-${note.id}`}>{t('notes.step')}</label>
                  <select id={`note-step-${note.id}`} value={note.stepId ?? ''} onChange={(event) => update(note.id, { stepId: event.target.value || undefined })}>
                    <option value="">{t('notes.wholeDesign')}</option>
                    {steps.map((step, i) => (
                      <option key={step.id} value={step.id}>
                        {t('flow.stepName', { number: i + 1, title: step.title || t('flow.untitledStep') })}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor={`note-summary-${note.id}`}>{t('notes.summary', { number: index + 1 })}</label>
                  <input id={`note-summary-${note.id}`} value={note.summary} onChange={(event) => update(note.id, { summary: event.target.value })} />
                </div>
                <div className="field plan-note-rationale">
                  <label htmlFor={`note-rationale-${note.id}`}>{t('notes.rationale', { number: index + 1 })}</label>
                  <textarea id={`note-rationale-${note.id}`} className="plan-autogrow" rows={2} value={note.rationale} onChange={(event) => update(note.id, { rationale: event.target.value })} />
                </div>
                <div className="plan-note-evidence">
                  <span className="plan-readonly-label">{t('notes.evidence')}</span>
                  {note.evidence.length ? <EvidenceLinks evidence={note.evidence} /> : <span className="plan-muted"> {t('notes.noEvidence')}</span>}
                </div>
                <button type="button" className="btn btn-ghost btn-small plan-danger" onClick={() => onChange(notes.filter((n) => n.id !== note.id))}>
                  {t('notes.remove', { number: index + 1 })}
                </button>
              </div>
            ) : (
              <div>
                <div className="plan-readonly-label">{stepLabel(note.stepId)}</div>
                <strong>{note.summary}</strong>
                <div className="prose">{note.rationale}</div>
                <EvidenceLinks evidence={note.evidence} />
              </div>
            )}
          </li>
        ))}
      </ol>
      {onChange ? (
        <button type="button" className="btn" onClick={() => onChange([...notes, { id: crypto.randomUUID(), summary: '', rationale: '', evidence: [] }])}>
          + {t('notes.add')}
        </button>
      ) : null}
    </section>
  );
};
