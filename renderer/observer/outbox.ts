import type { DeviceNote, NoteAck } from '../../shared/capture/protocol';
import type { PhotoRef } from '../../shared/domain/observation';
import type { CaptureDb, NoteEntry, PhotoEntry } from './db';

/**
 * The outbox: every note stays in IndexedDB until the host acknowledges the revision it
 * holds. Sending is decided by pure functions over what is stored, so the same answer
 * comes after a reload; note ids make a resend harmless on the host (saveNote upserts).
 */

// ---- pure: what is waiting and what to send next ----

/** Waiting = the host has not acknowledged the newest revision, and has not refused it. */
export const isWaiting = (entry: NoteEntry): boolean => entry.rev > entry.ackedRev && entry.refused?.rev !== entry.rev;

export const waitingCount = (entries: readonly NoteEntry[]): number => entries.filter(isWaiting).length;

export type SendAction =
  | { kind: 'attachPhoto'; photo: PhotoEntry }
  | { kind: 'saveNote'; noteId: string; rev: number; note: DeviceNote }
  | { kind: 'deleteNote'; noteId: string; rev: number };

/** The photos a note carries when sent: those already stored plus the ones just attached. */
export const notePhotos = (entry: NoteEntry, photos: readonly PhotoEntry[]): PhotoRef[] | undefined => {
  const refs: PhotoRef[] = [];
  for (const id of entry.photoIds) {
    const ref = photos.find((p) => p.id === id)?.ref;
    if (!ref) return undefined;
    refs.push(ref);
  }
  return [...entry.note.photos, ...refs];
};

/**
 * What to send now, oldest note first. One call per note at a time (`busy` holds note ids
 * and photo ids in flight), so a delete never overtakes the save it follows and an edit
 * made while a save is in flight goes out after that save's reply, as the newest text.
 */
export const nextToSend = (entries: readonly NoteEntry[], photos: readonly PhotoEntry[], busy: ReadonlySet<string>): SendAction[] => {
  const actions: SendAction[] = [];
  const ordered = [...entries].sort((a, b) => a.note.createdAt.localeCompare(b.note.createdAt) || a.id.localeCompare(b.id));
  for (const entry of ordered) {
    if (!isWaiting(entry) || busy.has(entry.id)) continue;
    if (entry.deleted) {
      actions.push({ kind: 'deleteNote', noteId: entry.id, rev: entry.rev });
      continue;
    }
    const refs = notePhotos(entry, photos);
    if (refs) {
      actions.push({ kind: 'saveNote', noteId: entry.id, rev: entry.rev, note: { ...entry.note, photos: refs } });
      continue;
    }
    for (const id of entry.photoIds) {
      const photo = photos.find((p) => p.id === id);
      if (photo && !photo.ref && !busy.has(photo.id)) actions.push({ kind: 'attachPhoto', photo });
    }
  }
  return actions;
};

/** Newest first, for "my notes"; deleted notes are gone from the list at once. */
export const visibleNotes = (entries: readonly NoteEntry[]): NoteEntry[] =>
  entries.filter((e) => !e.deleted).sort((a, b) => b.note.clockMs - a.note.clockMs || b.note.createdAt.localeCompare(a.note.createdAt));

// ---- the store ----

export interface NewPhoto {
  id: string;
  name: string;
  dataBase64: string;
}

export interface Outbox {
  /** A new note with the photos taken for it, written in `lesson` (cycle and observer). */
  add(deviceId: string, note: DeviceNote, photos: readonly NewPhoto[], lesson?: { cycleId: string; observerId: string }): Promise<void>;
  /** Stranded notes (and their photos) go out under a new pass: `deviceId`. */
  adopt(ids: readonly string[], deviceId: string): Promise<void>;
  /** Every note and photo on this device, whatever pass they were written under. */
  everything(): Promise<{ entries: NoteEntry[]; photos: PhotoEntry[] }>;
  editText(id: string, text: string): Promise<void>;
  remove(id: string): Promise<void>;
  entries(deviceId: string): Promise<NoteEntry[]>;
  photos(deviceId: string): Promise<PhotoEntry[]>;
  /** The host holds revision `rev` of the note. */
  saved(id: string, rev: number, ack: NoteAck): Promise<void>;
  /** The host refused revision `rev` (bad data): kept, shown, not resent until edited. */
  refused(id: string, rev: number, error: { code: string; message: string }): Promise<void>;
  /** The host answered the delete (done, or it never had the note): forget the note. */
  deleted(id: string, rev: number): Promise<void>;
  photoStored(photoId: string, ref: PhotoRef): Promise<void>;
  /**
   * The host refused a photo (too large, not an image): it would be refused forever, so
   * the note goes without it and says so.
   */
  photoRefused(photoId: string): Promise<void>;
}

export const createOutbox = (db: CaptureDb): Outbox => {
  const update = async (id: string, change: (entry: NoteEntry) => NoteEntry | null): Promise<void> => {
    const tx = db.transaction(['notes', 'photos'], 'readwrite');
    const entry = await tx.objectStore('notes').get(id);
    if (entry) {
      const next = change(entry);
      if (next) await tx.objectStore('notes').put(next);
      else {
        await tx.objectStore('notes').delete(id);
        for (const photoId of entry.photoIds) await tx.objectStore('photos').delete(photoId);
      }
    }
    await tx.done;
  };

  return {
    async add(deviceId, note, photos, lesson) {
      const tx = db.transaction(['notes', 'photos'], 'readwrite');
      // The same note saved again (the page reloaded before its draft was forgotten) is a new
      // revision of that note, never a second note.
      const existing = await tx.objectStore('notes').get(note.id);
      for (const p of photos) await tx.objectStore('photos').put({ ...p, deviceId, noteId: note.id });
      await tx.objectStore('notes').put({
        id: note.id,
        deviceId,
        ...(lesson ?? (existing?.cycleId ? { cycleId: existing.cycleId, observerId: existing.observerId } : {})),
        note,
        photoIds: photos.map((p) => p.id),
        deleted: false,
        rev: (existing?.rev ?? 0) + 1,
        ackedRev: existing?.ackedRev ?? 0,
      });
      await tx.done;
    },
    editText: (id, text) =>
      update(id, (e) => (e.deleted || e.note.text === text ? e : { ...e, note: { ...e.note, text }, rev: e.rev + 1, refused: undefined })),
    remove: (id) => update(id, (e) => (e.deleted ? e : { ...e, deleted: true, rev: e.rev + 1, refused: undefined })),
    async adopt(ids, deviceId) {
      const tx = db.transaction(['notes', 'photos'], 'readwrite');
      for (const id of ids) {
        const entry = await tx.objectStore('notes').get(id);
        if (!entry) continue;
        await tx.objectStore('notes').put({ ...entry, deviceId });
        for (const photoId of entry.photoIds) {
          const photo = await tx.objectStore('photos').get(photoId);
          // Stored under the old pass, which the host has forgotten: attached again under the new one.
          if (photo) await tx.objectStore('photos').put({ ...photo, deviceId, ref: undefined });
        }
      }
      await tx.done;
    },
    async everything() {
      return { entries: await db.getAll('notes'), photos: await db.getAll('photos') };
    },
    async entries(deviceId) {
      return (await db.getAll('notes')).filter((e) => e.deviceId === deviceId);
    },
    async photos(deviceId) {
      return (await db.getAll('photos')).filter((p) => p.deviceId === deviceId);
    },
    saved: (id, rev, ack) => update(id, (e) => (rev > e.ackedRev ? { ...e, ackedRev: rev, hostUpdatedAt: ack.updatedAt } : e)),
    refused: (id, rev, error) => update(id, (e) => (e.rev === rev ? { ...e, refused: { rev, ...error } } : e)),
    deleted: (id, rev) => update(id, (e) => (e.deleted && e.rev === rev ? null : e)),
    async photoStored(photoId, ref) {
      const tx = db.transaction(['notes', 'photos'], 'readwrite');
      const photo = await tx.objectStore('photos').get(photoId);
      if (photo) {
        await tx.objectStore('photos').put({ ...photo, ref });
        // Once every photo of the note is stored, fold the refs into the note and free the bytes.
        const entry = await tx.objectStore('notes').get(photo.noteId);
        if (entry) {
          const siblings = await Promise.all(entry.photoIds.map((id) => tx.objectStore('photos').get(id)));
          const all = siblings.map((p) => (p?.id === photoId ? { ...p, ref } : p));
          if (all.every((p) => p?.ref)) {
            await tx.objectStore('notes').put({ ...entry, note: { ...entry.note, photos: [...entry.note.photos, ...all.map((p) => p!.ref!)] }, photoIds: [] });
            for (const id of entry.photoIds) await tx.objectStore('photos').delete(id);
          }
        }
      }
      await tx.done;
    },
    async photoRefused(photoId) {
      const tx = db.transaction(['notes', 'photos'], 'readwrite');
      const photo = await tx.objectStore('photos').get(photoId);
      if (photo) {
        await tx.objectStore('photos').delete(photoId);
        const entry = await tx.objectStore('notes').get(photo.noteId);
        if (entry) {
          await tx
            .objectStore('notes')
            .put({ ...entry, photoIds: entry.photoIds.filter((id) => id !== photoId), droppedPhotos: (entry.droppedPhotos ?? 0) + 1 });
        }
      }
      await tx.done;
    },
  };
};
