import { useImperativeHandle, useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { Code, Group } from '../../../shared/domain/group';
import type { Observation, ObservationTarget, PhotoRef } from '../../../shared/domain/observation';
import { formatClock } from '../../../shared/observe/clock';
import { toggleCode, type NoteDraft } from '../../../shared/observe/stamp';
import { Button } from '../../ui/Button';
import { targetText } from './labels';
import { PhotoThumb } from './PhotoThumb';
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

/**
 * The note field and its draft (codes, target, photos). All of it is local state, so a
 * keystroke re-renders this component only — never the list of 2,000 notes beside it.
 */
export const Composer = ({
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
}) => {
  const { t } = useTranslation('observe');
  const field = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState('');
  const [codeIds, setCodeIds] = useState<string[]>([]);
  const [target, setTarget] = useState<ObservationTarget>(wholeClass);
  const [photos, setPhotos] = useState<PhotoRef[]>([]);
  const [editing, setEditing] = useState<Observation | null>(null);
  const [picking, setPicking] = useState(false);

  const reset = () => {
    setText('');
    setCodeIds([]);
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
    onSubmit({ text, codeIds, target, photos }, editing);
    reset();
  };

  const retiredOnNote = editing ? group.codebook.filter((c) => c.retired && codeIds.includes(c.id)) : [];
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
      <div className="code-toggles" role="group" aria-label={t('codes.label')}>
        {[...codes, ...retiredOnNote].map((code, i) => {
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
              onClick={() => setCodeIds((ids) => toggleCode(ids, code.id))}
            >
              {shortcut ? <kbd aria-hidden="true">{(i + 1) % 10}</kbd> : null}
              {on ? <span aria-hidden="true">✓ </span> : null}
              {code.label}
            </button>
          );
        })}
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
          if (e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey) {
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
        onOpenChange={(open) => {
          setPicking(open);
          if (!open) requestAnimationFrame(() => field.current?.focus());
        }}
        group={group}
        current={target}
        onPick={setTarget}
      />
    </div>
  );
};
