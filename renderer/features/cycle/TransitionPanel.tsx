import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Cycle, Phase } from '../../../shared/domain/cycle';
import { checklistProgress } from '../../../shared/workflow/checklists';
import { checkTransition, earlierPhases, localDate, nextPhase, type Refusal } from '../../../shared/workflow/phases';
import { errorMessage } from '../../api/client';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { SelectField, TextArea } from '../../ui/Field';
import { ReteachButton } from './ClosingPanel';
import { useMoveCycle, useSaveTeaching } from './queries';

/**
 * "Move to the next phase" checks the same pure rules the backend enforces and, when
 * refused, says exactly what is missing. "Go back" needs a reason the history keeps.
 */
export const TransitionPanel = ({ cycle, actor }: { cycle: Cycle; actor: string }) => {
  const { t } = useTranslation('cycle');
  const move = useMoveCycle();
  const navigate = useNavigate();
  const saveTeaching = useSaveTeaching();
  const [refusal, setRefusal] = useState<string | null>(null);
  const [refused, setRefused] = useState<Refusal | null>(null);
  const [goingBack, setGoingBack] = useState(false);
  const next = nextPhase(cycle.phase);
  const earlier = earlierPhases(cycle.phase);
  const { done, total } = checklistProgress(cycle.checklists[cycle.phase]);

  const moveForward = async (to: Phase, current: Cycle = cycle) => {
    const check = checkTransition(current, to, { now: new Date() });
    if (!check.ok) {
      setRefusal(t(`refusal.${check.refusal}`));
      setRefused(check.refusal);
      return;
    }
    setRefusal(null);
    setRefused(null);
    try {
      await move.mutateAsync({ cycleId: cycle.id, to, by: actor, reason: '' });
      void navigate(`/cycles/${cycle.id}/phase/${to}`);
    } catch (error) {
      setRefusal(errorMessage(error));
    }
  };

  // The fix for a teaching date still ahead, offered where the refusal is read: the lesson is taught today.
  const teachToday = async (to: Phase) => {
    try {
      const saved = await saveTeaching.mutateAsync({ cycleId: cycle.id, teaching: { ...cycle.teaching, date: localDate(new Date()) } });
      await moveForward(to, saved);
    } catch (error) {
      setRefusal(errorMessage(error));
    }
  };

  return (
    <section className="cycle-card transition-panel" aria-labelledby="move-title">
      <h3 id="move-title">{t('move.title')}</h3>
      {next ? (
        <>
          {total > done ? <p className="muted">{t('move.unticked', { count: total - done })}</p> : null}
          <div className="button-row">
            <Button variant="primary" onClick={() => void moveForward(next)} disabled={move.isPending}>
              {t('move.next', { phase: t(`phases.${next}`) })}
            </Button>
            {earlier.length ? <Button onClick={() => setGoingBack(true)}>{t('move.goBack')}</Button> : null}
          </div>
        </>
      ) : (
        <>
          <p>{t('move.closed')}</p>
          <div className="button-row">
            <ReteachButton cycle={cycle} />
            <Button onClick={() => setGoingBack(true)}>{t('move.goBack')}</Button>
          </div>
        </>
      )}
      {refusal ? (
        <p className="refusal" role="alert">
          {refusal}
        </p>
      ) : null}
      {refused === 'not-taught-yet' && next ? (
        <div className="button-row">
          <Button variant="primary" onClick={() => void teachToday(next)} disabled={saveTeaching.isPending || move.isPending}>
            {t('move.teachToday')}
          </Button>
        </div>
      ) : null}
      <Dialog open={goingBack} onOpenChange={setGoingBack} title={t('move.goBackTitle')}>
        <GoBackForm
          phases={earlier}
          onCancel={() => setGoingBack(false)}
          onSubmit={async (to, reason) => {
            await move.mutateAsync({ cycleId: cycle.id, to, by: actor, reason });
            setRefusal(null);
            setGoingBack(false);
            void navigate(`/cycles/${cycle.id}/phase/${to}`);
          }}
        />
      </Dialog>
    </section>
  );
};

const GoBackForm = ({
  phases,
  onSubmit,
  onCancel,
}: {
  phases: Phase[];
  onSubmit: (to: Phase, reason: string) => Promise<void>;
  onCancel: () => void;
}) => {
  const { t } = useTranslation('cycle');
  const [to, setTo] = useState<Phase>(phases.at(-1) ?? 'plan');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setError(t('move.reasonRequired'));
      return;
    }
    try {
      await onSubmit(to, reason.trim());
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <SelectField label={t('move.goBackTo')} value={to} onChange={(e) => setTo(e.target.value as Phase)}>
        {phases.map((phase) => (
          <option key={phase} value={phase}>
            {t(`phases.${phase}`)}
          </option>
        ))}
      </SelectField>
      <TextArea
        label={t('move.reason')}
        hint={t('move.reasonHint')}
        rows={3}
        value={reason}
        onChange={(e) => {
          setReason(e.target.value);
          setError(null);
        }}
        error={error ?? undefined}
        required
        autoFocus
      />
      <div className="form-actions">
        <Button onClick={onCancel}>{t('common:cancel')}</Button>
        <Button variant="primary" type="submit">
          {t('move.confirmBack')}
        </Button>
      </div>
    </form>
  );
};
