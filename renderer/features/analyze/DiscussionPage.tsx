import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { CycleEvidenceBundle } from '../../../shared/contract/analysis';
import { isOverTime } from '../../../shared/analysis/discussion';
import { segmentElapsedMs, type DiscussionSegment } from '../../../shared/domain/analysis';
import { Button } from '../../ui/Button';
import { TextArea, TextField } from '../../ui/Field';
import { formatDateTime } from '../../ui/format';
import { AnalyzeShell } from './AnalyzeShell';
import { speakerOptions, useDiscussionEnded } from './discussion-queries';
import { DiscussionQueue } from './DiscussionQueue';
import { DiscussionSpeakers } from './DiscussionSpeakers';
import './discussion.css';
import { formatClock, type Labels } from './labels';
import { NotesDrawer } from './NotesDrawer';
import { useCurrentSegment, useFinalComments, useSegmentTimer, useSegmentUpdate } from './queries';
import { useAutosave, useNow } from './useAutosave';

export const useSegmentTitle = () => {
  const { t } = useTranslation('analyze');
  return (segment: DiscussionSegment) => segment.title || t(`segments.${segment.kind}`);
};

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** The post-lesson discussion (事後協議会) in protocol order, for a facilitator at a projector. */
export const DiscussionPage = () => {
  const { t } = useTranslation('analyze');
  return (
    <AnalyzeShell title={() => t('discussion.title')}>
      {(bundle, labels) => <Discussion bundle={bundle} labels={labels} />}
    </AnalyzeShell>
  );
};

const Discussion = ({ bundle, labels }: { bundle: CycleEvidenceBundle; labels: Labels }) => {
  const { t } = useTranslation('analyze');
  const { cycleId = '' } = useParams();
  const segmentTitle = useSegmentTitle();
  const { discussion } = bundle.analysis;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const timer = useSegmentTimer(cycleId);
  const choose = useCurrentSegment(cycleId);
  const ending = useDiscussionEnded(cycleId);
  const ended = discussion.endedAt;
  const speakers = speakerOptions(bundle);
  const speakerNames = (ids: readonly string[]) =>
    ids.length ? ids.map((id) => speakers.find((s) => s.id === id)?.name ?? t('labels.unknownMember')).join(', ') : t('labels.nobody');
  const running = discussion.segments.some((s) => s.runningSince);
  const now = useNow(running);
  const current = discussion.segments.find((s) => s.id === discussion.currentSegmentId) ?? discussion.segments[0];
  const index = current ? discussion.segments.indexOf(current) : -1;
  const next = index >= 0 ? discussion.segments[index + 1] : undefined;

  // "N" opens the observers' notes from anywhere on the page except while typing.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 'n' || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      event.preventDefault();
      setDrawerOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (!current) return <p>{t('discussion.empty')}</p>;

  return (
    <div className={`discussion${drawerOpen ? ' discussion-with-notes' : ''}`}>
      {ended ? (
        <section className="discussion-ended" aria-labelledby="ended-heading">
          <h2 id="ended-heading">{t('discussion.endedHeading')}</h2>
          <p>{t('discussion.endedAt', { time: formatDateTime(ended) })}</p>
          <div className="discussion-actions">
            <Link className="btn btn-primary" to={`/cycles/${cycleId}/findings`}>
              {t('discussion.toFindings')}
            </Link>
            <Button onClick={() => ending.mutate(false)}>{t('discussion.reopen')}</Button>
          </div>
        </section>
      ) : null}
      <ol className="discussion-steps" aria-label={t('discussion.order')}>
        {discussion.segments.map((segment, i) => {
          const elapsed = segmentElapsedMs(segment, now);
          return (
            <li key={segment.id}>
              <button
                type="button"
                className={`discussion-step${segment.id === current.id ? ' discussion-step-current' : ''}`}
                aria-current={segment.id === current.id ? 'step' : undefined}
                onClick={() => choose.mutate(segment.id)}
              >
                <span className="discussion-step-number">{i + 1}</span>
                <span className="discussion-step-title">{segmentTitle(segment)}</span>
                <span className="discussion-step-meta">
                  {speakerNames(segment.speakerIds)} · {formatClock(elapsed)} / {t('discussion.minutes', { count: segment.plannedMinutes })}
                  {segment.runningSince ? ` · ${t('discussion.running')}` : ''}
                </span>
              </button>
            </li>
          );
        })}
      </ol>

      <section className="discussion-current" aria-labelledby="segment-title">
        <p className="discussion-kicker">{t('discussion.segmentOf', { n: index + 1, total: discussion.segments.length })}</p>
        <h2 id="segment-title" className="discussion-segment-title">
          {segmentTitle(current)}
        </h2>
        <SegmentTimer segment={current} now={now} ended={Boolean(ended)} onAction={(action) => timer.mutate({ segmentId: current.id, action })} />
        <div className="discussion-actions">
          <Button onClick={() => setDrawerOpen(true)} aria-keyshortcuts="N" aria-expanded={drawerOpen}>
            {t('discussion.openNotes')} <kbd>N</kbd>
          </Button>
          {next && !ended ? (
            <Button variant="primary" onClick={() => timer.mutate({ segmentId: next.id, action: 'start' })}>
              {t('discussion.next', { title: segmentTitle(next) })}
            </Button>
          ) : null}
          {ended ? null : (
            <Button variant={next ? 'secondary' : 'primary'} onClick={() => ending.mutate(true)}>
              {t('discussion.finish')}
            </Button>
          )}
        </div>
        <DiscussionQueue cycleId={cycleId} bundle={bundle} />
        <SegmentDetails key={current.id} cycleId={cycleId} segment={current} bundle={bundle} />
        {current.kind === 'final-comments' ? (
          <FinalComments key={`final-${current.id}`} cycleId={cycleId} bundle={bundle} labels={labels} />
        ) : null}
      </section>
      <NotesDrawer open={drawerOpen} onOpenChange={setDrawerOpen} bundle={bundle} labels={labels} />
    </div>
  );
};

const SegmentTimer = ({
  segment,
  now,
  ended,
  onAction,
}: {
  segment: DiscussionSegment;
  now: Date;
  ended: boolean;
  onAction: (action: 'start' | 'pause' | 'reset') => void;
}) => {
  const { t } = useTranslation('analyze');
  const elapsed = segmentElapsedMs(segment, now);
  const over = isOverTime(segment, now);
  return (
    <div className={`segment-timer${over ? ' segment-timer-over' : ''}`}>
      <p className="segment-timer-display" aria-label={t('discussion.timerLabel')}>
        <span data-testid="segment-elapsed">{formatClock(elapsed)}</span>
        <span className="segment-timer-planned"> / {formatClock(segment.plannedMinutes * 60_000)}</span>
      </p>
      <p className="segment-timer-state" role="status">
        {ended ? t('discussion.stopped') : over ? t('discussion.overTime') : segment.runningSince ? t('discussion.running') : t('discussion.paused')}
      </p>
      <div className="segment-timer-buttons">
        {ended ? null : segment.runningSince ? (
          <Button onClick={() => onAction('pause')}>{t('discussion.pause')}</Button>
        ) : (
          <Button variant="primary" onClick={() => onAction('start')}>
            {elapsed > 0 ? t('discussion.resume') : t('discussion.start')}
          </Button>
        )}
        <Button variant="ghost" onClick={() => onAction('reset')} disabled={elapsed === 0 && !segment.runningSince}>
          {t('discussion.reset')}
        </Button>
      </div>
    </div>
  );
};

const SegmentDetails = ({ cycleId, segment, bundle }: { cycleId: string; segment: DiscussionSegment; bundle: CycleEvidenceBundle }) => {
  const { t } = useTranslation('analyze');
  const update = useSegmentUpdate(cycleId);
  const notes = useAutosave(segment.notes, (value) => update.mutate({ segmentId: segment.id, notes: value }));
  return (
    <div className="segment-details">
      <div className="form-row">
        <DiscussionSpeakers segment={segment} bundle={bundle} onChange={(speakerIds) => update.mutate({ segmentId: segment.id, speakerIds })} />
        <TextField
          label={t('discussion.plannedMinutes')}
          type="number"
          min={0}
          max={240}
          defaultValue={segment.plannedMinutes}
          onBlur={(e) => {
            const minutes = Math.max(0, Math.min(240, Math.round(Number(e.target.value) || 0)));
            if (minutes !== segment.plannedMinutes) update.mutate({ segmentId: segment.id, plannedMinutes: minutes });
          }}
        />
      </div>
      <TextArea
        label={t('discussion.notes')}
        hint={segment.kind === 'observers' ? t('discussion.observersHint') : undefined}
        rows={6}
        value={notes.value}
        onChange={(e) => notes.setValue(e.target.value)}
        onBlur={notes.flush}
      />
    </div>
  );
};

const FinalComments = ({ cycleId, bundle, labels }: { cycleId: string; bundle: CycleEvidenceBundle; labels: Labels }) => {
  const { t } = useTranslation('analyze');
  const save = useFinalComments(cycleId);
  const text = useAutosave(bundle.analysis.discussion.finalComments, (value) => save.mutate({ text: value }));
  return (
    <TextArea
      label={t('discussion.finalComments', { name: labels.member(bundle.analysis.discussion.finalCommentsBy) })}
      rows={6}
      value={text.value}
      onChange={(e) => text.setValue(e.target.value)}
      onBlur={text.flush}
    />
  );
};
