import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { ComparedVersion, ExportedFile, VersionChangeNote } from '../../../shared/contract/designs';
import { summarizeDiff, type DesignTextField, type ListDiff, type StepDiff, type SummaryWords } from '../../../shared/diff';
import { errorMessage } from '../../api/client';
import { Button } from '../../ui/Button';
import { ErrorMessage, Page } from '../../ui/Page';
import { DiffParts, DiffText } from './DiffText';
import { EvidenceLinks } from './EvidenceLinks';
import { AnonymizeExport, ExportNotice } from './ExportNotice';
import { useComparison, useDesign, useExportComparison } from './queries';
import { formatDate } from '../../ui/format';

type TFn = ReturnType<typeof useTranslation>['t'];

/** The one-line summary in the user's language, from the same facts as the English one. */
const summaryWords = (t: TFn): SummaryWords => {
  const steps = (list: number[]) => t('summary.stepList', { list: list.join(t('summary.listSeparator')), count: list.length });
  return {
    identical: t('summary.identical'),
    stepsChanged: (n) => t('summary.changed', { count: n }),
    added: (n, first) => t(first ? 'summary.addedFirst' : 'summary.added', { count: n }),
    removed: (n, first) => t(first ? 'summary.removedFirst' : 'summary.removed', { count: n }),
    moved: (n, first) => t(first ? 'summary.movedFirst' : 'summary.moved', { count: n }),
    responsesRevised: (list) => t('summary.responsesRevised', { steps: steps(list) }),
    pointsRevised: (list) => t('summary.pointsRevised', { steps: steps(list) }),
    fieldsChanged: (fields) => t('summary.fieldsChanged', { fields: fields.map((f) => t(`fieldNames.${f}`)).join(t('summary.listSeparator')) }),
    join: (clauses) => clauses.join(t('summary.clauseSeparator')),
  };
};

const versionName = (t: TFn, v: ComparedVersion) => (v.number === null ? t('history.draft') : t('history.versionName', { number: v.number }));

const statusIcon: Record<StepDiff['status'], string> = { changed: '✎', added: '+', removed: '−', unchanged: '=' };

const ListSide = ({ list, side, label }: { list: ListDiff; side: 'from' | 'to'; label: string }) => {
  const items = list.items.filter((item) => (side === 'from' ? item.status !== 'added' : item.status !== 'removed'));
  if (!items.length) return null;
  return (
    <div className={`plan-cmp-field${list.changed ? ' is-changed' : ''}`}>
      <div className="plan-cmp-label">{label}</div>
      <ul className="plan-cmp-list">
        {items.map((item) => (
          <li key={item.id} className={`is-${item.status}`}>
            <DiffParts parts={item.text.parts} side={side} />
          </li>
        ))}
      </ul>
    </div>
  );
};

const StepSide = ({ step, side }: { step: StepDiff; side: 'from' | 'to' }) => {
  const { t } = useTranslation('plan');
  if ((side === 'from' && step.status === 'added') || (side === 'to' && step.status === 'removed')) {
    return <div className="plan-cmp-absent">{side === 'from' ? t('compare.notInFrom') : t('compare.notInTo')}</div>;
  }
  const minutes = side === 'from' ? step.minutes.from : step.minutes.to;
  const text = (key: 'activities' | 'teacherSupport', label: string) =>
    step[key].parts.length ? (
      <div className={`plan-cmp-field${step[key].changed ? ' is-changed' : ''}`}>
        <div className="plan-cmp-label">{label}</div>
        <DiffText diff={step[key]} side={side} />
      </div>
    ) : null;
  return (
    <div className="plan-cmp-step">
      <div className="plan-cmp-step-title">
        <DiffParts parts={step.title.parts} side={side} />
        {minutes !== null ? (
          <span className={`plan-cmp-minutes${step.minutes.changed ? ' is-changed' : ''}`}>
            {step.minutes.changed ? (side === 'from' ? <del className="plan-del">{t('flow.minutesValue', { count: minutes })}</del> : <ins className="plan-ins">{t('flow.minutesValue', { count: minutes })}</ins>) : t('flow.minutesValue', { count: minutes })}
          </span>
        ) : null}
      </div>
      {step.status !== 'unchanged' ? (
        <>
          {text('activities', t('flow.activities'))}
          <ListSide list={step.anticipatedResponses} side={side} label={t('flow.anticipatedResponses')} />
          {text('teacherSupport', t('flow.teacherSupport'))}
          <ListSide list={step.pointsToNotice} side={side} label={t('flow.pointsToNotice')} />
        </>
      ) : null}
    </div>
  );
};

const Notes = ({ notes }: { notes: VersionChangeNote[] }) => {
  const { t } = useTranslation('plan');
  if (!notes.length) return null;
  return (
    <ul className="plan-cmp-notes">
      {notes.map((note) => (
        <li key={note.id} className="plan-cmp-note">
          <div className="plan-readonly-label">{note.versionNumber === null ? t('history.draft') : t('history.versionName', { number: note.versionNumber })}</div>
          {note.summary ? <strong>{note.summary}</strong> : null}
          {note.rationale ? <div className="prose">{note.rationale}</div> : null}
          <EvidenceLinks evidence={note.evidence} />
        </li>
      ))}
    </ul>
  );
};

/**
 * The product's signature screen: two versions of a research lesson side by side. Steps
 * are matched by id, so a reordered step reads "moved 5 → 2" rather than deleted and
 * re-added; every changed word is marked; and next to each step sits the reason it
 * changed, with the evidence that motivated it.
 */
export const ComparePage = () => {
  const { designId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const { t, i18n } = useTranslation('plan');
  const design = useDesign(designId);
  const from = search.get('from') ?? '';
  const to = search.get('to') ?? '';
  const comparison = useComparison(designId, from, to);
  const exportComparison = useExportComparison(designId);
  const [showUnchanged, setShowUnchanged] = useState(true);
  const [exported, setExported] = useState<ExportedFile | null>(null);
  const [anonymize, setAnonymize] = useState(false);
  const [problem, setProblem] = useState<string>();

  const options = useMemo(
    () => [
      ...(design.data?.draft ? [{ value: 'draft', label: t('history.draft') }] : []),
      ...[...(design.data?.versions ?? [])].reverse().map((v) => ({ value: v.id, label: t('history.versionName', { number: v.number }) })),
    ],
    [design.data, t],
  );

  // Opened without versions to compare (the last view restored on start keeps only the
  // path): the newest two, the draft against the latest version when there is a draft.
  const fallback = !from || !to ? options.slice(0, 2).map((o) => o.value) : [];
  useEffect(() => {
    if (fallback.length === 2) setSearch({ from: fallback[1], to: fallback[0] }, { replace: true });
  }, [fallback[0], fallback[1]]); // eslint-disable-line react-hooks/exhaustive-deps

  if (design.error) return <ErrorMessage error={design.error} />;
  if (design.data && (!from || !to) && options.length < 2) return <Page title={t('compare.title', { title: design.data.draft?.content.title ?? '' })}><p>{t('compare.nothingToCompare')}</p></Page>;
  if (comparison.error) return <ErrorMessage error={comparison.error} />;
  const data = comparison.data;
  const title = data?.to.content.title ?? design.data?.draft?.content.title ?? '';
  const notesFor = (stepId?: string) => data?.changeNotes.filter((n) => n.stepId === stepId) ?? [];
  const orphanNotes = data?.changeNotes.filter((n) => n.stepId && !data.diff.steps.some((s) => s.stepId === n.stepId)) ?? [];
  const changedFields = data?.diff.fields.filter((f) => f.diff.changed) ?? [];
  const steps = data?.diff.steps.filter((s) => showUnchanged || s.status !== 'unchanged' || s.moved) ?? [];

  const picker = (id: string, label: string, value: string, key: 'from' | 'to') => (
    <label className="plan-view-select" htmlFor={id}>
      <span>{label}</span>
      <select id={id} value={value} onChange={(event) => setSearch({ from, to, [key]: event.target.value })}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <Page
      title={t('compare.title', { title })}
      subtitle={<Link to={`/designs/${designId}`}>{t('compare.backToDesign')}</Link>}
      actions={
        <>
          {picker('cmp-from', t('compare.from'), from, 'from')}
          <span aria-hidden="true" className="plan-cmp-arrow">→</span>
          {picker('cmp-to', t('compare.to'), to, 'to')}
          <Button
            onClick={async () => {
              setProblem(undefined);
              try {
                const file = await exportComparison.mutateAsync({ fromVersionId: from, toVersionId: to, language: i18n.language.startsWith('ja') ? 'ja' : 'en', anonymize });
                if (file) setExported(file);
              } catch (error) {
                setProblem(errorMessage(error));
              }
            }}
            disabled={!data}
          >
            {t('compare.export')}
          </Button>
          <AnonymizeExport checked={anonymize} onChange={setAnonymize} />
        </>
      }
    >
      {problem ? <ErrorMessage error={problem} /> : null}
      {exported ? <ExportNotice file={exported} onDismiss={() => setExported(null)} /> : null}
      {!data ? <p>{t('common:loading')}</p> : null}
      {data ? (
        <div className="plan-compare">
          <div className="plan-cmp-summary">
            <p className="plan-cmp-summary-line" data-testid="diff-summary">
              {summarizeDiff(data.diff, summaryWords(t))}
            </p>
            <p className="plan-cmp-meta">
              {[data.from, data.to]
                .map((v) => `${versionName(t, v)} · ${formatDate(v.createdAt)}${v.authors.length ? ` · ${v.authors.join(', ')}` : ''}${v.summary ? ` — ${v.summary}` : ''}`)
                .join('   →   ')}
            </p>
            <p className="plan-cmp-legend">
              {t('compare.legend')} <del className="plan-del">{t('compare.legendDeleted')}</del> <ins className="plan-ins">{t('compare.legendInserted')}</ins>
            </p>
            <label className="plan-inline-check">
              <input type="checkbox" checked={showUnchanged} onChange={(event) => setShowUnchanged(event.target.checked)} />
              {t('compare.showUnchanged')}
            </label>
          </div>

          {changedFields.length || notesFor(undefined).length || data.diff.durationMinutes.changed ? (
            <section aria-labelledby="cmp-fields" className="plan-section">
              <h2 id="cmp-fields">{t('compare.planChanges')}</h2>
              <div className="plan-cmp-grid plan-cmp-grid-fields" role="table" aria-label={t('compare.planChanges')}>
                <div role="row" className="plan-cmp-head">
                  <div role="columnheader">{t('compare.field')}</div>
                  <div role="columnheader">{versionName(t, data.from)}</div>
                  <div role="columnheader">{versionName(t, data.to)}</div>
                  <div role="columnheader">{t('compare.why')}</div>
                </div>
                {changedFields.map(({ field, diff }) => (
                  <div role="row" key={field} className="plan-cmp-row is-changed">
                    <div role="rowheader" className="plan-cmp-status">{t(`fieldNames.${field as DesignTextField}`)}</div>
                    <div role="cell"><DiffText diff={diff} side="from" /></div>
                    <div role="cell"><DiffText diff={diff} side="to" /></div>
                    <div role="cell" />
                  </div>
                ))}
                {data.diff.durationMinutes.changed ? (
                  <div role="row" className="plan-cmp-row is-changed">
                    <div role="rowheader" className="plan-cmp-status">{t('fieldNames.durationMinutes')}</div>
                    <div role="cell"><del className="plan-del">{t('flow.minutesValue', { count: data.diff.durationMinutes.from ?? 0 })}</del></div>
                    <div role="cell"><ins className="plan-ins">{t('flow.minutesValue', { count: data.diff.durationMinutes.to ?? 0 })}</ins></div>
                    <div role="cell" />
                  </div>
                ) : null}
                {notesFor(undefined).length || orphanNotes.length ? (
                  <div role="row" className="plan-cmp-row">
                    <div role="rowheader" className="plan-cmp-status">{t('notes.wholeDesign')}</div>
                    <div role="cell" />
                    <div role="cell" />
                    <div role="cell"><Notes notes={[...notesFor(undefined), ...orphanNotes]} /></div>
                  </div>
                ) : null}
              </div>
            </section>
          ) : null}

          <section aria-labelledby="cmp-steps" className="plan-section">
            <h2 id="cmp-steps">{t('compare.steps')}</h2>
            <div className="plan-cmp-grid" role="table" aria-label={t('compare.steps')}>
              <div role="row" className="plan-cmp-head">
                <div role="columnheader">{t('compare.step')}</div>
                <div role="columnheader">{versionName(t, data.from)}</div>
                <div role="columnheader">{versionName(t, data.to)}</div>
                <div role="columnheader">{t('compare.why')}</div>
              </div>
              {steps.map((step) => (
                <div role="row" key={step.stepId} className={`plan-cmp-row is-${step.status}${step.moved ? ' is-moved' : ''}`} data-step-status={step.status} aria-label={t('compare.rowLabel', { number: step.toPosition ?? step.fromPosition })}>
                  <div role="rowheader" className="plan-cmp-status">
                    <span className="plan-cmp-number">{step.toPosition ?? step.fromPosition}</span>
                    <span className={`plan-status-badge is-${step.status}`}>
                      <span aria-hidden="true">{statusIcon[step.status]} </span>
                      {t(`compare.status.${step.status}`)}
                    </span>
                    {step.moved ? (
                      <span className="plan-status-badge is-moved">
                        <span aria-hidden="true">↕ </span>
                        {t('compare.moved', { from: step.fromPosition, to: step.toPosition })}
                      </span>
                    ) : null}
                    {step.changedFields.length ? (
                      <span className="plan-cmp-fields">{step.changedFields.map((f) => t(`stepFields.${f}`)).join(t('summary.listSeparator'))}</span>
                    ) : null}
                  </div>
                  <div role="cell"><StepSide step={step} side="from" /></div>
                  <div role="cell"><StepSide step={step} side="to" /></div>
                  <div role="cell"><Notes notes={notesFor(step.stepId)} /></div>
                </div>
              ))}
            </div>
          </section>
        </div>
      ) : null}
    </Page>
  );
};
