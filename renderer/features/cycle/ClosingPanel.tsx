import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Cycle, Reflection, StudentResponse } from '../../../shared/domain/cycle';
import { focusStudentsOf, type Group } from '../../../shared/domain/group';
import { errorMessage } from '../../api/client';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { SelectField, TextArea, TextField } from '../../ui/Field';
import { useRecordStudentResponse } from '../analyze/queries';
import { useSaveReflection, useStartReteach } from './queries';

const respondedValues = ['unknown', 'yes', 'partly', 'no'] as const;

/** The closing reflection: the research theme, our collaboration, the students of concern. */
export const ReflectionPanel = ({ cycle }: { cycle: Cycle }) => {
  const { t } = useTranslation('cycle');
  const save = useSaveReflection();
  const [reflection, setReflection] = useState<Reflection>(cycle.reflection);
  const [status, setStatus] = useState<string | null>(null);
  const set = (change: Partial<Reflection>) => {
    setReflection((current) => ({ ...current, ...change }));
    setStatus(null);
  };
  const setPractice = (id: string, change: { now?: string; next?: string }) =>
    set({ practices: reflection.practices.map((p) => (p.id === id ? { ...p, ...change } : p)) });

  return (
    <section className="cycle-card" aria-labelledby="reflection-title">
      <h3 id="reflection-title">{t('reflection.title')}</h3>
      <form
        className="form"
        onSubmit={async (event) => {
          event.preventDefault();
          try {
            await save.mutateAsync({ cycleId: cycle.id, reflection });
            setStatus(t('reflection.saved'));
          } catch (failure) {
            setStatus(errorMessage(failure));
          }
        }}
      >
        <TextArea label={t('reflection.researchTheme')} rows={4} value={reflection.researchTheme} onChange={(e) => set({ researchTheme: e.target.value })} />
        <fieldset>
          <legend>{t('reflection.practicesTitle')}</legend>
          {reflection.practices.map((p) => {
            const name = p.key ? t(`reflection.practice.${p.key}`, { defaultValue: p.practice }) : p.practice;
            return (
              <div className="form-row" key={p.id}>
                <TextArea label={t('reflection.now', { practice: name })} rows={2} value={p.now} onChange={(e) => setPractice(p.id, { now: e.target.value })} />
                <TextArea label={t('reflection.next', { practice: name })} rows={2} value={p.next} onChange={(e) => setPractice(p.id, { next: e.target.value })} />
              </div>
            );
          })}
        </fieldset>
        <TextArea
          label={t('reflection.studentsOfConcern')}
          rows={3}
          value={reflection.studentsOfConcern}
          onChange={(e) => set({ studentsOfConcern: e.target.value })}
        />
        <TextArea label={t('reflection.nextSteps')} rows={3} value={reflection.nextSteps} onChange={(e) => set({ nextSteps: e.target.value })} />
        <div className="button-row">
          <Button type="submit" variant="primary" disabled={save.isPending}>
            {t('reflection.save')}
          </Button>
          {status ? <span role="status">{status}</span> : null}
        </div>
      </form>
    </section>
  );
};

/** Per cycle: did each student of concern respond? Saved as soon as it is chosen. */
export const StudentResponsesPanel = ({ cycle, group }: { cycle: Cycle; group: Group }) => {
  const { t } = useTranslation('cycle');
  const students = focusStudentsOf(group.focusStudents);
  return (
    <section className="cycle-card" aria-labelledby="responses-title">
      <h3 id="responses-title">{t('responses.title')}</h3>
      {students.length === 0 ? <p>{t('responses.none')}</p> : null}
      <ul className="response-list">
        {students.map((student) => (
          <li key={student.id}>
            <ResponseEditor
              cycle={cycle}
              studentId={student.id}
              studentName={student.pseudonym}
              response={cycle.studentResponses.find((r) => r.studentId === student.id)}
              withNote
            />
          </li>
        ))}
      </ul>
    </section>
  );
};

export const ResponseEditor = ({
  cycle,
  studentId,
  studentName,
  response,
  withNote = false,
}: {
  cycle: Pick<Cycle, 'id' | 'title'>;
  studentId: string;
  studentName: string;
  response?: StudentResponse;
  withNote?: boolean;
}) => {
  const { t } = useTranslation('cycle');
  const save = useRecordStudentResponse(cycle.id);
  const current: StudentResponse = response ?? { studentId, responded: 'unknown', note: '', observationIds: [] };
  const [note, setNote] = useState(current.note);
  return (
    <div className="response-editor">
      <SelectField
        label={t('responses.responded', { student: studentName, cycle: cycle.title })}
        value={current.responded}
        onChange={(e) => save.mutate({ ...current, responded: e.target.value as StudentResponse['responded'] })}
      >
        {respondedValues.map((value) => (
          <option key={value} value={value}>
            {t(`responses.values.${value}`)}
          </option>
        ))}
      </SelectField>
      {withNote ? (
        <TextField
          label={t('responses.note', { student: studentName })}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          onBlur={() => {
            if (note !== current.note) save.mutate({ ...current, note });
          }}
        />
      ) : null}
    </div>
  );
};

/** Reteach: a new cycle in plan, teaching the revised version, linked to this one. */
export const ReteachButton = ({ cycle }: { cycle: Cycle }) => {
  const { t } = useTranslation('cycle');
  const start = useStartReteach();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState(() => t('reteach.defaultTitle', { title: cycle.title }));
  const [error, setError] = useState<string | null>(null);
  if (cycle.phase !== 'closed' || !cycle.revisedVersionId) return null;
  return (
    <>
      <Button variant="primary" onClick={() => setOpen(true)}>
        {t('reteach.button')}
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title={t('reteach.title')}>
        <form
          className="form"
          onSubmit={async (event) => {
            event.preventDefault();
            if (!title.trim()) return;
            try {
              const next = await start.mutateAsync({ cycleId: cycle.id, title: title.trim() });
              setOpen(false);
              void navigate(`/cycles/${next.id}`);
            } catch (failure) {
              setError(errorMessage(failure));
            }
          }}
        >
          <TextField label={t('title')} value={title} onChange={(e) => setTitle(e.target.value)} error={error ?? undefined} autoFocus />
          <div className="form-actions">
            <Button onClick={() => setOpen(false)}>{t('common:cancel')}</Button>
            <Button type="submit" variant="primary" disabled={!title.trim() || start.isPending}>
              {t('reteach.create')}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
};
