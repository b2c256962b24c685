import { z } from 'zod';
import { GuestObserver } from '../domain/cycle';
import { FlowStep } from '../domain/design';
import { Group, SeatingChart } from '../domain/group';
import { ClassModeChange, MAX_PHOTO_BYTES, Observation, PhotoRef } from '../domain/observation';
import { Id, Line } from '../ids';
import { channel } from './channel';

const CycleRef = z.object({ cycleId: Id }).strict();
const PhotoHash = z.string().regex(/^[0-9a-f]{64}$/, 'Not a photo reference.');

/**
 * Where a screen's copy of a cycle's notes stands: the backend's opening of the notes
 * (`epoch`) and the count of changes merged into it since (`revision`).
 */
export const NotesRevision = z.object({ epoch: z.string().min(1).max(64), revision: z.number().int().nonnegative() }).strict();
export type NotesRevision = z.infer<typeof NotesRevision>;

/** Everything the capture and timeline screens need, in one answer. */
export const ObservationSession = z.object({
  cycle: z.object({
    id: Id,
    title: z.string(),
    phase: z.string(),
    groupId: Id,
    /** Observers who are not members (approved as guests during live capture), so notes can name them; absent means none. */
    guestObservers: z.array(GuestObserver).optional(),
  }),
  group: Group,
  /** The taught version's flow table; empty when the cycle has no taught version yet. */
  steps: z.array(FlowStep),
  /** Every note, tombstones included (the "Recently deleted" view shows those). */
  observations: z.array(Observation),
  classModes: z.array(ClassModeChange),
  /** The revision these notes are at: ask getObservationChanges for what changed after it. */
  notesRevision: NotesRevision.optional(),
});
export type ObservationSession = z.infer<typeof ObservationSession>;

/**
 * The notes and class-mode changes (tombstones included) changed after a revision, so a
 * screen following a live lesson fetches a few notes, not all of them, as each arrives.
 * `reset`: the revision is not of this opening (the workspace was reopened): reload the session.
 */
export const ObservationChanges = z.object({
  notesRevision: NotesRevision,
  reset: z.boolean(),
  observations: z.array(Observation),
  classModes: z.array(ClassModeChange),
});
export type ObservationChanges = z.infer<typeof ObservationChanges>;

export const ImportSummary = z.object({
  files: z.array(z.object({ name: z.string(), added: z.number().int(), updated: z.number().int(), unchanged: z.number().int() })),
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

/** A saved file, named without its folder: full paths stay in the main process. */
const SavedFile = z.object({ fileName: z.string() }).nullable();

export const observationChannels = {
  getObservationSession: channel(CycleRef, ObservationSession),
  getObservationChanges: channel(z.object({ cycleId: Id, since: NotesRevision }).strict(), ObservationChanges),
  /** Create or edit a note (upsert by id); the backend stamps updatedAt. */
  saveObservation: channel(z.object({ observation: Observation }).strict(), Observation),
  deleteObservation: channel(z.object({ cycleId: Id, observationId: Id }).strict(), Observation),
  restoreObservation: channel(z.object({ cycleId: Id, observationId: Id }).strict(), Observation),
  saveClassMode: channel(z.object({ change: ClassModeChange }).strict(), ClassModeChange),
  deleteClassMode: channel(z.object({ cycleId: Id, changeId: Id }).strict(), ClassModeChange),

  /** Pick image files in a dialog the main process shows; nothing is attached on cancel. */
  attachPhotosFromDialog: channel(CycleRef, z.array(PhotoRef)),
  /** Dropped files: the renderer sends the bytes, never a path. */
  attachPhotoBytes: channel(
    z
      .object({
        cycleId: Id,
        name: Line(260),
        dataBase64: z
          .string()
          .max(Math.ceil(MAX_PHOTO_BYTES / 3) * 4 + 4, `A photo can be at most ${MAX_PHOTO_BYTES / 1024 / 1024} MB.`),
      })
      .strict(),
    PhotoRef,
  ),
  getPhotoDataUrl: channel(z.object({ hash: PhotoHash }).strict(), z.object({ dataUrl: z.string() })),

  exportObservationPack: channel(z.object({ cycleId: Id, observerId: Id.optional() }).strict(), SavedFile),
  importObservationPacks: channel(CycleRef, ImportSummary.nullable()),
  exportObservationsCsv: channel(CycleRef, SavedFile),

  addCode: channel(
    z.object({ groupId: Id, label: Line(60).min(1), color: z.string().regex(/^#[0-9a-fA-F]{6}$/), rubric: Line(60).optional() }).strict(),
    Group,
  ),
  updateCode: channel(
    z
      .object({
        groupId: Id,
        codeId: Id,
        label: Line(60).min(1).optional(),
        color: z.string().regex(/^#[0-9a-fA-F]{6}$/).optional(),
        retired: z.boolean().optional(),
      })
      .strict(),
    Group,
  ),
  /** One place earlier or later among the codes in use: the order of the capture keys. */
  moveCode: channel(z.object({ groupId: Id, codeId: Id, direction: z.enum(['earlier', 'later']) }).strict(), Group),
  saveSeatingChart: channel(z.object({ groupId: Id, seatingChart: SeatingChart }).strict(), Group),
};
