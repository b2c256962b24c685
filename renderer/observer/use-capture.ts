import { useCallback, useEffect, useRef, useState } from 'react';
import { DEVICE_SOCKET_PATH, type DeviceLesson, type DeviceNote, type LiveClock } from '../../shared/capture/protocol';
import {
  clearSession,
  openCaptureDb,
  readCachedLesson,
  readDraft,
  readSession,
  writeCachedLesson,
  writeDraft,
  writeSession,
  type CaptureDb,
  type DeviceSession,
  type NoteEntry,
} from './db';
import { hashWithoutSecret, joinLesson, joinSecretFromHash, type JoinFailure } from './join';
import { hostOffsetMs, type LessonTime } from './lesson-time';
import { createOutbox, waitingCount, type NewPhoto, type Outbox } from './outbox';
import { createSender, type Sender } from './sender';
import { createTransport, type ConnectionState, type Transport } from './transport';
import type { Draft } from './draft';
import type { Language } from './i18n';
import type { ClassMode } from './components/ClassModeBar';
import { newId } from './ids';
import { adoptable, notesPacks, strandedNotes } from './stranded';

/**
 * The page's state: which screen, the lesson, the clock offset, and the outbox. The
 * transport and the sender do the work; this hook wires them to the browser (WebSocket,
 * timers, online/visibility events) and to React state.
 */

export type Stage = 'loading' | 'join' | 'connecting' | 'waiting' | 'approved' | 'removed' | 'ended' | 'refused';

export interface CaptureState {
  stage: Stage;
  session?: DeviceSession;
  lesson?: DeviceLesson;
  clock?: LiveClock;
  /** Host clock minus this device's clock. */
  offsetMs: number;
  connection: ConnectionState;
  /** Connection attempts that failed since the last success: advice about isolated Wi-Fi after a few. */
  failedAttempts: number;
  entries: NoteEntry[];
  waiting: number;
  /** Unsent notes of an earlier pass (an ended session): sent when this device joins that lesson again, or saved to a file. */
  stranded: number;
  storageError?: string;
}

/** Notes of an earlier pass written in this lesson go out under the new one (stranded.ts). */
const adoptStranded = async (box: Outbox, deviceId: string, cycleId: string): Promise<void> => {
  const ids = adoptable((await box.everything()).entries, deviceId, cycleId).map((e) => e.id);
  if (ids.length > 0) await box.adopt(ids, deviceId);
};

/** A file saved on the device (Downloads, or Files on an iPad). */
const downloadJson = (name: string, value: unknown): void => {
  const url = URL.createObjectURL(new Blob([`${JSON.stringify(value)}\n`], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
};

const socketUrl = (): string => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${DEVICE_SOCKET_PATH}`;

const browserSchedule = (run: () => void, ms: number) => {
  const handle = window.setTimeout(run, ms);
  return () => window.clearTimeout(handle);
};

export const useCapture = () => {
  const [state, setState] = useState<CaptureState>({ stage: 'loading', offsetMs: 0, connection: 'connecting', failedAttempts: 0, entries: [], waiting: 0, stranded: 0 });
  const db = useRef<CaptureDb | null>(null);
  const outbox = useRef<Outbox | null>(null);
  const transport = useRef<Transport | null>(null);
  const sender = useRef<Sender | null>(null);
  const sessionRef = useRef<DeviceSession | undefined>(undefined);
  const lessonRef = useRef<DeviceLesson | undefined>(undefined);
  const patch = useCallback((change: Partial<CaptureState>) => setState((s) => ({ ...s, ...change })), []);

  const refreshEntries = useCallback(async () => {
    const box = outbox.current;
    const deviceId = sessionRef.current?.deviceId;
    if (!box) return;
    const all = await box.everything();
    const entries = all.entries.filter((e) => e.deviceId === deviceId);
    patch({ entries, waiting: waitingCount(entries), stranded: strandedNotes(all.entries, deviceId).length });
  }, [patch]);

  const connect = useCallback(
    (session: DeviceSession) => {
      sessionRef.current = session;
      transport.current?.close();
      const box = outbox.current!;
      const t = createTransport({
        url: socketUrl(),
        deviceToken: session.deviceToken,
        openSocket: (url) => new WebSocket(url),
        schedule: browserSchedule,
        now: () => Date.now(),
        events: {
          onStatus(status) {
            if (status.status === 'approved') {
              const offsetMs = hostOffsetMs(status.lesson.clock.hostNowMs, Date.now());
              lessonRef.current = status.lesson;
              patch({ stage: 'approved', lesson: status.lesson, clock: status.lesson.clock, offsetMs });
              void writeCachedLesson(db.current!, { deviceId: session.deviceId, lesson: status.lesson, clock: status.lesson.clock, offsetMs });
            } else patch({ stage: status.status });
            if (status.status === 'approved') void adoptStranded(box, session.deviceId, status.lesson.cycle.id).then(refreshEntries).then(() => sender.current?.flush());
            if (status.status === 'removed' || status.status === 'ended') void clearSession(db.current!);
          },
          onClock(clock, receivedAtMs) {
            const offsetMs = hostOffsetMs(clock.hostNowMs, receivedAtMs);
            patch({ clock, offsetMs });
            if (lessonRef.current) void writeCachedLesson(db.current!, { deviceId: session.deviceId, lesson: lessonRef.current, clock, offsetMs });
          },
          onRefused() {
            void clearSession(db.current!);
            patch({ stage: 'refused' });
          },
          onConnection(connection, failedAttempts) {
            setState((s) => ({ ...s, connection, failedAttempts, stage: s.stage === 'loading' || s.stage === 'join' ? 'connecting' : s.stage }));
          },
        },
      });
      transport.current = t;
      sender.current = createSender({ outbox: box, deviceId: session.deviceId, call: t.call, onChange: () => void refreshEntries() });
      patch({ session });
      void refreshEntries();
    },
    [patch, refreshEntries],
  );

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const opened = await openCaptureDb();
        if (cancelled) return opened.close();
        db.current = opened;
        outbox.current = createOutbox(opened);
        const session = await readSession(opened);
        if (session && !joinSecretFromHash(location.hash)) {
          // Reloaded during the lesson: show what we had at once, even if the host is out of reach.
          const cached = await readCachedLesson(opened, session.deviceId);
          lessonRef.current = cached?.lesson;
          if (cached) patch({ stage: 'approved', lesson: cached.lesson, clock: cached.clock, offsetMs: cached.offsetMs });
          connect(session);
        } else {
          patch({ stage: 'join', session });
          // Notes an ended session left here: the join screen offers to save them.
          void refreshEntries();
        }
      } catch (error) {
        patch({ stage: 'join', storageError: error instanceof Error ? error.message : String(error) });
      }
    })();
    const wake = () => {
      if (document.visibilityState === 'visible') transport.current?.reconnectNow();
    };
    const lost = () => transport.current?.dropConnection();
    window.addEventListener('online', wake);
    window.addEventListener('offline', lost);
    document.addEventListener('visibilitychange', wake);
    return () => {
      cancelled = true;
      window.removeEventListener('online', wake);
      window.removeEventListener('offline', lost);
      document.removeEventListener('visibilitychange', wake);
      transport.current?.close();
    };
  }, [connect, patch, refreshEntries]);

  const join = useCallback(
    async (input: { deviceName: string; code?: string; language: Language }): Promise<JoinFailure | null> => {
      const secret = joinSecretFromHash(location.hash);
      const outcome = await joinLesson((url, init) => fetch(url, init), { ...input, secret });
      if (!outcome.ok) return outcome;
      // The secret has done its work: out of the address bar, the history and any bookmark.
      if (secret) history.replaceState(null, '', `${location.pathname}${location.search}${hashWithoutSecret(location.hash)}`);
      const session: DeviceSession = { ...outcome.answer, deviceName: input.deviceName.trim() };
      await writeSession(db.current!, session);
      connect(session);
      return null;
    },
    [connect],
  );

  const joinAgain = useCallback(() => {
    transport.current?.close();
    transport.current = null;
    patch({ stage: 'join', lesson: undefined, clock: undefined });
  }, [patch]);

  const afterChange = useCallback(async () => {
    await refreshEntries();
    void sender.current?.flush();
  }, [refreshEntries]);

  const saveNote = useCallback(
    async (note: DeviceNote, photos: NewPhoto[]) => {
      const lesson = lessonRef.current;
      await outbox.current!.add(sessionRef.current!.deviceId, note, photos, lesson ? { cycleId: lesson.cycle.id, observerId: lesson.observer.id } : undefined);
      await afterChange();
    },
    [afterChange],
  );
  const editText = useCallback(
    async (id: string, text: string) => {
      await outbox.current!.editText(id, text);
      await afterChange();
    },
    [afterChange],
  );
  const deleteNote = useCallback(
    async (id: string) => {
      await outbox.current!.remove(id);
      await afterChange();
    },
    [afterChange],
  );

  const loadDraft = useCallback(async (): Promise<Draft | undefined> => {
    const deviceId = sessionRef.current?.deviceId;
    return db.current && deviceId ? readDraft(db.current, deviceId) : undefined;
  }, []);
  const keepDraft = useCallback(async (draft: Draft) => {
    const deviceId = sessionRef.current?.deviceId;
    if (db.current && deviceId) await writeDraft(db.current, deviceId, draft);
  }, []);

  /**
   * The class's mode from now on, on the host's lesson time. Sent at once (the transport
   * holds the call through a short drop); answers whether the host has it.
   */
  const setClassMode = useCallback(async (mode: ClassMode, at: LessonTime): Promise<boolean> => {
    const line = transport.current;
    if (!line) return false;
    const wallTime = new Date(at.hostWallMs).toISOString();
    const result = await line.call('setClassMode', { change: { id: newId(), clockMs: Math.max(0, Math.round(at.clockMs)), wallTime, mode } });
    return result.ok;
  }, []);

  /**
   * Save every note the host has not acknowledged, whatever pass it was written under, as
   * observation packs (one per lesson), downloaded to the device; answers how many notes
   * went into them. A note that reaches the host later as well is harmless: importing
   * a pack matches notes by id.
   */
  const saveNotesToFile = useCallback(async (): Promise<number> => {
    const box = outbox.current;
    if (!box) return 0;
    const { entries, photos } = await box.everything();
    const packs = notesPacks(strandedNotes(entries, undefined), photos, new Date().toISOString());
    packs.forEach((pack, i) => downloadJson(`observation-notes-${pack.exportedAt.slice(0, 10)}${packs.length > 1 ? `-${i + 1}` : ''}.lsobs.json`, pack));
    return packs.reduce((n, pack) => n + pack.observations.length, 0);
  }, []);

  return { state, join, joinAgain, saveNote, editText, deleteNote, loadDraft, keepDraft, setClassMode, saveNotesToFile };
};
