import type { SegmentKind } from '../../../shared/domain/analysis';
import type { Phase, StudentResponse } from '../../../shared/domain/cycle';
import type { MemberRole } from '../../../shared/domain/group';
import type { ClassModeChange } from '../../../shared/domain/observation';
import type { ReportWords } from '../../../shared/report/model';
import { comparisonLabels, type ComparisonLabels } from '../comparison';
import { lessonPlanLabels, type LessonPlanLabels } from '../lesson-plan';

/** Every heading and label of the cycle report, in the document's language. */
export interface ReportLabels {
  words: ReportWords;
  plan: LessonPlanLabels;
  comparison: ComparisonLabels;
  documentKind: string;
  anonymizedNote: string;
  contents: string;
  page: string;
  of: string;
  cover: {
    group: string;
    schools: string;
    subject: string;
    grade: string;
    researchTheme: string;
    researchQuestion: string;
    taught: string;
    className: string;
    teacher: string;
    students: string;
    discussion: string;
    started: string;
    closed: string;
    phase: string;
    members: string;
    name: string;
    role: string;
    norms: string;
  };
  roles: Record<MemberRole, string>;
  phases: Record<Phase, string>;
  planning: { heading: string; meeting: (date: string) => string; attendees: string; agenda: string; notes: string; decisions: string; followUps: string };
  lesson: { heading: string; noLesson: string; version: (n: number) => string };
  observations: {
    heading: string;
    overview: (notes: number, observers: number, aboutStudents: number) => string;
    byObserver: string;
    observer: string;
    notes: string;
    heatmap: string;
    heatmapNote: string;
    step: string;
    total: string;
    keyQuotes: string;
    coverage: string;
    coverageSummary: (covered: number, total: number) => string;
    point: string;
    evidence: string;
    noEvidence: string;
    classModes: string;
    modes: Record<ClassModeChange['mode'], string>;
    students: string;
    studentsNote: string;
    concerns: string;
    lookFor: string;
    anticipated: string;
    observed: string;
    nothingObserved: string;
    outsideSteps: string;
    response: string;
    responded: Record<StudentResponse['responded'], string>;
  };
  discussion: { heading: string; segments: Record<Exclude<SegmentKind, 'custom'>, string>; speakers: (names: string[]) => string; planned: (min: number) => string; finalComments: string; by: (name: string) => string; empty: string };
  findings: { heading: string; none: string; step: string; impliesRevision: string; supporting: string; contradicting: string; removed: (n: number) => string };
  revision: {
    heading: string;
    summary: (from: number, to: number) => string;
    versionSummary: string;
    why: string;
    wholeDesign: string;
    evidence: string;
    finding: string;
    removed: string;
    noRevision: string;
    closedWithout: string;
    steps: string;
    fields: string;
  };
  reflection: { heading: string; researchTheme: string; practices: string; practice: string; now: string; next: string; studentsOfConcern: string; nextSteps: string; empty: string };
  appendix: { heading: string; clock: string; step: string; observer: string; target: string; codes: string; note: string };
  photos: { heading: string; unreadable: (name: string) => string; missing: (name: string) => string };
}

const en: ReportLabels = {
  words: {
    wholeClass: 'Whole class',
    unknownStudent: 'Unknown student',
    unknownMember: 'Former member',
    noStep: 'Outside any step',
    uncoded: 'No code',
    untitledStep: (i) => `Step ${i + 1}`,
    studentPrefix: 'Student',
    studentOr: 'or',
  },
  plan: lessonPlanLabels.en,
  comparison: comparisonLabels.en,
  documentKind: 'Lesson study cycle report',
  anonymizedNote: 'Student names in this report are replaced by labels (Student A, Student B, …).',
  contents: 'Contents',
  page: 'Page',
  of: 'of',
  cover: {
    group: 'Group',
    schools: 'Schools',
    subject: 'Subject',
    grade: 'Grades',
    researchTheme: 'Research theme',
    researchQuestion: 'Research question of this cycle',
    taught: 'Research lesson taught',
    className: 'Class',
    teacher: 'Instructor',
    students: 'Students present',
    discussion: 'Post-lesson discussion',
    started: 'Cycle started',
    closed: 'Cycle closed',
    phase: 'Current phase',
    members: 'Members and roles',
    name: 'Name',
    role: 'Role',
    norms: 'Group norms',
  },
  roles: { facilitator: 'Facilitator', teacher: 'Teacher', observer: 'Observer', 'knowledgeable-other': 'Knowledgeable other' },
  phases: { plan: 'Plan', teach: 'Teach', observe: 'Observe', analyze: 'Analyze', revise: 'Revise', closed: 'Closed' },
  planning: {
    heading: 'Planning meetings',
    meeting: (date) => `Meeting of ${date}`,
    attendees: 'Attendees',
    agenda: 'Agenda',
    notes: 'Notes',
    decisions: 'Decisions',
    followUps: 'Follow-ups',
  },
  lesson: { heading: 'The lesson as taught', noLesson: 'No version of the lesson design was chosen for this cycle.', version: (n) => `Version ${n} of the lesson design` },
  observations: {
    heading: 'Observation summary',
    overview: (notes, observers, students) =>
      `${notes} notes from ${observers} observer${observers === 1 ? '' : 's'}; ${students} of them about focus students.`,
    byObserver: 'Notes per observer',
    observer: 'Observer',
    notes: 'Notes',
    heatmap: 'Notes by step and code',
    heatmapNote: 'Each cell counts the notes of a step that carry a code; a note with two codes counts in both. Darker shading means more notes; the number is always shown.',
    step: 'Step',
    total: 'Notes in step',
    keyQuotes: 'Key quotes, step by step',
    coverage: 'Points to notice: evidence collected',
    coverageSummary: (covered, total) => `${covered} of ${total} points to notice have at least one linked note.`,
    point: 'Point to notice',
    evidence: 'Linked notes',
    noEvidence: 'No evidence collected',
    classModes: 'Class organisation over time',
    modes: { 'whole-class': 'Whole class', pairs: 'Pairs', 'small-groups': 'Small groups', individual: 'Individual work' },
    students: 'Focus students: predicted and observed',
    studentsNote: 'For each focus student, what the plan anticipated in each step beside what observers recorded about that student.',
    concerns: 'Why we watch this student',
    lookFor: 'What to look for',
    anticipated: 'Anticipated',
    observed: 'Observed',
    nothingObserved: '—',
    outsideSteps: 'Notes outside the planned steps',
    response: 'Did the student respond to the lesson?',
    responded: { unknown: 'Not yet judged', yes: 'Yes', partly: 'Partly', no: 'No' },
  },
  discussion: {
    heading: 'Post-lesson discussion',
    segments: {
      thanks: 'Thanks to the instructor',
      reflections: "Instructor's reflections",
      'planning-team': 'The planning team',
      observers: 'Observers share evidence',
      'final-comments': 'Final comments',
    },
    speakers: (names) => `${names.length > 1 ? 'Speakers' : 'Speaker'}: ${names.join(', ')}`,
    planned: (min) => `${min} min planned`,
    finalComments: "The knowledgeable other's final comments",
    by: (name) => `Comments by ${name}`,
    empty: 'No notes were taken.',
  },
  findings: {
    heading: 'Findings',
    none: 'The group has not recorded findings for this cycle.',
    step: 'Step',
    impliesRevision: 'Implies a revision of the lesson',
    supporting: 'Supporting evidence',
    contradicting: 'Contradicting evidence',
    removed: (n) => `${n} linked note${n === 1 ? ' was' : 's were'} deleted since.`,
  },
  revision: {
    heading: 'Revisions to the lesson',
    summary: (from, to) => `From version ${from} (taught) to version ${to} (revised)`,
    versionSummary: 'Summary of the revised version',
    why: 'Why it changed',
    wholeDesign: 'The design as a whole',
    evidence: 'Cited evidence',
    finding: 'Finding',
    removed: 'Evidence removed since the change was written.',
    noRevision: 'The lesson has not been revised yet.',
    closedWithout: 'The cycle was closed without revising the lesson:',
    steps: 'Changes step by step',
    fields: 'Changes to the plan',
  },
  reflection: {
    heading: 'Closing reflection and next steps',
    researchTheme: 'What we learned about our research theme',
    practices: 'How we work together',
    practice: 'Practice',
    now: 'What we do now',
    next: 'Possible next steps',
    studentsOfConcern: 'Our students of concern',
    nextSteps: 'Next steps',
    empty: 'The closing reflection has not been written yet.',
  },
  appendix: { heading: 'Appendix: all observations', clock: 'Time', step: 'Step', observer: 'Observer', target: 'About', codes: 'Codes', note: 'Note' },
  photos: {
    heading: 'Photos of student work and the board',
    unreadable: (name) => `${name} (not embedded: the file cannot be read as an image; it is in the workspace's photos folder)`,
    missing: (name) => `${name} (the photo file is missing from the workspace)`,
  },
};

const ja: ReportLabels = {
  words: {
    wholeClass: '学級全体',
    unknownStudent: '不明な児童',
    unknownMember: '元メンバー',
    noStep: '段階外',
    uncoded: 'コードなし',
    untitledStep: (i) => `段階${i + 1}`,
    studentPrefix: '児童',
    studentOr: 'または',
  },
  plan: lessonPlanLabels.ja,
  comparison: comparisonLabels.ja,
  documentKind: '授業研究サイクル報告書',
  anonymizedNote: 'この報告書では児童の名前を記号（児童 A、児童 B …）に置き換えています。',
  contents: '目次',
  page: '',
  of: '/',
  cover: {
    group: 'グループ',
    schools: '学校',
    subject: '教科',
    grade: '学年',
    researchTheme: '研究主題',
    researchQuestion: '本サイクルの研究課題',
    taught: '研究授業',
    className: '学級',
    teacher: '授業者',
    students: '児童数',
    discussion: '事後協議会',
    started: 'サイクル開始',
    closed: 'サイクル終了',
    phase: '現在の段階',
    members: 'メンバーと役割',
    name: '氏名',
    role: '役割',
    norms: 'グループの約束',
  },
  roles: { facilitator: '司会・推進役', teacher: '教員', observer: '参観者', 'knowledgeable-other': '講師' },
  phases: { plan: '計画', teach: '授業', observe: '観察', analyze: '協議', revise: '改善', closed: '終了' },
  planning: {
    heading: '事前検討会',
    meeting: (date) => `${date} の検討会`,
    attendees: '出席者',
    agenda: '議題',
    notes: '記録',
    decisions: '決定事項',
    followUps: '今後の課題',
  },
  lesson: { heading: '実施した授業', noLesson: 'このサイクルでは学習指導案の版が選ばれていません。', version: (n) => `学習指導案 第${n}版` },
  observations: {
    heading: '授業観察のまとめ',
    overview: (notes, observers, students) => `参観者${observers}名による記録${notes}件（うち抽出児に関する記録${students}件）。`,
    byObserver: '参観者ごとの記録数',
    observer: '参観者',
    notes: '記録数',
    heatmap: '段階×コード別の記録数',
    heatmapNote: '各欄はその段階でそのコードが付いた記録の数です（コードが2つの記録は両方に数えます）。網掛けが濃いほど多く、数値は常に表示しています。',
    step: '段階',
    total: '段階の記録数',
    keyQuotes: '段階ごとの主な発言・記録',
    coverage: '見取りの視点：集まった証拠',
    coverageSummary: (covered, total) => `見取りの視点${total}件のうち${covered}件に記録が結び付いています。`,
    point: '見取りの視点',
    evidence: '結び付いた記録',
    noEvidence: '記録なし',
    classModes: '学習形態の推移',
    modes: { 'whole-class': '一斉', pairs: 'ペア', 'small-groups': 'グループ', individual: '個人' },
    students: '抽出児：予想と実際',
    studentsNote: '抽出児ごとに、各段階の予想される児童の反応と、参観者が記録した実際の様子を並べています。',
    concerns: '見取りの理由',
    lookFor: '見取りの視点',
    anticipated: '予想される反応',
    observed: '実際の様子',
    nothingObserved: '—',
    outsideSteps: '段階外の記録',
    response: '授業で変容が見られたか',
    responded: { unknown: '未判断', yes: 'はい', partly: '一部', no: 'いいえ' },
  },
  discussion: {
    heading: '事後協議会',
    segments: {
      thanks: '授業者への謝辞',
      reflections: '授業者の振り返り',
      'planning-team': '指導案検討チームから',
      observers: '参観者からの報告',
      'final-comments': '指導講評',
    },
    speakers: (names) => `発言者: ${names.join('、')}`,
    planned: (min) => `予定${min}分`,
    finalComments: '講師による指導講評',
    by: (name) => `講師：${name}`,
    empty: '記録はありません。',
  },
  findings: {
    heading: '知見',
    none: 'このサイクルの知見はまだ記録されていません。',
    step: '段階',
    impliesRevision: '指導案の改善につながる',
    supporting: '裏付ける記録',
    contradicting: '反する記録',
    removed: (n) => `結び付いていた記録のうち${n}件は削除されています。`,
  },
  revision: {
    heading: '指導案の改善',
    summary: (from, to) => `第${from}版（実施）から第${to}版（改善）へ`,
    versionSummary: '改善版の概要',
    why: '変更の理由',
    wholeDesign: '指導案全体',
    evidence: '根拠とした記録',
    finding: '知見',
    removed: 'この根拠は変更後に削除されました。',
    noRevision: '指導案はまだ改善されていません。',
    closedWithout: '指導案を改善せずにサイクルを終了しました：',
    steps: '段階ごとの変更',
    fields: '指導案の変更点',
  },
  reflection: {
    heading: '振り返りと今後の課題',
    researchTheme: '研究主題について学んだこと',
    practices: '協働の在り方',
    practice: '取り組み',
    now: '現在',
    next: '次の一歩',
    studentsOfConcern: '気になる児童について',
    nextSteps: '今後の課題',
    empty: '振り返りはまだ書かれていません。',
  },
  appendix: { heading: '資料：全記録', clock: '時刻', step: '段階', observer: '参観者', target: '対象', codes: 'コード', note: '記録' },
  photos: {
    heading: '児童の作品・板書の写真',
    unreadable: (name) => `${name}（画像として読み込めないため埋め込めません。ワークスペースの photos フォルダにあります）`,
    missing: (name) => `${name}（写真ファイルがワークスペースにありません）`,
  },
};

export const reportLabels: Record<'en' | 'ja', ReportLabels> = { en, ja };
