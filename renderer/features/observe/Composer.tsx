import { memo, useCallback, useImperativeHandle, useMemo, useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { FlowStep } from '../../../shared/domain/design';
import type { Code, Group } from '../../../shared/domain/group';
import type { Observation, ObservationTarget, PhotoRef } from '../../../shared/domain/observation';
import { clockMsAt, formatClock, initialAnchor, stepIndexAt, type LessonClock, type StepAnchor } from '../../../shared/observe/clock';
import { toggleCode, type NoteDraft } from '../../../shared/observe/stamp';
import { Button } from '../../ui/Button';
import { targetText } from './labels';
import { PhotoThumb } from './PhotoThumb';
import { useLessonSteps } from './queries';
import { TargetPicker } from './TargetPicker';

export interface ComposerHandle {
  focus(): void;
  toggleCodeAt(index: number): void;
  openTargetPicker(): void;
  setTarget(target: ObservationTarget): void;
  addPhotos(photos: PhotoRef[]): void;
  edit(note: Observation): void;
  isEmpty(): boolean;
}

const wholeClass: ObservationTarget = { kind: 'class' };
const noSteps: FlowStep[] = [];
type PointToNotice = FlowStep['pointsToNotice'][number];

/**
 * The step the lesson clock is in now. The capture screen keeps its clock in the per-laptop
 * lesson state (lesson-state.ts), written on every change; the composer reads it when it
 * draws and when a note is saved, so the points offered are the step the note is stamped with.
 */
const currentStep = (cycleId: string, steps: readonly FlowStep[]): FlowStep | undefined => {
  let clock: LessonClock | undefined;
  let anchor: StepAnchor = initialAnchor;
  try {
    const stored = JSON.parse(localStorage.getItem(`lesson-study.observe.${cycleId}`) ?? 'null') as { clock?: LessonClock; anchor?: StepAnchor } | null;
    if (typeof stored?.clock?.accumulatedMs === 'number' && typeof stored.anchor?.index === 'number') ({ clock, anchor } = stored as { clock: LessonClock; anchor: StepAnchor });
  } catch {
    // No readable lesson state: the lesson has not started, so it is in its first step.
  }
  return steps[stepIndexAt(steps, clock ? clockMsAt(clock, Date.now()) : 0, anchor)];
};

/** Alt+Shift+1 … 9, 0: the n-th point to notice of the current step (`event.code`, as for codes). */
const pointIndexForKey = (e: { altKey: boolean; shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; code: string }): number | null => {
  if (!e.altKey || !e.shiftKey || e.ctrlKey || e.metaKey) return null;
  const digit = /^Digit(\d)$/.exec(e.code)?.[1];
  return digit === undefined ? null : digit === '0' ? 9 : Number(digit) - 1;
};

/**
 * The note field and its draft (codes, target, photos). All of it is local state, so a
 * keystroke re-renders this component only — never the list of 2,000 notes beside it.
 */
export const Composer = memo(function Composer({
  ref,
  group,
  codes,
  onSubmit,
  onEditLast,
  onAttach,
  disabled,
}: {
  ref: Ref<ComposerHandle>;
  group: Group;
  /** The codes offered for new notes (retired ones are hidden); Alt+n toggles the n-th. */
  codes: readonly Code[];
  onSubmit: (draft: NoteDraft, editing: Observation | null) => void;
  onEditLast: () => void;
  onAttach: () => void;
  disabled: boolean;
}) {
  const { t } = useTranslation('observe');
  const field = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState('');
  const [codeIds, setCodeIds] = useState<string[]>([]);
  const [target, setTarget] = useState<ObservationTarget>(wholeClass);
  const [photos, setPhotos] = useState<PhotoRef[]>([]);
  const [editing, setEditing] = useState<Observation | null>(null);
  const [picking, setPicking] = useState(false);
  const [pointIds, setPointIds] = useState<string[]>([]);
  const { cycleId = '' } = useParams();
  const steps = useLessonSteps(cycleId) ?? noSteps;
  const step = currentStep(cycleId, steps);
  // The current step's points, and any tagged before the step moved on (a tag is never dropped unseen).
  const points = useMemo(() => {
    const tagged = steps.flatMap((s) => s.pointsToNotice).filter((p) => pointIds.includes(p.id) && !step?.pointsToNotice.some((q) => q.id === p.id));
    return [...(step?.pointsToNotice ?? []), ...tagged];
  }, [steps, step, pointIds]);
  const togglePoint = useCallback((id: string) => setPointIds((ids) => toggleCode(ids, id)), []);
  const toggleCodeId = useCallback((id: string) => setCodeIds((ids) => toggleCode(ids, id)), []);
  const onPickerOpenChange = useCallback((open: boolean) => {
    setPicking(open);
    if (!open) requestAnimationFrame(() => field.current?.focus());
  }, []);

  const reset = () => {
    setText('');
    setCodeIds([]);
    setPointIds([]);
    setPhotos([]);
    setEditing(null);
  };

  useImperativeHandle(ref, () => ({
    focus: () => field.current?.focus(),
    toggleCodeAt: (index) => {
      const code = codes[index];
      if (code) setCodeIds((ids) => toggleCode(ids, code.id));
    },
    openTargetPicker: () => setPicking(true),
    setTarget,
    addPhotos: (more) => setPhotos((p) => [...p, ...more.filter((m) => !p.some((x) => x.hash === m.hash))]),
    edit: (note) => {
      setEditing(note);
      setText(note.text);
      setCodeIds(note.codeIds);
      setTarget(note.target);
      setPhotos(note.photos);
      field.current?.focus();
    },
    isEmpty: () => text === '' && photos.length === 0,
  }));

  const submit = () => {
    if (!text.trim() && photos.length === 0) return;
    onSubmit({ text, codeIds, target, photos, pointToNoticeIds: pointIds }, editing);
    reset();
  };

  const offered = useMemo(
    () => (editing ? [...codes, ...group.codebook.filter((c) => c.retired && codeIds.includes(c.id))] : codes),
    [editing, codes, group.codebook, codeIds],
  );
  return (
    <div className="composer">
      <div className="composer-row">
        <span className="field-label">{t('target.label')}</span>
        <span className="target-current" data-testid="current-target">
          {targetText(group, target, t)}
        </span>
        <Button className="btn-small" onClick={() => setPicking(true)} aria-keyshortcuts="Alt+T">
          {t('target.change')} <kbd aria-hidden="true">Alt+T</kbd>
        </Button>
      </div>
      {editing ? (
        <p className="composer-editing" role="status">
          {t('composer.editing', { time: formatClock(editing.clockMs) })}
        </p>
      ) : null}
      <label htmlFor="observe-note" className="field-label">
        {t('composer.label')}
      </label>
      <textarea
        id="observe-note"
        ref={field}
        className="note-field"
        rows={3}
        value={text}
        autoFocus
        disabled={disabled}
        aria-describedby="observe-note-hint"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          // Never submit while an input method (e.g. Japanese kana→kanji) is composing.
          if (e.nativeEvent.isComposing) return;
          const pointIndex = pointIndexForKey(e);
          if (pointIndex !== null) {
            e.preventDefault();
            const point = points[pointIndex];
            if (point && !editing) togglePoint(point.id);
          } else if (e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey) {
            e.preventDefault();
            submit();
          } else if (e.key === 'Escape' && editing) {
            e.preventDefault();
            reset();
          } else if (e.key === 'ArrowUp' && text === '' && !editing) {
            e.preventDefault();
            onEditLast();
          }
        }}
      />
      <p id="observe-note-hint" className="field-hint">
        {t('composer.hint')}
      </p>
      <CodeToggles codes={offered} codeIds={codeIds} onToggle={toggleCodeId} />
      {points.length > 0 && !editing ? <PointToggles points={points} pointIds={pointIds} onToggle={togglePoint} /> : null}
      <div className="composer-row">
        <Button className="btn-small" onClick={onAttach} aria-keyshortcuts="Alt+A">
          {t('photo.attach')} <kbd aria-hidden="true">Alt+A</kbd>
        </Button>
        <span className="muted">{t('photo.dropHint')}</span>
      </div>
      {photos.length > 0 ? (
        <div className="photo-row" aria-label={t('photo.pending')} role="group">
          {photos.map((p) => (
            <PhotoThumb key={p.hash} photo={p} onRemove={() => setPhotos((all) => all.filter((x) => x.hash !== p.hash))} />
          ))}
        </div>
      ) : null}
      <TargetPicker
        open={picking}
        onOpenChange={onPickerOpenChange}
        group={group}
        current={target}
        onPick={setTarget}
      />
    </div>
  );
});

/**
 * The code buttons (Alt+1 … 0). Memoised with the point buttons: a keystroke in the note
 * field re-renders the field, not the buttons beside it.
 */
const CodeToggles = memo(function CodeToggles({
  codes,
  codeIds,
  onToggle,
}: {
  codes: readonly Code[];
  codeIds: readonly string[];
  onToggle: (id: string) => void;
}) {
  const { t } = useTranslation('observe');
  return (
    <div className="code-toggles" role="group" aria-label={t('codes.label')}>
      {codes.map((code, i) => {
        const on = codeIds.includes(code.id);
        const shortcut = i < 10 && !code.retired ? `Alt+${(i + 1) % 10}` : undefined;
        return (
          <button
            key={code.id}
            type="button"
            className={`code-toggle${on ? ' is-on' : ''}`}
            aria-pressed={on}
            aria-keyshortcuts={shortcut}
            style={{ borderColor: code.color, ...(on ? { background: code.color } : {}) }}
            onClick={() => onToggle(code.id)}
          >
            {shortcut ? <kbd aria-hidden="true">{(i + 1) % 10}</kbd> : null}
            {on ? <span aria-hidden="true">✓ </span> : null}
            {code.label}
          </button>
        );
      })}
    </div>
  );
});

/** The current step's points to notice (Alt+Shift+1 … 0); tags go on new notes only. */
const PointToggles = memo(function PointToggles({
  points,
  pointIds,
  onToggle,
}: {
  points: readonly PointToNotice[];
  pointIds: readonly string[];
  onToggle: (id: string) => void;
}) {
  const { t } = useTranslation('observe');
  return (
    // An edited note keeps its links, which the evidence screen changes.
    <div className="code-toggles point-toggles" role="group" aria-label={t('points.label')}>
      <span className="field-label">{t('points.label')}</span>
      {points.map((point, i) => {
        const on = pointIds.includes(point.id);
        const shortcut = i < 10 ? `Alt+Shift+${(i + 1) % 10}` : undefined;
        return (
          <button
            key={point.id}
            type="button"
            className={`code-toggle${on ? ' is-on' : ''}`}
            aria-pressed={on}
            aria-keyshortcuts={shortcut}
            title={point.text}
            // The app's accent, not a code colour: a point to notice is not a code.
            style={{ borderColor: 'var(--accent)', ...(on ? { background: 'var(--accent)', color: 'var(--accent-text)' } : {}) }}
            onClick={() => onToggle(point.id)}
          >
            {shortcut ? <kbd aria-hidden="true">⇧{(i + 1) % 10}</kbd> : null}
            {on ? <span aria-hidden="true">✓ </span> : null}
            {point.text.length > 60 ? `${point.text.slice(0, 59)}…` : point.text}
          </button>
        );
      })}
    </div>
  );
});
