import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import JSZip from 'jszip';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { comparisonFileName, lessonPlanFileName } from '../../electron/backend/designs-files';
import { reportFileName } from '../../electron/backend/reports';
import { comparisonDocx, comparisonLabels, type ComparisonEvidence } from '../../electron/docx/comparison';
import { lessonPlanDocx, lessonPlanLabels } from '../../electron/docx/lesson-plan';
import { reportDocx } from '../../electron/docx/report/document';
import { reportLabels } from '../../electron/docx/report/labels';
import type { VersionComparison } from '../../shared/contract/designs';
import { diffDesign } from '../../shared/diff';
import { CycleAnalysis } from '../../shared/domain/analysis';
import { Cycle } from '../../shared/domain/cycle';
import { DesignVersion } from '../../shared/domain/design';
import { Group } from '../../shared/domain/group';
import { Observation } from '../../shared/domain/observation';
import { anonymizeComparison, anonymizeLessonPlan, studentWords } from '../../shared/report/anonymize-export';
import { buildReportModel } from '../../shared/report/model';
import { openSampleCopy } from '../fixtures/sample/report-helpers';
import { tempDir } from './support/temp';

/**
 * The proof that "anonymised" means anonymous: a class whose students are written the
 * ways teachers write them — "José" for "José Luis", "Zoe" for "Zoë", "Mias", "Mia’s",
 * a seat nickname, a name broken over a line, Japanese with honorifics — in every kind
 * of field, exported as a report, a lesson plan and a comparison. No roster name or
 * variant may remain in any part of any package: XML parts, properties, relationships,
 * media names, nor in the suggested file names.
 */

const uid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const [AIKO, BEN] = [uid(1), uid(2)];
const [JOSE, ZOE, MIA, RENEE, WILL, TARO] = [uid(11), uid(12), uid(13), uid(14), uid(15), uid(16)];
const [LAUNCH, EXPLORE] = [uid(31), uid(32)];
const [CYCLE, GROUP, DESIGN] = [uid(50), uid(60), uid(200)];
const [N1, N2, N3, N4, N5] = [uid(71), uid(72), uid(73), uid(74), uid(75)];
const T = '2026-05-01T08:00:00.000Z';

/** Every name and variant that must not survive, written by hand (compared without accents, any case). */
const FORBIDDEN = ['jose', 'luis', 'zoe', 'mia', 'mias', 'mimi', 'renee', '山田', '太郎'];
/** "Will" is also a word: the capitalised name must go; "will" the word may stay. */
const FORBIDDEN_EXACT = ['Will'];
const MEMBERS = ['Aiko Tanaka', 'Ben Ortiz'];

const leftovers = (text: string): string[] => {
  const flat = text.normalize('NFD').replace(/\p{M}/gu, '');
  return [
    ...FORBIDDEN.filter((name) => new RegExp(/\p{Script=Han}/u.test(name) ? name : `(?<![\\p{L}])${name}(?![\\p{L}])`, 'iu').test(flat)),
    ...FORBIDDEN_EXACT.filter((name) => new RegExp(`(?<![\\p{L}])${name}(?![\\p{L}])`, 'u').test(flat)),
  ];
};

const group = Group.parse({
  id: GROUP,
  name: 'Cedar Grade 5 Math',
  subject: 'Mathematics',
  researchTheme: 'Students justify their reasoning to peers',
  members: [
    { id: AIKO, name: 'Aiko Tanaka', role: 'facilitator' },
    { id: BEN, name: 'Ben Ortiz', role: 'teacher' },
  ],
  focusStudents: [
    { id: JOSE, pseudonym: 'José Luis', focus: true, concern: true, concerns: 'José rarely speaks' },
    { id: ZOE, pseudonym: 'Zoë', focus: true },
    { id: MIA, pseudonym: 'Mia' },
    { id: RENEE, pseudonym: 'Renée', concern: true },
    { id: WILL, pseudonym: 'Will' },
    { id: TARO, pseudonym: '山田 太郎', focus: true },
  ],
  seatingChart: { seats: [{ id: uid(90), col: 0, row: 0, studentId: MIA, label: 'Mimi' }] },
  createdAt: T,
  updatedAt: T,
});

const steps = [
  {
    id: LAUNCH,
    title: 'Launch with Zoe',
    minutes: 10,
    activities: 'Ask Will to share first; will the class agree?',
    anticipatedResponses: [{ id: uid(101), text: 'Renee draws halves' }],
    teacherSupport: 'Pair MIA with 太郎くん',
    pointsToNotice: [{ id: uid(111), text: 'Does José\nLuis explain?' }],
  },
  { id: EXPLORE, title: 'Explore: 山田\u3000太郎さん shares', minutes: 20 },
];

const taught = DesignVersion.parse({
  id: uid(201),
  number: 1,
  content: {
    title: 'Sharing pizzas (José  Luis’s idea)',
    teacher: 'Ben Ortiz',
    goals: { lesson: 'Answer Mias question about fourths' },
    background: 'Zoe and Renée asked why halves of different pizzas differ.',
    materials: 'Will’s fraction cards',
    steps,
    observationPlan: [{ id: uid(211), observerId: AIKO, studentId: JOSE, lookFor: 'Does José name the whole?' }],
  },
  summary: 'First version',
  createdAt: T,
  taughtInCycleIds: [CYCLE],
});

// The revision writes "José Luis" as "José": anonymised before the diff, nothing of the name is struck through.
const revised = DesignVersion.parse({
  id: uid(202),
  number: 2,
  basedOnVersionId: taught.id,
  content: { ...taught.content, title: 'Sharing pizzas (José’s idea)', steps: [{ ...steps[0], title: 'Launch with Zoë and Mimi' }, steps[1]] },
  summary: 'Launch names Mimi',
  createdAt: '2026-06-20T08:00:00.000Z',
  changeNotes: [
    {
      id: uid(221),
      stepId: LAUNCH,
      summary: 'José Luis → José',
      rationale: 'Mia’s table needed Renee sooner.',
      evidence: [{ kind: 'observation', id: N1, cycleId: CYCLE }],
    },
  ],
});

const note = (id: string, clockMs: number, target: Observation['target'], text: string, extra: Partial<Observation> = {}) =>
  Observation.parse({
    id,
    cycleId: CYCLE,
    observerId: AIKO,
    clockMs,
    wallTime: new Date(Date.parse('2026-06-12T09:00:00.000Z') + clockMs).toISOString(),
    stepId: LAUNCH,
    target,
    text,
    createdAt: T,
    updatedAt: T,
    ...extra,
  });

let photoHash = '';
let photoBytes: Buffer;
const observations = (): Observation[] => [
  note(N1, 60_000, { kind: 'student', studentId: ZOE }, 'ZOË: “I cut it in 4.” Mimi points at 太郎くん’s drawing.'),
  note(N2, 120_000, { kind: 'group', label: 'Mia’s table' }, 'Zoe\u00a0and Will’s pair argue; Renée-san listens.'),
  note(N3, 180_000, { kind: 'student', studentId: WILL }, 'Today Will said halves are equal.', {
    photos: [{ hash: photoHash, ext: 'png', name: 'Renée and José Luis work.png', bytes: photoBytes.length }],
  }),
  note(N4, 240_000, { kind: 'student', studentId: TARO }, '山田さんは「太郎くんと同じ」と言った。'),
  note(N5, 300_000, { kind: 'student', studentId: MIA }, 'Mia wrote 1/4', { deletedAt: T }),
];

const cycle = Cycle.parse({
  id: CYCLE,
  groupId: GROUP,
  title: "Fractions with Mia's table",
  researchQuestion: 'Does JOSE LUIS justify a half?',
  designId: DESIGN,
  versionId: taught.id,
  revisedVersionId: revised.id,
  phase: 'revise',
  meetings: [{ id: uid(401), date: '2026-05-20', attendeeIds: [AIKO, BEN], notes: 'Discussed Will’s seat next to Zoe' }],
  teaching: { date: '2026-06-12', className: '5-2', teacherId: BEN, studentCount: 28 },
  reflection: { studentsOfConcern: 'Renée and 山田 太郎 need more time', nextSteps: 'Ask Mimi first' },
  createdAt: T,
  updatedAt: T,
});

const analysis = () =>
  CycleAnalysis.parse({
    cycleId: CYCLE,
    groupId: GROUP,
    discussion: {
      segments: [{ id: uid(501), kind: 'observers', plannedMinutes: 30, notes: 'Renee spoke first; José Luis after.' }],
      finalComments: 'Give Zoe time, and ask José  Luis to explain.',
    },
    findings: [
      { id: uid(81), statement: '太郎ちゃん and Mias partner moved to a table', supportingObservationIds: [N1, N2], impliesRevision: true, stepId: LAUNCH, createdAt: T, updatedAt: T },
    ],
    updatedAt: T,
  });

/** Every part of a .docx as text (XML, properties, relationships) plus the names of its media. */
const wholePackage = async (bytes: Uint8Array): Promise<{ text: string; parts: string[] }> => {
  const zip = await JSZip.loadAsync(bytes);
  const parts = Object.keys(zip.files);
  const texts = await Promise.all(parts.filter((name) => !zip.files[name].dir && !/\.(png|jpe?g|gif)$/.test(name)).map((name) => zip.files[name].async('string')));
  return { text: [...parts, ...texts].join('\n'), parts };
};

describe('anonymised exports name no student anywhere in the package', () => {
  let report: { text: string; parts: string[] };
  let plainReport: { text: string; parts: string[] };
  let plan: { text: string; parts: string[] };
  let comparison: { text: string; parts: string[] };
  let comparisonInput: VersionComparison;

  beforeAll(async () => {
    // A photo whose metadata names students: the report must re-encode it without.
    photoBytes = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 200, g: 40, b: 40 } } })
      .png()
      .withMetadata({ exif: { IFD0: { Artist: 'Mia', ImageDescription: 'Zoe and Will' } } })
      .toBuffer();
    const { createHash } = await import('node:crypto');
    photoHash = createHash('sha256').update(photoBytes).digest('hex');

    const sources = { group, cycle, taught, revised, observations: observations(), classModes: [], analysis: analysis() };
    const model = buildReportModel(sources, { anonymize: true, includeAppendix: true, includePhotos: true }, reportLabels.en.words);
    report = await wholePackage(await reportDocx({ model, language: 'en', photoBytes: new Map([[photoHash, photoBytes]]) }));
    const plainModel = buildReportModel(sources, { anonymize: false, includeAppendix: true, includePhotos: true }, reportLabels.en.words);
    plainReport = await wholePackage(await reportDocx({ model: plainModel, language: 'en', photoBytes: new Map([[photoHash, photoBytes]]) }));

    const anonymousPlan = anonymizeLessonPlan(taught.content, group, studentWords.en);
    plan = await wholePackage(await lessonPlanDocx({ content: anonymousPlan.content, versionNumber: 1, group: anonymousPlan.group, labels: lessonPlanLabels.en }));

    const compared = (version: DesignVersion) => ({ ref: version.id, number: version.number, createdAt: version.createdAt, summary: version.summary, authors: ['Ben Ortiz'], taughtInCycleIds: version.taughtInCycleIds, content: version.content });
    comparisonInput = {
      designId: DESIGN,
      from: compared(taught),
      to: compared(revised),
      diff: diffDesign(taught.content, revised.content),
      changeNotes: revised.changeNotes.map((n) => ({ ...n, versionNumber: 2 })),
    };
    const evidence: ComparisonEvidence[] = [{ kind: 'observation', id: N1, status: 'present', text: 'ZOË: “I cut it in 4.”', source: '1:00 · Aiko Tanaka · Zoë' }];
    const anonymous = anonymizeComparison(comparisonInput, evidence, group, studentWords.en);
    comparison = await wholePackage(await comparisonDocx(anonymous.comparison, comparisonLabels.en, anonymous.evidence));
  }, 60_000);

  it('the fixture names every student in the plain report, so the check below can fail', () => {
    expect(leftovers(plainReport.text)).toEqual(['jose', 'luis', 'zoe', 'mia', 'mias', 'mimi', 'renee', '山田', '太郎', 'Will']);
  });

  it('the report: no name or variant in any XML part, property, relationship or media name', () => {
    expect(report.parts).toContain('docProps/core.xml');
    expect(report.parts.some((p) => p.startsWith('word/media/'))).toBe(true);
    expect(leftovers(report.text)).toEqual([]);
    for (const member of MEMBERS) expect(report.text).toContain(member);
  });

  it('the report: the labels stand where the names were, and the everyday word stays a word', () => {
    expect(report.text).toContain('Student');
    expect(report.text).toContain('will the class agree?');
    expect(report.text).not.toMatch(/Luis|Student [A-Z]+ Luis/);
  });

  it('the lesson plan: no name or variant anywhere, the observation plan’s student by label', () => {
    expect(leftovers(plan.text)).toEqual([]);
    expect(plan.text).toContain('Student A’s idea');
    expect(plan.text).toContain('Aiko Tanaka');
  });

  it('the comparison: no name or variant anywhere, and "José Luis" → "José" strikes nothing through', () => {
    expect(leftovers(comparison.text)).toEqual([]);
    // The plain comparison strikes "Luis" through (the proof the fixture tests something).
    const plainTitle = comparisonInput.diff.fields.find((f) => f.field === 'title')!.diff.parts;
    expect(plainTitle.filter((p) => p.removed).map((p) => p.value.trim()).join(' ')).toContain('Luis');
    const anonymous = anonymizeComparison(comparisonInput, [], group, studentWords.en).comparison;
    expect(anonymous.diff.fields.find((f) => f.field === 'title')!.diff.changed).toBe(false);
  });

  it('the Japanese comparison says what changed in Japanese, labels its students 児童, and names nobody', async () => {
    const anonymous = anonymizeComparison(comparisonInput, [], group, studentWords.ja).comparison;
    const ja = await wholePackage(await comparisonDocx(anonymous, comparisonLabels.ja));
    // Anonymised, the title's change ("José Luis’s" → "José’s") is no change; the first step's title is.
    expect(ja.text).toContain('>1つの段階を変更<');
    expect(ja.text).not.toContain('項目を変更');
    expect(ja.text).not.toContain('1 step changed');
    expect(ja.text).toContain('児童 A');
    expect(leftovers(ja.text)).toEqual([]);
  });

  it('suggests file names without a student', () => {
    expect(reportFileName(cycle.title, { anonymize: true, language: 'en' }, group)).toBe("Fractions with Student's table - report (anonymised).docx");
    expect(reportFileName(cycle.title, { anonymize: true, language: 'ja' }, group)).toBe("Fractions with 児童's table 報告書（匿名化）.docx");
    expect(reportFileName(cycle.title, { anonymize: false, language: 'en' }, group)).toBe("Fractions with Mia's table - report.docx");
    const planTitle = anonymizeLessonPlan(taught.content, group, studentWords.en).content.title;
    expect(lessonPlanFileName(planTitle, 1, { anonymize: true, language: 'en' })).toBe('Sharing pizzas (Student A’s idea) v1 (anonymised).docx');
    expect(comparisonFileName(planTitle, 1, 2, { anonymize: true, language: 'en' })).toBe('Sharing pizzas (Student A’s idea) v1-v2 (anonymised).docx');
  });
});

describe('the export channels of the lesson plan and the comparison', () => {
  it('anonymise the sample lesson’s plan and comparison when asked, and suggest names without students', async () => {
    const dir = await tempDir();
    const names: string[] = [];
    const files = [path.join(dir, 'plan.docx'), path.join(dir, 'comparison.docx'), path.join(dir, 'plain-plan.docx')];
    const sample = await openSampleCopy(dir, []);
    sample.backend.context.effects.chooseSavePath = async (options) => {
      names.push(options.defaultName ?? '');
      return files[names.length - 1] ?? null;
    };
    const [group] = await sample.backend.service.listGroups({});
    const [summary] = await sample.backend.service.listDesigns({ groupId: group.id });
    const design = await sample.backend.service.getDesign({ designId: summary.id });
    const [v1, v2] = design.versions;
    await sample.backend.service.exportLessonPlanDocx({ designId: design.id, versionId: v1.id, language: 'en', anonymize: true });
    await sample.backend.service.exportComparisonDocx({ designId: design.id, fromVersionId: v1.id, toVersionId: v2.id, language: 'en', anonymize: true });
    await sample.backend.service.exportLessonPlanDocx({ designId: design.id, versionId: v1.id, language: 'en' });
    await sample.backend.close();

    // The sample class: Leo, Maya, Jonah and Amara, whom the plan's observation plan names.
    const sampleNames = /(?<![\p{L}])(Leo|Maya|Jonah|Amara)(?![\p{L}])/u;
    const [plan, comparison, plainPlan] = await Promise.all(files.map(async (file) => (await wholePackage(await readFile(file))).text));
    expect(plainPlan).toMatch(sampleNames);
    expect(plan).not.toMatch(sampleNames);
    expect(comparison).not.toMatch(sampleNames);
    expect(plan).toContain('Student A');
    expect(names[0]).toMatch(/ v1 \(anonymised\)\.docx$/);
    expect(names[1]).toMatch(/ v1-v2 \(anonymised\)\.docx$/);
    expect(names[2]).toMatch(/ v1\.docx$/);
  }, 60_000);
});

describe('teachers and guests are not students', () => {
  it('keeps a member’s and a guest’s name as written, even one that sounds like a student’s', () => {
    const GUEST = uid(3);
    const MIA_T = uid(4);
    const withTeacher: Group = { ...group, members: [...group.members, { id: MIA_T, name: 'Mia Tanaka', role: 'observer' }] };
    const visited: Cycle = { ...cycle, guestObservers: [{ id: GUEST, name: 'Will Grant' }] };
    const notes = [
      note(uid(77), 60_000, { kind: 'student', studentId: MIA }, 'Mia asks Will for the strips', { observerId: MIA_T }),
      note(uid(78), 90_000, { kind: 'class' }, 'Zoe and Mia agree', { observerId: GUEST }),
    ];
    const model = buildReportModel(
      { group: withTeacher, cycle: visited, taught, revised, observations: notes, classModes: [], analysis: null },
      { anonymize: true, includeAppendix: true, includePhotos: false },
    );
    // Labels by first appearance: the cycle's title names Mia (A), its question José Luis (B), the
    // plan's background Zoe (C) and Renée (D), its materials Will (E).
    expect(model.appendix!.map((n) => [n.observer, n.target, n.text])).toEqual([
      ['Mia Tanaka', 'Student A', 'Student A asks Student E for the strips'],
      ['Will Grant', 'Whole class', 'Student C and Student A agree'],
    ]);
    expect(model.members.map((m) => m.name)).toEqual(['Aiko Tanaka', 'Ben Ortiz', 'Mia Tanaka']);
    // The plan's teacher and a version's authors are teachers too.
    const taughtByMia = { ...taught.content, teacher: 'Mia Tanaka' };
    expect(anonymizeLessonPlan(taughtByMia, group, studentWords.en).content.teacher).toBe('Mia Tanaka');
    const byMia = buildReportModel(
      { group, cycle, taught: { ...taught, content: taughtByMia }, revised: { ...revised, content: { ...revised.content, teacher: 'Mia Tanaka' } }, observations: [], classModes: [], analysis: null },
      { anonymize: true, includeAppendix: false, includePhotos: false },
    );
    expect(byMia.lesson!.content.teacher).toBe('Mia Tanaka');
    expect(byMia.revision!.diff.fields.find((f) => f.field === 'teacher')!.diff.changed).toBe(false);
    const fromMia = { ref: taught.id, number: 1, createdAt: T, summary: '', authors: ['Mia Tanaka'], taughtInCycleIds: [], content: taughtByMia };
    const compared = anonymizeComparison({ designId: DESIGN, from: fromMia, to: fromMia, diff: diffDesign(taughtByMia, taughtByMia), changeNotes: [] }, [], group, studentWords.en).comparison;
    expect([compared.from.authors, compared.to.content.teacher]).toEqual([['Mia Tanaka'], 'Mia Tanaka']);
    expect(model.observations.observers.map((o) => o.name).sort()).toEqual(['Mia Tanaka', 'Will Grant']);
  });
});

describe('a note about several students at once (a pair)', () => {
  const [KENJI, HINA] = [uid(17), uid(18)];
  const pairGroup = Group.parse({ ...group, focusStudents: [...group.focusStudents, { id: KENJI, pseudonym: 'Kenji' }, { id: HINA, pseudonym: 'Hina' }] });
  const sources = () => ({
    group: pairGroup,
    cycle,
    taught,
    revised,
    observations: [note(uid(76), 90_000, { kind: 'students', studentIds: [KENJI, HINA] }, 'They split the pizza into sixths together.')],
    classModes: [],
    analysis: CycleAnalysis.parse({ cycleId: CYCLE, groupId: GROUP, discussion: { segments: [] }, updatedAt: T }),
  });
  const exported = async (anonymize: boolean) =>
    (await wholePackage(await reportDocx({ model: buildReportModel(sources(), { anonymize, includeAppendix: true, includePhotos: false }, reportLabels.en.words), language: 'en', photoBytes: new Map() }))).text;

  it('names both students in the plain report, so the check below can fail', async () => {
    const text = await exported(false);
    expect(text).toContain('Kenji, Hina');
  });

  it('names neither of them anonymised: each is a student label', async () => {
    const text = await exported(true);
    expect(text).toContain('They split the pizza into sixths together.');
    expect(text).not.toMatch(/Kenji|Hina/i);
    expect(text).toMatch(/Student [A-Z]+, Student [A-Z]+/);
  });
});
