import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Group, SeatingChart } from '../../../shared/domain/group';
import { addSeat, moveSeat, removeSeat, resizeChart, seatAt, updateSeat } from '../../../shared/observe/seating';
import { errorMessage } from '../../api/client';
import { Button } from '../../ui/Button';
import { seatingPrintPath } from '../print/print-target';
import { useSaveSeatingChart } from './queries';

const ARROWS: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

/**
 * The classroom as a grid, reused across cycles. Seats are dragged to a cell with the
 * mouse, or moved with the keyboard: focus a seat, press arrows to move it. Labels are
 * focus-student pseudonyms or free labels such as "Table 3" (a group target).
 */
export const SeatingChartTab = ({ group }: { group: Group }) => {
  const { t } = useTranslation('observe');
  const save = useSaveSeatingChart(group.id);
  const navigate = useNavigate();
  const chart = save.variables && save.isPending ? save.variables : group.seatingChart;
  const [selected, setSelected] = useState<string | null>(null);
  const grid = useRef<HTMLDivElement>(null);
  const commit = (next: SeatingChart) => save.mutate(next);
  const seat = chart.seats.find((s) => s.id === selected);
  const nameOf = (studentId?: string, label = '') =>
    (studentId ? group.focusStudents.find((s) => s.id === studentId)?.pseudonym : undefined) ?? (label || t('seating.emptySeat'));

  const focusCell = (col: number, row: number) =>
    requestAnimationFrame(() => grid.current?.querySelector<HTMLElement>(`[data-cell="${col},${row}"]`)?.focus());

  const onSeatKey = (e: KeyboardEvent, seatId: string, col: number, row: number) => {
    const delta = ARROWS[e.key];
    if (delta) {
      e.preventDefault();
      const [dc, dr] = delta;
      const nc = Math.min(Math.max(col + dc, 0), chart.cols - 1);
      const nr = Math.min(Math.max(row + dr, 0), chart.rows - 1);
      if (nc !== col || nr !== row) {
        commit(moveSeat(chart, seatId, nc, nr));
        focusCell(nc, nr);
      }
    } else if (e.key === 'Delete') {
      e.preventDefault();
      commit(removeSeat(chart, seatId));
      setSelected(null);
    }
  };

  return (
    <div className="seating">
      <div className="seating-intro">
        <p className="field-hint">{t('seating.intro')}</p>
        <Button onClick={() => void navigate(seatingPrintPath(group.id, true))}>{t('print:printSeating')}</Button>
      </div>
      <div className="form-row seating-size">
        <div className="field">
          <label htmlFor="seat-cols">{t('seating.cols')}</label>
          <input id="seat-cols" type="number" min={1} max={40} value={chart.cols} onChange={(e) => commit(resizeChart(chart, Math.min(40, Math.max(1, Number(e.target.value) || 1)), chart.rows))} />
        </div>
        <div className="field">
          <label htmlFor="seat-rows">{t('seating.rows')}</label>
          <input id="seat-rows" type="number" min={1} max={40} value={chart.rows} onChange={(e) => commit(resizeChart(chart, chart.cols, Math.min(40, Math.max(1, Number(e.target.value) || 1))))} />
        </div>
      </div>
      <div className="seating-layout">
        <div>
          <p className="seating-front">{t('seating.front')}</p>
          <div ref={grid} className="seat-grid" style={{ gridTemplateColumns: `repeat(${chart.cols}, minmax(4.5rem, 1fr))` }} role="grid" aria-label={t('seating.grid')}>
            {Array.from({ length: chart.rows }, (_, row) => (
              <div role="row" key={row} className="seat-grid-row">
                {Array.from({ length: chart.cols }, (_, col) => {
                  const here = seatAt(chart, col, row);
                  const position = t('seating.position', { col: col + 1, row: row + 1 });
                  return (
                    <div
                      role="gridcell"
                      key={col}
                      className="seat-cell"
                      onDragOver={(e) => e.preventDefault()}
                      onDrop={(e) => {
                        e.preventDefault();
                        const id = e.dataTransfer.getData('text/plain');
                        if (id) commit(moveSeat(chart, id, col, row));
                      }}
                    >
                      {here ? (
                        <button
                          type="button"
                          data-cell={`${col},${row}`}
                          className={`seat seat-button${selected === here.id ? ' is-selected' : ''}${here.studentId ? ' is-student' : ''}`}
                          draggable
                          onDragStart={(e) => e.dataTransfer.setData('text/plain', here.id)}
                          onClick={() => setSelected(here.id)}
                          onKeyDown={(e) => onSeatKey(e, here.id, col, row)}
                          aria-label={`${nameOf(here.studentId, here.label)}, ${position}`}
                          aria-describedby="seat-move-hint"
                        >
                          {nameOf(here.studentId, here.label)}
                        </button>
                      ) : (
                        <button
                          type="button"
                          data-cell={`${col},${row}`}
                          className="seat-empty"
                          aria-label={t('seating.addAt', { position })}
                          onClick={() => {
                            const id = crypto.randomUUID();
                            commit(addSeat(chart, { id, col, row, label: '' }));
                            setSelected(id);
                          }}
                        >
                          +
                        </button>
                      )}
                    </div>
                  );
                })}
              </div>
            ))}
          </div>
          <p id="seat-move-hint" className="field-hint">
            {t('seating.moveHint')}
          </p>
        </div>
        <aside className="seat-editor" aria-label={t('seating.selected')}>
          <h2>{t('seating.selected')}</h2>
          {seat ? (
            <>
              <div className="field">
                <label htmlFor="seat-student">{t('seating.student')}</label>
                <select
                  id="seat-student"
                  value={seat.studentId ?? ''}
                  onChange={(e) => commit(updateSeat(chart, seat.id, { studentId: e.target.value || undefined }))}
                >
                  <option value="">{t('seating.noStudent')}</option>
                  {group.focusStudents
                    .filter((s) => !s.retired)
                    .map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.pseudonym}
                      </option>
                    ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="seat-label">{t('seating.label')}</label>
                <input
                  id="seat-label"
                  key={seat.id}
                  defaultValue={seat.label}
                  maxLength={60}
                  onBlur={(e) => e.target.value !== seat.label && commit(updateSeat(chart, seat.id, { label: e.target.value }))}
                />
              </div>
              <Button
                variant="danger"
                onClick={() => {
                  commit(removeSeat(chart, seat.id));
                  setSelected(null);
                }}
              >
                {t('seating.remove')}
              </Button>
            </>
          ) : (
            <p className="muted">{t('seating.noneSelected')}</p>
          )}
          {group.focusStudents.length === 0 ? <p className="field-hint">{t('seating.noStudents')}</p> : null}
          {save.error ? (
            <p className="field-error" role="alert">
              {errorMessage(save.error)}
            </p>
          ) : null}
        </aside>
      </div>
    </div>
  );
};
