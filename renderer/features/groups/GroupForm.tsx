import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { GroupFields, memberRoles, type Member, type MemberRole } from '../../../shared/domain/group';
import { errorMessage } from '../../api/client';
import { Button } from '../../ui/Button';
import { SelectField, TextArea, TextField } from '../../ui/Field';

const emptyMember = (): Member => ({ id: crypto.randomUUID(), name: '', role: 'teacher' });

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** Create or edit a group. Validation uses the same zod schema the backend enforces. */
export const GroupForm = ({
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial?: GroupFields;
  submitLabel: string;
  onSubmit: (fields: GroupFields) => Promise<unknown>;
  onCancel: () => void;
}) => {
  const { t } = useTranslation('groups');
  const [name, setName] = useState(initial?.name ?? '');
  const [schools, setSchools] = useState((initial?.schools ?? []).join('\n'));
  const [subject, setSubject] = useState(initial?.subject ?? '');
  const [gradeBand, setGradeBand] = useState(initial?.gradeBand ?? '');
  const [researchTheme, setResearchTheme] = useState(initial?.researchTheme ?? '');
  const [norms, setNorms] = useState((initial?.norms ?? []).join('\n'));
  const [members, setMembers] = useState<Member[]>(initial?.members ?? [emptyMember()]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const setMember = (index: number, change: Partial<Member>) =>
    setMembers((current) => current.map((member, i) => (i === index ? { ...member, ...change } : member)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const candidate = {
      name,
      schools: lines(schools),
      subject,
      gradeBand,
      researchTheme,
      norms: lines(norms),
      // A blank trailing row is a row the user did not fill in, not a nameless member.
      members: members.filter((member) => member.name.trim() !== ''),
    };
    const parsed = GroupFields.safeParse(candidate);
    if (!parsed.success) {
      const next: Record<string, string> = {};
      for (const issue of parsed.error.issues) next[issue.path.join('.')] ??= issue.message;
      setErrors(next);
      return;
    }
    setErrors({});
    setBusy(true);
    setSubmitError(null);
    try {
      await onSubmit(parsed.data);
    } catch (error) {
      setSubmitError(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <TextField
        label={t('fields.name')}
        value={name}
        onChange={(e) => {
          setName(e.target.value);
          setErrors(({ name: _cleared, ...rest }) => rest);
        }}
        error={errors.name ? t('errors.nameRequired') : undefined}
        autoFocus
        required
      />
      <div className="form-row">
        <TextField label={t('fields.subject')} value={subject} onChange={(e) => setSubject(e.target.value)} />
        <TextField label={t('fields.gradeBand')} value={gradeBand} onChange={(e) => setGradeBand(e.target.value)} />
      </div>
      <TextArea label={t('fields.schools')} hint={t('hints.onePerLine')} rows={2} value={schools} onChange={(e) => setSchools(e.target.value)} />
      <TextArea
        label={t('fields.researchTheme')}
        hint={t('hints.researchTheme')}
        rows={3}
        value={researchTheme}
        onChange={(e) => setResearchTheme(e.target.value)}
      />
      <TextArea label={t('fields.norms')} hint={t('hints.onePerLine')} rows={3} value={norms} onChange={(e) => setNorms(e.target.value)} />
      <fieldset className="members">
        <legend>{t('fields.members')}</legend>
        {members.map((member, index) => (
          <div className="member-row" key={member.id}>
            <TextField
              label={t('fields.memberName', { number: index + 1 })}
              value={member.name}
              onChange={(e) => setMember(index, { name: e.target.value })}
            />
            <SelectField
              label={t('fields.memberRole', { number: index + 1 })}
              value={member.role}
              onChange={(e) => setMember(index, { role: e.target.value as MemberRole })}
            >
              {memberRoles.map((role) => (
                <option key={role} value={role}>
                  {t(`roles.${role}`)}
                </option>
              ))}
            </SelectField>
            <Button
              variant="ghost"
              aria-label={t('removeMember', { name: member.name || index + 1 })}
              onClick={() => setMembers((current) => current.filter((_, i) => i !== index))}
            >
              {t('common:remove')}
            </Button>
          </div>
        ))}
        <Button onClick={() => setMembers((current) => [...current, emptyMember()])}>{t('addMember')}</Button>
      </fieldset>
      {submitError ? (
        <p className="field-error" role="alert">
          {submitError}
        </p>
      ) : null}
      <div className="form-actions">
        <Button onClick={onCancel}>{t('common:cancel')}</Button>
        <Button variant="primary" type="submit" disabled={busy}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
};
