/**
 * Group file, schema 1 → 2: an entry of the group's own post-lesson discussion order
 * stores its length as `plannedMinutes`, not `minutes`.
 *
 * Why: the entry is the plan a discussion segment is built from (shared/analysis/
 * discussion.ts), and the segment has always called the same number `plannedMinutes`
 * (beside `elapsedMs`, the time the timer ran). One name for one thing, in both files.
 *
 * Pure: a version-1 body in, a version-2 body out; nothing else is touched. A body that
 * is not the shape version 1 wrote is passed on unchanged, so the schema check after the
 * migrations reports it (and the file is restored from a backup) instead of this step
 * guessing.
 */
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const renameEntry = (entry: unknown): unknown => {
  if (!isRecord(entry) || !('minutes' in entry)) return entry;
  const { minutes, ...rest } = entry;
  // A hand-edited file that already has the new name keeps it.
  return { ...rest, plannedMinutes: 'plannedMinutes' in rest ? rest.plannedMinutes : minutes };
};

export const groupProtocolPlannedMinutes = (body: Record<string, unknown>): Record<string, unknown> => {
  const group = body.group;
  if (!isRecord(group) || !Array.isArray(group.discussionProtocol)) return body;
  return { ...body, group: { ...group, discussionProtocol: group.discussionProtocol.map(renameEntry) } };
};
