import { z } from 'zod';
import { Id, Line, Text, Timestamp } from '../ids';

export const MAX_SPEAKERS = 30;
export const MAX_QUEUE = 100;

/**
 * The established order of a post-lesson discussion (jigo kyougikai). A group may edit
 * the order (Group.discussionProtocol); segments from such a protocol are `custom`.
 */
export const segmentKinds = ['thanks', 'reflections', 'planning-team', 'observers', 'final-comments', 'custom'] as const;
export const SegmentKind = z.enum(segmentKinds);
export type SegmentKind = z.infer<typeof SegmentKind>;

/**
 * One part of the discussion, with its speakers, its planned length, its timer and its notes.
 *
 * Analysis file schema 2: a part has several speakers (`speakerIds`, in the order they
 * spoke) — the observers' reports are given by every observer, the reflections by the
 * instructor and a co-teacher. Schema 1 stored one `speakerId`
 * (electron/storage/migrations/0004-analysis-several-speakers.ts).
 */
export const DiscussionSegment = z.object({
  id: Id,
  kind: SegmentKind,
  /** Empty for a built-in segment: the UI shows the kind's translated name. */
  title: Line(200).default(''),
  /** Members of the group or guest observers of the lesson, in speaking order. */
  speakerIds: z.array(Id).max(MAX_SPEAKERS).default([]),
  plannedMinutes: z.number().int().min(0).max(240),
  /** Time spent while the timer ran, up to `runningSince`. */
  elapsedMs: z.number().int().min(0).max(24 * 3600 * 1000).default(0),
  /** Set while the timer runs; elapsed = elapsedMs + (now − runningSince). */
  runningSince: Timestamp.optional(),
  notes: Text(20000).default(''),
});
export type DiscussionSegment = z.infer<typeof DiscussionSegment>;

/** A raised hand: someone waiting for the floor, in the order hands went up. */
export const QueuedSpeaker = z.object({
  id: Id,
  /** A member of the group or a guest observer of the lesson. */
  speakerId: Id,
  raisedAt: Timestamp,
});
export type QueuedSpeaker = z.infer<typeof QueuedSpeaker>;

export const PostLessonDiscussion = z.object({
  segments: z.array(DiscussionSegment).max(30),
  /** The segment the facilitator is on. */
  currentSegmentId: Id.optional(),
  /** The knowledgeable other's final comments, kept apart: the report quotes them. */
  finalComments: Text(20000).default(''),
  finalCommentsBy: Id.optional(),
  /** The speaking queue the facilitator manages; the first entry speaks next. */
  queue: z.array(QueuedSpeaker).max(MAX_QUEUE).default([]),
  /** Who has the floor now: the last speaker called from the queue. */
  speakingId: Id.optional(),
  /**
   * When the facilitator ended the discussion. While set, no timer runs or starts and the
   * queue is closed; reopening (explicitly) clears it.
   */
  endedAt: Timestamp.optional(),
});
export type PostLessonDiscussion = z.infer<typeof PostLessonDiscussion>;

/** Something the group learned from the lesson, anchored to the notes that show it. */
export const Finding = z.object({
  id: Id,
  statement: Text(2000).min(1, 'A finding needs a statement'),
  supportingObservationIds: z.array(Id).max(500).default([]),
  contradictingObservationIds: z.array(Id).max(500).default([]),
  impliesRevision: z.boolean().default(false),
  /** The flow step the finding is about, if any. */
  stepId: Id.optional(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Finding = z.infer<typeof Finding>;

/** Everything the analysis of one cycle holds; stored in `analysis/<cycleId>.json`. */
export const CycleAnalysis = z.object({
  cycleId: Id,
  /** Kept so the analysis goes when its group is deleted, even after the cycle file has. */
  groupId: Id,
  discussion: PostLessonDiscussion,
  findings: z.array(Finding).max(500).default([]),
  updatedAt: Timestamp,
});
export type CycleAnalysis = z.infer<typeof CycleAnalysis>;

/** Planned minutes of the built-in segments, in protocol order. */
export const defaultProtocol: ReadonlyArray<{ kind: Exclude<SegmentKind, 'custom'>; minutes: number }> = [
  { kind: 'thanks', minutes: 2 },
  { kind: 'reflections', minutes: 10 },
  { kind: 'planning-team', minutes: 10 },
  { kind: 'observers', minutes: 30 },
  { kind: 'final-comments', minutes: 15 },
];

/** Milliseconds a segment's timer shows at `now`. */
export const segmentElapsedMs = (segment: Pick<DiscussionSegment, 'elapsedMs' | 'runningSince'>, now: Date): number =>
  segment.elapsedMs + (segment.runningSince ? Math.max(0, now.getTime() - Date.parse(segment.runningSince)) : 0);
