import type { Backend } from '../../electron/backend';
import { changeCycle } from '../../electron/backend/cycles';
import { changeGroup } from '../../electron/backend/groups';
import { DesignContent } from '../../shared/domain/design';
import type { Observation, ObservationTarget } from '../../shared/domain/observation';

/**
 * A taught research lesson with recorded notes, built through the real backend channels
 * (groups, designs, cycles, observations) — what the analysis tests and the analyze e2e
 * start from. The cycle is put in the analyze phase directly: the phase rules are the
 * cycle feature's, not what these tests are about.
 */
export const seedAnalyzedLesson = async (backend: Backend) => {
  const { service, context } = backend;
  const id = () => context.newId();
  const members = {
    facilitator: { id: id(), name: 'Aiko Tanaka', role: 'facilitator' as const },
    teacher: { id: id(), name: 'Ben Ortiz', role: 'teacher' as const },
    observer: { id: id(), name: 'Chie Mori', role: 'observer' as const },
    observer2: { id: id(), name: 'Dan Lee', role: 'observer' as const },
    ko: { id: id(), name: 'Dr. Emi Sato', role: 'knowledgeable-other' as const },
  };
  const created = await service.createGroup({
    name: 'Maple Grade 4 Math',
    schools: ['Maple Elementary'],
    subject: 'Mathematics',
    gradeBand: '4',
    researchTheme: 'Students justify their reasoning to peers',
    norms: [],
    members: Object.values(members),
  });
  const students = ['Maya', 'Ken', 'Yui'].map((pseudonym) => ({
    id: id(), pseudonym, focus: true, concern: pseudonym === 'Maya', concerns: pseudonym === 'Maya' ? 'Rarely shares her thinking' : '', supportsNow: '', supportsPlanned: '', retired: false,
  }));
  const group = await changeGroup(context, created.id, (g) => ({ ...g, focusStudents: students }));
  const codeId = (label: string) => group.codebook.find((c) => c.label === label)!.id;

  const steps = [
    { title: 'Pose the tile problem', minutes: 5, anticipated: ['Counts tiles one by one'], point: 'Do students notice the pattern grows by 2?' },
    { title: 'Independent solving', minutes: 20, anticipated: ['Draws a table', 'Writes 2n + 1'], point: 'Who uses a table to organise the counts?' },
    { title: 'Whole-class discussion', minutes: 15, anticipated: ['Compares the table with the formula'], point: 'Do students justify the rule to peers?' },
  ].map((s) => ({
    id: id(),
    title: s.title,
    minutes: s.minutes,
    activities: '',
    teacherSupport: '',
    anticipatedResponses: s.anticipated.map((text) => ({ id: id(), text })),
    pointsToNotice: [{ id: id(), text: s.point }],
  }));
  const design = await service.createDesign({ groupId: group.id, title: 'Growing tile patterns' });
  const content = DesignContent.parse({
    title: 'Growing tile patterns',
    subject: 'Mathematics',
    grade: '4',
    goals: { longTerm: '', unit: '', lesson: 'Students generalise a growing pattern and justify it' },
    steps,
    observationPlan: [
      { id: id(), observerId: members.observer.id, studentId: students[0].id, groupLabel: '', lookFor: 'Does Maya explain her count to her partner?' },
      { id: id(), observerId: members.observer2.id, studentId: students[1].id, groupLabel: '', lookFor: 'Does Ken organise his counts?' },
    ],
  });
  await service.saveDraft({ designId: design.id, content, changeNotes: [] });
  const saved = await service.saveVersion({ designId: design.id, summary: 'First version', authors: ['Aiko Tanaka'] });
  const version = saved.versions[0];

  const cycle = await service.createCycle({ groupId: group.id, title: 'Cycle 1: tile patterns', researchQuestion: '' });
  await service.chooseVersion({ cycleId: cycle.id, designId: design.id, versionId: version.id });
  await changeCycle(context, cycle.id, (c) => ({ ...c, phase: 'analyze', teaching: { ...c.teaching, teacherId: members.teacher.id } }));

  const start = Date.parse('2025-05-01T10:00:00Z');
  const note = async (
    minute: number,
    stepIndex: number,
    text: string,
    codes: string[],
    target: ObservationTarget,
    observerId = members.observer.id,
    point = false,
  ): Promise<Observation> =>
    service.saveObservation({
      observation: {
        id: id(),
        cycleId: cycle.id,
        observerId,
        clockMs: minute * 60_000,
        wallTime: new Date(start + minute * 60_000).toISOString(),
        stepId: steps[stepIndex].id,
        target,
        codeIds: codes.map(codeId),
        text,
        photos: [],
        pointToNoticeIds: point ? [steps[stepIndex].pointsToNotice[0].id] : [],
        createdAt: new Date(start + minute * 60_000).toISOString(),
        updatedAt: new Date(start + minute * 60_000).toISOString(),
      },
    });
  const maya: ObservationTarget = { kind: 'student', studentId: students[0].id };
  const ken: ObservationTarget = { kind: 'student', studentId: students[1].id };
  const notes = {
    mayaCounts: await note(3, 0, 'Maya counts every tile aloud: “one, two, three…”', ['Student strategy'], maya),
    classNotices: await note(4, 0, 'Several pairs say “it adds two each time”', ['Discourse'], { kind: 'class' }, members.observer2.id, true),
    mayaTable: await note(12, 1, 'Maya draws a two-column table and fills in 3, 5, 7', ['Student strategy'], maya, members.observer.id, true),
    kenStuck: await note(14, 1, 'Ken writes n + 2 and says “it goes up by two”', ['Misconception'], ken, members.observer2.id),
    tableThree: await note(16, 1, 'Table 3 argue whether the first figure has 3 tiles', ['Discourse', 'Question'], { kind: 'group', label: 'Table 3' }),
    mayaExplains: await note(30, 2, 'Maya to Ken: “look, each figure adds one on top and one on the side”', ['Justification'], maya),
  };
  return { group, members, students, steps, design, version, cycle, notes, codeId };
};
