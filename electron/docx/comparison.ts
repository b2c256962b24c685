import { Document, Packer, Paragraph, TextRun, type FileChild } from 'docx';
import type { VersionComparison } from '../../shared/contract/designs';
import { englishSummaryWords, summarizeDiff, type DesignTextField, type SummaryWords, type ListDiff, type StepDiff, type TextDiff, type TextPart } from '../../shared/diff';
import { LANDSCAPE_TEXT_WIDTH, buildTable, landscapeSection, type CellContent } from './flow-table';
import { lessonPlanLabels, type LessonPlanLabels } from './lesson-plan';
import { oneLine, sanitizedLines } from './sanitize';
import { COLORS, SIZE, STYLE, bulletParagraph, documentLook, heading, pageFooter, textParagraphs, title } from './styles';

/**
 * A Word document comparing two versions of a lesson design: the one-line summary, the
 * changed plan fields, and the flow table step by step with removed words struck through
 * and inserted words underlined (marks that survive black-and-white printing), next to
 * the change notes that say why.
 */

export interface ComparisonLabels {
  documentKind: string;
  legend: string;
  fields: string;
  field: string;
  before: (n: number | null) => string;
  after: (n: number | null) => string;
  steps: string;
  step: string;
  why: string;
  status: Record<'unchanged' | 'changed' | 'added' | 'removed', string>;
  moved: (from: number, to: number) => string;
  finding: string;
  observation: string;
  /** A cited finding or note deleted since. */
  evidenceRemoved: string;
  wholeDesign: string;
  fieldNames: Record<DesignTextField, string>;
  /** The one-line summary of what changed ("3 steps changed, 1 added"). */
  summaryWords: SummaryWords;
  plan: LessonPlanLabels;
}

const fieldNamesEn: Record<DesignTextField, string> = {
  title: 'Title', subject: 'Subject', grade: 'Grade', unitName: 'Unit', plannedDate: 'Date', teacher: 'Teacher',
  researchTheme: 'Research theme', 'goals.longTerm': 'Long-term goal', 'goals.unit': 'Unit goal', 'goals.lesson': 'Goal of this lesson',
  background: 'Background', materialStudy: 'Study of the material', materials: 'Materials', boardPlan: 'Board plan',
};
const fieldNamesJa: Record<DesignTextField, string> = {
  title: '題名', subject: '教科', grade: '学年', unitName: '単元名', plannedDate: '日時', teacher: '授業者',
  researchTheme: '研究主題', 'goals.longTerm': '長期的な目標', 'goals.unit': '単元の目標', 'goals.lesson': '本時の目標',
  background: '単元設定の理由', materialStudy: '教材研究', materials: '準備物', boardPlan: '板書計画',
};

/** The one-line summary in Japanese (the screen's words come from its locale files). */
const japaneseSummaryWords: SummaryWords = {
  identical: '変更なし',
  stepsChanged: (n) => `${n}つの段階を変更`,
  added: (n) => `${n}つ追加`,
  removed: (n) => `${n}つ削除`,
  moved: (n) => `${n}つ移動`,
  responsesRevised: (steps) => `段階${steps.join('・')}の予想される児童の反応を改訂`,
  pointsRevised: (steps) => `段階${steps.join('・')}の見取りの視点を改訂`,
  fieldsChanged: (fields) => `${fields.length}項目を変更`,
  join: (clauses) => clauses.join('、'),
};

export const comparisonLabels: Record<'en' | 'ja', ComparisonLabels> = {
  en: {
    documentKind: 'Comparison of two versions',
    legend: 'Removed text is struck through; inserted text is underlined.',
    fields: 'Changes to the plan',
    field: 'Field',
    before: (n) => (n === null ? 'Draft' : `Version ${n}`),
    after: (n) => (n === null ? 'Draft' : `Version ${n}`),
    steps: 'Lesson flow, step by step',
    step: 'Step',
    why: 'Why it changed',
    status: { unchanged: 'Unchanged', changed: 'Changed', added: 'Added', removed: 'Removed' },
    moved: (from, to) => `Moved from ${from} to ${to}`,
    finding: 'Finding',
    observation: 'Observation',
    evidenceRemoved: 'Evidence removed since (the finding or note was deleted)',
    wholeDesign: 'The design as a whole',
    fieldNames: fieldNamesEn,
    summaryWords: englishSummaryWords,
    plan: lessonPlanLabels.en,
  },
  ja: {
    documentKind: '版の比較',
    legend: '削除した語は取り消し線、追加した語は下線で示しています。',
    fields: '指導案の変更点',
    field: '項目',
    before: (n) => (n === null ? '下書き' : `第${n}版`),
    after: (n) => (n === null ? '下書き' : `第${n}版`),
    steps: '本時の展開（段階ごと）',
    step: '段階',
    why: '変更の理由',
    status: { unchanged: '変更なし', changed: '変更', added: '追加', removed: '削除' },
    moved: (from, to) => `${from}番目から${to}番目へ移動`,
    finding: '知見',
    observation: '記録',
    evidenceRemoved: '根拠は削除されました（知見または記録が削除されています）',
    wholeDesign: '指導案全体',
    fieldNames: fieldNamesJa,
    summaryWords: japaneseSummaryWords,
    plan: lessonPlanLabels.ja,
  },
};

/** Runs for one side of a word diff; `side` decides which of added/removed is shown. */
export const partRuns = (parts: TextPart[], side: 'before' | 'after'): TextRun[] => {
  const runs: TextRun[] = [];
  for (const part of parts) {
    if (side === 'before' && part.added) continue;
    if (side === 'after' && part.removed) continue;
    const style = part.removed
      ? { strike: true, color: COLORS.deletedText }
      : part.added
        ? { underline: {}, bold: true, color: COLORS.insertedText }
        : {};
    sanitizedLines(part.value).forEach((line, i) => runs.push(new TextRun({ ...style, text: line, break: i > 0 ? 1 : undefined })));
  }
  return runs;
};

export const diffParagraph = (diff: TextDiff, side: 'before' | 'after', label?: string): Paragraph[] => {
  const runs = partRuns(diff.parts, side);
  if (!runs.length) return [];
  return [
    ...(label ? [new Paragraph({ style: STYLE.label, children: [new TextRun({ text: label })] })] : []),
    new Paragraph({ children: runs }),
  ];
};

export const listParagraphs = (list: ListDiff, side: 'before' | 'after', label: string): Paragraph[] => {
  const items = list.items.filter((item) => (side === 'before' ? item.status !== 'added' : item.status !== 'removed'));
  if (!items.length) return [];
  return [
    new Paragraph({ style: STYLE.label, children: [new TextRun({ text: label })] }),
    ...items.map((item) => bulletParagraph(partRuns(item.text.parts, side))),
  ];
};

export const stepSide = (step: StepDiff, side: 'before' | 'after', labels: ComparisonLabels): Paragraph[] => {
  if ((side === 'before' && step.status === 'added') || (side === 'after' && step.status === 'removed')) return [];
  const minutes = side === 'before' ? step.minutes.from : step.minutes.to;
  const p = labels.plan;
  const titleLine = new Paragraph({
    children: [...partRuns(step.title.parts, side), new TextRun({ text: minutes === null ? '' : ` (${p.minutes(minutes)})`, bold: step.minutes.changed })],
  });
  // An unchanged step is named, not repeated: the reader's eye belongs on what changed.
  if (step.status === 'unchanged') return [titleLine];
  return [
    titleLine,
    ...diffParagraph(step.activities, side, p.activities),
    ...listParagraphs(step.anticipatedResponses, side, p.anticipatedResponses),
    ...diffParagraph(step.teacherSupport, side, p.teacherSupport),
    ...listParagraphs(step.pointsToNotice, side, p.pointsToNotice),
  ];
};

/**
 * A cited finding or note as it stands now, resolved by the backend: the finding's
 * statement, or the note's text and where it came from ("12:05 · Observer · Target").
 */
export interface ComparisonEvidence {
  kind: 'finding' | 'observation';
  id: string;
  status: 'present' | 'deleted';
  text: string;
  source: string;
}

/** One cited piece of evidence, as the screen and the report show it — never its id. */
const evidenceParagraph = (ref: { kind: 'finding' | 'observation'; id: string }, found: ComparisonEvidence | undefined, labels: ComparisonLabels): Paragraph => {
  const kind = ref.kind === 'finding' ? labels.finding : labels.observation;
  if (found?.status === 'deleted') return new Paragraph({ style: STYLE.note, children: [new TextRun({ text: `→ ${labels.evidenceRemoved}` })] });
  const lines = found ? sanitizedLines(found.text) : [];
  return new Paragraph({
    indent: { left: 200, hanging: 200 },
    children: [
      new TextRun({ text: `→ ${kind}${lines.length ? ': ' : ''}`, bold: true }),
      ...lines.map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined })),
      ...(found?.source ? [new TextRun({ text: ` — ${oneLine(found.source)}`, italics: true, color: COLORS.muted, size: SIZE.small })] : []),
    ],
  });
};

const notesFor = (comparison: VersionComparison, stepId: string | undefined, labels: ComparisonLabels, evidence: ReadonlyMap<string, ComparisonEvidence>): Paragraph[] =>
  comparison.changeNotes
    .filter((note) => note.stepId === stepId)
    .flatMap((note) => [
      ...(note.summary ? [new Paragraph({ children: [new TextRun({ text: oneLine(note.summary), bold: true })] })] : []),
      ...(note.rationale ? textParagraphs(note.rationale) : []),
      ...note.evidence.map((ref) => evidenceParagraph(ref, evidence.get(`${ref.kind}:${ref.id}`), labels)),
    ]);

/**
 * The comparison as a Word document. `evidence` is what the change notes cite, resolved
 * (backend/comparison-evidence.ts); a citation left out is named by its kind only.
 */
export const comparisonDocument = (comparison: VersionComparison, labels: ComparisonLabels, evidence: readonly ComparisonEvidence[] = []): Document => {
  const { diff, from, to } = comparison;
  const cited = new Map(evidence.map((e) => [`${e.kind}:${e.id}`, e]));
  const children: FileChild[] = [
    new Paragraph({ style: STYLE.label, children: [new TextRun({ text: `${labels.documentKind} · ${labels.before(from.number)} → ${labels.after(to.number)}` })] }),
    title(to.content.title),
    new Paragraph({ children: [new TextRun({ text: summarizeDiff(diff, labels.summaryWords), bold: true })] }),
    new Paragraph({ style: STYLE.note, children: [new TextRun({ text: labels.legend })] }),
  ];
  const changedFields = diff.fields.filter((f) => f.diff.changed);
  const generalNotes = notesFor(comparison, undefined, labels, cited);
  if (changedFields.length || generalNotes.length) {
    children.push(heading(labels.fields, 1));
    const rows: CellContent[][] = changedFields.map((f) => [
      labels.fieldNames[f.field],
      diffParagraph(f.diff, 'before'),
      diffParagraph(f.diff, 'after'),
    ]);
    if (generalNotes.length) rows.push([labels.wholeDesign, '', '', generalNotes]);
    children.push(
      buildTable(
        [
          { header: labels.field, weight: 1.2 },
          { header: labels.before(from.number), weight: 3 },
          { header: labels.after(to.number), weight: 3 },
          { header: labels.why, weight: 2.5 },
        ],
        rows,
        LANDSCAPE_TEXT_WIDTH,
        { keepRowsWhole: true },
      ),
    );
  }
  children.push(heading(labels.steps, 1));
  children.push(
    buildTable(
      [
        { header: labels.step, weight: 1.2 },
        { header: labels.before(from.number), weight: 3.3 },
        { header: labels.after(to.number), weight: 3.3 },
        { header: labels.why, weight: 2.4 },
      ],
      diff.steps.map((step) => [
        [
          new Paragraph({ children: [new TextRun({ text: String(step.toPosition ?? step.fromPosition), bold: true })] }),
          new Paragraph({ children: [new TextRun({ text: labels.status[step.status], bold: step.status !== 'unchanged' })] }),
          ...(step.moved ? [new Paragraph({ children: [new TextRun({ text: labels.moved(step.fromPosition!, step.toPosition!) })] })] : []),
        ],
        stepSide(step, 'before', labels),
        stepSide(step, 'after', labels),
        notesFor(comparison, step.stepId, labels, cited),
      ]),
      // Rows may break across pages: a whole step before and after can be taller than a
      // page, and LibreOffice then prints an unbreakable row over the footer.
      LANDSCAPE_TEXT_WIDTH,
    ),
  );
  return new Document({
    creator: 'Lesson Study Desktop',
    title: sanitizedLines(to.content.title).join(' '),
    ...documentLook(),
    sections: [{ ...landscapeSection(children), footers: { default: pageFooter(labels.plan) } }],
  });
};

export const comparisonDocx = (comparison: VersionComparison, labels: ComparisonLabels, evidence: readonly ComparisonEvidence[] = []): Promise<Buffer> =>
  Packer.toBuffer(comparisonDocument(comparison, labels, evidence));
