import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlowStep } from '../../../shared/domain/design';
import type { Observation } from '../../../shared/domain/observation';
import { formatClock } from '../../../shared/observe/clock';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { SelectField, TextField } from '../../ui/Field';
import { correctedNote, parseLessonTime, sameStamp } from './note-correction';

/**
 * Correct a note's step and lesson time after the fact (stamped on the wrong step, or
 * the clock was started late). Only those two change; the note keeps its id, text,
 * photos, codes and observer, and goes through the ordinary save.
 */
export const CorrectNoteDialog = ({
  note,
  steps,
  onClose,
  onCorrect,
}: {
  note: Observation;
  steps: readonly FlowStep[];
  onClose: () => void;
  onCorrect: (before: Observation, after: Observation) => void;
}) => {
  const { t } = useTranslation('observe');
  const knownStep = note.stepId && steps.some((s) => s.id === note.stepId) ? note.stepId : '';
  const [stepId, setStepId] = useState(knownStep);
  const [time, setTime] = useState(formatClock(note.clockMs));
  const [error, setError] = useState('');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseLessonTime(time);
    if (!parsed.ok) {
      setError(t(`correct.error.${parsed.error}`));
      return;
    }
    // A step the lesson no longer has stays on the note unless another is chosen.
    const keepStep = stepId === '' && note.stepId && !knownStep ? note.stepId : stepId || undefined;
    const after = correctedNote(note, { stepId: keepStep, clockMs: parsed.ms });
    if (!sameStamp(note, after)) onCorrect(note, after);
    onClose();
  };

  return (
    <Dialog
      open
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={t('correct.title', { time: formatClock(note.clockMs) })}
      description={note.text.length > 140 ? `${note.text.slice(0, 139)}…` : note.text}
    >
      <form className="correct-note-form" onSubmit={submit} noValidate>
        <SelectField label={t('correct.step')} value={stepId} onChange={(e) => setStepId(e.target.value)} data-testid="correct-step">
          <option value="">{note.stepId && !knownStep ? t('correct.keepUnknown') : t('correct.noStep')}</option>
          {steps.map((s, i) => (
            <option key={s.id} value={s.id}>
              {i + 1}. {s.title || t('step.untitled', { n: i + 1 })}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('correct.time')}
          hint={t('correct.timeHint')}
          error={error}
          value={time}
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          autoFocus
          onChange={(e) => {
            setTime(e.target.value);
            if (error) setError('');
          }}
          data-testid="correct-time"
        />
        <div className="dialog-actions">
          <Button onClick={onClose}>{t('common:cancel')}</Button>
          <Button variant="primary" type="submit">
            {t('correct.save')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
};
