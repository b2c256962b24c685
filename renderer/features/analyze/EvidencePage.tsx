import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { CycleEvidenceBundle } from '../../../shared/contract/analysis';
import { filterObservations, targetKey, type EvidenceFilter } from '../../../shared/analysis/filters';
import { stepCodeHeatmap } from '../../../shared/analysis/heatmap';
import { Button } from '../../ui/Button';
import { SelectField } from '../../ui/Field';
import { AnalyzeShell } from './AnalyzeShell';
import { HeatmapTable, type CellRef } from './Heatmap';
import type { Labels } from './labels';
import { SelectionBar, useNoteSelection } from './LinkToFinding';
import { NoteCard, RemovedEvidence } from './NoteCard';
import { NoteLinks } from './NoteLinks';
import { CodeFilter, NO_STEP, StepFilter, stepIdsOf } from './EvidenceSelects';

// The chart stack (nivo, d3, react-spring) loads with this screen, not with the app.
const HeatmapChart = lazy(() => import('./HeatmapChart'));


/** Step × code heatmap with filters; click a cell to see its notes, tick notes to link them to a finding. */
export const EvidencePage = () => {
  const { t } = useTranslation('analyze');
  return (
    <AnalyzeShell title={() => t('evidence.title')}>{(bundle, labels) => <Evidence bundle={bundle} labels={labels} />}</AnalyzeShell>
  );
};

const Evidence = ({ bundle, labels }: { bundle: CycleEvidenceBundle; labels: Labels }) => {
  const { t } = useTranslation('analyze');
  const { cycleId = '' } = useParams();
  const [params] = useSearchParams();
  const highlightId = params.get('observation');
  const [observer, setObserver] = useState('');
  const [target, setTarget] = useState('');
  const [code, setCode] = useState('');
  const [step, setStep] = useState('');
  const [cell, setCell] = useState<CellRef | null>(null);
  const [showEmptyCodes, setShowEmptyCodes] = useState(false);
  const selection = useNoteSelection();

  const filter: EvidenceFilter = {
    observerIds: observer ? [observer] : undefined,
    targets: target ? [target] : undefined,
    codeIds: code ? [code] : undefined,
    stepIds: stepIdsOf(step),
  };
  const map = stepCodeHeatmap({
    steps: bundle.plan?.steps ?? [],
    codes: bundle.codes,
    observations: bundle.observations,
    filter,
    hideEmptyCodes: !showEmptyCodes,
    labels: {
      noStep: t('labels.noStep'),
      uncoded: t('labels.noCode'),
      untitledStep: (i) => t('labels.untitledStep', { n: i + 1 }),
    },
  });
  const cellIds = cell
    ? map.rows.find((r) => r.stepId === cell.stepId)?.cells.find((c) => c.codeId === cell.codeId)?.observationIds ?? []
    : null;
  const filtered = filterObservations(bundle.observations, filter);
  const shown = cellIds ? filtered.filter((o) => cellIds.includes(o.id)) : filtered;
  const highlighted = highlightId ? bundle.observations.find((o) => o.id === highlightId && !o.deletedAt) : undefined;

  useEffect(() => {
    if (highlighted) document.getElementById(`note-${highlighted.id}`)?.focus();
  }, [highlighted]);

  const targets = [
    { key: 'class', label: t('labels.wholeClass') },
    ...[...new Set(bundle.observations.flatMap((o) => (o.target.kind === 'group' ? [o.target.label] : [])))].map((label) => ({
      key: `group:${label}`,
      label: t('labels.group', { label }),
    })),
    ...bundle.focusStudents.map((s) => ({ key: targetKey({ kind: 'student', studentId: s.id }), label: s.pseudonym })),
  ];

  return (
    <div className="evidence">
      {highlightId ? (
        <section className="linked-evidence" aria-labelledby="linked-evidence-title">
          <h2 id="linked-evidence-title">{t('evidence.linkedNote')}</h2>
          {highlighted ? <NoteCard note={highlighted} labels={labels} highlighted /> : <RemovedEvidence />}
          <CitedBy cycleId={cycleId} bundle={bundle} observationId={highlightId} />
        </section>
      ) : null}

      <div className="filters" role="group" aria-label={t('filters.label')}>
        <SelectField label={t('filters.observer')} value={observer} onChange={(e) => setObserver(e.target.value)}>
          <option value="">{t('filters.allObservers')}</option>
          {bundle.members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('filters.target')} value={target} onChange={(e) => setTarget(e.target.value)}>
          <option value="">{t('filters.allTargets')}</option>
          {targets.map((x) => (
            <option key={x.key} value={x.key}>
              {x.label}
            </option>
          ))}
        </SelectField>
        <CodeFilter bundle={bundle} value={code} onChange={setCode} />
        <StepFilter bundle={bundle} labels={labels} value={step} onChange={setStep} />
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={showEmptyCodes} onChange={(e) => setShowEmptyCodes(e.target.checked)} />
        {t('filters.showEmptyCodes')}
      </label>

      {map.noteCount === 0 ? (
        <p className="empty-state">{t('evidence.noNotes')}</p>
      ) : (
        <>
          <Suspense fallback={<div className="heatmap-chart" aria-hidden="true" />}>
            <HeatmapChart map={map} onSelect={setCell} />
          </Suspense>
          <HeatmapTable map={map} selected={cell} onSelect={setCell} />
        </>
      )}

      <section aria-labelledby="evidence-notes-title" className="evidence-notes">
        <div className="section-header">
          <h2 id="evidence-notes-title">
            {cell
              ? t('evidence.cellNotes', {
                  step: map.rows.find((r) => r.stepId === cell.stepId)?.label,
                  code: map.columns.find((c) => c.codeId === cell.codeId)?.label,
                })
              : t('evidence.allNotes')}
          </h2>
          {cell ? <Button onClick={() => setCell(null)}>{t('evidence.showAll')}</Button> : null}
        </div>
        <SelectionBar cycleId={cycleId} bundle={bundle} selection={selection} defaultStepId={cell?.stepId ?? (step && step !== NO_STEP ? step : null)} />
        <div className="notes-list">
          {shown.map((note) => (
            <NoteCard
              key={note.id}
              note={note}
              labels={labels}
              selectable={{ selected: selection.isSelected(note.id), onChange: (on) => selection.toggle(note.id, on) }}
            >
              <NoteLinks cycleId={cycleId} note={note} steps={bundle.plan?.steps ?? []} />
            </NoteCard>
          ))}
        </div>
      </section>
    </div>
  );
};

/** The findings that cite a note, so a reader can walk from the note back to the claims it supports. */
const CitedBy = ({ cycleId, bundle, observationId }: { cycleId: string; bundle: CycleEvidenceBundle; observationId: string }) => {
  const { t } = useTranslation('analyze');
  const citing = bundle.analysis.findings.filter(
    (f) => f.supportingObservationIds.includes(observationId) || f.contradictingObservationIds.includes(observationId),
  );
  if (citing.length === 0) return null;
  return (
    <p>
      {t('evidence.citedBy')}{' '}
      {citing.map((f, i) => (
        <span key={f.id}>
          {i > 0 ? ' · ' : ''}
          <Link to={`/cycles/${cycleId}/findings/${f.id}`}>{f.statement}</Link>
        </span>
      ))}
    </p>
  );
};
