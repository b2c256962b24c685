import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CycleEvidenceBundle } from '../../../shared/contract/analysis';
import { filterObservations } from '../../../shared/analysis/filters';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import type { Labels } from './labels';
import { NoteCard } from './NoteCard';
import { CodeFilter, StepFilter, stepIdsOf } from './EvidenceSelects';

/** Width of the notes panel, in rem: wide enough for a note card, narrow enough to keep the note field in view. */
export const NOTES_WIDTH = { min: 16, max: 40, initial: 24, step: 2 } as const;

/**
 * The observers' notes from the lesson, one keystroke (N) away during the discussion,
 * filterable by step and code, so claims stay anchored to what was recorded.
 *
 * A side panel beside the discussion, not a dialog over it: the recorder keeps typing in
 * the part's notes while the group looks at the evidence (issue #18 — the old drawer
 * covered the note field). Its edge is a separator that pointer or arrow keys move.
 */
export const NotesDrawer = ({
  open,
  onOpenChange,
  bundle,
  labels,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  bundle: CycleEvidenceBundle;
  labels: Labels;
}) => {
  const { t } = useTranslation('analyze');
  const [step, setStep] = useState('');
  const [code, setCode] = useState('');
  const [text, setText] = useState('');
  const [width, setWidth] = useState<number>(NOTES_WIDTH.initial);
  const heading = useRef<HTMLHeadingElement>(null);
  const drag = useRef<{ x: number; width: number } | null>(null);

  useEffect(() => {
    if (open) heading.current?.focus();
  }, [open]);

  if (!open) return null;
  const notes = filterObservations(bundle.observations, { stepIds: stepIdsOf(step), codeIds: code ? [code] : undefined, text });
  const clamp = (rem: number) => Math.max(NOTES_WIDTH.min, Math.min(NOTES_WIDTH.max, Math.round(rem)));
  const rootRem = () => parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;

  const onKeyDown = (event: KeyboardEvent) => {
    // The panel is on the right: moving its edge left makes it wider.
    const by = { ArrowLeft: NOTES_WIDTH.step, ArrowRight: -NOTES_WIDTH.step, Home: NOTES_WIDTH.max, End: -NOTES_WIDTH.max }[event.key];
    if (by === undefined) return;
    event.preventDefault();
    setWidth((w) => clamp(w + by));
  };
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { x: event.clientX, width };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    setWidth(clamp(drag.current.width + (drag.current.x - event.clientX) / rootRem()));
  };

  return (
    <aside
      className="notes-panel"
      style={{ width: `${width}rem` }}
      aria-labelledby="notes-panel-title"
      onKeyDown={(event) => event.key === 'Escape' && onOpenChange(false)}
    >
      <div
        className="notes-panel-edge"
        role="separator"
        aria-orientation="vertical"
        aria-label={t('drawer.resize')}
        aria-valuemin={NOTES_WIDTH.min}
        aria-valuemax={NOTES_WIDTH.max}
        aria-valuenow={width}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={() => (drag.current = null)}
      />
      <div className="notes-drawer-header">
        <h2 id="notes-panel-title" className="dialog-title" tabIndex={-1} ref={heading}>
          {t('drawer.title')}
        </h2>
        <Button variant="ghost" onClick={() => onOpenChange(false)}>
          {t('common:close')}
        </Button>
      </div>
      <div className="notes-panel-filters">
        <StepFilter bundle={bundle} labels={labels} value={step} onChange={setStep} />
        <CodeFilter bundle={bundle} value={code} onChange={setCode} />
        <TextField label={t('filters.text')} value={text} onChange={(e) => setText(e.target.value)} type="search" />
      </div>
      <p className="muted" role="status">
        {t('drawer.count', { count: notes.length })}
      </p>
      <div className="notes-list">
        {notes.map((note) => (
          <NoteCard key={note.id} note={note} labels={labels} />
        ))}
      </div>
    </aside>
  );
};
