import { OBSERVATION_PACK_FORMAT, type ObservationPack, type PackPhoto } from '../../shared/domain/observation';
import type { NoteEntry, PhotoEntry } from './db';
import { isWaiting } from './outbox';
import { sha256Hex } from './sha256';

/**
 * Notes left on a device the host will not take from this pass: its session ended, the
 * device was removed, or the laptop is gone for good. They are never dropped: the next
 * session of the same lesson takes them (`adoptable`), and meanwhile the observer can save
 * them as an observation pack (`notesPacks`), the file the facilitator's Import packs reads.
 */

/** Waiting notes written under another pass than `liveDeviceId` (none: every waiting note). */
export const strandedNotes = (entries: readonly NoteEntry[], liveDeviceId: string | undefined): NoteEntry[] =>
  entries.filter((e) => !e.deleted && isWaiting(e) && e.deviceId !== liveDeviceId);

/** The stranded notes a new pass for `cycleId` sends: those written in that lesson. */
export const adoptable = (entries: readonly NoteEntry[], deviceId: string, cycleId: string): NoteEntry[] =>
  strandedNotes(entries, deviceId).filter((e) => e.cycleId === cycleId);

const base64Bytes = (base64: string): Uint8Array => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));

/**
 * One pack per lesson the stranded notes belong to. A note keeps its id, so importing the
 * file twice, or after the note reached the laptop after all, never makes a second note.
 * Notes from before the page recorded their lesson (no cycleId) cannot be placed and are left out.
 */
export const notesPacks = (entries: readonly NoteEntry[], photos: readonly PhotoEntry[], exportedAt: string): ObservationPack[] => {
  const byCycle = new Map<string, NoteEntry[]>();
  for (const entry of entries) {
    if (!entry.cycleId || !entry.observerId) continue;
    byCycle.set(entry.cycleId, [...(byCycle.get(entry.cycleId) ?? []), entry]);
  }
  return [...byCycle].map(([cycleId, notes]) => {
    const packPhotos: PackPhoto[] = [];
    const observations = notes.map(({ note, photoIds, observerId }) => {
      const taken = photoIds.flatMap((id) => photos.filter((p) => p.id === id));
      const refs = taken.map((p) => {
        const bytes = base64Bytes(p.dataBase64);
        const hash = sha256Hex(bytes);
        if (!packPhotos.some((q) => q.hash === hash)) packPhotos.push({ hash, ext: 'jpg', dataBase64: p.dataBase64 });
        return { hash, ext: 'jpg' as const, name: p.name, bytes: bytes.length };
      });
      return { ...note, cycleId, observerId: observerId!, photos: [...note.photos, ...refs], updatedAt: exportedAt };
    });
    return { format: OBSERVATION_PACK_FORMAT, formatVersion: 1, cycleId, exportedAt, observations, classModes: [], photos: packPhotos };
  });
};
