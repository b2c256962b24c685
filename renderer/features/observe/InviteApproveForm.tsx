import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestOf } from '../../../shared/contract';
import type { CaptureDevice } from '../../../shared/contract/capture';
import { focusStudentsOf, type Group } from '../../../shared/domain/group';
import { Button } from '../../ui/Button';
import { approvalRequest, emptyApproval, GUEST_CHOICE, type ApprovalForm, type ApprovalProblem } from './capture-approval';

/** One waiting device: who writes from it (a member or a named guest) and, optionally, whom they follow. */
export const InviteApproveForm = ({
  cycleId,
  device,
  group,
  busy,
  onApprove,
  onTurnAway,
}: {
  cycleId: string;
  device: CaptureDevice;
  group: Group;
  busy: boolean;
  onApprove: (request: RequestOf<'approveDevice'>) => void;
  onTurnAway: () => void;
}) => {
  const { t } = useTranslation('invite');
  const id = useId();
  const [form, setForm] = useState<ApprovalForm>(emptyApproval);
  const [problem, setProblem] = useState<ApprovalProblem | null>(null);
  /** A change answers the question asked: the message goes until the next Approve. */
  const change = (next: Partial<ApprovalForm>) => {
    setProblem(null);
    setForm((f) => ({ ...f, ...next }));
  };
  // The class's focus students (the roster holds the whole class): the ones an observer is asked to follow.
  const students = focusStudentsOf(group.focusStudents);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = approvalRequest(cycleId, device.id, form);
    if (!checked.ok) {
      setProblem(checked.problem);
      return;
    }
    setProblem(null);
    onApprove(checked.request);
  };
  const toggleStudent = (studentId: string, on: boolean) =>
    setForm((f) => ({ ...f, focusStudentIds: on ? [...f.focusStudentIds, studentId] : f.focusStudentIds.filter((s) => s !== studentId) }));

  return (
    <form className="invite-approve" aria-label={t('devices.approveForm', { name: device.name })} onSubmit={submit} noValidate>
      <div className="invite-device-name">
        <strong>{device.name}</strong>
        <span className="muted">{t('devices.language', { language: t(`language.${device.language}`) })}</span>
      </div>
      <div className="invite-approve-fields">
        <label>
          <span className="field-label">{t('devices.writesAs')}</span>
          <select
            value={form.writesAs}
            onChange={(e) => change({ writesAs: e.target.value })}
            aria-invalid={problem === 'chooseObserver'}
            aria-describedby={problem === 'chooseObserver' ? `${id}-problem` : undefined}
          >
            <option value="">{t('devices.choose')}</option>
            <optgroup label={t('devices.members')}>
              {group.members.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </optgroup>
            <option value={GUEST_CHOICE}>{t('devices.guest')}</option>
          </select>
        </label>
        {form.writesAs === GUEST_CHOICE ? (
          <label>
            <span className="field-label">{t('devices.guestName')}</span>
            <input
              type="text"
              maxLength={120}
              value={form.guestName}
              onChange={(e) => change({ guestName: e.target.value })}
              aria-invalid={problem === 'guestName'}
              aria-describedby={problem === 'guestName' ? `${id}-problem` : undefined}
            />
          </label>
        ) : null}
      </div>
      {students.length > 0 ? (
        <fieldset className="invite-focus">
          <legend className="field-label">{t('devices.focus')}</legend>
          {students.map((s) => (
            <label key={s.id} className="checkbox-field">
              <input type="checkbox" checked={form.focusStudentIds.includes(s.id)} onChange={(e) => toggleStudent(s.id, e.target.checked)} />
              {s.pseudonym}
            </label>
          ))}
        </fieldset>
      ) : null}
      {problem ? (
        <p id={`${id}-problem`} className="field-error" role="alert">
          {t(`devices.problem.${problem}`)}
        </p>
      ) : null}
      <div className="invite-approve-actions">
        <Button type="submit" variant="primary" disabled={busy}>
          {t('devices.approve')}
        </Button>
        <Button variant="ghost" onClick={onTurnAway} disabled={busy} aria-label={t('devices.turnAwayLabel', { name: device.name })}>
          {t('devices.turnAway')}
        </Button>
      </div>
    </form>
  );
};
