import { Document, Packer, Paragraph, TextRun, type FileChild, type ISectionOptions } from 'docx';
import type { DesignContent } from '../../shared/domain/design';
import { totalMinutes } from '../../shared/domain/design';
import type { Group } from '../../shared/domain/group';
import { LANDSCAPE_TEXT_WIDTH, PORTRAIT_TEXT_WIDTH, buildTable, flowTable, landscapeSection, portraitSection, type FlowTableLabels } from './flow-table';
import { sanitizeXmlText, sanitizedLines } from './sanitize';
import { STYLE, documentLook, heading, labelledText, pageFooter, textParagraphs, title, type PageWords } from './styles';

/** Every heading and label of the lesson plan, in the document's language. */
export interface LessonPlanLabels extends FlowTableLabels, PageWords {
  documentKind: string;
  subject: string;
  grade: string;
  unit: string;
  date: string;
  teacher: string;
  duration: string;
  version: (n: number | null) => string;
  researchTheme: string;
  goals: string;
  longTermGoal: string;
  unitGoal: string;
  lessonGoal: string;
  unitSequence: string;
  thisLesson: string;
  background: string;
  materialStudy: string;
  materials: string;
  flow: string;
  totalMinutes: (total: number, duration: number) => string;
  boardPlan: string;
  observationPlan: string;
  observer: string;
  focus: string;
  lookFor: string;
  wholeClass: string;
}

export const lessonPlanLabels: Record<'en' | 'ja', LessonPlanLabels> = {
  en: {
    documentKind: 'Research lesson plan',
    page: 'Page',
    of: 'of',
    subject: 'Subject',
    grade: 'Grade',
    unit: 'Unit',
    date: 'Date',
    teacher: 'Teacher',
    duration: 'Duration',
    version: (n) => (n === null ? 'Working draft' : `Version ${n}`),
    researchTheme: 'Research theme',
    goals: 'Goals',
    longTermGoal: 'Long-term goal (research theme)',
    unitGoal: 'Unit goal',
    lessonGoal: 'Goal of this lesson',
    unitSequence: 'Place of this lesson in the unit',
    thisLesson: '(this lesson)',
    background: 'Background and rationale',
    materialStudy: 'Study of the material',
    materials: 'Materials',
    flow: 'Lesson flow',
    totalMinutes: (total, duration) => `Planned steps: ${total} of ${duration} minutes`,
    boardPlan: 'Board plan',
    observationPlan: 'Observation plan',
    observer: 'Observer',
    focus: 'Focus student or group',
    lookFor: 'What to look for',
    wholeClass: 'Whole class',
    step: 'Step and minutes',
    activities: 'Learning activities and key questions',
    anticipatedResponses: 'Anticipated student responses',
    teacherSupport: 'Teacher support',
    pointsToNotice: 'Points to notice and evaluation',
    minutes: (n) => `${n} min`,
  },
  ja: {
    documentKind: '学習指導案',
    page: '',
    of: '/',
    subject: '教科',
    grade: '学年',
    unit: '単元名',
    date: '日時',
    teacher: '授業者',
    duration: '授業時間',
    version: (n) => (n === null ? '作業中の下書き' : `第${n}版`),
    researchTheme: '研究主題',
    goals: '目標',
    longTermGoal: '研究主題に関わる長期的な目標',
    unitGoal: '単元の目標',
    lessonGoal: '本時の目標',
    unitSequence: '単元の指導計画（本時の位置）',
    thisLesson: '（本時）',
    background: '単元設定の理由',
    materialStudy: '教材研究',
    materials: '準備物',
    flow: '本時の展開',
    totalMinutes: (total, duration) => `計画した時間：${total}分／${duration}分`,
    boardPlan: '板書計画',
    observationPlan: '観察計画',
    observer: '参観者',
    focus: '抽出児・グループ',
    lookFor: '見取りの視点',
    wholeClass: '学級全体',
    step: '段階・時間',
    activities: '学習活動と主な発問',
    anticipatedResponses: '予想される児童の反応',
    teacherSupport: '指導上の留意点・支援',
    pointsToNotice: '見取りの視点・評価',
    minutes: (n) => `${n}分`,
  },
};

export interface LessonPlanInput {
  content: DesignContent;
  /** null for the working draft. */
  versionNumber: number | null;
  /** Names observers and focus students; the research theme falls back to the group's. */
  group?: Pick<Group, 'members' | 'focusStudents' | 'researchTheme' | 'name'>;
  labels: LessonPlanLabels;
}

const factsTable = (rows: Array<[string, string]>) =>
  buildTable(
    [
      { header: '', weight: 1 },
      { header: '', weight: 3 },
    ],
    rows.filter(([, value]) => value.trim()),
    PORTRAIT_TEXT_WIDTH,
    { header: false, firstColumnShaded: true },
  );

const observationRows = (input: LessonPlanInput): string[][] => {
  const members = new Map(input.group?.members.map((m) => [m.id, m.name]) ?? []);
  const students = new Map(input.group?.focusStudents.map((s) => [s.id, s.pseudonym]) ?? []);
  return input.content.observationPlan.map((row) => [
    (row.observerId && members.get(row.observerId)) || '',
    [row.studentId ? students.get(row.studentId) ?? '' : '', row.groupLabel].filter(Boolean).join(' · ') || input.labels.wholeClass,
    row.lookFor,
  ]);
};

/**
 * The sections of a lesson plan: a portrait title block with goals, background and the
 * study of the material; the flow table on landscape pages; then the board plan and
 * observation plan. Exposed separately so a cycle report can embed the same plan.
 */
export const lessonPlanSections = (input: LessonPlanInput): ISectionOptions[] => {
  const { content, labels } = input;
  const theme = content.researchTheme.trim() || input.group?.researchTheme || '';
  const front: FileChild[] = [
    new Paragraph({ style: STYLE.label, children: [new TextRun({ text: `${labels.documentKind} · ${labels.version(input.versionNumber)}` })] }),
    title(content.title),
    factsTable([
      [labels.subject, content.subject],
      [labels.grade, content.grade],
      [labels.unit, content.unitName],
      [labels.date, content.plannedDate],
      [labels.teacher, content.teacher],
      [labels.duration, labels.minutes(content.durationMinutes)],
    ]),
    ...(theme ? [heading(labels.researchTheme, 2), ...textParagraphs(theme)] : []),
    heading(labels.goals, 1),
    ...labelledText(labels.longTermGoal, content.goals.longTerm),
    ...labelledText(labels.unitGoal, content.goals.unit),
    ...labelledText(labels.lessonGoal, content.goals.lesson),
  ];
  if (content.unitSequence.length) {
    front.push(heading(labels.unitSequence, 2));
    content.unitSequence.forEach((lesson, i) =>
      front.push(
        new Paragraph({
          children: [
            new TextRun({ text: `${i + 1}. ${sanitizeXmlText(lesson.title)}`, bold: lesson.isThisLesson }),
            ...(lesson.isThisLesson ? [new TextRun({ text: ` ${labels.thisLesson}`, bold: true })] : []),
          ],
        }),
      ),
    );
  }
  for (const [label, text] of [
    [labels.background, content.background],
    [labels.materialStudy, content.materialStudy],
    [labels.materials, content.materials],
  ] as const) {
    if (text.trim()) front.push(heading(label, 1), ...textParagraphs(text));
  }

  const flow: FileChild[] = [
    heading(labels.flow, 1),
    new Paragraph({ style: STYLE.note, children: [new TextRun({ text: labels.totalMinutes(totalMinutes(content), content.durationMinutes) })] }),
    flowTable(content.steps, labels, LANDSCAPE_TEXT_WIDTH),
  ];

  const back: FileChild[] = [];
  if (content.boardPlan.trim()) back.push(heading(labels.boardPlan, 1), ...textParagraphs(content.boardPlan));
  if (content.observationPlan.length) {
    back.push(
      heading(labels.observationPlan, 1),
      buildTable(
        [
          { header: labels.observer, weight: 1.2 },
          { header: labels.focus, weight: 1.5 },
          { header: labels.lookFor, weight: 4 },
        ],
        observationRows(input),
        PORTRAIT_TEXT_WIDTH,
      ),
    );
  }
  const footers = { default: pageFooter(labels) };
  return [portraitSection(front), landscapeSection(flow), ...(back.length ? [portraitSection(back)] : [])].map((section) => ({ ...section, footers }));
};

export const lessonPlanDocument = (input: LessonPlanInput): Document =>
  new Document({
    creator: 'Lesson Study Desktop',
    title: sanitizedLines(input.content.title).join(' '),
    description: input.labels.documentKind,
    ...documentLook(),
    sections: lessonPlanSections(input),
  });

/** The lesson plan of one version as .docx bytes. */
export const lessonPlanDocx = (input: LessonPlanInput): Promise<Buffer> => Packer.toBuffer(lessonPlanDocument(input));

/** A file name for the save dialog: the title without characters file systems refuse. */
export const safeFileName = (text: string, fallback = 'lesson-plan'): string => {
  // eslint-disable-next-line no-control-regex
  const cleaned = sanitizeXmlText(text).replace(/[\\/:*?"<>|\u0000-\u001F]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80);
  return cleaned || fallback;
};
