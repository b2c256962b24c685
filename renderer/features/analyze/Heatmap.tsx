import { ResponsiveHeatMap } from '@nivo/heatmap';
import { useTranslation } from 'react-i18next';
import type { StepCodeHeatmap } from '../../../shared/analysis/heatmap';

const NONE = '__none__';
const key = (id: string | null) => id ?? NONE;

export interface CellRef {
  stepId: string | null;
  codeId: string | null;
}

/**
 * The step × code heatmap drawn with nivo. The chart is for seeing the shape at a glance;
 * the table beside it (HeatmapTable) carries the same numbers for screen readers,
 * keyboards and the report.
 */
export const HeatmapChart = ({ map, onSelect }: { map: StepCodeHeatmap; onSelect: (cell: CellRef) => void }) => {
  const { t } = useTranslation('analyze');
  const rowLabel = new Map(map.rows.map((r) => [key(r.stepId), r.label]));
  const colLabel = new Map(map.columns.map((c) => [key(c.codeId), c.label]));
  const data = map.rows.map((row) => ({
    id: key(row.stepId),
    data: row.cells.map((cell) => ({ x: key(cell.codeId), y: cell.count })),
  }));
  const height = 120 + map.rows.length * 56;
  return (
    <div className="heatmap-chart" style={{ height }} aria-hidden="true" data-testid="heatmap-chart">
      <ResponsiveHeatMap
        data={data}
        margin={{ top: 110, right: 20, bottom: 10, left: 200 }}
        valueFormat=">-.0f"
        axisTop={{ tickSize: 4, tickPadding: 6, tickRotation: -35, format: (v) => colLabel.get(String(v)) ?? String(v) }}
        axisLeft={{ tickSize: 4, tickPadding: 6, format: (v) => truncate(rowLabel.get(String(v)) ?? String(v), 28) }}
        // Headroom above the largest count keeps the darkest cell from going near-black.
        colors={{ type: 'sequential', scheme: 'greens', minValue: 0, maxValue: Math.max(2, map.max) * 1.25 }}
        emptyColor="#eeeeee"
        borderWidth={1}
        borderColor="#ffffff"
        label={(cell) => (cell.value ? String(cell.value) : '')}
        labelTextColor={(cell) => ((cell.value ?? 0) > Math.max(2, map.max) * 0.55 ? '#ffffff' : '#10231c')}
        hoverTarget="cell"
        animate={false}
        theme={{ text: { fontSize: 14, fill: 'var(--text)' }, axis: { ticks: { text: { fontSize: 14, fill: 'var(--text)' } } } }}
        tooltip={({ cell }) => (
          <div className="heatmap-tooltip">
            {t('heatmap.tooltip', { step: rowLabel.get(cell.serieId), code: colLabel.get(String(cell.data.x)), count: cell.value ?? 0 })}
          </div>
        )}
        onClick={(cell) =>
          onSelect({
            stepId: cell.serieId === NONE ? null : cell.serieId,
            codeId: cell.data.x === NONE ? null : String(cell.data.x),
          })
        }
      />
    </div>
  );
};

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

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
