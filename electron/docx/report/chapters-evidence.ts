import { HeightRule, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextDirection, TextRun, VerticalAlign, WidthType, type FileChild } from 'docx';
import type { ReportModel } from '../../../shared/report/model';
import { LANDSCAPE_TEXT_WIDTH, PORTRAIT_TEXT_WIDTH, buildTable, type CellContent } from '../flow-table';
import { sanitizedLines } from '../sanitize';
import { CELL_MARGINS, COLORS, HEADER_SHADING, STYLE, TABLE_GRID, TABLE_STYLE_ID, bullets, heading, labelledText, textParagraphs } from '../styles';
import type { ReportLabels } from './labels';
import { heatShading, lineRuns, note, plain, quoteParagraph } from './parts';

const cellText = (text: string, run: { bold?: boolean; color?: string } = {}) =>
  new Paragraph({ children: [new TextRun({ ...run, text: sanitizedLines(text).join(' ') })] });

/**
 * The step × code table: one row per flow step, one column per code, each cell shaded by
 * its count and always showing the number (colour is never the only signal).
 */
const heatmapTable = (model: ReportModel, labels: ReportLabels, width: number): Table => {
  const { columns, rows, max } = model.observations.heatmap;
  const stepWidth = Math.round(width * 0.2);
  const totalWidth = Math.round(width * 0.07);
  const codeWidth = Math.floor((width - stepWidth - totalWidth) / Math.max(1, columns.length));
  const widths = [stepWidth, ...columns.map(() => codeWidth), totalWidth];
  const cell = (children: Paragraph[], i: number, extra: Partial<ConstructorParameters<typeof TableCell>[0]> = {}) =>
    new TableCell({ width: { size: widths[i], type: WidthType.DXA }, children, ...extra });
  // Code names run bottom to top, so eleven codes fit across the page without breaking words.
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    height: { value: 1700, rule: HeightRule.ATLEAST },
    children: [labels.observations.step, ...columns, labels.observations.total].map((text, i) =>
      cell([cellText(text, { bold: true })], i, {
        shading: HEADER_SHADING,
        verticalAlign: i === 0 ? VerticalAlign.BOTTOM : VerticalAlign.CENTER,
        ...(i === 0 ? {} : { textDirection: TextDirection.BOTTOM_TO_TOP_LEFT_TO_RIGHT }),
      }),
    ),
  });
  const body = rows.map(
    (row) =>
      new TableRow({
        cantSplit: true,
        children: [
          cell([cellText(row.label, { bold: true })], 0),
          ...row.counts.map((count, i) => {
            const heat = heatShading(count, max);
            return cell(
              [new Paragraph({ alignment: 'center', children: [new TextRun({ text: String(count), bold: count === max && max > 0, color: heat.dark ? 'FFFFFF' : count ? COLORS.text : COLORS.muted })] })],
              i + 1,
              { shading: heat.shading, verticalAlign: VerticalAlign.CENTER },
            );
          }),
          cell([new Paragraph({ alignment: 'center', children: [new TextRun({ text: String(row.total), bold: true })] })], widths.length - 1, {
            shading: HEADER_SHADING,
          }),
        ],
      }),
  );
  return new Table({
    rows: [header, ...body],
    width: { size: width, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    style: TABLE_STYLE_ID,
    borders: TABLE_GRID,
    margins: CELL_MARGINS,
  });
};

/** Opening of the observation chapter, for a landscape section: overview and the step × code table. */
export const observationOverview = (model: ReportModel, labels: ReportLabels): FileChild[] => {
  const o = model.observations;
  const l = labels.observations;
  return [
    heading(l.heading, 1),
    ...textParagraphs(l.overview(o.noteCount, o.observers.length, o.studentNoteCount)),
    ...(o.observers.length
      ? [
          heading(l.byObserver, 3),
          buildTable(
            [
              { header: l.observer, weight: 3 },
              { header: l.notes, weight: 1 },
            ],
            o.observers.map((x) => [x.name, String(x.count)]),
            Math.round(LANDSCAPE_TEXT_WIDTH * 0.45),
          ),
        ]
      : []),
    ...(o.heatmap.rows.length && o.heatmap.columns.length
      ? [heading(l.heatmap, 2), note(l.heatmapNote), heatmapTable(model, labels, LANDSCAPE_TEXT_WIDTH)]
      : []),
  ];
};

/** Key quotes, points-to-notice coverage, class modes and the focus students' sheets. */
export const observationDetails = (model: ReportModel, labels: ReportLabels): FileChild[] => {
  const o = model.observations;
  const l = labels.observations;
  const out: FileChild[] = [];
  if (o.keyQuotes.length) {
    out.push(heading(l.keyQuotes, 2));
    for (const step of o.keyQuotes) out.push(heading(step.step, 3), ...step.quotes.map((q) => quoteParagraph(q)));
  }
  if (o.coverage.pointCount) {
    out.push(heading(l.coverage, 2), ...textParagraphs(l.coverageSummary(o.coverage.coveredCount, o.coverage.pointCount)));
    const rows: CellContent[][] = o.coverage.steps.flatMap((step) =>
      step.points.map((point, i): CellContent[] => [
        i === 0 ? [cellText(step.step, { bold: true })] : '',
        point.text,
        point.count
          ? [
              new Paragraph({ children: [plain(String(point.count), { bold: true })] }),
              new Paragraph({ children: lineRuns(point.example, { italics: true }) }),
            ]
          : [new Paragraph({ children: [plain(`0 — ${l.noEvidence}`, { bold: true, color: COLORS.deletedText })] })],
      ]),
    );
    out.push(
      buildTable(
        [
          { header: l.step, weight: 1.2 },
          { header: l.point, weight: 2.4 },
          { header: l.evidence, weight: 3 },
        ],
        rows,
        PORTRAIT_TEXT_WIDTH,
      ),
    );
  }
  if (o.classModes.length) {
    out.push(heading(l.classModes, 2), ...bullets(o.classModes.map((m) => `${m.clock}  ${l.modes[m.mode]}`)));
  }
  if (o.students.length) {
    out.push(heading(l.students, 2), note(l.studentsNote));
    for (const student of o.students) {
      out.push(heading(student.name, 3), ...labelledText(l.concerns, student.concerns));
      if (student.lookFors.length) out.push(new Paragraph({ style: STYLE.label, children: [plain(l.lookFor)] }), ...bullets(student.lookFors));
      out.push(
        buildTable(
          [
            { header: l.step, weight: 1.1 },
            { header: l.anticipated, weight: 2.4 },
            { header: l.observed, weight: 3.4 },
          ],
          student.steps.map((row) => [
            [cellText(row.step, { bold: true })],
            bullets(row.anticipated),
            row.notes.length ? row.notes.map((n) => quoteParagraph(n, { indent: false })) : l.nothingObserved,
          ]),
          PORTRAIT_TEXT_WIDTH,
        ),
      );
      if (student.unplaced.length) {
        out.push(new Paragraph({ style: STYLE.label, children: [plain(l.outsideSteps)] }), ...student.unplaced.map((n) => quoteParagraph(n)));
      }
      if (student.response) {
        out.push(
          new Paragraph({
            spacing: { before: 120 },
            children: [plain(`${l.response} `, { bold: true }), plain(l.responded[student.response.responded])],
          }),
          ...(student.response.note.trim() ? textParagraphs(student.response.note) : []),
        );
      }
    }
  }
  return out;
};

/**
 * The post-lesson discussion in protocol order and the knowledgeable other's comments.
 * The comments are printed under the protocol's "Final comments" segment when it has
 * one, so that segment never says "No notes were taken" above the comments taken.
 */
export const discussionChapter = (model: ReportModel, labels: ReportLabels): FileChild[] => {
  const d = labels.discussion;
  const out: FileChild[] = [heading(d.heading, 1)];
  const segments = model.discussion.segments;
  const comments = model.discussion.finalComments;
  if (!segments.length && !comments.trim()) return [...out, ...textParagraphs(d.empty)];
  const finalComments = (): Paragraph[] => [
    ...(model.discussion.finalCommentsBy ? [note(d.by(model.discussion.finalCommentsBy))] : []),
    ...textParagraphs(comments, { indent: { left: 360 } }),
  ];
  const commentsSegment = comments.trim() ? segments.find((s) => s.kind === 'final-comments') : undefined;
  segments.forEach((segment, i) => {
    const name = segment.kind === 'custom' ? segment.title : segment.title || d.segments[segment.kind];
    out.push(heading(`${i + 1}. ${name}`, 3));
    const meta = [segment.speakers.length ? d.speakers(segment.speakers) : '', segment.plannedMinutes ? d.planned(segment.plannedMinutes) : '']
      .filter(Boolean)
      .join(' · ');
    if (meta) out.push(new Paragraph({ style: STYLE.note, keepNext: true, children: lineRuns(meta) }));
    if (segment.notes.trim()) out.push(...textParagraphs(segment.notes));
    if (segment === commentsSegment) {
      out.push(new Paragraph({ style: STYLE.label, spacing: { before: 120 }, children: [plain(d.finalComments)] }), ...finalComments());
    } else if (!segment.notes.trim()) out.push(note(d.empty));
  });
  if (comments.trim() && !commentsSegment) out.push(heading(d.finalComments, 2), ...finalComments());
  return out;
};

/** Findings, each with its supporting (and contradicting) evidence quoted. */
export const findingsChapter = (model: ReportModel, labels: ReportLabels): FileChild[] => {
  const f = labels.findings;
  const out: FileChild[] = [heading(f.heading, 1)];
  if (!model.findings.length) return [...out, ...textParagraphs(f.none)];
  model.findings.forEach((finding, i) => {
    out.push(heading(`${i + 1}. ${sanitizedLines(finding.statement).join(' ')}`, 2));
    const meta = [finding.step ? `${f.step}: ${finding.step}` : '', finding.impliesRevision ? f.impliesRevision : ''].filter(Boolean).join(' · ');
    // Kept with what follows, as the heading is with it: a finding's heading never ends a page alone.
    if (meta) out.push(new Paragraph({ style: STYLE.note, keepNext: true, children: lineRuns(meta) }));
    if (finding.supporting.length) {
      out.push(new Paragraph({ style: STYLE.label, children: [plain(f.supporting)] }), ...finding.supporting.map((n) => quoteParagraph(n, { withStep: true })));
    }
    if (finding.contradicting.length) {
      out.push(new Paragraph({ style: STYLE.label, children: [plain(f.contradicting)] }), ...finding.contradicting.map((n) => quoteParagraph(n, { withStep: true })));
    }
    if (finding.removed) out.push(note(f.removed(finding.removed)));
  });
  return out;
};
