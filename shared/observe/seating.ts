import type { Seat, SeatingChart } from '../domain/group';

/** Pure edits of a seating chart; one seat per grid cell. */

export const seatAt = (chart: SeatingChart, col: number, row: number): Seat | undefined =>
  chart.seats.find((s) => s.col === col && s.row === row);

const inside = (chart: SeatingChart, col: number, row: number) =>
  col >= 0 && row >= 0 && col < chart.cols && row < chart.rows;

/** Put a seat in an empty cell. */
export const addSeat = (chart: SeatingChart, seat: Seat): SeatingChart => {
  if (!inside(chart, seat.col, seat.row) || seatAt(chart, seat.col, seat.row)) return chart;
  return { ...chart, seats: [...chart.seats, seat] };
};

/** Move a seat to another cell; moving onto an occupied cell swaps the two seats. */
export const moveSeat = (chart: SeatingChart, seatId: string, col: number, row: number): SeatingChart => {
  const seat = chart.seats.find((s) => s.id === seatId);
  if (!seat || !inside(chart, col, row)) return chart;
  const other = seatAt(chart, col, row);
  return {
    ...chart,
    seats: chart.seats.map((s) =>
      s.id === seatId ? { ...s, col, row } : other && s.id === other.id ? { ...s, col: seat.col, row: seat.row } : s,
    ),
  };
};

export const updateSeat = (chart: SeatingChart, seatId: string, change: Partial<Pick<Seat, 'studentId' | 'label'>>): SeatingChart => ({
  ...chart,
  seats: chart.seats.map((s) => {
    if (s.id !== seatId) return s;
    const next = { ...s, ...change };
    if (change.studentId === undefined && 'studentId' in change) delete next.studentId;
    return next;
  }),
});

export const removeSeat = (chart: SeatingChart, seatId: string): SeatingChart => ({
  ...chart,
  seats: chart.seats.filter((s) => s.id !== seatId),
});

/** Change the grid size; seats that would fall outside are kept at the nearest edge cell if free. */
export const resizeChart = (chart: SeatingChart, cols: number, rows: number): SeatingChart => {
  let next: SeatingChart = { cols, rows, seats: [] };
  for (const seat of chart.seats) {
    const col = Math.min(seat.col, cols - 1);
    const row = Math.min(seat.row, rows - 1);
    next = addSeat(next, { ...seat, col, row });
  }
  return next;
};

/** Group labels a note can target: the distinct free labels of seats without a student. */
export const groupLabels = (chart: SeatingChart): string[] =>
  [...new Set(chart.seats.filter((s) => !s.studentId && s.label.trim()).map((s) => s.label.trim()))].sort((a, b) =>
    a.localeCompare(b),
  );
