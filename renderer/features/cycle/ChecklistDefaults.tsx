import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Phase, phases } from '../../../shared/domain/cycle';
import type { Group } from '../../../shared/domain/group';
import { defaultChecklists } from '../../../shared/workflow/checklists';
import { errorMessage } from '../../api/client';
import { Button } from '../../ui/Button';
import { SelectField, TextArea } from '../../ui/Field';
import { useSaveChecklistTemplate } from './queries';

/** Edit the group's own checklist for a phase; new cycles start with it. */
export const ChecklistDefaults = ({ group, onDone }: { group: Group; onDone: () => void }) => {
  const { t } = useTranslation('cycle');
  const save = useSaveChecklistTemplate();
  const [phase, setPhase] = useState<Phase>('plan');
  const textFor = (p: Phase) =>
    (group.checklistTemplates[p] ?? defaultChecklists[p].map((item) => t(`checklist.${item.key}`))).join('\n');
  const [text, setText] = useState(() => textFor('plan'));
  const [error, setError] = useState<string | null>(null);
  const own = Boolean(group.checklistTemplates[phase]?.length);
  const labels = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

  const run = async (next: string[]) => {
    setError(null);
    try {
      await save.mutateAsync({ groupId: group.id, phase, labels: next });
      onDone();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  return (
    <form
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        // Unchanged built-in items stay built-in, so they keep following the app's language.
        const builtIn = defaultChecklists[phase].map((item) => t(`checklist.${item.key}`));
        void run(labels.join('\n') === builtIn.join('\n') ? [] : labels);
      }}
    >
      <SelectField
        label={t('defaults.phase')}
        value={phase}
        onChange={(e) => {
          const next = Phase.parse(e.target.value);
          setPhase(next);
          setText(textFor(next));
        }}
      >
        {phases.map((p) => (
          <option key={p} value={p}>
            {t(`phases.${p}`)}
          </option>
        ))}
      </SelectField>
      <p className="badge">{own ? t('defaults.own') : t('defaults.builtIn')}</p>
      <TextArea
        label={t('defaults.items', { phase: t(`phases.${phase}`) })}
        hint={t('defaults.hint')}
        rows={7}
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={error ?? undefined}
      />
      <div className="form-actions">
        {own ? <Button onClick={() => void run([])}>{t('defaults.restore')}</Button> : null}
        <Button onClick={onDone}>{t('common:cancel')}</Button>
        <Button type="submit" variant="primary" disabled={labels.length === 0 || save.isPending}>
          {t('defaults.save')}
        </Button>
      </div>
    </form>
  );
};
