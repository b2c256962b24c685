import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/backend';
import { designKind, designPath, loadDesign } from '../../electron/backend/designs';
import { Design } from '../../shared/domain/design';
import { LessonStudyError } from '../../shared/result';

let dir: string;
let backend: Backend;
let clockNow = new Date(2026, 5, 10, 9, 0, 0);
const open = () => createBackend({ workspaceDir: dir, clock: () => clockNow });

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cycle-test-'));
  clockNow = new Date(2026, 5, 10, 9, 0, 0);
  backend = await open();
});
afterEach(async () => {
  await backend.close();
  await rm(dir, { recursive: true, force: true });
});

const reopen = async () => {
  await backend.close();
  backend = await open();
};

const seed = async () => {
  const group = await backend.service.createGroup({
    name: 'Maple Math',
    schools: [],
    subject: 'Mathematics',
    gradeBand: '4',
    researchTheme: 'Students justify their reasoning',
    norms: [],
    members: [
      { id: crypto.randomUUID(), name: 'Aiko', role: 'teacher' },
      { id: crypto.randomUUID(), name: 'Ben', role: 'observer' },
    ],
  });
  const now = clockNow.toISOString();
  const content = (title: string) => ({ title });
  const design = Design.parse({
    id: crypto.randomUUID(),
    groupId: group.id,
    createdAt: now,
    updatedAt: now,
    draft: null,
    versions: [
      { id: crypto.randomUUID(), number: 1, content: content('Area of a parallelogram'), summary: 'First plan', createdAt: now },
      { id: crypto.randomUUID(), number: 2, content: content('Area of a parallelogram'), summary: 'Revised', createdAt: now },
    ],
  });
  await backend.context.store.write(designKind, designPath(design.id), { design });
  const [v1, v2] = design.versions;
  return { group, design, v1, v2 };
};

const rejects = async (promise: Promise<unknown>, code: string, message?: string) => {
  try {
    await promise;
    expect.unreachable('expected a refusal');
  } catch (error) {
    expect(error).toBeInstanceOf(LessonStudyError);
    expect((error as LessonStudyError).code).toBe(code);
    if (message) expect((error as LessonStudyError).message).toBe(message);
  }
};

describe('cycles backend', () => {
  it('creates a cycle with default checklists and persists ticks across a restart', async () => {
    const { group } = await seed();
    const cycle = await backend.service.createCycle({ groupId: group.id, title: 'Cycle 1', researchQuestion: 'How?' });
    expect(cycle.phase).toBe('plan');
    expect(cycle.checklists.plan.map((i) => i.key)).toContain('plan.goals');
    expect(cycle.reflection.practices.map((p) => p.key)).toEqual(['teams', 'evidence', 'responsibility']);

    const [first, second] = cycle.checklists.plan;
    await backend.service.setChecklistItem({ cycleId: cycle.id, phase: 'plan', itemId: first.id, done: true, by: 'Aiko' });
    await backend.service.setChecklistItem({ cycleId: cycle.id, phase: 'plan', itemId: second.id, done: true, by: 'Ben' });
    await backend.service.setChecklistItem({ cycleId: cycle.id, phase: 'plan', itemId: second.id, done: false, by: 'Ben' });
    await backend.service.addChecklistItem({ cycleId: cycle.id, phase: 'plan', label: 'Invite the principal' });

    await reopen();
    const stored = await backend.service.getCycle({ cycleId: cycle.id });
    expect(stored.checklists.plan[0]).toMatchObject({ done: true, doneBy: 'Aiko', doneAt: clockNow.toISOString() });
    expect(stored.checklists.plan[1].done).toBe(false);
    expect(stored.checklists.plan.at(-1)).toMatchObject({ label: 'Invite the principal', done: false });
    const file = JSON.parse(await readFile(path.join(dir, 'cycles', `${cycle.id}.json`), 'utf8'));
    expect(file.schemaVersion).toBe(1);
    expect(file.cycle.checklists.plan[0].done).toBe(true);
  });

  it('uses the group’s own checklist template for new cycles', async () => {
    const { group } = await seed();
    await backend.service.saveChecklistTemplate({ groupId: group.id, phase: 'plan', labels: ['Read the unit', 'Write goals'] });
    const cycle = await backend.service.createCycle({ groupId: group.id, title: 'C', researchQuestion: '' });
    expect(cycle.checklists.plan.map((i) => i.label)).toEqual(['Read the unit', 'Write goals']);
    expect(cycle.checklists.teach.length).toBeGreaterThan(0);
    const restored = await backend.service.saveChecklistTemplate({ groupId: group.id, phase: 'plan', labels: [] });
    expect(restored.checklistTemplates.plan).toBeUndefined();
  });

  it('walks a cycle plan → closed, refusing moves whose requirement is missing, and keeps the history', async () => {
    const { group, design, v1, v2 } = await seed();
    const teacherId = group.members[0].id;
    const cycle = await backend.service.createCycle({ groupId: group.id, title: 'Cycle 1', researchQuestion: '' });
    const move = (to: Parameters<typeof backend.service.moveCycle>[0]['to'], reason = '') =>
      backend.service.moveCycle({ cycleId: cycle.id, to, by: teacherId, reason });

    await rejects(move('teach'), 'invalid-transition', 'Choose the design version to teach first.');
    await rejects(move('observe'), 'invalid-transition');
    await backend.service.chooseVersion({ cycleId: cycle.id, designId: design.id, versionId: v1.id });
    expect((await loadDesign(backend.context, design.id)).versions[0].taughtInCycleIds).toEqual([cycle.id]);
    await move('teach');
    await rejects(backend.service.chooseVersion({ cycleId: cycle.id, designId: design.id, versionId: v2.id }), 'invalid-transition');

    await rejects(move('observe'), 'invalid-transition', 'Record the teaching date, the class and the teacher first.');
    await backend.service.saveTeaching({
      cycleId: cycle.id,
      teaching: { date: '2026-06-12', className: '4-2', teacherId, studentCount: 28, briefingHeld: true },
    });
    // Observe is where the lesson is watched: not before its teaching date (the one teaching-date rule).
    await rejects(
      move('observe'),
      'invalid-transition',
      'The teaching date is still ahead, and notes are taken while the lesson is taught. Set the teaching date to today if the lesson is being taught now, or move on on the day of the lesson.',
    );
    clockNow = new Date(2026, 5, 12, 9, 0, 0);
    await move('observe');
    clockNow = new Date(2026, 5, 12, 15, 0, 0);
    await move('analyze');
    await move('observe', 'We missed group 3’s notes');
    await rejects(move('teach'), 'invalid-transition', 'Going back needs a reason, so the history says why.');
    await move('analyze');
    await rejects(move('revise'), 'invalid-transition', 'Record the date of the post-lesson discussion first.');
    await backend.service.setDiscussionDate({ cycleId: cycle.id, date: '2026-06-12' });
    await move('revise');
    await rejects(backend.service.setRevisedVersion({ cycleId: cycle.id, versionId: v1.id }), 'invalid-transition');
    await rejects(move('closed'), 'invalid-transition');
    await backend.service.setRevisedVersion({ cycleId: cycle.id, versionId: v2.id });
    await move('closed');

    await reopen();
    const stored = await backend.service.getCycle({ cycleId: cycle.id });
    expect(stored.phase).toBe('closed');
    expect(stored.history.map((t) => `${t.from}>${t.to}`)).toEqual([
      'plan>teach',
      'teach>observe',
      'observe>analyze',
      'analyze>observe',
      'observe>analyze',
      'analyze>revise',
      'revise>closed',
    ]);
    expect(stored.history[3]).toMatchObject({ reason: 'We missed group 3’s notes', by: teacherId });
    expect(stored.history.every((t) => t.by === teacherId && t.at)).toBe(true);

    const summaries = await backend.service.listCycles({ groupId: group.id });
    expect(summaries).toEqual([expect.objectContaining({ id: cycle.id, phase: 'closed', nextStep: 'writeReflection', teachingDate: '2026-06-12' })]);

    const reteach = await backend.service.startReteach({ cycleId: cycle.id, title: 'Cycle 2' });
    expect(reteach).toMatchObject({ phase: 'plan', previousCycleId: cycle.id, designId: design.id, versionId: v2.id });
    expect((await loadDesign(backend.context, design.id)).versions[1].taughtInCycleIds).toEqual([reteach.id]);
  });

  it('closes without revision only with a reason', async () => {
    const { group, design, v1 } = await seed();
    const cycle = await backend.service.createCycle({ groupId: group.id, title: 'C', researchQuestion: '' });
    await backend.service.chooseVersion({ cycleId: cycle.id, designId: design.id, versionId: v1.id });
    await rejects(backend.service.setCloseWithoutRevision({ cycleId: cycle.id, reason: 'x' }), 'invalid-transition');
    await backend.service.moveCycle({ cycleId: cycle.id, to: 'teach', by: '', reason: '' });
    await backend.service.saveTeaching({ cycleId: cycle.id, teaching: { date: '2026-06-01', className: 'A', teacherId: group.members[0].id, briefingHeld: false } });
    await backend.service.moveCycle({ cycleId: cycle.id, to: 'observe', by: '', reason: '' });
    await backend.service.moveCycle({ cycleId: cycle.id, to: 'analyze', by: '', reason: '' });
    await backend.service.setDiscussionDate({ cycleId: cycle.id, date: '2026-06-01' });
    await backend.service.moveCycle({ cycleId: cycle.id, to: 'revise', by: '', reason: '' });
    await rejects(backend.service.moveCycle({ cycleId: cycle.id, to: 'closed', by: '', reason: '' }), 'invalid-transition');
    await backend.service.setCloseWithoutRevision({ cycleId: cycle.id, reason: 'The lesson met its goals' });
    expect((await backend.service.moveCycle({ cycleId: cycle.id, to: 'closed', by: '', reason: '' })).phase).toBe('closed');
  });

  it('keeps meetings, teaching, reflection and student responses', async () => {
    const { group } = await seed();
    const withStudent = await backend.service.saveFocusStudent({
      groupId: group.id,
      student: { pseudonym: 'Student K', focus: true, concern: true, concerns: 'Rarely explains', supportsNow: 'Sentence starters', supportsPlanned: '', retired: false },
    });
    const student = withStudent.focusStudents[0];
    await backend.service.saveFocusStudent({ groupId: group.id, student: { ...student, concerns: 'Rarely explains aloud' } });
    const cycle = await backend.service.createCycle({ groupId: group.id, title: 'C', researchQuestion: '' });
    const withMeeting = await backend.service.saveMeeting({
      cycleId: cycle.id,
      meeting: { date: '2026-05-02', attendeeIds: [group.members[0].id], agenda: 'Goals', notes: '', decisions: 'Use tiles', followUps: '' },
    });
    const meeting = withMeeting.meetings[0];
    await backend.service.saveMeeting({ cycleId: cycle.id, meeting: { ...meeting, notes: 'Long talk' } });
    await backend.service.saveMeeting({
      cycleId: cycle.id,
      meeting: { date: '2026-04-20', attendeeIds: [], agenda: 'Theme', notes: '', decisions: '', followUps: '' },
    });
    await backend.service.recordStudentResponse({ cycleId: cycle.id, studentId: student.id, responded: 'partly', note: 'Explained to a partner', observationIds: [] });
    const reflection = { ...cycle.reflection, researchTheme: 'Talk moves help' };
    await backend.service.saveReflection({ cycleId: cycle.id, reflection });

    await reopen();
    const stored = await backend.service.getCycle({ cycleId: cycle.id });
    expect(stored.meetings.map((m) => [m.date, m.notes])).toEqual([
      ['2026-04-20', ''],
      ['2026-05-02', 'Long talk'],
    ]);
    expect(stored.studentResponses).toEqual([expect.objectContaining({ studentId: student.id, responded: 'partly' })]);
    expect(stored.reflection.researchTheme).toBe('Talk moves help');
    expect((await backend.service.getGroup({ groupId: group.id })).focusStudents[0].concerns).toBe('Rarely explains aloud');
    const after = await backend.service.deleteMeeting({ cycleId: cycle.id, meetingId: meeting.id });
    expect(after.meetings).toHaveLength(1);
  });

  it('lists teachable versions of the group’s designs', async () => {
    const { group, design } = await seed();
    const list = await backend.service.listTeachableVersions({ groupId: group.id });
    expect(list).toEqual([
      expect.objectContaining({ designId: design.id, title: 'Area of a parallelogram', versions: [expect.objectContaining({ number: 1, taught: false }), expect.objectContaining({ number: 2 })] }),
    ]);
  });

  it('deleting a group removes its cycles', async () => {
    const { group } = await seed();
    const other = await backend.service.createGroup({ name: 'Other', schools: [], subject: '', gradeBand: '', researchTheme: '', norms: [], members: [] });
    await backend.service.createCycle({ groupId: group.id, title: 'A', researchQuestion: '' });
    const kept = await backend.service.createCycle({ groupId: other.id, title: 'B', researchQuestion: '' });
    await backend.service.deleteGroup({ groupId: group.id });
    expect(await readdir(path.join(dir, 'cycles'))).toEqual([`${kept.id}.json`]);
  });
});
