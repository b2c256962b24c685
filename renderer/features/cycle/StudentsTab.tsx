import { useQueries } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { FocusStudent, Group } from '../../../shared/domain/group';
import { backend, errorMessage } from '../../api/client';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { TextArea, TextField } from '../../ui/Field';
import { ResponseEditor } from './ClosingPanel';
import { cycleKeys, useCycles, useSaveFocusStudent } from './queries';

type Draft = Omit<FocusStudent, 'id'> & { id?: string };
// Added from here, a student joins the class roster already flagged focus and concern.
const emptyStudent = (): Draft => ({ pseudonym: '', focus: true, concern: true, concerns: '', supportsNow: '', supportsPlanned: '', retired: false });

/**
 * The students of concern (the roster's students flagged focus or concern): the four questions a group asks of each student —
 * which areas concern us, what supports we provide now, what we will provide, and, per
 * cycle, whether the student responded.
 */
export const StudentsTab = ({ group }: { group: Group }) => {
  const { t } = useTranslation('cycle');
  const save = useSaveFocusStudent();
  const summaries = useCycles(group.id);
  const cycles = useQueries({
    queries: (summaries.data ?? []).map((s) => ({ queryKey: cycleKeys.one(s.id), queryFn: () => backend.getCycle({ cycleId: s.id }) })),
  })
    .map((q) => q.data)
    .filter((c) => c !== undefined);
  const [editing, setEditing] = useState<Draft | null>(null);
  const students = group.focusStudents.filter((s) => s.focus || s.concern);

  return (
    <div className="students-tab">
      <p className="pseudonym-reminder" role="note">
        <strong aria-hidden="true">⚠ </strong>
        {t('students.reminder')}
      </p>
      <div className="section-header">
        <p>{t('students.intro')}</p>
        <Button variant="primary" onClick={() => setEditing(emptyStudent())}>
          {t('students.add')}
        </Button>
      </div>
      {students.length === 0 ? <p className="empty-state">{t('students.empty')}</p> : null}
      <ul className="student-list" aria-label={t('students.listLabel')}>
        {students.map((student) => (
          <li key={student.id} className={`cycle-card${student.retired ? ' student-retired' : ''}`}>
            <div className="section-header">
              <h3>
                {student.pseudonym} {student.retired ? <span className="badge">{t('students.retired')}</span> : null}
              </h3>
              <div className="button-row">
                <Button onClick={() => setEditing(student)} aria-label={t('students.edit', { name: student.pseudonym })}>
                  {t('common:edit')}
                </Button>
                <Button onClick={() => save.mutate({ groupId: group.id, student: { ...student, retired: !student.retired } })}>
                  {student.retired ? t('students.unretire') : t('students.retire')}
                </Button>
              </div>
            </div>
            <dl className="facts">
              <dt>{t('students.concerns')}</dt>
              <dd className="prose">{student.concerns || '—'}</dd>
              <dt>{t('students.supportsNow')}</dt>
              <dd className="prose">{student.supportsNow || '—'}</dd>
              <dt>{t('students.supportsPlanned')}</dt>
              <dd className="prose">{student.supportsPlanned || '—'}</dd>
              <dt>{t('students.respondedTitle')}</dt>
              <dd>
                {cycles.length === 0 ? t('students.noCycles') : null}
                <ul className="response-grid">
                  {cycles.map((cycle) => (
                    <li key={cycle.id}>
                      <ResponseEditor
                        cycle={cycle}
                        studentId={student.id}
                        studentName={student.pseudonym}
                        response={cycle.studentResponses.find((r) => r.studentId === student.id)}
                      />
                      <Link to={`/cycles/${cycle.id}/phase/closed`} className="small-link">
                        {cycle.title}
                      </Link>
                    </li>
                  ))}
                </ul>
              </dd>
            </dl>
          </li>
        ))}
      </ul>
      <Dialog
        open={editing !== null}
        onOpenChange={(open) => !open && setEditing(null)}
        title={editing?.id ? t('students.edit', { name: editing.pseudonym }) : t('students.add')}
        wide
      >
        {editing ? (
          <StudentForm
            initial={editing}
            onCancel={() => setEditing(null)}
            onSubmit={async (student) => {
              await save.mutateAsync({ groupId: group.id, student });
              setEditing(null);
            }}
          />
        ) : null}
      </Dialog>
    </div>
  );
};

const StudentForm = ({ initial, onSubmit, onCancel }: { initial: Draft; onSubmit: (s: Draft) => Promise<void>; onCancel: () => void }) => {
  const { t } = useTranslation('cycle');
  const [draft, setDraft] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const set = (change: Partial<Draft>) => setDraft((current) => ({ ...current, ...change }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft.pseudonym.trim()) {
      setError(t('students.pseudonymRequired'));
      return;
    }
    try {
      await onSubmit({ ...draft, pseudonym: draft.pseudonym.trim() });
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <p className="pseudonym-reminder" role="note">
        {t('students.reminder')}
      </p>
      <TextField
        label={t('students.pseudonym')}
        value={draft.pseudonym}
        onChange={(e) => set({ pseudonym: e.target.value })}
        error={error ?? undefined}
        maxLength={60}
        autoFocus
      />
      <TextArea label={t('students.concerns')} rows={3} value={draft.concerns} onChange={(e) => set({ concerns: e.target.value })} />
      <div className="form-row">
        <TextArea label={t('students.supportsNow')} rows={3} value={draft.supportsNow} onChange={(e) => set({ supportsNow: e.target.value })} />
        <TextArea label={t('students.supportsPlanned')} rows={3} value={draft.supportsPlanned} onChange={(e) => set({ supportsPlanned: e.target.value })} />
      </div>
      <div className="form-actions">
        <Button onClick={onCancel}>{t('common:cancel')}</Button>
        <Button type="submit" variant="primary">
          {t('students.save')}
        </Button>
      </div>
    </form>
  );
};
