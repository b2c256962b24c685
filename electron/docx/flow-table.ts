import {
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type ISectionOptions,
} from 'docx';
import type { FlowStep } from '../../shared/domain/design';
import { sanitizedLines } from './sanitize';
import { CELL_MARGINS, HEADER_SHADING, TABLE_GRID, TABLE_STYLE_ID, bullets, textParagraphs } from './styles';

/**
 * Tables and page sections for the app's Word documents. `buildTable` is the general
 * piece (a real Word table with a header row that repeats on every page); `flowTable` is the lesson flow table built on it. The lesson plan, the
 * comparison and the cycle report all use these.
 */

/** A4 in twips (1/20 pt). docx swaps width and height itself for landscape sections. */
export const A4 = { width: 11906, height: 16838 } as const;
export const PAGE_MARGIN = 1000;

/** Usable width of a landscape / portrait A4 page with the standard margins. */
export const LANDSCAPE_TEXT_WIDTH = A4.height - 2 * PAGE_MARGIN;
export const PORTRAIT_TEXT_WIDTH = A4.width - 2 * PAGE_MARGIN;

const margins = { top: PAGE_MARGIN, bottom: PAGE_MARGIN, left: PAGE_MARGIN, right: PAGE_MARGIN };

export const portraitSection = (children: ISectionOptions['children']): ISectionOptions => ({
  properties: { page: { size: { ...A4, orientation: PageOrientation.PORTRAIT }, margin: margins } },
  children,
});

/** Landscape pages: wide tables such as the flow table need the width. */
export const landscapeSection = (children: ISectionOptions['children']): ISectionOptions => ({
  properties: { page: { size: { ...A4, orientation: PageOrientation.LANDSCAPE }, margin: margins } },
  children,
});

export interface TableColumn {
  header: string;
  /** Relative width; the columns share `totalWidth` in proportion. */
  weight: number;
}

/** What goes into one cell: paragraphs (already built) or plain text. */
export type CellContent = Paragraph[] | string;

const cellParagraphs = (content: CellContent): Paragraph[] => {
  const paragraphs = typeof content === 'string' ? textParagraphs(content) : content;
  // A Word table cell must hold at least one paragraph.
  return paragraphs.length ? paragraphs : [new Paragraph({ children: [] })];
};

/**
 * A bordered table with fixed column widths. The first row is the header: shaded, bold,
 * and marked `tableHeader` so Word repeats it at the top of every page the table spans.
 * `header: false` gives a key–value table (e.g. a title block), `firstColumnShaded` shades its keys.
 * `keepRowsWhole` stops a row breaking across pages: for tables of short rows (the appendix);
 * a flow-table row can be taller than a page, so those may break.
 */
export const buildTable = (
  columns: TableColumn[],
  rows: CellContent[][],
  totalWidth: number,
  options: { header?: boolean; firstColumnShaded?: boolean; keepRowsWhole?: boolean } = {},
): Table => {
  const { header: withHeader = true, firstColumnShaded = false, keepRowsWhole = false } = options;
  const sum = columns.reduce((s, c) => s + c.weight, 0);
  const widths = columns.map((c) => Math.floor((c.weight / sum) * totalWidth));
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: columns.map(
      (column, i) =>
        new TableCell({
          width: { size: widths[i], type: WidthType.DXA },
          shading: HEADER_SHADING,
          verticalAlign: VerticalAlign.CENTER,
          children: [new Paragraph({ children: [new TextRun({ text: sanitizedLines(column.header).join(' '), bold: true })] })],
        }),
    ),
  });
  // Only the first row states its cells' widths: a fixed-layout table takes its columns
  // from the grid and the first row (docx derives the grid from them), so the other rows
  // need no width of their own — 6,000 fewer elements in a 1,000-note appendix.
  const body = rows.map(
    (cells, r) =>
      new TableRow({
        cantSplit: keepRowsWhole || undefined,
        children: columns.map(
          (_column, i) =>
            new TableCell({
              width: !withHeader && r === 0 ? { size: widths[i], type: WidthType.DXA } : undefined,
              shading: firstColumnShaded && i === 0 ? HEADER_SHADING : undefined,
              children: cellParagraphs(cells[i] ?? ''),
            }),
        ),
      }),
  );
  return new Table({
    rows: withHeader ? [header, ...body] : body,
    width: { size: totalWidth, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    style: TABLE_STYLE_ID,
    borders: TABLE_GRID,
    margins: CELL_MARGINS,
  });
};

/** Headings of the five columns of the flow table, in the document's language. */
export interface FlowTableLabels {
  step: string;
  activities: string;
  anticipatedResponses: string;
  teacherSupport: string;
  pointsToNotice: string;
  minutes: (n: number) => string;
}

export const flowTableColumns = (labels: FlowTableLabels): TableColumn[] => [
  { header: labels.step, weight: 1.3 },
  { header: labels.activities, weight: 3 },
  { header: labels.anticipatedResponses, weight: 3 },
  { header: labels.teacherSupport, weight: 2.6 },
  { header: labels.pointsToNotice, weight: 2.4 },
];

/** The five cells of one flow step: step & minutes / activities / responses / support / points. */
export const flowStepCells = (step: FlowStep, index: number, labels: FlowTableLabels): CellContent[] => [
  [
    new Paragraph({ children: [new TextRun({ text: `${index + 1}. ${sanitizedLines(step.title).join(' ')}`, bold: true })] }),
    new Paragraph({ children: [new TextRun({ text: labels.minutes(step.minutes) })] }),
  ],
  step.activities,
  bullets(step.anticipatedResponses.map((r) => r.text).filter((t) => t.trim())),
  step.teacherSupport,
  bullets(step.pointsToNotice.map((p) => p.text).filter((t) => t.trim())),
];

/** The lesson flow table as a real Word table, sized for a landscape A4 page. */
export const flowTable = (steps: FlowStep[], labels: FlowTableLabels, totalWidth = LANDSCAPE_TEXT_WIDTH): Table =>
  buildTable(flowTableColumns(labels), steps.map((step, i) => flowStepCells(step, i, labels)), totalWidth);
