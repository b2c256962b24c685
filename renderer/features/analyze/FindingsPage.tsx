import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { CycleEvidenceBundle } from '../../../shared/contract/analysis';
import { indexById, resolveFindingEvidence, type ResolvedObservation } from '../../../shared/analysis/evidence-links';
import type { Finding } from '../../../shared/domain/analysis';
import { errorMessage } from '../../api/client';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/Dialog';
import { TextArea } from '../../ui/Field';
import { EmptyState } from '../../ui/Page';
import { AnalyzeShell } from './AnalyzeShell';
import type { Labels } from './labels';
import { NoteCard, RemovedEvidence } from './NoteCard';
import { StepOrWholeLesson } from './EvidenceSelects';
import { useCreateFinding, useDeleteFinding, useProposeChange, useUnlinkFromFinding, useUpdateFinding } from './queries';

const NEW = 'new';

/** Findings: statements anchored to the notes that support or contradict them. */
export const FindingsPage = () => {
  const { t } = useTranslation('analyze');
  return (
    <AnalyzeShell title={() => t('findings.title')}>{(bundle, labels) => <Findings bundle={bundle} labels={labels} />}</AnalyzeShell>
  );
};

const Findings = ({ bundle, labels }: { bundle: CycleEvidenceBundle; labels: Labels }) => {
  const { t } = useTranslation('analyze');
  const { cycleId = '', findingId } = useParams();
  const findings = bundle.analysis.findings;
  const current = findingId && findingId !== NEW ? findings.find((f) => f.id === findingId) : undefined;
  return (
    <div className="findings">
      <nav className="findings-list" aria-label={t('findings.listLabel')}>
        <Link className="btn btn-primary" to={`/cycles/${cycleId}/findings/${NEW}`}>
          {t('findings.new')}
        </Link>
        {findings.length === 0 ? <p className="muted">{t('findings.none')}</p> : null}
        <ol>
          {findings.map((f) => (
            <li key={f.id}>
              <Link to={`/cycles/${cycleId}/findings/${f.id}`} aria-current={f.id === findingId ? 'page' : undefined}>
                {f.statement}
              </Link>
              <span className="muted">
                {' '}
                · {t('findings.counts', { supporting: f.supportingObservationIds.length, contradicting: f.contradictingObservationIds.length })}
                {f.impliesRevision ? ` · ${t('findings.revision')}` : ''}
              </span>
            </li>
          ))}
        </ol>
      </nav>
      <div className="finding-editor">
        {findingId === NEW ? (
          <FindingForm key={NEW} cycleId={cycleId} bundle={bundle} labels={labels} />
        ) : current ? (
          <FindingDetail key={current.id + current.updatedAt} cycleId={cycleId} finding={current} bundle={bundle} labels={labels} />
        ) : findingId ? (
          <section aria-labelledby="finding-removed">
            <h2 id="finding-removed">{t('findings.deletedTitle')}</h2>
            <RemovedEvidence />
          </section>
        ) : (
          <EmptyState title={t('findings.pick')}>
            <p>{t('findings.pickHint')}</p>
          </EmptyState>
        )}
      </div>
    </div>
  );
};

/** Statement, step and "implies a revision": the fields of a new or an edited finding. */
const FindingForm = ({
  cycleId,
  bundle,
  labels,
  finding,
}: {
  cycleId: string;
  bundle: CycleEvidenceBundle;
  labels: Labels;
  finding?: Finding;
}) => {
  const { t } = useTranslation('analyze');
  const navigate = useNavigate();
  const create = useCreateFinding(cycleId);
  const update = useUpdateFinding(cycleId);
  const [statement, setStatement] = useState(finding?.statement ?? '');
  const [stepId, setStepId] = useState(finding?.stepId ?? '');
  const [impliesRevision, setImpliesRevision] = useState(finding?.impliesRevision ?? false);
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState('');
  return (
    <form
      className="form"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!statement.trim()) {
          setError(t('link.statementRequired'));
          return;
        }
        setError(undefined);
        const fields = { statement: statement.trim(), stepId: stepId || null, impliesRevision };
        try {
          if (finding) {
            await update.mutateAsync({ findingId: finding.id, fields });
            setStatus(t('findings.saved'));
          } else {
            const created = await create.mutateAsync(fields);
            void navigate(`/cycles/${cycleId}/findings/${created.id}`);
          }
        } catch (err) {
          setError(errorMessage(err));
        }
      }}
    >
      {finding ? null : <h2>{t('findings.new')}</h2>}
      <TextArea label={t('findings.statement')} rows={3} value={statement} onChange={(e) => setStatement(e.target.value)} error={error} />
      <div className="form-row">
        <StepOrWholeLesson bundle={bundle} labels={labels} label={t('findings.step')} value={stepId} onChange={setStepId} />
        <label className="checkbox">
          <input type="checkbox" checked={impliesRevision} onChange={(e) => setImpliesRevision(e.target.checked)} />
          {t('findings.impliesRevision')}
        </label>
      </div>
      <div className="form-actions">
        <span role="status">{status}</span>
        <Button type="submit" variant="primary" disabled={create.isPending || update.isPending}>
          {finding ? t('findings.save') : t('findings.create')}
        </Button>
      </div>
    </form>
  );
};

const FindingDetail = ({
  cycleId,
  finding,
  bundle,
  labels,
}: {
  cycleId: string;
  finding: Finding;
  bundle: CycleEvidenceBundle;
  labels: Labels;
}) => {
  const { t } = useTranslation('analyze');
  const navigate = useNavigate();
  const unlink = useUnlinkFromFinding(cycleId);
  const remove = useDeleteFinding(cycleId);
  const propose = useProposeChange(cycleId);
  const [confirming, setConfirming] = useState(false);
  const [proposeStep, setProposeStep] = useState(finding.stepId ?? '');
  const [proposeError, setProposeError] = useState<string>();
  const resolved = resolveFindingEvidence(finding, indexById(bundle.observations));

  const evidenceList = (items: ResolvedObservation[], emptyKey: string) =>
    items.length === 0 ? (
      <p className="muted">{t(emptyKey)}</p>
    ) : (
      <div className="notes-list">
        {items.map((item) => {
          const unlinkButton = (
            <Button variant="ghost" className="btn-small" onClick={() => unlink.mutate({ findingId: finding.id, observationId: item.id })}>
              {t('findings.unlink')}
            </Button>
          );
          return item.status === 'present' ? (
            <NoteCard key={item.id} note={item.observation} labels={labels}>
              {unlinkButton}
            </NoteCard>
          ) : (
            <RemovedEvidence key={item.id}>{unlinkButton}</RemovedEvidence>
          );
        })}
      </div>
    );

  return (
    <article className="finding-detail finding-highlighted" aria-labelledby="finding-heading" tabIndex={-1}>
      <h2 id="finding-heading" className="visually-hidden">
        {finding.statement}
      </h2>
      <FindingForm cycleId={cycleId} bundle={bundle} labels={labels} finding={finding} />

      <section aria-labelledby="supporting-title">
        <h3 id="supporting-title">{t('findings.supporting', { count: finding.supportingObservationIds.length })}</h3>
        {evidenceList(resolved.supporting, 'findings.noSupporting')}
      </section>
      <section aria-labelledby="contradicting-title">
        <h3 id="contradicting-title">{t('findings.contradicting', { count: finding.contradictingObservationIds.length })}</h3>
        {evidenceList(resolved.contradicting, 'findings.noContradicting')}
      </section>
      <p>
        <Link to={`/cycles/${cycleId}/evidence`}>{t('findings.addFromEvidence')}</Link>
      </p>

      <section className="propose-change" aria-labelledby="propose-title">
        <h3 id="propose-title">{t('findings.proposeTitle')}</h3>
        <p className="muted">{t('findings.proposeHint')}</p>
        <div className="form-row">
          <StepOrWholeLesson bundle={bundle} labels={labels} label={t('findings.proposeStep')} value={proposeStep} onChange={setProposeStep} />
        </div>
        {proposeError ? (
          <p className="field-error" role="alert">
            {proposeError}
          </p>
        ) : null}
        <div className="form-actions">
          <Button variant="danger" onClick={() => setConfirming(true)}>
            {t('findings.delete')}
          </Button>
          <Button
            variant="primary"
            disabled={propose.isPending || !bundle.cycle.designId}
            onClick={async () => {
              setProposeError(undefined);
              try {
                const proposed = await propose.mutateAsync({ findingId: finding.id, stepId: proposeStep || null });
                void navigate(`/designs/${proposed.designId}${proposed.stepId ? `?step=${proposed.stepId}` : ''}`);
              } catch (e) {
                setProposeError(errorMessage(e));
              }
            }}
          >
            {t('findings.propose')}
          </Button>
        </div>
      </section>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={t('findings.confirmDelete')}
        description={t('findings.confirmDeleteBody')}
        confirmLabel={t('findings.delete')}
        onConfirm={async () => {
          await remove.mutateAsync(finding.id);
          void navigate(`/cycles/${cycleId}/findings`);
        }}
      />
    </article>
  );
};
