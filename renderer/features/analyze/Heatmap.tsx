import { useTranslation } from 'react-i18next';
import type { StepCodeHeatmap } from '../../../shared/analysis/heatmap';

/** The id of the "no step" row and the "no code" column. */
export const NO_CELL_ID = '__none__';
export const cellKey = (id: string | null) => id ?? NO_CELL_ID;
const key = cellKey;

export interface CellRef {
  stepId: string | null;
  codeId: string | null;
}

/** The same counts as a table: every number is a button that shows its notes. */
export const HeatmapTable = ({
  map,
  selected,
  onSelect,
}: {
  map: StepCodeHeatmap;
  selected: CellRef | null;
  onSelect: (cell: CellRef) => void;
}) => {
  const { t } = useTranslation('analyze');
  return (
    <div className="table-scroll">
      <table className="data-table heatmap-table">
        <caption>{t('heatmap.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('heatmap.step')}</th>
            {map.columns.map((c) => (
              <th scope="col" key={key(c.codeId)}>
                {c.color ? <span className="ev-code-swatch" style={{ background: c.color }} aria-hidden="true" /> : null}
                {c.label}
              </th>
            ))}
            <th scope="col">{t('heatmap.total')}</th>
          </tr>
        </thead>
        <tbody>
          {map.rows.map((row) => (
            <tr key={key(row.stepId)}>
              <th scope="row">{row.label}</th>
              {row.cells.map((cell, i) => {
                const isSelected = selected?.stepId === row.stepId && selected?.codeId === cell.codeId;
                return (
                  <td key={key(cell.codeId)} className={isSelected ? 'cell-selected' : undefined}>
                    {cell.count > 0 ? (
                      <button
                        type="button"
                        className="cell-button"
                        aria-pressed={isSelected}
                        aria-label={t('heatmap.cellLabel', { step: row.label, code: map.columns[i].label, count: cell.count })}
                        onClick={() => onSelect({ stepId: row.stepId, codeId: cell.codeId })}
                      >
                        {cell.count}
                      </button>
                    ) : (
                      <span className="muted">0</span>
                    )}
                  </td>
                );
              })}
              <td>{row.total}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};
