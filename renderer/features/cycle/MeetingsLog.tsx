import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Cycle, Meeting } from '../../../shared/domain/cycle';
import type { Group } from '../../../shared/domain/group';
import { errorMessage } from '../../api/client';
import { Button } from '../../ui/Button';
import { ConfirmDialog, Dialog } from '../../ui/Dialog';
import { TextArea, TextField } from '../../ui/Field';
import { useDeleteMeeting, useSaveMeeting } from './queries';
import { formatDate } from '../../ui/format';

type Draft = Omit<Meeting, 'id'> & { id?: string };
const emptyMeeting = (): Draft => ({ date: '', attendeeIds: [], agenda: '', notes: '', decisions: '', followUps: '' });

/** The planning meetings log: date, attendees, agenda, notes, decisions, follow-ups. */
export const MeetingsLog = ({ cycle, group }: { cycle: Cycle; group: Group }) => {
  const { t } = useTranslation('cycle');
  const save = useSaveMeeting();
  const remove = useDeleteMeeting();
  const [editing, setEditing] = useState<Draft | null>(null);
  const [deleting, setDeleting] = useState<Meeting | null>(null);
  const memberName = (id: string) => group.members.find((m) => m.id === id)?.name ?? '?';

  return (
    <section aria-labelledby="meetings-title">
      <div className="section-header">
        <h2 id="meetings-title">{t('meetings.title')}</h2>
        <Button variant="primary" onClick={() => setEditing(emptyMeeting())}>
          {t('meetings.add')}
        </Button>
      </div>
      {cycle.meetings.length === 0 ? <p>{t('meetings.empty')}</p> : null}
      <ul className="meeting-list">
        {cycle.meetings.map((meeting) => (
          <li key={meeting.id} className="cycle-card">
            <h3>{formatDate(meeting.date)}</h3>
            <p className="card-meta">
              {t('meetings.attendees')}:{' '}
              {meeting.attendeeIds.length ? meeting.attendeeIds.map(memberName).join(', ') : t('meetings.noAttendees')}
            </p>
            <dl className="facts">
              {(['agenda', 'notes', 'decisions', 'followUps'] as const)
                .filter((field) => meeting[field])
                .map((field) => (
                  <div key={field} className="facts-row">
                    <dt>{t(`meetings.${field}`)}</dt>
                    <dd className="prose">{meeting[field]}</dd>
                  </div>
                ))}
            </dl>
            <div className="button-row">
              <Button onClick={() => setEditing(meeting)}>{t('meetings.edit')}</Button>
              <Button variant="danger" onClick={() => setDeleting(meeting)}>
                {t('meetings.delete')}
              </Button>
            </div>
          </li>
        ))}
      </ul>
      <Dialog open={editing !== null} onOpenChange={(open) => !open && setEditing(null)} title={editing?.id ? t('meetings.edit') : t('meetings.add')} wide>
        {editing ? (
          <MeetingForm
            initial={editing}
            group={group}
            onCancel={() => setEditing(null)}
            onSubmit={async (meeting) => {
              await save.mutateAsync({ cycleId: cycle.id, meeting });
              setEditing(null);
            }}
          />
        ) : null}
      </Dialog>
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={t('meetings.confirmDelete', { date: deleting?.date ?? '' })}
        description={t('meetings.delete')}
        confirmLabel={t('meetings.delete')}
        onConfirm={() => {
          if (deleting) remove.mutate({ cycleId: cycle.id, meetingId: deleting.id });
          setDeleting(null);
        }}
      />
    </section>
  );
};

const MeetingForm = ({
  initial,
  group,
  onSubmit,
  onCancel,
}: {
  initial: Draft;
  group: Group;
  onSubmit: (meeting: Draft) => Promise<void>;
  onCancel: () => void;
}) => {
  const { t } = useTranslation('cycle');
  const [draft, setDraft] = useState<Draft>(initial);
  const [error, setError] = useState<string | null>(null);
  const set = (change: Partial<Draft>) => setDraft((current) => ({ ...current, ...change }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft.date) {
      setError(t('meetings.dateRequired'));
      return;
    }
    try {
      await onSubmit(draft);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <TextField label={t('meetings.date')} type="date" value={draft.date} onChange={(e) => set({ date: e.target.value })} error={error ?? undefined} autoFocus />
      <fieldset>
        <legend>{t('meetings.attendees')}</legend>
        <div className="checkbox-grid">
          {group.members.map((member) => (
            <label key={member.id} className="checkbox-field">
              <input
                type="checkbox"
                checked={draft.attendeeIds.includes(member.id)}
                onChange={(e) =>
                  set({
                    attendeeIds: e.target.checked
                      ? [...draft.attendeeIds, member.id]
                      : draft.attendeeIds.filter((id) => id !== member.id),
                  })
                }
              />
              <span>{member.name}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <TextArea label={t('meetings.agenda')} rows={2} value={draft.agenda} onChange={(e) => set({ agenda: e.target.value })} />
      <TextArea label={t('meetings.notes')} rows={4} value={draft.notes} onChange={(e) => set({ notes: e.target.value })} />
      <div className="form-row">
        <TextArea label={t('meetings.decisions')} rows={3} value={draft.decisions} onChange={(e) => set({ decisions: e.target.value })} />
        <TextArea label={t('meetings.followUps')} rows={3} value={draft.followUps} onChange={(e) => set({ followUps: e.target.value })} />
      </div>
      <div className="form-actions">
        <Button onClick={onCancel}>{t('common:cancel')}</Button>
        <Button type="submit" variant="primary">
          {t('meetings.save')}
        </Button>
      </div>
    </form>
  );
};
