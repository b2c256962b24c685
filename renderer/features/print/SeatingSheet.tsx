import { useTranslation } from 'react-i18next';
import type { Group } from '../../../shared/domain/group';

/**
 * The classroom as a grid of seats, named by pseudonym (or a seat's own label), with the
 * front of the room on top as on the screen. `marked` students get a ★ and a heavier
 * border, so they stand out in black and white too.
 */
export const SeatingGrid = ({ group, marked, markLabel }: { group: Group; marked: ReadonlySet<string>; markLabel: string }) => {
  const { t } = useTranslation('print');
  const chart = group.seatingChart;
  if (!chart.seats.length) return <p className="print-muted">{t('seating.empty')}</p>;
  const names = new Map(group.focusStudents.map((s) => [s.id, s.pseudonym]));
  const seatAt = new Map(chart.seats.map((seat) => [`${seat.col},${seat.row}`, seat]));
  return (
    <div className="print-seating">
      <p className="print-seating-front">{t('seating.front')}</p>
      {/* Relative sizes: a wide classroom still fits the page's width. */}
      <table className="print-seat-grid" style={{ fontSize: chart.cols > 10 ? '0.7em' : chart.cols > 7 ? '0.85em' : undefined }}>
        <tbody>
          {Array.from({ length: chart.rows }, (_, row) => (
            <tr key={row}>
              {Array.from({ length: chart.cols }, (_, col) => {
                const seat = seatAt.get(`${col},${row}`);
                if (!seat) return <td key={col} className="print-seat-none" />;
                const name = (seat.studentId ? names.get(seat.studentId) : undefined) ?? seat.label;
                const isMarked = seat.studentId ? marked.has(seat.studentId) : false;
                return (
                  <td key={col} className={isMarked ? 'print-seat print-seat-marked' : 'print-seat'}>
                    {isMarked ? '★ ' : ''}
                    {name}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {marked.size ? <p className="print-muted print-small">{markLabel}</p> : null}
    </div>
  );
};

/** The seating chart alone: one page for the teacher's desk or the observers' clipboards. */
export const SeatingSheet = ({ group }: { group: Group }) => {
  const { t } = useTranslation('print');
  const focus = new Set(group.focusStudents.filter((s) => s.focus && !s.retired).map((s) => s.id));
  return (
    <article className="print-doc print-seating-doc">
      <header className="print-doc-header">
        <h1>{t('seating.title')}</h1>
        <p className="print-doc-sub">{t('group', { name: group.name })}</p>
      </header>
      <SeatingGrid group={group} marked={focus} markLabel={t('seating.focusAll')} />
    </article>
  );
};
