import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useNavigate, useParams } from 'react-router';
import { Phase } from '../../../shared/domain/cycle';
import { backend } from '../../api/client';
import { Button } from '../../ui/Button';
import { ConfirmDialog, Dialog } from '../../ui/Dialog';
import { SelectField, TextArea, TextField } from '../../ui/Field';
import { ErrorMessage, Page } from '../../ui/Page';
import { groupKeys } from '../groups/queries';
import { useActor } from './actor';
import { MeetingsLog } from './MeetingsLog';
import { PhaseStepper } from './PhaseStepper';
import { PhaseView } from './PhaseView';
import { cycleKeys, useCycle, useDeleteCycle, useUpdateCycleInfo } from './queries';
import { Timeline } from './Timeline';

type Section = 'phase' | 'meetings' | 'timeline';

/** A cycle: the phase stepper, then one phase, the meetings log or the timeline. */
export const CyclePage = ({ section = 'phase' }: { section?: Section }) => {
  const { cycleId = '', phase: phaseParam } = useParams();
  const { t } = useTranslation('cycle');
  const navigate = useNavigate();
  const cycle = useCycle(cycleId);
  const groupId = cycle.data?.groupId ?? '';
  const group = useQuery({
    queryKey: groupKeys.one(groupId),
    queryFn: () => backend.getGroup({ groupId }),
    enabled: groupId !== '',
  });
  const previous = useQuery({
    queryKey: cycleKeys.one(cycle.data?.previousCycleId ?? ''),
    queryFn: () => backend.getCycle({ cycleId: cycle.data!.previousCycleId! }),
    enabled: Boolean(cycle.data?.previousCycleId),
  });
  const [actor, setActor] = useActor(groupId);
  const update = useUpdateCycleInfo();
  const remove = useDeleteCycle(groupId);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);

  if (cycle.error) return <ErrorMessage error={cycle.error} />;
  if (group.error) return <ErrorMessage error={group.error} />;
  if (!cycle.data || !group.data) return <p>{t('common:loading')}</p>;
  const data = cycle.data;
  const parsedPhase = Phase.safeParse(phaseParam);
  const phase = parsedPhase.success ? parsedPhase.data : data.phase;

  return (
    <Page
      title={data.title}
      subtitle={
        <>
          <Link to={`/groups/${data.groupId}/cycles`}>{t('backToGroup', { name: group.data.name })}</Link>
          {previous.data ? (
            <>
              {' · '}
              <Link to={`/cycles/${previous.data.id}`}>{t('reteach.previous', { title: previous.data.title })}</Link>
            </>
          ) : null}
        </>
      }
      actions={
        <>
          <Link className="btn link-button" to={`/cycles/${data.id}/report`}>
            {t('exportReport')}
          </Link>
          <Button onClick={() => setEditing(true)}>{t('editCycle')}</Button>
          <Button variant="danger" onClick={() => setDeleting(true)}>
            {t('deleteCycle')}
          </Button>
        </>
      }
    >
      {data.researchQuestion ? (
        <p className="research-question">
          <strong>{t('researchQuestion')}:</strong> {data.researchQuestion}
        </p>
      ) : null}
      <div className="cycle-toolbar">
        <PhaseStepper cycleId={data.id} current={data.phase} viewing={section === 'phase' ? phase : undefined} />
        <div className="actor-select">
          <SelectField label={t('actor')} hint={t('actorHint')} value={actor} onChange={(e) => setActor(e.target.value)}>
            <option value="">{t('actorNone')}</option>
            {group.data.members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </SelectField>
        </div>
      </div>
      <nav className="section-nav" aria-label={t('sectionsLabel')}>
        <NavLink to={`/cycles/${data.id}/phase/${phase}`} className={section === 'phase' ? 'active' : undefined} end>
          {t('sections.phase', { phase: t(`phases.${phase}`) })}
        </NavLink>
        <NavLink to={`/cycles/${data.id}/meetings`}>{t('sections.meetings', { count: data.meetings.length })}</NavLink>
        <NavLink to={`/cycles/${data.id}/timeline`}>{t('sections.timeline')}</NavLink>
      </nav>
      {section === 'phase' ? <PhaseView key={`${data.id}-${phase}`} cycle={data} group={group.data} phase={phase} actor={actor} /> : null}
      {section === 'meetings' ? <MeetingsLog cycle={data} group={group.data} /> : null}
      {section === 'timeline' ? <Timeline cycle={data} group={group.data} /> : null}

      <Dialog open={editing} onOpenChange={setEditing} title={t('editCycle')}>
        <CycleInfoForm
          initial={data}
          onCancel={() => setEditing(false)}
          onSubmit={async (title, researchQuestion) => {
            await update.mutateAsync({ cycleId: data.id, title, researchQuestion });
            setEditing(false);
          }}
        />
      </Dialog>
      <ConfirmDialog
        open={deleting}
        onOpenChange={setDeleting}
        title={t('confirmDelete.title', { title: data.title })}
        description={t('confirmDelete.body')}
        confirmLabel={t('deleteCycle')}
        onConfirm={async () => {
          await remove.mutateAsync(data.id);
          void navigate(`/groups/${data.groupId}/cycles`);
        }}
      />
    </Page>
  );
};

/** Title and research question, for creating or editing a cycle. */
export const CycleInfoForm = ({
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial?: { title: string; researchQuestion: string };
  submitLabel?: string;
  onSubmit: (title: string, researchQuestion: string) => Promise<unknown>;
  onCancel: () => void;
}) => {
  const { t } = useTranslation('cycle');
  const [title, setTitle] = useState(initial?.title ?? '');
  const [question, setQuestion] = useState(initial?.researchQuestion ?? '');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="form"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        if (!title.trim()) {
          setError(t('dashboard.titleRequired'));
          return;
        }
        try {
          await onSubmit(title.trim(), question);
        } catch (failure) {
          setError(failure instanceof Error ? failure.message : String(failure));
        }
      }}
    >
      <TextField label={t('title')} value={title} onChange={(e) => setTitle(e.target.value)} error={error ?? undefined} autoFocus maxLength={300} />
      <TextArea label={t('researchQuestion')} rows={3} value={question} onChange={(e) => setQuestion(e.target.value)} />
      <div className="form-actions">
        <Button onClick={onCancel}>{t('common:cancel')}</Button>
        <Button type="submit" variant="primary">
          {submitLabel ?? t('common:save')}
        </Button>
      </div>
    </form>
  );
};
