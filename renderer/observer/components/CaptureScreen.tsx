import { useEffect, useMemo, useRef, useState } from 'react';
import type { DeviceLesson } from '../../../shared/capture/protocol';
import { formatClock } from '../../../shared/observe/clock';
import { changeDraft, emptyDraft, isBlank, noteFromDraft, type Draft } from '../draft';
import type { Translate } from '../i18n';
import { newId } from '../ids';
import { lessonTimeAt } from '../lesson-time';
import { visibleNotes } from '../outbox';
import { pickables, targetOfSeats } from '../target';
import type { useCapture } from '../use-capture';
import { ClassModeBar } from './ClassModeBar';
import { ClockBar } from './ClockBar';
import { SaveNotes } from './SaveNotes';
import { Composer } from './Composer';
import { MyNotes } from './MyNotes';
import { SeatPicker } from './SeatPicker';
import { StepPanel } from './StepPanel';

type Capture = ReturnType<typeof useCapture>;

/** Re-render once a second so the lesson clock ticks. */
const useNow = (): number => {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
};

/**
 * The draft is written to IndexedDB shortly after each change and at once when the page is
 * hidden (screen locked, app switched), and read back when the screen opens again.
 */
const useKeptDraft = (draft: Draft, setDraft: (d: Draft) => void, capture: Capture) => {
  const { loadDraft, keepDraft } = capture;
  const loaded = useRef(false);
  const latest = useRef(draft);
  useEffect(() => {
    let cancelled = false;
    void loadDraft().then((kept) => {
      if (cancelled) return;
      loaded.current = true;
      if (kept) setDraft(kept);
    });
    return () => {
      cancelled = true;
    };
  }, [loadDraft, setDraft]);
  useEffect(() => {
    latest.current = draft;
    if (!loaded.current) return;
    const timer = window.setTimeout(() => void keepDraft(draft), 400);
    return () => window.clearTimeout(timer);
  }, [draft, keepDraft]);
  useEffect(() => {
    const hide = () => {
      if (document.visibilityState === 'hidden' && loaded.current) void keepDraft(latest.current);
    };
    const leave = () => {
      if (loaded.current) void keepDraft(latest.current);
    };
    document.addEventListener('visibilitychange', hide);
    window.addEventListener('pagehide', leave);
    return () => {
      document.removeEventListener('visibilitychange', hide);
      window.removeEventListener('pagehide', leave);
    };
  }, [keepDraft]);
};

export const CaptureScreen = ({ t, capture, lesson }: { t: Translate; capture: Capture; lesson: DeviceLesson }) => {
  const { state } = capture;
  const now = useNow();
  const clock = state.clock ?? lesson.clock;
  const time = lessonTimeAt(clock, lesson.steps, state.offsetMs, now);
  const step = time.stepIndex >= 0 ? lesson.steps[time.stepIndex] : undefined;
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [announce, setAnnounce] = useState('');
  useKeptDraft(draft, setDraft, capture);

  // The current step is read out when it changes, not every second.
  const lastStep = useRef(time.stepIndex);
  useEffect(() => {
    if (lastStep.current !== time.stepIndex && step) setAnnounce(t('stepNow', { n: time.stepIndex + 1, title: step.title }));
    lastStep.current = time.stepIndex;
  }, [time.stepIndex, step, t]);

  const pseudonyms = useMemo(() => new Map(lesson.students.map((s) => [s.id, s.pseudonym])), [lesson.students]);
  const all = useMemo(() => pickables(lesson.seatingChart.seats, lesson.students), [lesson.seatingChart.seats, lesson.students]);
  const target = targetOfSeats(draft.seatIds, all, pseudonyms);

  const update = (change: Partial<Omit<Draft, 'stamp'>>) =>
    setDraft((d) =>
      changeDraft(d, change, () => {
        const at = lessonTimeAt(clock, lesson.steps, state.offsetMs, Date.now());
        return { noteId: newId(), clockMs: at.clockMs, hostWallMs: at.hostWallMs, stepId: at.stepIndex >= 0 ? lesson.steps[at.stepIndex].id : undefined };
      }),
    );

  const save = async () => {
    if (isBlank(draft) || !draft.stamp) return;
    const note = noteFromDraft(draft, draft.stamp.noteId ?? newId(), target, draft.stamp);
    await capture.saveNote(note, draft.photos);
    setDraft(emptyDraft);
    await capture.keepDraft(emptyDraft);
    setAnnounce(t('saved'));
  };

  const stampStep = draft.stamp?.stepId ? lesson.steps.findIndex((s) => s.id === draft.stamp?.stepId) + 1 : 0;

  return (
    <main className="capture">
      <ClockBar t={t} lesson={lesson} clock={clock} time={time} waiting={state.waiting} offline={state.connection !== 'open'} />
      {/* The laptop out of reach for a while (its session ended, it left): the notes can leave as a file. */}
      {state.connection !== 'open' && state.failedAttempts >= 3 && <SaveNotes t={t} count={state.waiting + state.stranded} save={capture.saveNotesToFile} />}
      <p className="visually-hidden" aria-live="polite">
        {announce}
      </p>
      <div className="columns">
        <div className="column">
          <StepPanel
            t={t}
            step={step}
            pointIds={draft.pointIds}
            onPoints={(pointIds) => update({ pointIds })}
            responseIds={draft.responseIds ?? []}
            onResponses={(responseIds) => update({ responseIds })}
          />
          <ClassModeBar
            t={t}
            onMode={async (mode) => {
              const at = lessonTimeAt(clock, lesson.steps, state.offsetMs, Date.now());
              if (await capture.setClassMode(mode, at)) setAnnounce(t('classModeSaved', { mode: t(`mode.${mode}`) }));
            }}
          />
          <SeatPicker
            t={t}
            lesson={lesson}
            all={all}
            pseudonyms={pseudonyms}
            selected={draft.seatIds}
            target={target}
            onSelect={(seatIds) => update({ seatIds })}
          />
        </div>
        <div className="column">
          <Composer
            t={t}
            codebook={lesson.codebook}
            draft={draft}
            onChange={update}
            onSave={save}
            stampLabel={draft.stamp ? t('startedAt', { time: formatClock(draft.stamp.clockMs), step: stampStep || '–' }) : ''}
          />
          <MyNotes t={t} entries={visibleNotes(state.entries)} lesson={lesson} pseudonyms={pseudonyms} onEdit={capture.editText} onDelete={capture.deleteNote} />
        </div>
      </div>
    </main>
  );
};
