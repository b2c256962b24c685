import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { SHARED_LIBRARY_NAMES } from '../../../shared/contract/designs';
import type { GroupSummary } from '../../../shared/domain/group';
import { backend, errorMessage } from '../../api/client';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';

type Into = 'group' | 'new-group' | 'shared';

/**
 * A lesson design file from another school, imported from the start screen: into one of
 * the workspace's groups, a new group, or the "Shared with us" library (a group of its own,
 * made the first time). Nothing is made until a valid file has been chosen.
 */
export const ImportDesignDialog = ({ open, onOpenChange, groups }: { open: boolean; onOpenChange: (open: boolean) => void; groups: readonly GroupSummary[] }) => {
  const { t, i18n } = useTranslation('groups');
  const navigate = useNavigate();
  const client = useQueryClient();
  const [into, setInto] = useState<Into>(groups.length ? 'group' : 'shared');
  const [groupId, setGroupId] = useState(groups[0]?.id ?? '');
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string>();
  const library = i18n.language.startsWith('ja') ? SHARED_LIBRARY_NAMES.ja : SHARED_LIBRARY_NAMES.en;
  const importFile = useMutation({
    mutationFn: () =>
      backend.importDesignFile(into === 'group' ? { groupId } : { newGroupName: into === 'shared' ? library : name.trim() }),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: ['groups'] }), client.invalidateQueries({ queryKey: ['designs'] })]),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    if (into === 'new-group' && !name.trim()) return setProblem(t('importDesign.needsName'));
    try {
      const design = await importFile.mutateAsync();
      if (!design) return; // the file dialog was cancelled
      onOpenChange(false);
      void navigate(`/designs/${design.id}`);
    } catch (error) {
      setProblem(errorMessage(error));
    }
  };

  const choice = (value: Into, label: string) => (
    <label className="radio">
      <input type="radio" name="import-into" checked={into === value} onChange={() => setInto(value)} /> {label}
    </label>
  );

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={t('importDesign.title')} description={t('importDesign.intro')}>
      <form onSubmit={submit}>
        <fieldset className="choice-list">
          <legend>{t('importDesign.into')}</legend>
          {groups.length ? choice('group', t('importDesign.existing')) : null}
          {into === 'group' && groups.length ? (
            <div className="field indent">
              <label htmlFor="import-group">{t('importDesign.group')}</label>
              <select id="import-group" value={groupId} onChange={(e) => setGroupId(e.target.value)}>
                {groups.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {choice('new-group', t('importDesign.newGroup'))}
          {into === 'new-group' ? (
            <div className="field indent">
              <label htmlFor="import-group-name">{t('importDesign.groupName')}</label>
              <input id="import-group-name" value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
            </div>
          ) : null}
          {choice('shared', t('importDesign.shared', { name: library }))}
        </fieldset>
        {problem ? (
          <p className="field-error" role="alert">
            {problem}
          </p>
        ) : null}
        <div className="form-actions">
          <Button onClick={() => onOpenChange(false)}>{t('common:cancel')}</Button>
          <Button type="submit" variant="primary" disabled={importFile.isPending}>
            {t('importDesign.choose')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
};
