import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CycleEvidenceBundle } from '../../../shared/contract/analysis';
import { errorMessage } from '../../api/client';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { SelectField, TextArea } from '../../ui/Field';
import { useCreateFinding, useLinkToFinding } from './queries';

const NEW = '__new__';

/** Notes ticked in an evidence view, kept per screen. */
export const useNoteSelection = () => {
  const [selected, setSelected] = useState<string[]>([]);
  return {
    selected,
    isSelected: (id: string) => selected.includes(id),
    toggle: (id: string, on: boolean) => setSelected((list) => (on ? [...new Set([...list, id])] : list.filter((x) => x !== id))),
    clear: () => setSelected([]),
  };
};
export type NoteSelection = ReturnType<typeof useNoteSelection>;

/** "N notes selected — Link to finding…": attach them to a new or an existing finding. */
export const SelectionBar = ({
  cycleId,
  bundle,
  selection,
  defaultStepId,
}: {
  cycleId: string;
  bundle: CycleEvidenceBundle;
  selection: NoteSelection;
  defaultStepId?: string | null;
}) => {
  const { t } = useTranslation('analyze');
  const [open, setOpen] = useState(false);
  const findings = bundle.analysis.findings;
  const [target, setTarget] = useState(findings.length ? findings[findings.length - 1].id : NEW);
  const [statement, setStatement] = useState('');
  const [role, setRole] = useState<'supporting' | 'contradicting'>('supporting');
  const [error, setError] = useState<string>();
  const create = useCreateFinding(cycleId);
  const link = useLinkToFinding(cycleId);
  const [done, setDone] = useState<string>();

  const submit = async () => {
    setError(undefined);
    try {
      if (target === NEW) {
        if (!statement.trim()) {
          setError(t('link.statementRequired'));
          return;
        }
        await create.mutateAsync({
          statement: statement.trim(),
          impliesRevision: false,
          stepId: defaultStepId ?? null,
          ...(role === 'supporting'
            ? { supportingObservationIds: selection.selected }
            : { contradictingObservationIds: selection.selected }),
        });
      } else {
        await link.mutateAsync({ findingId: target, observationIds: selection.selected, role });
      }
      setDone(t('link.done', { count: selection.selected.length }));
      selection.clear();
      setStatement('');
      setOpen(false);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <div className="selection-bar">
      <span role="status">{done && selection.selected.length === 0 ? done : t('link.selected', { count: selection.selected.length })}</span>
      <Button
        variant="primary"
        disabled={selection.selected.length === 0}
        onClick={() => {
          setTarget(findings.length ? findings[findings.length - 1].id : NEW);
          setOpen(true);
        }}
      >
        {t('link.open')}
      </Button>
      {selection.selected.length > 0 ? (
        <Button variant="ghost" onClick={selection.clear}>
          {t('link.clear')}
        </Button>
      ) : null}
      <Dialog open={open} onOpenChange={setOpen} title={t('link.title', { count: selection.selected.length })}>
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <SelectField label={t('link.finding')} value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value={NEW}>{t('link.newFinding')}</option>
            {findings.map((f) => (
              <option key={f.id} value={f.id}>
                {f.statement}
              </option>
            ))}
          </SelectField>
          {target === NEW ? (
            <TextArea label={t('findings.statement')} rows={3} value={statement} onChange={(e) => setStatement(e.target.value)} error={error && !statement.trim() ? error : undefined} />
          ) : null}
          <fieldset>
            <legend>{t('link.role')}</legend>
            <label className="radio">
              <input type="radio" name="role" checked={role === 'supporting'} onChange={() => setRole('supporting')} /> {t('link.supporting')}
            </label>
            <label className="radio">
              <input type="radio" name="role" checked={role === 'contradicting'} onChange={() => setRole('contradicting')} />{' '}
              {t('link.contradicting')}
            </label>
          </fieldset>
          {error && (target !== NEW || statement.trim()) ? (
            <p className="field-error" role="alert">
              {error}
            </p>
          ) : null}
          <div className="form-actions">
            <Button onClick={() => setOpen(false)}>{t('common:cancel')}</Button>
            <Button type="submit" variant="primary" disabled={create.isPending || link.isPending}>
              {t('link.submit')}
            </Button>
          </div>
        </form>
      </Dialog>
    </div>
  );
};
