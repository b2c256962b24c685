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
 * time order. Date-only events (a meeting day) sort at the start of their day (a meeting
 * planned before the cycle was entered in the app stays before it); ties keep the order
 * above, so a day's meeting comes before that day's phase change.
 */
export const cycleTimeline = (cycle: Cycle): TimelineEvent[] => {
  const created = localKey(cycle.createdAt);
  // A day-only event on the day the cycle started still comes after "cycle started".
  const day = (date: string, order: number) => {
    const key = `${date}T00:0${order}`;
    return key < created ? (date === created.slice(0, 10) ? created : key) : key;
  };
  const events: TimelineEvent[] = [{ kind: 'created', sortKey: created, at: cycle.createdAt }];
  for (const m of cycle.meetings) {
    if (m.date) events.push({ kind: 'meeting', sortKey: day(m.date, 0), date: m.date, meetingId: m.id, agenda: m.agenda });
  }
  if (cycle.teaching.date) {
    events.push({ kind: 'teaching', sortKey: day(cycle.teaching.date, 1), date: cycle.teaching.date, className: cycle.teaching.className });
  }
  if (cycle.discussionDate) events.push({ kind: 'discussion', sortKey: day(cycle.discussionDate, 2), date: cycle.discussionDate });
  for (const t of cycle.history) {
    events.push({ kind: 'transition', sortKey: localKey(t.at), at: t.at, from: t.from, to: t.to, by: t.by, reason: t.reason });
  }
  // Array.prototype.sort is stable, so equal keys keep insertion order.
  return events.sort((a, b) => a.sortKey.localeCompare(b.sortKey));
};
