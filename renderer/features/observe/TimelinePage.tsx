import { memo, useCallback, useDeferredValue, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ObservationSession } from '../../../shared/contract/observations';
import type { FlowStep } from '../../../shared/domain/design';
import type { Code } from '../../../shared/domain/group';
import type { Observation } from '../../../shared/domain/observation';
import { formatClock } from '../../../shared/observe/clock';
import { classModeBands, observationMatcher, optionsInUse, type ObservationFilter } from '../../../shared/observe/filter';
import { Button } from '../../ui/Button';
import { ErrorMessage, Page } from '../../ui/Page';
import { DataActions } from './DataActions';
import { targetText } from './labels';
import { NoteList } from './NoteList';
import { useObservationSession, useSaveObservation } from './queries';
import { targetOptions } from './TargetPicker';

/** Most dots the timeline strip draws, however many notes the lesson has. */
const DOT_BINS = 360;

export const TimelinePage = () => {
  const { cycleId = '' } = useParams();
  const { t } = useTranslation('observe');
  const session = useObservationSession(cycleId);
  if (session.error) return <ErrorMessage error={session.error} />;
  if (!session.data) return <p>{t('common:loading')}</p>;
  return <Timeline session={session.data} />;
};

const MODE_COLORS: Record<string, string> = {
  'whole-class': 'var(--mode-whole)',
  pairs: 'var(--mode-pairs)',
  'small-groups': 'var(--mode-groups)',
  individual: 'var(--mode-individual)',
};

const Timeline = ({ session }: { session: ObservationSession }) => {
  const { t } = useTranslation('observe');
  const { cycle, group, steps } = session;
  const [filter, setFilter] = useState<ObservationFilter>({});
  // Filtering 5,000 notes stays responsive: the list follows a deferred copy of the filter.
  const deferred = useDeferredValue(filter);
  const shown = useMemo(() => session.observations.filter(observationMatcher(deferred)), [session.observations, deferred]);
  const live = useMemo(() => session.observations.filter((o) => !o.deletedAt), [session.observations]);
  // What follows the notes, not the filter, is worked out when the notes change: a key in
  // the filter field then costs the field and the filter, not a pass over 5,000 notes.
  const planned = steps.reduce((n, s) => n + s.minutes, 0) * 60_000;
  const endMs = useMemo(() => {
    let end = Math.max(planned, 60_000);
    for (const o of live) end = Math.max(end, o.clockMs);
    for (const m of session.classModes) end = Math.max(end, m.clockMs);
    return end;
  }, [planned, live, session.classModes]);
  const bands = useMemo(() => classModeBands(session.classModes, endMs), [session.classModes, endMs]);
  // Thousands of notes become at most DOT_BINS dots (notes close in time share one), and
  // only when the filtered notes change: a 5,000-note lesson would otherwise put 5,000
  // elements on the page and rebuild them on every keystroke in the filter field.
  const dots = useMemo(() => {
    const colours = new Map(group.codebook.map((c) => [c.id, c.color]));
    const bins = new Map<number, Observation[]>();
    for (const o of shown) {
      const bin = Math.min(DOT_BINS - 1, Math.floor((DOT_BINS * o.clockMs) / endMs));
      const notes = bins.get(bin);
      if (notes) notes.push(o);
      else bins.set(bin, [o]);
    }
    return [...bins].map(([bin, notes]) => {
      const first = notes[0];
      const title =
        notes.length === 1
          ? `${formatClock(first.clockMs)} ${targetText(group, first.target, t)}: ${first.text}`
          : `${formatClock(first.clockMs)}–${formatClock(notes.at(-1)!.clockMs)}: ${notes.length} · ${first.text}`;
      return (
        <span
          key={bin}
          className="timeline-dot"
          style={{ left: `${(100 * first.clockMs) / endMs}%`, background: colours.get(first.codeIds[0]) }}
          title={title}
        />
      );
    });
  }, [shown, group, endMs, t]);
  // Guests approved by name during live capture are observers too.
  const observers = useMemo(() => {
    const writing = new Set(live.map((o) => o.observerId));
    return [...group.members, ...(cycle.guestObservers ?? [])].filter((m) => writing.has(m.id));
  }, [group.members, cycle.guestObservers, live]);
  const targets = useMemo(() => optionsInUse(targetOptions(group, t), live), [group, t, live]);
  const setField = useCallback((key: keyof ObservationFilter, value: string) => setFilter((f) => ({ ...f, [key]: value || undefined })), []);
  // Corrections of a note's step and time; the last one can be undone from the toast.
  const save = useSaveObservation(cycle.id);
  const { mutate: saveNote } = save;
  const [corrected, setCorrected] = useState<{ before: Observation; after: Observation; undone: boolean } | null>(null);
  const onCorrect = useCallback(
    (before: Observation, after: Observation) => {
      saveNote(after);
      setCorrected({ before, after, undone: false });
    },
    [saveNote, setCorrected],
  );
  const closed = cycle.phase === 'closed';
  const listActions = useMemo(() => (closed ? {} : { onCorrect }), [closed, onCorrect]);

  return (
    <Page
      title={t('timeline.title')}
      subtitle={`${cycle.title} · ${group.name}`}
      actions={
        <Link className="btn" to={`/cycles/${cycle.id}/observe`}>
          {t('timeline.toCapture')}
        </Link>
      }
    >
      <DataActions cycleId={cycle.id} />
      <TimelineChart steps={steps} bands={bands} dots={dots} endMs={endMs} />
      <TimelineFilters filter={filter} onChange={setField} observers={observers} steps={steps} codebook={group.codebook} targets={targets} />
      <h2>{t('timeline.shown', { count: shown.length, total: live.length })}</h2>
      <NoteList notes={shown} newestFirst={false} group={group} steps={steps} actions={listActions} label={t('timeline.list')} height={640} />
      {corrected && !closed ? (
        <div className="toast" role="status">
          <span>{t(corrected.undone ? 'history.undid.edit' : 'correct.done')}</span>
          <Button
            className="btn-small"
            onClick={() => {
              saveNote(corrected.undone ? corrected.after : corrected.before);
              setCorrected({ ...corrected, undone: !corrected.undone });
            }}
          >
            {t(corrected.undone ? 'history.redo' : 'history.undo')}
          </Button>
          <Button variant="ghost" className="btn-small" onClick={() => setCorrected(null)} aria-label={t('common:dismiss')}>
            ×
          </Button>
        </div>
      ) : null}
    </Page>
  );
};

/**
 * The strip of steps, class-mode bands and note dots. Memoised: a key in the filter field
 * redraws it only once the filtered notes (its dots) have changed.
 */
const TimelineChart = memo(function TimelineChart({
  steps,
  bands,
  dots,
  endMs,
}: {
  steps: readonly FlowStep[];
  bands: ReadonlyArray<{ mode: string; fromMs: number; toMs: number }>;
  dots: ReactNode;
  endMs: number;
}) {
  const { t } = useTranslation('observe');
  const pct = (ms: number) => `${(100 * ms) / endMs}%`;
  const stepStarts = steps.map((_, i) => steps.slice(0, i).reduce((n, s) => n + s.minutes * 60_000, 0));
  return (
    <section aria-label={t('timeline.chart')} className="timeline">
      <div className="timeline-steps" aria-hidden="true">
        {steps.map((s, i) => {
          return (
            <div key={s.id} className="timeline-step" style={{ left: pct(stepStarts[i]), width: pct(s.minutes * 60_000) }}>
              {i + 1}. {s.title}
            </div>
          );
        })}
      </div>
      <div className="timeline-bands">
        {bands.map((b, i) => (
          <div
            key={i}
            className="timeline-band"
            style={{ left: pct(b.fromMs), width: pct(b.toMs - b.fromMs), background: MODE_COLORS[b.mode] }}
            title={`${formatClock(b.fromMs)}–${formatClock(b.toMs)} ${t(`mode.${b.mode}`)}`}
          >
            {t(`mode.${b.mode}`)}
          </div>
        ))}
      </div>
      <div className="timeline-notes">
        {dots}
      </div>
      <div className="timeline-axis" aria-hidden="true">
        {Array.from({ length: Math.floor(endMs / 300_000) + 1 }, (_, i) => (
          <span key={i} style={{ left: pct(i * 300_000) }}>
            {formatClock(i * 300_000)}
          </span>
        ))}
      </div>
      <ul className="visually-hidden">
        {bands.map((b, i) => (
          <li key={i}>{`${formatClock(b.fromMs)}–${formatClock(b.toMs)}: ${t(`mode.${b.mode}`)}`}</li>
        ))}
      </ul>
    </section>
  );
});

/** The filter fields; the choices offered follow the notes, not each key typed. */
const TimelineFilters = memo(function TimelineFilters({
  filter,
  onChange,
  observers,
  steps,
  codebook,
  targets,
}: {
  filter: ObservationFilter;
  onChange: (key: keyof ObservationFilter, value: string) => void;
  observers: ReadonlyArray<{ id: string; name: string }>;
  steps: readonly FlowStep[];
  codebook: readonly Code[];
  targets: ReadonlyArray<{ key: string; label: string }>;
}) {
  const { t } = useTranslation('observe');
  return (
    <div className="timeline-filters" role="group" aria-label={t('timeline.filters')}>
      <label>
        {t('timeline.observer')}
        <select value={filter.observerId ?? ''} onChange={(e) => onChange('observerId', e.target.value)}>
          <option value="">{t('timeline.all')}</option>
          {observers.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('timeline.step')}
        <select value={filter.stepId ?? ''} onChange={(e) => onChange('stepId', e.target.value)}>
          <option value="">{t('timeline.all')}</option>
          {steps.map((s, i) => (
            <option key={s.id} value={s.id}>
              {i + 1}. {s.title}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('timeline.code')}
        <select value={filter.codeId ?? ''} onChange={(e) => onChange('codeId', e.target.value)}>
          <option value="">{t('timeline.all')}</option>
          {codebook.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
              {c.retired ? ` (${t('codebook.retired')})` : ''}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('timeline.target')}
        <select value={filter.target ?? ''} onChange={(e) => onChange('target', e.target.value)}>
          <option value="">{t('timeline.all')}</option>
          {targets.map((o) => (
            <option key={o.key} value={o.key}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('timeline.search')}
        <input type="search" value={filter.text ?? ''} onChange={(e) => onChange('text', e.target.value)} />
      </label>
    </div>
  );
});
