import type { Phase } from '../../../shared/domain/cycle';
import { reportLabels } from '../report/labels';

/** Every heading and phrase of the research-theme document, in its language. */
export interface ThemeLabels {
  documentKind: string;
  title: string;
  anonymizedNote: string;
  group: string;
  schools: string;
  subject: string;
  gradeBand: string;
  theme: string;
  noTheme: string;
  cycleCount: (cycles: number, undated: number) => string;
  noCycles: string;
  taught: string;
  notTaught: string;
  className: string;
  phase: string;
  phases: Record<Phase, string>;
  researchQuestion: string;
  lesson: string;
  lessonLine: (title: string, version: number) => string;
  grade: string;
  noLesson: string;
  findings: string;
  noFindings: string;
  support: (notes: number) => string;
  ledTo: string;
  revisions: string;
  noRevisions: string;
  closedWithoutRevision: string;
  version: (n: number) => string;
  step: (n: number, title: string) => string;
  wholeLesson: string;
  why: string;
  fromFinding: string;
  undatedHeading: string;
  page: string;
  of: string;
}

export const themeLabels: Record<'en' | 'ja', ThemeLabels> = {
  en: {
    documentKind: 'Research theme report',
    title: 'Our research theme across cycles',
    anonymizedNote: 'Student names in this document are replaced by labels (Student A, Student B, …).',
    group: 'Group',
    schools: 'School(s)',
    subject: 'Subject',
    gradeBand: 'Grade band',
    theme: 'Research theme (long-term goal)',
    noTheme: 'The group has not written its research theme yet.',
    cycleCount: (cycles, undated) =>
      `${cycles} ${cycles === 1 ? 'cycle' : 'cycles'}, in the order they were taught` +
      (undated ? `; ${undated} not taught yet ${undated === 1 ? 'comes' : 'come'} last.` : '.'),
    noCycles: 'No cycle yet.',
    taught: 'Taught on',
    notTaught: 'No teaching date yet',
    className: 'Class',
    phase: 'Phase',
    // The phase names the cycle report prints.
    phases: reportLabels.en.phases,
    researchQuestion: 'Research question',
    lesson: 'Lesson',
    lessonLine: (title, version) => `${title} (version ${version})`,
    grade: 'Grade',
    noLesson: 'No lesson version chosen yet',
    findings: 'Findings',
    noFindings: 'No findings yet.',
    support: (notes) => (notes === 1 ? '1 supporting note' : `${notes} supporting notes`),
    ledTo: 'Led to',
    revisions: 'Revisions',
    noRevisions: 'No revision yet.',
    closedWithoutRevision: 'Closed without revising the lesson',
    version: (n) => `Version ${n}`,
    step: (n, title) => (title ? `Step ${n}: ${title}` : `Step ${n}`),
    wholeLesson: 'The lesson as a whole',
    why: 'Why',
    fromFinding: 'From the finding',
    undatedHeading: 'Cycles not taught yet',
    page: 'Page',
    of: 'of',
  },
  ja: {
    documentKind: '研究主題の報告書',
    title: 'サイクルを通した研究主題',
    anonymizedNote: 'この文書では児童の名前を記号（児童 A、児童 B …）に置き換えています。',
    group: 'グループ',
    schools: '学校',
    subject: '教科',
    gradeBand: '学年',
    theme: '研究主題（長期目標）',
    noTheme: 'グループの研究主題はまだ書かれていません。',
    cycleCount: (cycles, undated) => `${cycles} サイクル（授業日順）` + (undated ? `。授業日未定の ${undated} サイクルは最後に示します。` : '。'),
    noCycles: 'サイクルはまだありません。',
    taught: '授業日',
    notTaught: '授業日未定',
    className: '学級',
    phase: '段階',
    phases: reportLabels.ja.phases,
    researchQuestion: '研究課題',
    lesson: '授業',
    lessonLine: (title, version) => `${title}（第 ${version} 版）`,
    grade: '学年',
    noLesson: '授業する版がまだ選ばれていません',
    findings: '知見',
    noFindings: '知見はまだありません。',
    support: (notes) => `裏付ける記録 ${notes} 件`,
    ledTo: '改善',
    revisions: '改善',
    noRevisions: '改善はまだありません。',
    closedWithoutRevision: '授業を改善せずに終了',
    version: (n) => `第 ${n} 版`,
    step: (n, title) => (title ? `場面 ${n}：${title}` : `場面 ${n}`),
    wholeLesson: '授業全体',
    why: '理由',
    fromFinding: '根拠となった知見',
    undatedHeading: '未実施のサイクル',
    page: '',
    of: '/',
  },
};
