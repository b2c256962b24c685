import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Cycle, Teaching } from '../../../shared/domain/cycle';
import type { Group } from '../../../shared/domain/group';
import { errorMessage } from '../../api/client';
import { Button } from '../../ui/Button';
import { SelectField, TextField } from '../../ui/Field';
import { useSaveTeaching, useSetDiscussionDate } from './queries';
import { formatDate } from '../../ui/format';

/** Teach phase: the research lesson's date, class, teacher, class size and briefing. */
export const TeachingPanel = ({ cycle, group }: { cycle: Cycle; group: Group }) => {
  const { t } = useTranslation('cycle');
  const save = useSaveTeaching();
  const [teaching, setTeaching] = useState<Teaching>(cycle.teaching);
  const [status, setStatus] = useState<string | null>(null);
  const set = (change: Partial<Teaching>) => {
    setTeaching((current) => ({ ...current, ...change }));
    setStatus(null);
  };

  return (
    <section className="cycle-card" aria-labelledby="teaching-title">
      <h3 id="teaching-title">{t('teaching.title')}</h3>
      <form
        className="form"
        onSubmit={async (event) => {
          event.preventDefault();
          try {
            await save.mutateAsync({ cycleId: cycle.id, teaching });
            setStatus(t('teaching.saved'));
          } catch (failure) {
            setStatus(errorMessage(failure));
          }
        }}
      >
        <div className="form-row">
          <TextField label={t('teaching.date')} type="date" value={teaching.date} onChange={(e) => set({ date: e.target.value })} />
          <TextField label={t('teaching.className')} value={teaching.className} onChange={(e) => set({ className: e.target.value })} maxLength={120} />
          <SelectField
            label={t('teaching.teacher')}
            value={teaching.teacherId ?? ''}
            onChange={(e) => set({ teacherId: e.target.value || undefined })}
          >
            <option value="">{t('teaching.teacherNone')}</option>
            {group.members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('teaching.studentCount')}
            type="number"
            min={0}
            max={200}
            value={teaching.studentCount ?? ''}
            onChange={(e) => set({ studentCount: e.target.value === '' ? undefined : Math.max(0, Math.min(200, Number(e.target.value))) })}
          />
        </div>
        <label className="checkbox-field">
          <input type="checkbox" checked={teaching.briefingHeld} onChange={(e) => set({ briefingHeld: e.target.checked })} />
          <span>{t('teaching.briefingHeld')}</span>
        </label>
        <div className="button-row">
          <Button type="submit" variant="primary" disabled={save.isPending}>
            {t('teaching.save')}
          </Button>
          {status ? <span role="status">{status}</span> : null}
        </div>
      </form>
    </section>
  );
};

/** Observe phase: the slot for the observation capture screen (another feature). */
export const ObservePanel = ({ cycle }: { cycle: Cycle }) => {
  const { t } = useTranslation('cycle');
  return (
    <section className="cycle-card" aria-labelledby="observe-title">
      <h3 id="observe-title">{t('observe.title')}</h3>
      {cycle.teaching.date ? <p>{t('observe.lesson', { date: formatDate(cycle.teaching.date), className: cycle.teaching.className })}</p> : null}
      <Link className="btn btn-primary link-button" to={`/cycles/${cycle.id}/observe`}>
        {t('observe.open')}
      </Link>
    </section>
  );
};

/** Analyze phase: when the post-lesson discussion was held, and the slot for the analysis screen. */
export const AnalyzePanel = ({ cycle }: { cycle: Cycle }) => {
  const { t } = useTranslation('cycle');
  const save = useSetDiscussionDate();
  const [date, setDate] = useState(cycle.discussionDate);
  return (
    <section className="cycle-card" aria-labelledby="analyze-title">
      <h3 id="analyze-title">{t('analyze.title')}</h3>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate({ cycleId: cycle.id, date });
        }}
      >
        <TextField label={t('analyze.date')} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        <Button type="submit" disabled={date === cycle.discussionDate || save.isPending}>
          {t('analyze.save')}
        </Button>
      </form>
      <p>
        <Link className="btn btn-primary link-button" to={`/cycles/${cycle.id}/analyze`}>
          {t('analyze.open')}
        </Link>
      </p>
    </section>
  );
};
