import { ResponsiveHeatMap } from '@nivo/heatmap';
import { useTranslation } from 'react-i18next';
import type { StepCodeHeatmap } from '../../../shared/analysis/heatmap';
import { useDarkTheme } from '../../ui/theme';
import { cellKey, type CellRef, NO_CELL_ID } from './Heatmap';

/** Cell colours from an empty count to the largest, per theme; text on a cell flips to stay readable. */
const palettes = {
  light: { low: [0xe8, 0xf5, 0xe9], high: [0x1b, 0x5e, 0x20], empty: '#eeeeee', border: '#ffffff', text: '#1c1f1a', darkText: '#10231c', lightText: '#ffffff' },
  dark: { low: [0x24, 0x33, 0x2c], high: [0x5c, 0xc2, 0xa3], empty: '#282d29', border: '#1f2320', text: '#eceee9', darkText: '#0d1a15', lightText: '#eceee9' },
} as const;

const mix = (low: readonly number[], high: readonly number[], share: number) =>
  `#${low.map((l, i) => Math.round(l + (high[i] - l) * share).toString(16).padStart(2, '0')).join('')}`;

/** Room for the longest label: the left axis is horizontal, the top axis is turned 35°. Pixels at 14 px type. */
const CHAR = 7.6;
const MAX_ROW_LABEL = 32;
const MAX_COLUMN_LABEL = 36;
export const chartMargins = (rowLabels: readonly string[], columnLabels: readonly string[]) => {
  const longest = (labels: readonly string[], max: number) => Math.min(max, Math.max(4, ...labels.map((l) => l.length)));
  const column = longest(columnLabels, MAX_COLUMN_LABEL) * CHAR;
  return {
    top: Math.round(24 + column * Math.sin((35 * Math.PI) / 180)),
    right: Math.round(Math.max(24, column * Math.cos((35 * Math.PI) / 180) - 40)),
    bottom: 10,
    left: Math.round(20 + longest(rowLabels, MAX_ROW_LABEL) * CHAR),
  };
};

export const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * The step × code heatmap drawn with nivo, loaded only on the evidence screen (the chart
 * stack is a fifth of the app's code). The chart is for seeing the shape at a glance; the
 * table beside it (HeatmapTable) carries the same numbers for screen readers, keyboards
 * and the report.
 */
const HeatmapChart = ({ map, onSelect }: { map: StepCodeHeatmap; onSelect: (cell: CellRef) => void }) => {
  const { t } = useTranslation('analyze');
  const palette = useDarkTheme() ? palettes.dark : palettes.light;
  const rowLabel = new Map(map.rows.map((r) => [cellKey(r.stepId), r.label]));
  const colLabel = new Map(map.columns.map((c) => [cellKey(c.codeId), c.label]));
  const data = map.rows.map((row) => ({
    id: cellKey(row.stepId),
    data: row.cells.map((cell) => ({ x: cellKey(cell.codeId), y: cell.count })),
  }));
  const margin = chartMargins([...rowLabel.values()], [...colLabel.values()]);
  // Headroom above the largest count keeps the darkest cell from going near-black.
  const top = Math.max(2, map.max) * 1.25;
  const height = margin.top + margin.bottom + map.rows.length * 56;
  return (
    <div className="heatmap-chart" style={{ height }} aria-hidden="true" data-testid="heatmap-chart">
      <ResponsiveHeatMap
        data={data}
        margin={margin}
        valueFormat=">-.0f"
        axisTop={{ tickSize: 4, tickPadding: 6, tickRotation: -35, format: (v) => truncate(colLabel.get(String(v)) ?? String(v), MAX_COLUMN_LABEL) }}
        axisLeft={{ tickSize: 4, tickPadding: 6, format: (v) => truncate(rowLabel.get(String(v)) ?? String(v), MAX_ROW_LABEL) }}
        colors={(cell) => mix(palette.low, palette.high, Math.min(1, (cell.value ?? 0) / top))}
        emptyColor={palette.empty}
        borderWidth={1}
        borderColor={palette.border}
        label={(cell) => (cell.value ? String(cell.value) : '')}
        labelTextColor={(cell) => ((cell.value ?? 0) > top * 0.45 === (palette === palettes.light) ? palette.lightText : palette.darkText)}
        hoverTarget="cell"
        animate={false}
        theme={{ text: { fontSize: 14, fill: palette.text }, axis: { ticks: { text: { fontSize: 14, fill: palette.text }, line: { stroke: palette.text } } } }}
        tooltip={({ cell }) => (
          <div className="heatmap-tooltip">
            {t('heatmap.tooltip', { step: rowLabel.get(cell.serieId), code: colLabel.get(String(cell.data.x)), count: cell.value ?? 0 })}
          </div>
        )}
        onClick={(cell) =>
          onSelect({
            stepId: cell.serieId === NO_CELL_ID ? null : cell.serieId,
            codeId: cell.data.x === NO_CELL_ID ? null : String(cell.data.x),
          })
        }
      />
    </div>
  );
};

export default HeatmapChart;
