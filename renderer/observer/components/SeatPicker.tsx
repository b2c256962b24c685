import type { DeviceLesson } from '../../../shared/capture/protocol';
import type { ObservationTarget } from '../../../shared/domain/observation';
import type { Translate } from '../i18n';
import { seatName, toggleSeat, type Pickable } from '../target';

/** The seating chart as the class sees it: tap one seat for a student, several for a group. */
export const SeatPicker = ({
  t,
  lesson,
  all,
  pseudonyms,
  selected,
  target,
  onSelect,
}: {
  t: Translate;
  lesson: DeviceLesson;
  all: Pickable[];
  pseudonyms: ReadonlyMap<string, string>;
  selected: string[];
  target: ObservationTarget;
  onSelect: (seatIds: string[]) => void;
}) => {
  const focus = new Set(lesson.focusStudentIds);
  const chart = lesson.seatingChart;
  const unseated = all.filter((p) => p.id.startsWith('student:'));
  const targetName =
    target.kind === 'class' ? t('wholeClass') : target.kind === 'group' ? target.label : (pseudonyms.get(target.studentId) ?? '');

  const seatButton = (p: Pickable) => {
    const name = seatName(p, pseudonyms);
    const isFocus = p.studentId !== undefined && focus.has(p.studentId);
    return (
      <button
        key={p.id}
        type="button"
        className={isFocus ? 'seat focus' : 'seat'}
        aria-pressed={selected.includes(p.id)}
        aria-label={isFocus ? `${name}, ${t('focusStudent')}` : name}
        onClick={() => onSelect(toggleSeat(selected, p.id))}
      >
        {isFocus && <span aria-hidden="true">★ </span>}
        {name}
      </button>
    );
  };

  return (
    <section className="panel seating" aria-labelledby="seating-title">
      <h2 id="seating-title">{t('seating')}</h2>
      <p className="hint">{t('seatingHint')}</p>
      <div className="target-row">
        <p className="target" aria-live="polite">
          {t('targetIs', { target: targetName })}
        </p>
        {selected.length > 0 && (
          <button type="button" className="chip" onClick={() => onSelect([])}>
            {t('clearTarget')}
          </button>
        )}
      </div>
      {chart.seats.length > 0 && (
        // Seats keep a readable width; a wide class scrolls sideways rather than splitting names.
        <div className="chart-scroll">
          <div className="chart" style={{ gridTemplateColumns: `repeat(${chart.cols}, minmax(64px, 1fr))` }}>
            {chart.seats
              .filter((seat) => seatName(seat, pseudonyms) !== '')
              .map((seat) => (
                <div key={seat.id} className="cell" style={{ gridColumn: seat.col + 1, gridRow: seat.row + 1 }}>
                  {seatButton(seat)}
                </div>
              ))}
          </div>
        </div>
      )}
      {unseated.length > 0 && (
        <>
          <h3>{t('notSeated')}</h3>
          <div className="chips">{unseated.map(seatButton)}</div>
        </>
      )}
    </section>
  );
};
