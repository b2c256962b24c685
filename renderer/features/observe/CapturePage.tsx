import { useMutation, useMutationState } from '@tanstack/react-query';
import { useCallback, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState, type DragEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ObservationSession } from '../../../shared/contract/observations';
import { MAX_PHOTO_BYTES, type ClassModeChange, type Observation, type PhotoRef } from '../../../shared/domain/observation';
import { clockMsAt, isRunning, pauseClock, shiftStep, startClock, stepIndexAt } from '../../../shared/observe/clock';
import { activeCodes } from '../../../shared/observe/codebook';
import { editedNote, noteCommand, sameContent, type NoteChange } from '../../../shared/observe/note-history';
import { stampClassMode, stampObservation, type NoteDraft } from '../../../shared/observe/stamp';
import { backend, errorMessage } from '../../api/client';
import { Button } from '../../ui/Button';
import { ErrorMessage, Page } from '../../ui/Page';
import { undoKey, useChangeHistory, useMenuUndoTarget } from '../../ui/undo';
import { Composer, type ComposerHandle } from './Composer';
import { actionForKey, legend } from './keymap';
import { useLessonState, useRememberedObserver } from './lesson-state';
import { ClassModeBar, LessonHeader } from './LessonHeader';
import { NoteList } from './NoteList';
import { DataActions } from './DataActions';
import { useLessonClockSync } from './capture-clock';
import { CAPTURE_POLL_MS, useLiveCapture } from './capture-session';
import { writersOf } from './capture-writers';
import { DeviceWriters } from './InviteDevices';
import { InviteButton, InvitePanel } from './InvitePanel';
import {
  useDeleteObservation,
  useObservationSession,
  useRestoreObservation,
  useSaveClassMode,
  useSaveObservation,
} from './queries';

/** `capturePollMs`: how often the open invite panel asks for its devices again (a fallback for missed events). */
export const CapturePage = ({ capturePollMs = CAPTURE_POLL_MS }: { capturePollMs?: number }) => {
  const { cycleId = '' } = useParams();
  const { t } = useTranslation('observe');
  const session = useObservationSession(cycleId);
  if (session.error) return <ErrorMessage error={session.error} />;
  if (!session.data) return <p>{t('common:loading')}</p>;
  return <CaptureScreen session={session.data} capturePollMs={capturePollMs} />;
};

const readBase64 = (file: File): Promise<string> =>
  new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });

/**
 * The capture area fills the window below the page's header, so the clock, the step and
 * the note field stay in view and only the notes list (its own scroll region) scrolls.
 * Its top is measured (the header and banners above it vary) into `--capture-top`.
 */
const useFitToWindow = (area: RefObject<HTMLDivElement | null>) => {
  useLayoutEffect(() => {
    const el = area.current;
    if (!el) return;
    const measure = () => {
      const top = Math.round(el.getBoundingClientRect().top + window.scrollY);
      el.style.setProperty('--capture-top', `${top}px`);
    };
    measure();
    const observer = new ResizeObserver(measure);
    // What is above the area (page header, invite panel, banners) changes the page's size.
    if (el.parentElement) observer.observe(el.parentElement);
    window.addEventListener('resize', measure);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [area]);
};

const inDialog = () => document.querySelector('[role="dialog"], [role="alertdialog"]') !== null;

const CaptureScreen = ({ session, capturePollMs }: { session: ObservationSession; capturePollMs: number }) => {
  const { t } = useTranslation('observe');
  const { cycle, group, steps } = session;
  const cycleId = cycle.id;
  const [lesson, updateLesson] = useLessonState(cycleId);
  const memberIds = useMemo(() => group.members.map((m) => m.id), [group.members]);
  const [observerId, setObserverId] = useRememberedObserver(group.id, memberIds);
  const composer = useRef<ComposerHandle>(null);
  const captureArea = useRef<HTMLDivElement>(null);
  useFitToWindow(captureArea);
  const save = useSaveObservation(cycleId);
  const remove = useDeleteObservation(cycleId);
  const restore = useRestoreObservation(cycleId);
  const saveMode = useSaveClassMode(cycleId);
  const history = useChangeHistory<NoteChange>();
  /** The toast: what was just done or undone, and the step that takes it back. */
  const [notice, setNotice] = useState<{ change: NoteChange; done: 'did' | 'undid' } | null>(null);
  const [photoError, setPhotoError] = useState('');
  const [dragging, setDragging] = useState(false);
  const codes = useMemo(() => activeCodes(group.codebook), [group.codebook]);
  const closed = cycle.phase === 'closed';
  // Devices join only while the lesson is observed; the backend ends the session when the phase moves on.
  const capture = useLiveCapture(cycleId, cycle.phase === 'observe', capturePollMs);
  const clockError = useLessonClockSync(cycleId, lesson, capture.session !== null);
  const writers = useMemo(() => writersOf(capture.session?.devices ?? []), [capture.session]);
  /**
   * Notes from observers' devices arrive while the facilitator types. The list and the
   * counts are drawn from deferred values: React draws them when no key is waiting, and
   * drops a half-drawn list for a key, so a note arriving never delays a keystroke.
   */
  const observations = useDeferredValue(session.observations);
  const shownWriters = useDeferredValue(writers);

  const live = useMemo(() => observations.filter((o) => !o.deletedAt), [observations]);
  const deleted = useMemo(() => observations.filter((o) => o.deletedAt), [observations]);
  /** The newest list for callbacks that read it when called (so they stay the same functions while notes arrive). */
  const liveNow = useRef(live);
  useEffect(() => {
    liveNow.current = live;
  });
  const currentMode = useMemo(
    () => session.classModes.filter((m) => !m.deletedAt).at(-1)?.mode,
    [session.classModes],
  );
  const failedList = useMutationState({
    filters: { mutationKey: ['saveObservation', cycleId], status: 'error' },
    select: (m) => (m.state.variables as Observation | undefined)?.id ?? '',
  });
  const failedIds = useMemo(() => new Set(failedList), [failedList]);

  const stampAt = useCallback(() => {
    const clockMs = clockMsAt(lesson.clock, Date.now());
    const step = steps[stepIndexAt(steps, clockMs, lesson.anchor)];
    return { clockMs, stepId: step?.id };
  }, [lesson, steps]);

  const { record } = history;
  const { mutate: saveNote } = save;
  const onSubmit = useCallback(
    (draft: NoteDraft, editing: Observation | null) => {
      if (editing) {
        const after = editedNote(editing, draft);
        if (sameContent(editing, after)) return;
        saveNote(after);
        const change: NoteChange = { kind: 'edit', before: editing, after };
        record(change);
        setNotice({ change, done: 'did' });
        return;
      }
      const { clockMs, stepId } = stampAt();
      const note = stampObservation(draft, { id: crypto.randomUUID(), cycleId, observerId, clockMs, now: new Date(), stepId });
      saveNote(note);
      record({ kind: 'add', note });
      // A new note needs no toast: it is in the list, and Ctrl+Z in the empty field takes it back.
      setNotice(null);
    },
    [saveNote, stampAt, cycleId, observerId, record],
  );

  const { mutate: deleteNote } = remove;
  const onDelete = useCallback(
    (note: Observation) => {
      deleteNote(note);
      const change: NoteChange = { kind: 'delete', note };
      record(change);
      setNotice({ change, done: 'did' });
    },
    [deleteNote, record],
  );

  /** Undo or redo one step of the note history; the backend does it and the list follows. */
  const { undo: popUndo, redo: popRedo } = history;
  const { mutate: restoreNote } = restore;
  const step = useCallback(
    (direction: 'undo' | 'redo') => {
      const change = direction === 'undo' ? popUndo() : popRedo();
      if (!change) return;
      const command = noteCommand(change, direction);
      if (command.kind === 'save') saveNote(command.note);
      else if (command.kind === 'delete') deleteNote(command.note);
      else restoreNote(command.note.id);
      setNotice({ change, done: direction === 'undo' ? 'undid' : 'did' });
      composer.current?.focus();
    },
    [popUndo, popRedo, saveNote, deleteNote, restoreNote],
  );
  const undo = useCallback(() => step('undo'), [step]);
  const redo = useCallback(() => step('redo'), [step]);
  useMenuUndoTarget({ undo, redo }, !closed);

  const changeMode = useCallback(
    (mode: ClassModeChange['mode']) => {
      const { clockMs } = stampAt();
      saveMode.mutate(stampClassMode(mode, { id: crypto.randomUUID(), cycleId, observerId, clockMs, now: new Date() }));
    },
    [saveMode, stampAt, cycleId, observerId],
  );

  const toggleClock = useCallback(
    () => updateLesson((s) => ({ ...s, clock: isRunning(s.clock) ? pauseClock(s.clock, Date.now()) : startClock(s.clock, Date.now()) })),
    [updateLesson],
  );
  const changeStep = useCallback(
    (delta: 1 | -1) =>
      updateLesson((s) => ({ ...s, anchor: shiftStep(steps, clockMsAt(s.clock, Date.now()), s.anchor, delta) })),
    [updateLesson, steps],
  );

  const attachFromDialog = useMutation({
    mutationFn: () => backend.attachPhotosFromDialog({ cycleId }),
    onSuccess: (photos: PhotoRef[]) => {
      setPhotoError('');
      composer.current?.addPhotos(photos);
      composer.current?.focus();
    },
    onError: (error) => setPhotoError(errorMessage(error)),
  });
  const attachBytes = useMutation({
    mutationFn: async (file: File) => {
      if (file.size > MAX_PHOTO_BYTES) throw new Error(t('photo.tooLarge', { name: file.name, max: MAX_PHOTO_BYTES / 1024 / 1024 }));
      return backend.attachPhotoBytes({ cycleId, name: file.name.slice(0, 260), dataBase64: await readBase64(file) });
    },
    onSuccess: (photo) => {
      setPhotoError('');
      composer.current?.addPhotos([photo]);
    },
    onError: (error) => setPhotoError(errorMessage(error)),
  });

  const editLast = useCallback(() => {
    const mine = liveNow.current.filter((o) => o.observerId === observerId);
    const last = mine.reduce<Observation | undefined>((a, b) => (!a || b.wallTime > a.wallTime ? b : a), undefined);
    if (last) composer.current?.edit(last);
  }, [observerId]);

  // One keyboard handler for the whole screen; it reads the latest callbacks from a ref.
  const attachMutate = attachFromDialog.mutate;
  const onAttach = useCallback(() => attachMutate(), [attachMutate]);
  const handlers = useRef({ toggleClock, changeStep, changeMode, undo, redo, attach: () => attachMutate(), closed });
  useEffect(() => {
    handlers.current = { toggleClock, changeStep, changeMode, undo, redo, attach: () => attachMutate(), closed };
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (inDialog() || e.isComposing) return;
      const h = handlers.current;
      const which = undoKey(e);
      if (which) {
        // While a note is being written, Ctrl+Z belongs to the field; with the field empty, to the notes.
        const typing = document.activeElement instanceof HTMLTextAreaElement || document.activeElement instanceof HTMLInputElement;
        if (!h.closed && (!typing || composer.current?.isEmpty())) {
          e.preventDefault();
          if (which === 'undo') h.undo();
          else h.redo();
        }
        return;
      }
      const action = actionForKey(e);
      if (!action) return;
      e.preventDefault();
      switch (action.kind) {
        case 'toggle-code':
          return composer.current?.toggleCodeAt(action.index);
        case 'pick-target':
          return composer.current?.openTargetPicker();
        case 'whole-class':
          return composer.current?.setTarget({ kind: 'class' });
        case 'step':
          return h.changeStep(action.delta);
        case 'clock':
          return h.toggleClock();
        case 'class-mode':
          return h.changeMode(action.mode);
        case 'attach-photo':
          return h.attach();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  /** A note's step and lesson time corrected: an edit like any other, so Ctrl+Z takes it back. */
  const onCorrect = useCallback(
    (before: Observation, after: Observation) => {
      saveNote(after);
      const change: NoteChange = { kind: 'edit', before, after };
      record(change);
      setNotice({ change, done: 'did' });
    },
    [saveNote, record],
  );

  const listActions = useMemo(
    () => (closed ? {} : { onEdit: (n: Observation) => composer.current?.edit(n), onDelete, onCorrect }),
    [closed, onDelete, onCorrect],
  );
  const deletedActions = useMemo(() => (closed ? {} : { onRestore: (n: Observation) => restoreNote(n.id) }), [closed, restoreNote]);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    for (const file of Array.from(e.dataTransfer.files)) attachBytes.mutate(file);
  };

  return (
    <Page
      title={t('capture.title')}
      subtitle={`${cycle.title} · ${group.name}`}
      actions={
        <>
          <Link className="btn" to={`/cycles/${cycleId}/observe/timeline`}>
            {t('timeline.open')}
          </Link>
          <DataActions cycleId={cycleId} observerId={observerId} compact />
          {cycle.phase === 'observe' ? <InviteButton capture={capture} /> : null}
        </>
      }
    >
      {group.members.length === 0 ? (
        <div className="error-box" role="alert">
          {t('observer.noMembers')} <Link to={`/groups/${group.id}`}>{t('observer.toGroup')}</Link>
        </div>
      ) : null}
      {capture.panelOpen ? <InvitePanel capture={capture} group={group} clockError={clockError} /> : null}
      <div
        ref={captureArea}
        className={`capture capture-fit${dragging ? ' is-dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="capture-area"
      >
        <div className="capture-main">
          <div className="capture-topbar">
            <label className="observer-picker">
              <span className="field-label">{t('observer.label')}</span>
              <select value={observerId} onChange={(e) => setObserverId(e.target.value)} autoFocus={!observerId}>
                <option value="">{t('observer.choose')}</option>
                {group.members.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
            </label>
            <ClassModeBar current={currentMode} onChange={changeMode} />
          </div>
          <LessonHeader lesson={lesson} steps={steps} onToggleClock={toggleClock} onStep={changeStep} />
          {closed ? <p className="banner banner-warning">{t('capture.closed')}</p> : null}
          {!observerId ? <p className="field-hint">{t('observer.required')}</p> : null}
          <Composer
            ref={composer}
            group={group}
            codes={codes}
            onSubmit={onSubmit}
            onEditLast={editLast}
            onAttach={onAttach}
            disabled={!observerId || closed}
          />
          {photoError ? (
            <p className="field-error" role="alert">
              {photoError}
            </p>
          ) : null}
          <details className="key-legend" open>
            <summary>{t('keys.title')}</summary>
            <dl>
              {legend.map(([keys, what]) => (
                <div key={what}>
                  <dt>
                    <kbd>{keys}</kbd>
                  </dt>
                  <dd>{t(what)}</dd>
                </div>
              ))}
            </dl>
          </details>
        </div>
        <div className="capture-side">
          <div className="notes-heading">
            <h2>{t('list.title', { count: live.length })}</h2>
            {capture.session ? <DeviceWriters writers={shownWriters} /> : null}
          </div>
          <NoteList
            notes={live}
            newestFirst
            group={group}
            steps={steps}
            failedIds={failedIds}
            actions={listActions}
            label={t('list.title', { count: live.length })}
            fill
          />
          <details className="recently-deleted">
            <summary>{t('deleted.title', { count: deleted.length })}</summary>
            <p className="field-hint">{closed ? t('deleted.closed') : t('deleted.hint')}</p>
            <NoteList notes={deleted} newestFirst group={group} steps={steps} actions={deletedActions} label={t('deleted.title', { count: deleted.length })} height={300} />
          </details>
        </div>
      </div>
      {notice && !closed ? (
        <div className="toast" role="status">
          <span>{t(`history.${notice.done}.${notice.change.kind}`)}</span>
          {notice.done === 'did' ? (
            <Button className="btn-small" onClick={undo} aria-keyshortcuts="Control+Z">
              {t('history.undo')}
            </Button>
          ) : (
            <Button className="btn-small" onClick={redo} aria-keyshortcuts="Control+Shift+Z">
              {t('history.redo')}
            </Button>
          )}
          <Button variant="ghost" className="btn-small" onClick={() => setNotice(null)} aria-label={t('common:dismiss')}>
            ×
          </Button>
        </div>
      ) : null}
    </Page>
  );
};
