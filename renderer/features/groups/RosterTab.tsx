import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { activeRoster, namesFromPaste, type Group, type RosterStudent } from '../../../shared/domain/group';
import { isCommonWordName } from '../../../shared/report/name-forms';
import { errorMessage } from '../../api/client';
import { Button } from '../../ui/Button';
import { TextArea, TextField } from '../../ui/Field';
import { useSaveFocusStudent } from '../cycle/queries';

const newStudent = (pseudonym: string) => ({
  pseudonym,
  focus: false,
  concern: false,
  concerns: '',
  supportsNow: '',
  supportsPlanned: '',
  retired: false,
});

/**
 * The class roster: every student of the class by pseudonym, with the focus and concern
 * flags the rest of the app reads. Removing a student retires it — old notes and seats
 * keep its name — and a removed student can be put back.
 */
export const RosterTab = ({ group }: { group: Group }) => {
  const { t } = useTranslation('groups');
  const save = useSaveFocusStudent();
  const [name, setName] = useState('');
  const [pasted, setPasted] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [pasteOutcome, setPasteOutcome] = useState<string | null>(null);
  // Changes shown from the click on (a ticked box stays ticked) until the saved group arrives.
  const [pending, setPending] = useState<Record<string, Partial<RosterStudent>>>({});
  const roster = group.focusStudents.map((s) => (pending[s.id] ? { ...s, ...pending[s.id] } : s));
  const students = activeRoster(roster);
  const removed = roster.filter((s) => s.retired);

  const change = (student: RosterStudent, fields: Partial<RosterStudent>) => {
    setPending((all) => ({ ...all, [student.id]: { ...all[student.id], ...fields } }));
    save.mutate(
      { groupId: group.id, student: { ...student, ...fields } },
      // Fires for the last change only; saves are in order, so its reply holds them all.
      { onSettled: () => setPending({}) },
    );
  };

  const addOne = async (event: FormEvent) => {
    event.preventDefault();
    const { add, alreadyOnRoster, tooLong } = namesFromPaste(name, group.focusStudents);
    if (tooLong.length) return setProblem(t('roster.tooLong'));
    if (alreadyOnRoster.length) return setProblem(t('roster.duplicate', { name: alreadyOnRoster[0] }));
    if (!add.length) return setProblem(t('roster.nameRequired'));
    try {
      await save.mutateAsync({ groupId: group.id, student: newStudent(add[0]) });
      setName('');
      setProblem(null);
    } catch (failure) {
      setProblem(errorMessage(failure));
    }
  };

  const addPasted = async () => {
    const { add, alreadyOnRoster, tooLong } = namesFromPaste(pasted, group.focusStudents);
    try {
      // One student per save: each is acknowledged on disk before the next is added.
      for (const pseudonym of add) await save.mutateAsync({ groupId: group.id, student: newStudent(pseudonym) });
      setPasted('');
      setPasteOutcome(
        [
          t('roster.pasteAdded', { count: add.length }),
          alreadyOnRoster.length ? t('roster.pasteSkipped', { names: alreadyOnRoster.join(', ') }) : '',
          tooLong.length ? t('roster.pasteTooLong', { count: tooLong.length }) : '',
        ]
          .filter(Boolean)
          .join(' '),
      );
    } catch (failure) {
      setPasteOutcome(errorMessage(failure));
    }
  };

  return (
    <div className="roster-tab">
      <p className="pseudonym-reminder" role="note">
        <strong aria-hidden="true">⚠ </strong>
        {t('roster.reminder')}
      </p>
      <p>{t('roster.intro')}</p>
      <div className="form-row">
        <form className="form" onSubmit={addOne} noValidate aria-label={t('roster.addTitle')}>
          <TextField
            label={t('roster.name')}
            value={name}
            maxLength={60}
            error={problem ?? undefined}
            onChange={(e) => {
              setName(e.target.value);
              setProblem(null);
            }}
          />
          <div className="button-row">
            <Button type="submit" variant="primary">
              {t('roster.add')}
            </Button>
          </div>
        </form>
        <div className="form">
          <TextArea label={t('roster.paste')} hint={t('roster.pasteHint')} rows={4} value={pasted} onChange={(e) => setPasted(e.target.value)} />
          <div className="button-row">
            <Button onClick={() => void addPasted()} disabled={!pasted.trim() || save.isPending}>
              {t('roster.addPasted')}
            </Button>
          </div>
          {pasteOutcome ? (
            <p className="field-hint" role="status">
              {pasteOutcome}
            </p>
          ) : null}
        </div>
      </div>
      <h2>{t('roster.listTitle', { count: students.length })}</h2>
      {students.length === 0 ? <p className="empty-state">{t('roster.empty')}</p> : null}
      {students.length ? (
        <table className="data-table roster-table">
          <thead>
            <tr>
              <th scope="col">{t('roster.name')}</th>
              <th scope="col">{t('roster.focus')}</th>
              <th scope="col">{t('roster.concern')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('roster.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {students.map((student) => (
              <tr key={student.id}>
                <th scope="row">
                  <RenameField key={`${student.id}:${student.pseudonym}`} student={student} onRename={(pseudonym) => change(student, { pseudonym })} />
                  {isCommonWordName(student.pseudonym) ? (
                    <p className="field-hint roster-common-word" role="note">
                      {t('roster.commonWord', { name: student.pseudonym.trim() })}
                    </p>
                  ) : null}
                </th>
                <td>
                  <input
                    type="checkbox"
                    checked={student.focus}
                    aria-label={t('roster.focusOf', { name: student.pseudonym })}
                    onChange={(e) => change(student, { focus: e.target.checked })}
                  />
                </td>
                <td>
                  <input
                    type="checkbox"
                    checked={student.concern}
                    aria-label={t('roster.concernOf', { name: student.pseudonym })}
                    onChange={(e) => change(student, { concern: e.target.checked })}
                  />
                </td>
                <td>
                  <Button variant="danger" onClick={() => change(student, { retired: true })} aria-label={t('roster.remove', { name: student.pseudonym })}>
                    {t('roster.removeShort')}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {removed.length ? (
        <details className="roster-removed">
          <summary>{t('roster.removedTitle', { count: removed.length })}</summary>
          <ul>
            {removed.map((student) => (
              <li key={student.id}>
                {student.pseudonym}{' '}
                <Button onClick={() => change(student, { retired: false })} aria-label={t('roster.restore', { name: student.pseudonym })}>
                  {t('roster.restoreShort')}
                </Button>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {save.error ? (
        <p className="field-error" role="alert">
          {errorMessage(save.error)}
        </p>
      ) : null}
    </div>
  );
};

/** A student's pseudonym, renamed in place: saved on Enter or when the field is left; Escape undoes. */
const RenameField = ({ student, onRename }: { student: RosterStudent; onRename: (pseudonym: string) => void }) => {
  const { t } = useTranslation('groups');
  const [value, setValue] = useState(student.pseudonym);
  const commit = () => {
    const next = value.trim().replace(/\s+/g, ' ');
    if (!next) setValue(student.pseudonym);
    else if (next !== student.pseudonym) onRename(next);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    // Enter that finishes an IME composition (Japanese names) only confirms the characters.
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'Enter') e.currentTarget.blur();
    if (e.key === 'Escape') setValue(student.pseudonym);
  };
  return (
    <input
      className="roster-name"
      value={value}
      maxLength={60}
      aria-label={t('roster.renameOf', { name: student.pseudonym })}
      onChange={(e) => setValue(e.target.value)}
      onBlur={commit}
      onKeyDown={onKeyDown}
    />
  );
};
