import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { DeviceLesson } from '../../../shared/capture/protocol';
import type { ObservationTarget } from '../../../shared/domain/observation';
import type { Translate } from '../i18n';
import { seatName, targetName as nameOfTarget, toggleSeat, type Pickable } from '../target';

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
  const targetName = nameOfTarget(target, pseudonyms, t('wholeClass'), t('nameSeparator'));

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
        <ChartScroll t={t}>
          {/* Columns shrink to a touch target's width, so six fit an iPhone; a wider class scrolls and says so. */}
          <div className={chart.cols >= 6 ? 'chart dense' : 'chart'} style={{ gridTemplateColumns: `repeat(${chart.cols}, minmax(var(--touch), 1fr))` }}>
            {chart.seats
              .filter((seat) => seatName(seat, pseudonyms) !== '')
              .map((seat) => (
                <div key={seat.id} className="cell" style={{ gridColumn: seat.col + 1, gridRow: seat.row + 1 }}>
                  {seatButton(seat)}
                </div>
              ))}
          </div>
        </ChartScroll>
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

/**
 * The chart's frame. When the class is wider than the screen, a phone would hide the last
 * columns without a word: then a line says to scroll, the right edge fades, and the frame
 * is a named, focusable region (a scrollable area keyboard and screen-reader users can reach).
 */
const ChartScroll = ({ t, children }: { t: Translate; children: ReactNode }) => {
  const frame = useRef<HTMLDivElement>(null);
  const [overflowing, setOverflowing] = useState(false);
  const [atEnd, setAtEnd] = useState(false);
  const seeEnd = () => {
    const element = frame.current;
    if (element) setAtEnd(element.scrollLeft + element.clientWidth >= element.scrollWidth - 1);
  };
  useLayoutEffect(() => {
    const element = frame.current;
    if (!element) return;
    const measure = () => {
      setOverflowing(element.scrollWidth > element.clientWidth + 1);
      setAtEnd(element.scrollLeft + element.clientWidth >= element.scrollWidth - 1);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <>
      {overflowing && (
        <p className="hint scroll-hint" aria-hidden="true">
          {t('seatingScroll')} →
        </p>
      )}
      <div
        ref={frame}
        className={overflowing && !atEnd ? 'chart-scroll overflowing' : 'chart-scroll'}
        onScroll={overflowing ? seeEnd : undefined}
        {...(overflowing ? { role: 'region', 'aria-label': t('seatingScroll'), tabIndex: 0 } : {})}
      >
        {children}
      </div>
    </>
  );
};
