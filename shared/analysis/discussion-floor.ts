import { MAX_QUEUE, MAX_SPEAKERS, type PostLessonDiscussion } from '../domain/analysis';
import { stopped } from './discussion';

/**
 * Who has the floor in a post-lesson discussion: the speaking queue the facilitator runs
 * (a raised hand joins the end, "next speaker" gives the floor to the first), and the end
 * of the discussion. Pure: the backend supplies the clock and the ids.
 */

export type QueueChange =
  | { action: 'raise'; speakerId: string; entryId: string }
  | { action: 'next' }
  | { action: 'remove'; entryId: string };

const withSpeaker = (discussion: PostLessonDiscussion, speakerId: string): PostLessonDiscussion['segments'] =>
  discussion.segments.map((segment) =>
    segment.id !== discussion.currentSegmentId || segment.speakerIds.includes(speakerId) || segment.speakerIds.length >= MAX_SPEAKERS
      ? segment
      : { ...segment, speakerIds: [...segment.speakerIds, speakerId] },
  );

/**
 * Apply one change to the queue. A hand already up stays where it is (a second click
 * must not send someone to the back); "next" with nobody waiting leaves the floor free.
 * The speaker called joins the current part's speakers, in the order they spoke.
 */
export const changeQueue = (discussion: PostLessonDiscussion, change: QueueChange, now: Date): PostLessonDiscussion => {
  switch (change.action) {
    case 'raise': {
      if (discussion.queue.some((entry) => entry.speakerId === change.speakerId) || discussion.queue.length >= MAX_QUEUE) return discussion;
      return { ...discussion, queue: [...discussion.queue, { id: change.entryId, speakerId: change.speakerId, raisedAt: now.toISOString() }] };
    }
    case 'remove':
      return { ...discussion, queue: discussion.queue.filter((entry) => entry.id !== change.entryId) };
    case 'next': {
      const [first, ...rest] = discussion.queue;
      const { speakingId: _previous, ...floorFree } = discussion;
      if (!first) return floorFree;
      return { ...floorFree, queue: rest, speakingId: first.speakerId, segments: withSpeaker(discussion, first.speakerId) };
    }
  }
};

/**
 * End the discussion: every timer stops where it is, the queue closes and nobody holds the
 * floor. Ending an ended discussion keeps its first end time.
 */
export const endDiscussion = (discussion: PostLessonDiscussion, now: Date): PostLessonDiscussion => {
  if (discussion.endedAt) return discussion;
  const { speakingId: _speaking, ...rest } = discussion;
  return { ...rest, segments: discussion.segments.map((s) => stopped(s, now)), queue: [], endedAt: now.toISOString() };
};

/** Reopen an ended discussion; its timers stay paused until someone starts one. */
export const reopenDiscussion = (discussion: PostLessonDiscussion): PostLessonDiscussion => {
  const { endedAt: _ended, ...rest } = discussion;
  return rest;
};
