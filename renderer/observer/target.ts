import type { ObservationTarget } from '../../shared/domain/observation';
import { targetOfPicks } from '../../shared/observe/target-students';

export { GROUP_LABEL_MAX, STUDENTS_MAX } from '../../shared/observe/target-students';

/**
 * Whom a note is about, from the seats the observer tapped (as in LessonNote): none is
 * the whole class, one student's seat is that student, a free-labelled seat ("Table 3")
 * is that group, several students' seats are those students (the note counts for each),
 * and several seats that include a free-labelled one make a group whose label lists them.
 */

/** Tap a seat: selected if it was not, deselected if it was. Order of taps is kept. */
export const toggleSeat = (selected: readonly string[], seatId: string): string[] =>
  selected.includes(seatId) ? selected.filter((id) => id !== seatId) : [...selected, seatId];

/** The name a seat goes by: its student's pseudonym, else its free label. */
export const seatName = (
  seat: { studentId?: string; label: string },
  pseudonyms: ReadonlyMap<string, string>,
): string => (seat.studentId ? (pseudonyms.get(seat.studentId) ?? seat.label) : seat.label).trim();

export interface Pickable {
  id: string;
  studentId?: string;
  label: string;
}

/**
 * Students who have no seat on the chart are offered as pickable chips too, so the list
 * of pickables is the chart's seats plus one per unseated student.
 */
export const pickables = (
  seats: readonly Pickable[],
  students: ReadonlyArray<{ id: string }>,
): Pickable[] => {
  const seated = new Set(seats.map((s) => s.studentId).filter((id) => id !== undefined));
  return [...seats, ...students.filter((s) => !seated.has(s.id)).map((s) => ({ id: `student:${s.id}`, studentId: s.id, label: '' }))];
};

export const targetOfSeats = (
  selected: readonly string[],
  all: readonly Pickable[],
  pseudonyms: ReadonlyMap<string, string>,
): ObservationTarget => {
  const seats = selected.map((id) => all.find((s) => s.id === id)).filter((s) => s !== undefined);
  return targetOfPicks(seats.map((seat) => ({ studentId: seat.studentId, name: seatName(seat, pseudonyms) })));
};

/** Whom a note is about, as the device shows it; `separator` joins several names ("Mia, Ken"). */
export const targetName = (
  target: ObservationTarget,
  pseudonyms: ReadonlyMap<string, string>,
  wholeClass: string,
  separator: string,
): string => {
  if (target.kind === 'class') return wholeClass;
  if (target.kind === 'group') return target.label;
  const ids = target.kind === 'student' ? [target.studentId] : target.studentIds;
  return ids.map((id) => pseudonyms.get(id) ?? '').filter((name) => name !== '').join(separator);
};
