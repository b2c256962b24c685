import {
  defaultProtocol,
  segmentElapsedMs,
  type DiscussionSegment,
  type PostLessonDiscussion,
  type SegmentKind,
} from '../domain/analysis';
import type { Group, Member } from '../domain/group';

/**
 * Who speaks in a built-in segment, from the group's roles: the observers' part is given
 * by every observer, in the group's order; the other parts by one member.
 */
const defaultSpeakers = (kind: SegmentKind, members: readonly Member[], teacherId: string | undefined): string[] => {
  const byRole = (role: Member['role']) => members.filter((m) => m.role === role).map((m) => m.id);
  switch (kind) {
    case 'thanks':
    case 'planning-team':
      return byRole('facilitator').slice(0, 1);
    case 'reflections':
      return teacherId && members.some((m) => m.id === teacherId) ? [teacherId] : byRole('teacher').slice(0, 1);
    case 'observers':
      return byRole('observer');
    case 'final-comments':
      return byRole('knowledgeable-other').slice(0, 1);
    default:
      return [];
  }
};

/**
 * A fresh discussion for a cycle: the group's own protocol when it has one, otherwise
 * the established order (thanks → instructor's reflections → planning team →
 * observers' evidence → knowledgeable other's final comments).
 */
export const buildDiscussion = (input: {
  protocol: Group['discussionProtocol'];
  members: readonly Member[];
  teacherId?: string;
  newId: () => string;
}): PostLessonDiscussion => {
  const segments: DiscussionSegment[] =
    input.protocol.length > 0
      ? input.protocol.map((entry) => ({
          id: input.newId(),
          kind: 'custom' as const,
          title: entry.title,
          speakerIds: [],
          plannedMinutes: entry.plannedMinutes,
          elapsedMs: 0,
          notes: '',
        }))
      : defaultProtocol.map(({ kind, minutes }) => ({
          id: input.newId(),
          kind,
          title: '',
          speakerIds: defaultSpeakers(kind, input.members, input.teacherId),
          plannedMinutes: minutes,
          elapsedMs: 0,
          notes: '',
        }));
  return {
    segments,
    currentSegmentId: segments[0]?.id,
    finalComments: '',
    finalCommentsBy: input.members.find((m) => m.role === 'knowledgeable-other')?.id,
    queue: [],
  };
};

export type TimerAction = 'start' | 'pause' | 'reset';

export const stopped = (segment: DiscussionSegment, now: Date): DiscussionSegment => {
  if (!segment.runningSince) return segment;
  const { runningSince: _running, ...rest } = segment;
  return { ...rest, elapsedMs: Math.min(segmentElapsedMs(segment, now), 24 * 3600 * 1000) };
};

/**
 * Start, pause or reset one segment's timer. Only one timer runs at a time: starting a
 * segment pauses the others and makes it the current segment.
 */
export const applyTimer = (
  discussion: PostLessonDiscussion,
  segmentId: string,
  action: TimerAction,
  now: Date,
): PostLessonDiscussion => {
  if (!discussion.segments.some((s) => s.id === segmentId)) return discussion;
  const segments = discussion.segments.map((segment) => {
    if (segment.id !== segmentId) return action === 'start' ? stopped(segment, now) : segment;
    if (action === 'pause') return stopped(segment, now);
    if (action === 'reset') {
      const { runningSince: _running, ...rest } = segment;
      return { ...rest, elapsedMs: 0 };
    }
    return segment.runningSince ? segment : { ...segment, runningSince: now.toISOString() };
  });
  return { ...discussion, segments, currentSegmentId: action === 'start' ? segmentId : discussion.currentSegmentId };
};

/** Over time? The UI shows it in words and colour. */
export const isOverTime = (segment: DiscussionSegment, now: Date): boolean =>
  segment.plannedMinutes > 0 && segmentElapsedMs(segment, now) > segment.plannedMinutes * 60_000;
