import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlowStep } from '../../../shared/domain/design';
import type { Group } from '../../../shared/domain/group';
import type { Observation } from '../../../shared/domain/observation';
import { formatClock } from '../../../shared/observe/clock';
import { codeLabel } from '../../../shared/observe/codebook';
import { memberName, targetText, type GuestObserver } from './labels';
import { useGuestObservers } from './queries';
import { PhotoThumb } from './PhotoThumb';
import { CorrectNoteDialog } from './CorrectNoteDialog';

export interface NoteActions {
  onEdit?: (note: Observation) => void;
  onDelete?: (note: Observation) => void;
  onRestore?: (note: Observation) => void;
  /** A note's step and lesson time corrected after the fact (the dialog is the list's own). */
  onCorrect?: (before: Observation, after: Observation) => void;
}

/** One note; memoised, so a note arriving draws only the new row, not the rows already shown. */
const NoteRow = memo(function NoteRow({
  note,
  group,
  stepTitle,
  failed,
  actions,
  guests,
  onOpenCorrect,
}: {
  onOpenCorrect: (note: Observation) => void;
  note: Observation;
  group: Group;
  guests: readonly GuestObserver[];
  stepTitle: string;
  failed: boolean;
  actions: NoteActions;
}) {
  const { t } = useTranslation('observe');
  return (
    <article className={`note-row${failed ? ' note-failed' : ''}`} aria-label={t('list.noteLabel', { time: formatClock(note.clockMs) })}>
      <div className="note-meta">
        <span className="note-clock">{formatClock(note.clockMs)}</span>
        <span>{stepTitle}</span>
        <span className="note-target">{targetText(group, note.target, t)}</span>
        <span className="muted">{memberName(group, note.observerId, guests)}</span>
        {failed ? <span className="note-error">{t('list.notSaved')}</span> : null}
      </div>
      <p className="note-text">{note.text}</p>
      {note.codeIds.length > 0 ? (
        <ul className="code-chips" aria-label={t('list.codes')}>
          {note.codeIds.map((id) => {
            const code = group.codebook.find((c) => c.id === id);
            return (
              <li key={id} className="code-chip" style={{ borderColor: code?.color }}>
                <span className="code-swatch" style={{ background: code?.color }} aria-hidden="true" />
                {codeLabel(group.codebook, id)}
              </li>
            );
          })}
        </ul>
      ) : null}
      {note.photos.length > 0 ? (
        <div className="photo-row">
          {note.photos.map((p) => (
            <PhotoThumb key={p.hash} photo={p} />
          ))}
        </div>
      ) : null}
      <div className="note-actions">
        {actions.onEdit ? (
          <button type="button" className="btn btn-ghost btn-small" onClick={() => actions.onEdit?.(note)}>
            {t('list.edit')}
          </button>
        ) : null}
        {actions.onCorrect ? (
          <button
            type="button"
            className="btn btn-ghost btn-small"
            onClick={() => onOpenCorrect(note)}
            aria-label={t('correct.open', { time: formatClock(note.clockMs) })}
            aria-haspopup="dialog"
          >
            {t('correct.button')}
          </button>
        ) : null}
        {actions.onDelete ? (
          <button type="button" className="btn btn-ghost btn-small" onClick={() => actions.onDelete?.(note)}>
            {t('list.delete')}
          </button>
        ) : null}
        {actions.onRestore ? (
          <button type="button" className="btn btn-small" onClick={() => actions.onRestore?.(note)}>
            {t('list.restore')}
          </button>
        ) : null}
      </div>
    </article>
  );
});

/**
 * The notes recorded so far, virtualised: only the rows on screen are in the DOM, so
 * 2,000 (or 5,000) notes cost the same as 20. Memoised: typing in the note field (its own
 * local state) never re-renders this list.
 */
export const NoteList = memo(function NoteList({
  notes,
  newestFirst,
  group,
  steps,
  failedIds,
  actions,
  label,
  height = 520,
  fill = false,
}: {
  notes: readonly Observation[];
  newestFirst: boolean;
  group: Group;
  steps: readonly FlowStep[];
  failedIds?: ReadonlySet<string>;
  actions: NoteActions;
  label: string;
  height?: number;
  /** Take the height its container gives (the capture screen's own scroll region) instead of `height`. */
  fill?: boolean;
}) {
  const { t } = useTranslation('observe');
  const parent = useRef<HTMLDivElement>(null);
  const [correcting, setCorrecting] = useState<Observation | null>(null);
  const virtualizer = useVirtualizer({
    count: notes.length,
    getScrollElement: () => parent.current,
    estimateSize: () => 96,
    overscan: 6,
    getItemKey: (i) => notes[newestFirst ? notes.length - 1 - i : i].id,
  });
  // Guests a facilitator approved on a device are named by the cycle, not the group.
  const guests = useGuestObservers(notes[0]?.cycleId ?? '');
  const stepTitles = new Map(steps.map((s, i) => [s.id, s.title || t('step.untitled', { n: i + 1 })]));
  if (notes.length === 0) return <p className="muted">{t('list.empty')}</p>;
  return (
    <>
    <div
      ref={parent}
      className={`note-list${fill ? ' note-list-fill' : ''}`}
      style={fill ? undefined : { maxHeight: height }}
      role="feed" aria-label={label} tabIndex={0}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const note = notes[newestFirst ? notes.length - 1 - item.index : item.index];
          return (
            <div
              key={item.key}
              data-index={item.index}
              ref={virtualizer.measureElement}
              style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${item.start}px)` }}
            >
              <NoteRow
                note={note}
                group={group}
                guests={guests}
                stepTitle={note.stepId ? (stepTitles.get(note.stepId) ?? '') : ''}
                failed={failedIds?.has(note.id) ?? false}
                actions={actions}
                onOpenCorrect={setCorrecting}
              />
            </div>
          );
        })}
      </div>
    </div>
    {correcting && actions.onCorrect ? (
      <CorrectNoteDialog note={correcting} steps={steps} onClose={() => setCorrecting(null)} onCorrect={actions.onCorrect} />
    ) : null}
    </>
  );
});
