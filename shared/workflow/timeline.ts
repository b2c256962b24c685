import type { Cycle, Phase } from '../domain/cycle';

/** One dated thing that happened in a cycle, for the cycle timeline. */
export type TimelineEvent =
  | { kind: 'created'; sortKey: string; at: string }
  | { kind: 'meeting'; sortKey: string; date: string; meetingId: string; agenda: string }
  | { kind: 'teaching'; sortKey: string; date: string; className: string }
  | { kind: 'discussion'; sortKey: string; date: string }
  | { kind: 'transition'; sortKey: string; at: string; from: Phase; to: Phase; by: string; reason: string };

/** Local `YYYY-MM-DDTHH:MM` of an ISO timestamp, so it sorts among date-only events. */
const localKey = (iso: string): string => {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/**
 * Meetings, the teaching date, the post-lesson discussion and every phase transition, in
 * time order. Date-only events (a meeting day) sort at the start of their day; ties keep
 * the order above, so a day's meeting comes before that day's phase change.
 */
export const cycleTimeline = (cycle: Cycle): TimelineEvent[] => {
  const events: TimelineEvent[] = [{ kind: 'created', sortKey: localKey(cycle.createdAt), at: cycle.createdAt }];
  for (const m of cycle.meetings) {
    if (m.date) events.push({ kind: 'meeting', sortKey: `${m.date}T00:00`, date: m.date, meetingId: m.id, agenda: m.agenda });
  }
  if (cycle.teaching.date) {
    events.push({ kind: 'teaching', sortKey: `${cycle.teaching.date}T00:01`, date: cycle.teaching.date, className: cycle.teaching.className });
  }
  if (cycle.discussionDate) events.push({ kind: 'discussion', sortKey: `${cycle.discussionDate}T00:02`, date: cycle.discussionDate });
  for (const t of cycle.history) {
    events.push({ kind: 'transition', sortKey: localKey(t.at), at: t.at, from: t.from, to: t.to, by: t.by, reason: t.reason });
  }
  // Array.prototype.sort is stable, so equal keys keep insertion order.
  return events.sort((a, b) => a.sortKey.localeCompare(b.sortKey));
};
