import type { ObservationTarget } from '../../shared/domain/observation';

/**
 * Whom a note is about, from the seats the observer tapped (as in LessonNote): none is
 * the whole class, one student's seat is that student, a free-labelled seat ("Table 3")
 * is that group, and several seats make a group whose label lists who sits there.
 */

/** Tap a seat: selected if it was not, deselected if it was. Order of taps is kept. */
export const toggleSeat = (selected: readonly string[], seatId: string): string[] =>
  selected.includes(seatId) ? selected.filter((id) => id !== seatId) : [...selected, seatId];

/** A group label is at most 120 characters (the schema's Line(120)). */
export const GROUP_LABEL_MAX = 120;

const shorten = (label: string): string => (label.length <= GROUP_LABEL_MAX ? label : `${label.slice(0, GROUP_LABEL_MAX - 1)}…`);

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
  if (seats.length === 0) return { kind: 'class' };
  if (seats.length === 1 && seats[0].studentId) return { kind: 'student', studentId: seats[0].studentId };
  const names = seats.map((seat) => seatName(seat, pseudonyms)).filter((name) => name !== '');
  if (names.length === 0) return { kind: 'class' };
  return { kind: 'group', label: shorten(names.join(', ')) };
};
