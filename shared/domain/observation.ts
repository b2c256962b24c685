import { z } from 'zod';
import { Id, Line, Text, Timestamp } from '../ids';

export const ObservationTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('class') }),
  z.object({ kind: z.literal('group'), label: Line(120) }),
  z.object({ kind: z.literal('student'), studentId: Id }),
  /**
   * Several roster students at once (a pair, a table): the note counts for each of them.
   * A free-labelled group ("Table 3") stays a `group`.
   */
  z.object({ kind: z.literal('students'), studentIds: z.array(Id).min(2).max(40) }),
]);
export type ObservationTarget = z.infer<typeof ObservationTarget>;

/** A photo stored once in the workspace under its content hash. */
export const PhotoRef = z.object({
  /** sha256 of the bytes, hex. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  ext: z.enum(['png', 'jpg', 'gif', 'webp']),
  name: Line(260).default(''),
  bytes: z.number().int().min(0),
});
export type PhotoRef = z.infer<typeof PhotoRef>;

/** One low-inference note about student thinking, stamped on the lesson clock. */
export const Observation = z.object({
  id: Id,
  cycleId: Id,
  /** Member id of the observer. */
  observerId: Id,
  /** Lesson clock in milliseconds since the lesson started (pauses excluded). */
  clockMs: z.number().int().min(0).max(24 * 3600 * 1000),
  wallTime: Timestamp,
  stepId: Id.optional(),
  target: ObservationTarget,
  codeIds: z.array(Id).max(30).default([]),
  text: Text(20000),
  photos: z.array(PhotoRef).max(20).default([]),
  /** Points to notice (from the flow table) this note is evidence for. */
  pointToNoticeIds: z.array(Id).max(20).default([]),
  /**
   * Anticipated student responses (from the flow table) this note shows happening. Absent
   * (read as none) on notes written before it existed and from devices that do not send
   * it; optional rather than defaulted so every note built in code need not name it.
   */
  anticipatedResponseIds: z.array(Id).max(20).optional(),
  createdAt: Timestamp,
  /** The newest edit wins when packs from several laptops are merged. */
  updatedAt: Timestamp,
  /** A deleted note is a tombstone, recoverable until the cycle is closed. */
  deletedAt: Timestamp.optional(),
});
export type Observation = z.infer<typeof Observation>;

export const classModes = ['whole-class', 'pairs', 'small-groups', 'individual'] as const;
export const ClassModeChange = z.object({
  id: Id,
  cycleId: Id,
  observerId: Id,
  clockMs: z.number().int().min(0).max(24 * 3600 * 1000),
  wallTime: Timestamp,
  mode: z.enum(classModes),
  updatedAt: Timestamp,
  deletedAt: Timestamp.optional(),
});
export type ClassModeChange = z.infer<typeof ClassModeChange>;

/** Largest photo we store: base64 in an IPC payload must stay under the 8 MB request cap. */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

/** Photo bytes travelling inside a pack, so another laptop's notes keep their pictures. */
export const PackPhoto = z.object({
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  ext: z.enum(['png', 'jpg', 'gif', 'webp']),
  dataBase64: z.string().max(Math.ceil(MAX_PHOTO_BYTES / 3) * 4 + 4),
});
export type PackPhoto = z.infer<typeof PackPhoto>;

/**
 * The `.lsobs.json` exchange file: one observer's (or one laptop's) notes for one cycle,
 * tombstones included so a delete on one laptop reaches the others.
 */
export const OBSERVATION_PACK_FORMAT = 'lesson-study-observations';
export const ObservationPack = z.object({
  format: z.literal(OBSERVATION_PACK_FORMAT),
  formatVersion: z.literal(1),
  cycleId: Id,
  exportedAt: Timestamp,
  observerId: Id.optional(),
  observations: z.array(Observation).max(100_000),
  classModes: z.array(ClassModeChange).max(10_000).default([]),
  photos: z.array(PackPhoto).max(2_000).default([]),
});
export type ObservationPack = z.infer<typeof ObservationPack>;
