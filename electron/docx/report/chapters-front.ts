import { HeadingLevel, InternalHyperlink, Paragraph, TextRun, type FileChild } from 'docx';
import type { ReportModel } from '../../../shared/report/model';
import { totalMinutes } from '../../../shared/domain/design';
import { LANDSCAPE_TEXT_WIDTH, PORTRAIT_TEXT_WIDTH, buildTable, flowTable } from '../flow-table';
import { sanitizeXmlText } from '../sanitize';
import { COLORS, SIZE, STYLE, bullets, heading, labelledText, textParagraphs } from '../styles';
import type { ReportLabels } from './labels';
import { factsTable, note, plain } from './parts';

/** A Heading 1 or 2 of the report and the bookmark on it. */
export interface ContentsEntry {
  title: string;
  level: 1 | 2;
  href: string;
}

/**
 * The contents as a plain list of links to the headings, without page numbers. Word's
 * TOC field would show numbers only after a field update, which Word asks the reader
 * for on every open (and LibreOffice and other readers never do); page numbers cannot
 * be known before a word processor lays the pages out, so none are printed rather than
 * wrong ones. The navigation pane and the links still take the reader to each chapter.
 */
const contentsList = (entries: readonly ContentsEntry[]): Paragraph[] =>
  entries.map(
    (entry) =>
      new Paragraph({
        indent: entry.level === 2 ? { left: 400 } : undefined,
        spacing: { before: entry.level === 1 ? 120 : 0, after: 40 },
        children: [new InternalHyperlink({ anchor: entry.href, children: [plain(entry.title, { bold: entry.level === 1 })] })],
      }),
  );

/** The cover, then the contents page listing `contents` (the report's headings, linked). */
export const coverPage = (model: ReportModel, labels: ReportLabels, contents: readonly ContentsEntry[]): FileChild[] => {
  const c = labels.cover;
  const lessonTitle = model.lesson?.content.title ?? '';
  return [
    new Paragraph({ style: STYLE.label, children: [plain(`${labels.documentKind} · ${model.group.name}`)] }),
    // The Title style's auto line spacing: a wrapped 20 pt title must not overlap itself.
    new Paragraph({ heading: HeadingLevel.TITLE, children: [plain(model.title)] }),
    ...(lessonTitle ? [new Paragraph({ spacing: { after: 240 }, children: [plain(lessonTitle, { size: SIZE.h2, color: COLORS.accent })] })] : []),
    factsTable([
      [c.group, model.group.name],
      [c.schools, model.group.schools.join(', ')],
      [c.subject, model.group.subject],
      [c.grade, model.group.gradeBand],
      [c.researchTheme, model.group.researchTheme],
      [c.researchQuestion, model.cycle.researchQuestion],
      [c.taught, model.cycle.teachingDate],
      [c.className, model.cycle.className],
      [c.teacher, model.cycle.teacher],
      [c.students, model.cycle.studentCount === null ? '' : String(model.cycle.studentCount)],
      [c.discussion, model.cycle.discussionDate],
      [c.started, model.cycle.startedOn],
      [c.closed, model.cycle.closedOn],
      [c.phase, labels.phases[model.cycle.phase]],
    ]),
    new Paragraph({ style: STYLE.label, spacing: { before: 240 }, children: [plain(c.members)] }),
    buildTable(
      [
        { header: c.name, weight: 2 },
        { header: c.role, weight: 2 },
      ],
      model.members.map((m) => [m.name, labels.roles[m.role]]),
      PORTRAIT_TEXT_WIDTH,
    ),
    ...(model.anonymized ? [new Paragraph({ spacing: { before: 240 }, children: [plain(labels.anonymizedNote, { italics: true })] })] : []),
    // A page break before the contents, not after the cover: a cover that runs long never leaves a blank page.
    new Paragraph({ pageBreakBefore: true, spacing: { after: 200 }, children: [plain(labels.contents, { bold: true, size: SIZE.h1, color: COLORS.accent })] }),
    ...contentsList(contents),
  ];
};

/** Goals, background and the study of the material: the portrait part of the lesson chapter. */
export const lessonFront = (model: ReportModel, labels: ReportLabels): FileChild[] => {
  const out: FileChild[] = [heading(labels.lesson.heading, 1)];
  if (!model.lesson) return [...out, ...textParagraphs(labels.lesson.noLesson)];
  const { content, versionNumber } = model.lesson;
  const p = labels.plan;
  out.push(
    note(labels.lesson.version(versionNumber)),
    factsTable([
      [p.subject, content.subject],
      [p.grade, content.grade],
      [p.unit, content.unitName],
      // One lesson date throughout: the day it was taught (the cover's) once there is one, not the plan's first guess.
      [p.date, model.cycle.teachingDate || content.plannedDate],
      [p.teacher, content.teacher],
      [p.duration, p.minutes(content.durationMinutes)],
    ]),
    heading(p.goals, 2),
    ...labelledText(p.longTermGoal, content.goals.longTerm || content.researchTheme || model.group.researchTheme),
    ...labelledText(p.unitGoal, content.goals.unit),
    ...labelledText(p.lessonGoal, content.goals.lesson),
  );
  if (content.unitSequence.length) {
    out.push(heading(p.unitSequence, 2));
    content.unitSequence.forEach((lesson, i) =>
      out.push(
        new Paragraph({
          children: [
            new TextRun({ text: `${i + 1}. ${sanitizeXmlText(lesson.title)}`, bold: lesson.isThisLesson }),
            ...(lesson.isThisLesson ? [new TextRun({ text: ` ${p.thisLesson}`, bold: true })] : []),
          ],
        }),
      ),
    );
  }
  for (const [label, text] of [
    [p.background, content.background],
    [p.materialStudy, content.materialStudy],
    [p.materials, content.materials],
  ] as const) {
    if (text.trim()) out.push(heading(label, 2), ...textParagraphs(text));
  }
  return out;
};

/** The flow table, for a landscape section: its header row repeats on every page. */
export const lessonFlow = (model: ReportModel, labels: ReportLabels): FileChild[] => {
  if (!model.lesson) return [];
  const { content } = model.lesson;
  return [
    heading(labels.plan.flow, 2),
    note(labels.plan.totalMinutes(totalMinutes(content), content.durationMinutes)),
    flowTable(content.steps, labels.plan, LANDSCAPE_TEXT_WIDTH),
  ];
};

/** Board plan, observation plan and the planning meetings. */
export const lessonBack = (model: ReportModel, labels: ReportLabels): FileChild[] => {
  const out: FileChild[] = [];
  const p = labels.plan;
  const content = model.lesson?.content;
  if (content?.boardPlan.trim()) out.push(heading(p.boardPlan, 2), ...textParagraphs(content.boardPlan));
  if (model.group.norms.length) out.push(heading(labels.cover.norms, 2), ...bullets(model.group.norms));
  if (model.meetings.length) {
    const m = labels.planning;
    out.push(heading(m.heading, 2));
    for (const meeting of model.meetings) {
      out.push(
        heading(m.meeting(meeting.date), 3),
        ...labelledText(m.attendees, meeting.attendees.join(', ')),
        ...labelledText(m.agenda, meeting.agenda),
        ...labelledText(m.notes, meeting.notes),
        ...labelledText(m.decisions, meeting.decisions),
        ...labelledText(m.followUps, meeting.followUps),
      );
    }
  }
  return out;
};
