import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { DeviceLesson, DeviceNote, LiveClock } from '../../shared/capture/protocol';
import type { PhotoRef } from '../../shared/domain/observation';
import type { Draft } from './draft';

/**
 * What the device keeps in IndexedDB, so a reload, a locked screen or a dropped Wi-Fi
 * loses nothing: its pass for this lesson, and every note and photo until the host has
 * acknowledged it.
 */

/** The device's pass, from `POST /join`. */
export interface DeviceSession {
  deviceId: string;
  deviceToken: string;
  deviceName: string;
}

/**
 * The lesson as last received, so a reload while the Wi-Fi is down still shows the capture
 * screen and runs the clock (the offset to the host's clock survives a reload: the device's
 * own clock does not jump).
 */
export interface CachedLesson {
  deviceId: string;
  lesson: DeviceLesson;
  clock: LiveClock;
  offsetMs: number;
}

export interface NoteEntry {
  id: string;
  /**
   * The pass this note is sent under. A note stranded by an ended session moves to the
   * next pass for the same lesson (stranded.ts), never into another lesson's.
   */
  deviceId: string;
  /** The lesson and observer it was written for (absent on notes from before they were kept). */
  cycleId?: string;
  observerId?: string;
  /** The note as written; `photos` holds only the refs the host has already given. */
  note: DeviceNote;
  /** Photos taken for this note that the host has not stored yet, in the order taken. */
  photoIds: string[];
  /** The observer deleted it: a deleteNote is owed to the host. */
  deleted: boolean;
  /** Every change raises the revision; the host has the note once `ackedRev` reaches it. */
  rev: number;
  ackedRev: number;
  /** The host refused this revision (a validation error): not resent until edited again. */
  refused?: { rev: number; code: string; message: string };
  /** Photos the host refused (too large, not an image): the note went without them. */
  droppedPhotos?: number;
  /** The host's updatedAt from the last acknowledgement. */
  hostUpdatedAt?: string;
}

export interface PhotoEntry {
  id: string;
  deviceId: string;
  noteId: string;
  name: string;
  /** JPEG, already downscaled and re-encoded on the device (no EXIF). */
  dataBase64: string;
  /** Set when the host has stored it. */
  ref?: PhotoRef;
}

export interface CaptureSchema extends DBSchema {
  session: { key: 'current'; value: DeviceSession };
  lesson: { key: 'current'; value: CachedLesson };
  /** The note being written, so a reload or a discarded background tab loses no words. */
  draft: { key: string; value: Draft };
  notes: { key: string; value: NoteEntry };
  photos: { key: string; value: PhotoEntry };
}

export type CaptureDb = IDBPDatabase<CaptureSchema>;

export const CAPTURE_DB_NAME = 'lesson-study-capture';

export const openCaptureDb = (name = CAPTURE_DB_NAME): Promise<CaptureDb> =>
  openDB<CaptureSchema>(name, 1, {
    upgrade(db) {
      db.createObjectStore('session');
      db.createObjectStore('lesson');
      db.createObjectStore('draft');
      db.createObjectStore('notes', { keyPath: 'id' });
      db.createObjectStore('photos', { keyPath: 'id' });
    },
  });

export const readSession = (db: CaptureDb): Promise<DeviceSession | undefined> => db.get('session', 'current');
export const writeSession = async (db: CaptureDb, session: DeviceSession): Promise<void> => {
  await db.put('session', session, 'current');
};
/** The pass and the cached lesson go together: a removed or ended device keeps neither. */
export const clearSession = async (db: CaptureDb): Promise<void> => {
  const tx = db.transaction(['session', 'lesson'], 'readwrite');
  await tx.objectStore('session').delete('current');
  await tx.objectStore('lesson').delete('current');
  await tx.done;
};

export const readCachedLesson = async (db: CaptureDb, deviceId: string): Promise<CachedLesson | undefined> => {
  const cached = await db.get('lesson', 'current');
  return cached?.deviceId === deviceId ? cached : undefined;
};
export const writeCachedLesson = async (db: CaptureDb, cached: CachedLesson): Promise<void> => {
  await db.put('lesson', cached, 'current');
};

export const readDraft = (db: CaptureDb, deviceId: string): Promise<Draft | undefined> => db.get('draft', deviceId);
export const writeDraft = async (db: CaptureDb, deviceId: string, draft: Draft): Promise<void> => {
  await db.put('draft', draft, deviceId);
};
