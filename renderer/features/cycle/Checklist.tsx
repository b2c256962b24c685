import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChecklistItem, Cycle, Phase } from '../../../shared/domain/cycle';
import { checklistProgress } from '../../../shared/workflow/checklists';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import { useAddChecklistItem, useSetChecklistItem } from './queries';

export const useItemLabel = () => {
  const { t } = useTranslation('cycle');
  return (item: ChecklistItem) => (item.key ? t(`checklist.${item.key}`, { defaultValue: item.label }) : item.label);
};

/** A phase's checklist: each tick is saved with the cycle at once, with who ticked it. */
export const Checklist = ({ cycle, phase, actor }: { cycle: Cycle; phase: Phase; actor: string }) => {
  const { t } = useTranslation('cycle');
  const label = useItemLabel();
  const setItem = useSetChecklistItem();
  const addItem = useAddChecklistItem();
  const [newLabel, setNewLabel] = useState('');
  // A controlled checkbox must change in the same event, or React puts it back: keep the
  // tick locally until the save settles (a failed save reverts it and SaveStatus says why).
  const [pending, setPending] = useState<Record<string, boolean>>({});
  const tick = (itemId: string, done: boolean) => {
    setPending((current) => ({ ...current, [itemId]: done }));
    setItem.mutate(
      { cycleId: cycle.id, phase, itemId, done, by: actor },
      { onSettled: () => setPending(({ [itemId]: _settled, ...rest }) => rest) },
    );
  };
  const items = cycle.checklists[phase] ?? [];
  const { done, total } = checklistProgress(items);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!newLabel.trim()) return;
    await addItem.mutateAsync({ cycleId: cycle.id, phase, label: newLabel.trim() });
    setNewLabel('');
  };

  return (
    <section className="cycle-card" aria-labelledby={`checklist-${phase}`}>
      <h3 id={`checklist-${phase}`}>
        {t('checklistTitle')} <span className="badge">{t('checklistProgress', { done, total })}</span>
      </h3>
      <ul className="checklist" aria-label={t('checklistLabel', { phase: t(`phases.${phase}`) })}>
        {items.map((item) => (
          <li key={item.id}>
            <label className={(pending[item.id] ?? item.done) ? 'checklist-done' : undefined}>
              <input
                type="checkbox"
                checked={pending[item.id] ?? item.done}
                onChange={(e) => tick(item.id, e.target.checked)}
              />
              <span>{label(item)}</span>
            </label>
          </li>
        ))}
      </ul>
      <form className="inline-form" onSubmit={add}>
        <TextField label={t('addItem')} value={newLabel} onChange={(e) => setNewLabel(e.target.value)} maxLength={300} />
        <Button type="submit" disabled={!newLabel.trim() || addItem.isPending}>
          {t('addItemButton')}
        </Button>
      </form>
    </section>
  );
};
