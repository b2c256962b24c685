/**
 * Analysis file, schema 1 → 2: a part of the post-lesson discussion has several speakers
 * (`speakerIds`, in speaking order) instead of one `speakerId`.
 *
 * Why: in a real discussion the observers' part is given by every observer in turn, the
 * reflections by the instructor and a co-teacher; one speaker per part made the recorder
 * pick one and lose the others (issue #18). A schema-1 part with a speaker keeps exactly
 * that speaker, first and only; a part with none gets an empty list. The new discussion
 * fields (the speaking queue, who has the floor, when the discussion ended) have defaults
 * that mean what a schema-1 file meant: nobody waiting, the discussion not ended.
 *
 * Pure: a version-1 body in, a version-2 body out. A body that is not the shape version 1
 * wrote is passed on unchanged, so the schema check after the migrations reports it.
 */
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const listSpeaker = (segment: unknown): unknown => {
  if (!isRecord(segment)) return segment;
  const { speakerId, ...rest } = segment;
  // A hand-edited file that already has the new list keeps it.
  if ('speakerIds' in rest) return rest;
  return { ...rest, speakerIds: typeof speakerId === 'string' ? [speakerId] : [] };
};

export const analysisSeveralSpeakers = (body: Record<string, unknown>): Record<string, unknown> => {
  const analysis = body.analysis;
  if (!isRecord(analysis) || !isRecord(analysis.discussion) || !Array.isArray(analysis.discussion.segments)) return body;
  const discussion = { ...analysis.discussion, segments: analysis.discussion.segments.map(listSpeaker) };
  return { ...body, analysis: { ...analysis, discussion } };
};
