import { Document, HeadingLevel, Packer, Paragraph, TextRun, type FileChild } from 'docx';
import type { ThemeCycle, ThemeOverview } from '../../../shared/report/theme-overview';
import { portraitSection } from '../flow-table';
import { oneLine } from '../sanitize';
import { factsTable, lineRuns, note, plain } from '../report/parts';
import { COLORS, SIZE, STYLE, bulletParagraph, documentLook, heading, pageFooter, textParagraphs } from '../styles';
import { themeLabels, type ThemeLabels } from './labels';

/**
 * The research theme across a group's cycles as a Word document, for the school's
 * end-of-year report: the theme on top, then each cycle's lesson, findings and the
 * revisions that came from them. Laid out from the pure overview
 * (shared/report/theme-overview.ts), in the look of the cycle report.
 */

const label = (text: string) => new Paragraph({ style: STYLE.label, keepNext: true, spacing: { before: 160 }, children: [plain(text)] });

const cycleFacts = (cycle: ThemeCycle, labels: ThemeLabels) =>
  factsTable([
    [labels.taught, cycle.teachingDate || labels.notTaught],
    [labels.className, cycle.className],
    [labels.lesson, cycle.lesson ? labels.lessonLine(cycle.lesson.title, cycle.lesson.versionNumber) : labels.noLesson],
    [labels.subject, cycle.lesson?.subject ?? ''],
    [labels.grade, cycle.lesson?.grade ?? ''],
    [labels.researchQuestion, cycle.researchQuestion],
    [labels.phase, labels.phases[cycle.phase]],
  ]);

const findingParagraphs = (cycle: ThemeCycle, labels: ThemeLabels): Paragraph[] => {
  if (!cycle.findings.length) return [note(labels.noFindings)];
  const revision = new Map(cycle.revisions.map((r) => [r.id, r]));
  return cycle.findings.flatMap((finding) => [
    bulletParagraph([
      ...lineRuns(finding.statement),
      new TextRun({ text: ` (${labels.support(finding.supportCount)})`, italics: true, color: COLORS.muted, size: SIZE.small }),
    ]),
    ...finding.revisionIds.map(
      (id) =>
        new Paragraph({
          indent: { left: 480 },
          children: [plain(`→ ${labels.ledTo}: `, { color: COLORS.accent }), plain(revision.get(id)?.summary ?? '')],
        }),
    ),
  ]);
};

const revisionParagraphs = (cycle: ThemeCycle, labels: ThemeLabels): Paragraph[] => {
  const statement = new Map(cycle.findings.map((f) => [f.id, f.statement]));
  const closed = cycle.closedWithoutRevision ? [new Paragraph({ children: [plain(`${labels.closedWithoutRevision}: `, { bold: true }), ...lineRuns(cycle.closedWithoutRevision)] })] : [];
  if (!cycle.revisions.length) return closed.length ? closed : [note(labels.noRevisions)];
  return [
    ...cycle.revisions.flatMap((r) => [
      bulletParagraph([
        plain(`${labels.version(r.versionNumber)} · ${r.step ? labels.step(r.step.number, r.step.title) : labels.wholeLesson}: `, { bold: true }),
        ...lineRuns(r.summary),
      ]),
      ...(r.rationale.trim()
        ? [new Paragraph({ indent: { left: 480 }, children: [plain(`${labels.why}: `, { italics: true }), ...lineRuns(r.rationale)] })]
        : []),
      ...r.findingIds.flatMap((id) =>
        statement.has(id) ? [new Paragraph({ indent: { left: 480 }, children: [plain(`${labels.fromFinding}: `, { italics: true, color: COLORS.accent }), ...lineRuns(statement.get(id)!)] })] : [],
      ),
    ]),
    ...closed,
  ];
};

const cycleChapter = (cycle: ThemeCycle, labels: ThemeLabels): FileChild[] => [
  heading(cycle.title, 2),
  cycleFacts(cycle, labels),
  label(labels.findings),
  ...findingParagraphs(cycle, labels),
  label(labels.revisions),
  ...revisionParagraphs(cycle, labels),
];

export const themeDocument = (overview: ThemeOverview, language: 'en' | 'ja'): Document => {
  const labels = themeLabels[language];
  const dated = overview.cycles.slice(0, overview.cycles.length - overview.undatedCount);
  const undated = overview.cycles.slice(dated.length);
  const children: FileChild[] = [
    new Paragraph({ style: STYLE.label, children: [plain(`${labels.documentKind} · ${overview.group.name}`)] }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [plain(labels.title)] }),
    factsTable([
      [labels.group, overview.group.name],
      [labels.schools, overview.group.schools.join(', ')],
      [labels.subject, overview.group.subject],
      [labels.gradeBand, overview.group.gradeBand],
    ]),
    ...(overview.anonymized ? [new Paragraph({ spacing: { before: 240 }, children: [plain(labels.anonymizedNote, { italics: true })] })] : []),
    heading(labels.theme, 1),
    ...(overview.group.researchTheme.trim() ? textParagraphs(overview.group.researchTheme, {}, { size: SIZE.h3 }) : [note(labels.noTheme)]),
    new Paragraph({ spacing: { before: 240 }, children: [plain(overview.cycles.length ? labels.cycleCount(overview.cycles.length, overview.undatedCount) : labels.noCycles)] }),
    ...dated.flatMap((cycle) => cycleChapter(cycle, labels)),
    ...(undated.length ? [heading(labels.undatedHeading, 1), ...undated.flatMap((cycle) => cycleChapter(cycle, labels))] : []),
  ];
  return new Document({
    creator: oneLine(overview.group.name),
    title: oneLine(`${labels.title} — ${overview.group.name}`),
    description: labels.documentKind,
    keywords: 'lesson study',
    ...documentLook(),
    sections: [{ ...portraitSection(children), footers: { default: pageFooter(labels) } }],
  });
};

export const themeDocx = (overview: ThemeOverview, language: 'en' | 'ja'): Promise<Buffer> => Packer.toBuffer(themeDocument(overview, language));
