import { BorderStyle, Paragraph, ShadingType, TextRun, type IRunOptions } from 'docx';
import type { ReportEvidence, ReportNote } from '../../../shared/report/model';
import { PORTRAIT_TEXT_WIDTH, buildTable } from '../flow-table';
import { sanitizeXmlText, sanitizedLines } from '../sanitize';
import { COLORS, SIZE, STYLE } from '../styles';
import type { ReportLabels } from './labels';

/** Small building blocks the report's chapters share. */

/** Runs for a multi-line text inside one paragraph: line breaks kept, every line sanitised. */
export const lineRuns = (text: string, run: Omit<IRunOptions, 'text' | 'break'> = {}): TextRun[] =>
  sanitizedLines(text).map((line, i) => new TextRun({ ...run, text: line, break: i > 0 ? 1 : undefined }));

export const plain = (text: string, run: Omit<IRunOptions, 'text'> = {}): TextRun => new TextRun({ ...run, text: sanitizedLines(text).join(' ') });

/** A muted italic line, e.g. an explanation under a table. */
export const note = (text: string): Paragraph => new Paragraph({ style: STYLE.note, children: lineRuns(text) });

/** Where a note came from: "12:05 · Observer · Target · Codes". */
export const noteSource = (n: ReportNote, withStep = false): string =>
  [n.clock, withStep ? n.step : '', n.observer, n.target, n.codes.join(', ')].filter(Boolean).join(' · ');

/** One observation quoted: its text, then where it came from in small muted type. */
export const quoteParagraph = (n: ReportNote, options: { withStep?: boolean; indent?: boolean } = {}): Paragraph =>
  new Paragraph({
    indent: options.indent === false ? undefined : { left: 360 },
    border: options.indent === false ? undefined : { left: { style: BorderStyle.SINGLE, size: 12, color: COLORS.border, space: 8 } },
    children: [
      ...lineRuns(n.text),
      new TextRun({ text: ` — ${sanitizeXmlText(noteSource(n, options.withStep))}`, italics: true, color: COLORS.muted, size: SIZE.small }),
    ],
  });

/** A cited piece of evidence (a finding or a note), or the "removed" notice. */
export const evidenceParagraphs = (evidence: ReportEvidence, labels: ReportLabels): Paragraph[] => {
  if (evidence.status === 'deleted') return [new Paragraph({ style: STYLE.note, children: [plain(labels.revision.removed)] })];
  if (evidence.kind === 'finding') {
    return [new Paragraph({ children: [plain(`${labels.revision.finding}: `, { bold: true }), ...lineRuns(evidence.text)] })];
  }
  return [
    new Paragraph({
      indent: { left: 200 },
      children: [...lineRuns(evidence.text), new TextRun({ text: ` — ${sanitizeXmlText(evidence.source)}`, italics: true, color: COLORS.muted, size: SIZE.small })],
    }),
  ];
};

/** A two-column key–value table with shaded keys; empty values are left out. */
export const factsTable = (rows: Array<[string, string]>, width = PORTRAIT_TEXT_WIDTH) =>
  buildTable(
    [
      { header: '', weight: 1.3 },
      { header: '', weight: 3 },
    ],
    rows.filter(([, value]) => value.trim()),
    width,
    { header: false, firstColumnShaded: true },
  );

/**
 * Shading of a count cell: six steps of one hue from white to dark green. The number is
 * always printed in the cell too, so the table reads in black and white.
 */
const HEAT = ['FFFFFF', 'E4F2EC', 'C2E1D2', '94CAB0', '5EAE8A', '2E8662'];
export const heatShading = (count: number, max: number) => {
  const level = count <= 0 || max <= 0 ? 0 : Math.max(1, Math.ceil((count / max) * (HEAT.length - 1)));
  return { shading: { type: ShadingType.CLEAR, color: 'auto', fill: HEAT[level] }, dark: level >= 4 };
};
