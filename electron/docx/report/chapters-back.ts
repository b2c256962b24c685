import { ImageRun, LineRuleType, Paragraph, type FileChild } from 'docx';
import { summarizeDiff } from '../../../shared/diff';
import type { ReportModel } from '../../../shared/report/model';
import { diffParagraph, stepSide } from '../comparison';
import { LANDSCAPE_TEXT_WIDTH, PORTRAIT_TEXT_WIDTH, buildTable, type CellContent } from '../flow-table';
import { oneLine } from '../sanitize';
import { STYLE, heading, labelledText, textParagraphs } from '../styles';
import { fitImage, type EmbeddablePhoto } from './images';
import type { ReportLabels } from './labels';
import { evidenceParagraphs, lineRuns, note, plain } from './parts';

type Revision = NonNullable<ReportModel['revision']>;

/** The "why" cell of a step: the change notes about it, each with its evidence quoted. */
const whyCell = (notes: Revision['changeNotes'], labels: ReportLabels): Paragraph[] =>
  notes.flatMap((n) => [
    ...(n.summary.trim() ? [new Paragraph({ children: lineRuns(n.summary, { bold: true }) })] : []),
    ...(n.rationale.trim() && n.rationale.trim() !== n.summary.trim() ? textParagraphs(n.rationale) : []),
    ...(n.evidence.length ? [new Paragraph({ style: STYLE.label, children: [plain(labels.revision.evidence)] })] : []),
    ...n.evidence.flatMap((e) => evidenceParagraphs(e, labels)),
  ]);

/** Revisions, for a landscape section: the summary, then a table of changed steps beside the reasons. */
export const revisionChapter = (model: ReportModel, labels: ReportLabels): FileChild[] => {
  const r = labels.revision;
  const out: FileChild[] = [heading(r.heading, 1)];
  const revision = model.revision;
  if (!revision) {
    if (model.closeWithoutRevisionReason.trim()) return [...out, new Paragraph({ children: [plain(r.closedWithout, { bold: true })] }), ...textParagraphs(model.closeWithoutRevisionReason)];
    return [...out, ...textParagraphs(r.noRevision)];
  }
  out.push(
    new Paragraph({ children: [plain(r.summary(revision.fromNumber, revision.toNumber), { bold: true })] }),
    new Paragraph({ children: [plain(summarizeDiff(revision.diff, labels.comparison.summaryWords))] }),
    ...labelledText(r.versionSummary, revision.versionSummary),
    note(labels.comparison.legend),
  );

  const comparison = labels.comparison;
  const changedFields = revision.diff.fields.filter((f) => f.diff.changed);
  const general = revision.changeNotes.filter((n) => !n.stepId);
  if (changedFields.length || general.length) {
    out.push(heading(r.fields, 2));
    const rows: CellContent[][] = changedFields.map((f) => [comparison.fieldNames[f.field], diffParagraph(f.diff, 'before'), diffParagraph(f.diff, 'after'), '']);
    if (general.length) rows.push([r.wholeDesign, '', '', whyCell(general, labels)]);
    out.push(
      buildTable(
        [
          { header: comparison.field, weight: 1.1 },
          { header: comparison.before(revision.fromNumber), weight: 2.8 },
          { header: comparison.after(revision.toNumber), weight: 2.8 },
          { header: r.why, weight: 3.2 },
        ],
        rows,
        LANDSCAPE_TEXT_WIDTH,
        { keepRowsWhole: true },
      ),
    );
  }

  const changedSteps = revision.diff.steps.filter((s) => s.status !== 'unchanged' || s.moved);
  if (changedSteps.length) {
    out.push(heading(r.steps, 2));
    out.push(
      buildTable(
        [
          { header: comparison.step, weight: 1.1 },
          { header: comparison.before(revision.fromNumber), weight: 2.8 },
          { header: comparison.after(revision.toNumber), weight: 2.8 },
          { header: r.why, weight: 3.2 },
        ],
        changedSteps.map((step) => {
          const stepTitle = revision.stepTitles[step.stepId] ?? '';
          const notes = revision.changeNotes.filter((n) => n.stepId === step.stepId);
          return [
            [
              new Paragraph({ children: [plain(`${step.toPosition ?? step.fromPosition}. ${stepTitle}`, { bold: true })] }),
              new Paragraph({ children: [plain(comparison.status[step.status])] }),
              ...(step.moved ? [new Paragraph({ children: [plain(comparison.moved(step.fromPosition!, step.toPosition!))] })] : []),
            ],
            stepSide(step, 'before', comparison),
            stepSide(step, 'after', comparison),
            whyCell(notes, labels),
          ];
        }),
        LANDSCAPE_TEXT_WIDTH,
        // A revision's before, after and why belong together on one page.
        { keepRowsWhole: true },
      ),
    );
  }
  return out;
};

/** Closing reflection and next steps. */
export const reflectionChapter = (model: ReportModel, labels: ReportLabels): FileChild[] => {
  const l = labels.reflection;
  const r = model.reflection;
  const out: FileChild[] = [heading(l.heading, 1)];
  const empty = !r.researchTheme.trim() && !r.practices.length && !r.studentsOfConcern.trim() && !r.nextSteps.trim();
  if (empty) return [...out, ...textParagraphs(l.empty)];
  if (r.researchTheme.trim()) out.push(heading(l.researchTheme, 2), ...textParagraphs(r.researchTheme));
  if (r.practices.length) {
    out.push(
      heading(l.practices, 2),
      buildTable(
        [
          { header: l.practice, weight: 1.4 },
          { header: l.now, weight: 2.5 },
          { header: l.next, weight: 2.5 },
        ],
        r.practices.map((p) => [p.practice, p.now, p.next]),
        PORTRAIT_TEXT_WIDTH,
      ),
    );
  }
  if (r.studentsOfConcern.trim()) out.push(heading(l.studentsOfConcern, 2), ...textParagraphs(r.studentsOfConcern));
  if (r.nextSteps.trim()) out.push(heading(l.nextSteps, 2), ...textParagraphs(r.nextSteps));
  return out;
};

/** Every live note in lesson-clock order, for a landscape section. */
export const appendixChapter = (model: ReportModel, labels: ReportLabels): FileChild[] => {
  if (!model.appendix) return [];
  const a = labels.appendix;
  return [
    heading(a.heading, 1),
    buildTable(
      [
        { header: a.clock, weight: 0.7 },
        { header: a.step, weight: 1.5 },
        { header: a.observer, weight: 1.3 },
        { header: a.target, weight: 1.2 },
        { header: a.codes, weight: 1.4 },
        { header: a.note, weight: 5 },
      ],
      model.appendix.map((n) => [n.clock, n.step, n.observer, n.target, n.codes.join(', '), n.text]),
      LANDSCAPE_TEXT_WIDTH,
      { keepRowsWhole: true },
    ),
  ];
};

/** Largest picture on a portrait page, in docx's ImageRun pixels (96 per inch; 1 px = 15 twips). */
const MAX_IMAGE = { width: Math.floor(PORTRAIT_TEXT_WIDTH / 15), height: 560 };

/**
 * Photos embedded upright (images.ts), scaled to the page keeping their aspect ratio.
 * The file name and caption are the picture's alt text, sanitised like every other run:
 * a U+FFFF in `wp:docPr` makes the whole document unreadable.
 */
export const photosChapter = (model: ReportModel, labels: ReportLabels, photos: ReadonlyMap<string, EmbeddablePhoto | null>): FileChild[] => {
  if (!model.photos.length) return [];
  const out: FileChild[] = [heading(labels.photos.heading, 1)];
  const seen = new Set<string>();
  for (const photo of model.photos) {
    if (seen.has(photo.hash)) continue;
    seen.add(photo.hash);
    const name = photo.name || `${photo.hash.slice(0, 12)}.${photo.ext}`;
    const ready = photos.get(photo.hash);
    if (!ready) {
      const why = photos.has(photo.hash) ? labels.photos.unreadable(name) : labels.photos.missing(name);
      out.push(note(why), new Paragraph({ style: STYLE.note, children: [plain(photo.caption)] }));
      continue;
    }
    const size = fitImage(ready, MAX_IMAGE.width, MAX_IMAGE.height);
    const altName = oneLine(name);
    out.push(
      new Paragraph({
        keepNext: true,
        // Auto line spacing, or a reader that takes the document's fixed line height clips the picture to one line.
        spacing: { before: 200, line: 240, lineRule: LineRuleType.AUTO },
        children: [new ImageRun({ type: ready.type, data: ready.data, transformation: size, altText: { name: altName, title: altName, description: oneLine(photo.caption) } })],
      }),
      new Paragraph({ style: STYLE.note, children: [plain(`${name} — ${photo.caption}`)] }),
    );
  }
  return out;
};
