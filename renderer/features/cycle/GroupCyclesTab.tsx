import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Group } from '../../../shared/domain/group';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { ErrorMessage } from '../../ui/Page';
import { ChecklistDefaults } from './ChecklistDefaults';
import { CycleInfoForm } from './CyclePage';
import { PhaseProgress } from './PhaseStepper';
import { useCreateCycle, useCycles } from './queries';
import { formatDate } from '../../ui/format';

/** The group dashboard: every cycle with its phase as a progress bar and the next step. */
export const GroupCyclesTab = ({ group }: { group: Group }) => {
  const { t } = useTranslation('cycle');
  const cycles = useCycles(group.id);
  const create = useCreateCycle();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [editingDefaults, setEditingDefaults] = useState(false);
  const titles = new Map((cycles.data ?? []).map((c) => [c.id, c.title]));

  return (
    <div className="cycles-dashboard">
      <div className="section-header">
        <h2>{t('dashboard.title')}</h2>
        <div className="button-row">
          <Button onClick={() => setEditingDefaults(true)}>{t('dashboard.checklistDefaults')}</Button>
          <Button variant="primary" onClick={() => setCreating(true)}>
            {t('dashboard.newCycle')}
          </Button>
        </div>
      </div>
      {cycles.error ? <ErrorMessage error={cycles.error} /> : null}
      {cycles.data?.length === 0 ? <p className="empty-state">{t('dashboard.empty')}</p> : null}
      {cycles.data?.length ? (
        <ul className="card-list cycle-list" aria-label={t('dashboard.listLabel')}>
          {[...cycles.data].reverse().map((cycle) => (
            <li key={cycle.id} className="card">
              <h3>
                <Link to={`/cycles/${cycle.id}`}>{cycle.title}</Link>
              </h3>
              {cycle.previousCycleId && titles.get(cycle.previousCycleId) ? (
                <p className="card-meta">{t('reteach.previous', { title: titles.get(cycle.previousCycleId) })}</p>
              ) : null}
              <PhaseProgress phase={cycle.phase} label={t('dashboard.progress', { title: cycle.title })} />
              <p className="next-step">
                <strong>{t('nextStep.label')}:</strong> {t(`nextStep.${cycle.nextStep}`, { defaultValue: cycle.nextStep })}
              </p>
              {cycle.teachingDate ? <p className="card-meta">{t('dashboard.teachingDate', { date: formatDate(cycle.teachingDate) })}</p> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <Dialog open={creating} onOpenChange={setCreating} title={t('dashboard.newCycle')}>
        <CycleInfoForm
          submitLabel={t('dashboard.create')}
          onCancel={() => setCreating(false)}
          onSubmit={async (title, researchQuestion) => {
            const cycle = await create.mutateAsync({ groupId: group.id, title, researchQuestion });
            setCreating(false);
            void navigate(`/cycles/${cycle.id}`);
          }}
        />
      </Dialog>
      <Dialog open={editingDefaults} onOpenChange={setEditingDefaults} title={t('defaults.title')} description={t('defaults.intro')} wide>
        <ChecklistDefaults group={group} onDone={() => setEditingDefaults(false)} />
      </Dialog>
    </div>
  );
};
