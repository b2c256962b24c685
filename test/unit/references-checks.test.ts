import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/backend';
import { Observation } from '../../shared/domain/observation';
import { tempDir } from './support/temp';

/**
 * Channels refuse ids that belong to another group, and ids given twice, with an error that
 * says what is wrong — and the stored data stays as it was.
 */

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const [AIKO, BEN, OTHER_MEMBER] = [id(1), id(2), id(3)];
let backend: Backend;

const groupFields = (name: string, members: Array<{ id: string; name: string }>) => ({
  name,
  schools: [],
  subject: '',
  gradeBand: '',
  researchTheme: '',
  norms: [],
  members: members.map((m) => ({ ...m, role: 'teacher' as const })),
});

const setUp = async () => {
  const group = await backend.service.createGroup(groupFields('Ours', [{ id: AIKO, name: 'Aiko' }, { id: BEN, name: 'Ben' }]));
  const other = await backend.service.createGroup(groupFields('Theirs', [{ id: OTHER_MEMBER, name: 'Olga' }]));
  const withLeo = await backend.service.saveFocusStudent({
    groupId: group.id,
    student: { pseudonym: 'Leo', focus: false, concern: false, concerns: '', supportsNow: '', supportsPlanned: '', retired: false },
  });
  const theirs = await backend.service.saveFocusStudent({
    groupId: other.id,
    student: { pseudonym: 'Zed', focus: false, concern: false, concerns: '', supportsNow: '', supportsPlanned: '', retired: false },
  });
  const cycle = await backend.service.createCycle({ groupId: group.id, title: 'Cycle 1', researchQuestion: '' });
  return { group, cycle, leo: withLeo.focusStudents[0].id, zed: theirs.focusStudents[0].id };
};

const note = (cycleId: string, fields: Partial<Observation>): Observation =>
  Observation.parse({
    id: id(500),
    cycleId,
    observerId: AIKO,
    clockMs: 60_000,
    wallTime: '2026-06-10T09:01:00.000Z',
    target: { kind: 'class' },
    text: 'Most pairs drew strips',
    createdAt: '2026-06-10T09:01:00.000Z',
    updatedAt: '2026-06-10T09:01:00.000Z',
    ...fields,
  });

beforeEach(async () => {
  backend = await createBackend({ workspaceDir: await tempDir(), clock: () => new Date(2026, 5, 10, 9, 0, 0) });
});
afterEach(() => backend.close());

describe('a note names people of its own group', () => {
  it('refuses an observer of another group and a student of another roster; saves with ours', async () => {
    const { cycle, leo, zed } = await setUp();
    await expect(backend.service.saveObservation({ observation: note(cycle.id, { observerId: OTHER_MEMBER }) })).rejects.toMatchObject({
      code: 'invalid-request',
      message: 'The note’s observer is not a member of this group or a guest of this lesson.',
    });
    await expect(
      backend.service.saveObservation({ observation: note(cycle.id, { target: { kind: 'student', studentId: zed } }) }),
    ).rejects.toMatchObject({ code: 'invalid-request', message: 'The note is about a student who is not on this group’s class roster.' });
    expect((await backend.service.getObservationSession({ cycleId: cycle.id })).observations).toEqual([]);

    const saved = await backend.service.saveObservation({ observation: note(cycle.id, { target: { kind: 'student', studentId: leo } }) });
    expect(saved.target).toEqual({ kind: 'student', studentId: leo });
  });

  it('keeps a note of a member who has left editable', async () => {
    const { group, cycle } = await setUp();
    await backend.service.saveObservation({ observation: note(cycle.id, { observerId: BEN }) });
    await backend.service.updateGroup({ groupId: group.id, fields: groupFields('Ours', [{ id: AIKO, name: 'Aiko' }]) });
    const edited = await backend.service.saveObservation({ observation: note(cycle.id, { observerId: BEN, text: 'Most pairs drew strips first' }) });
    expect([edited.observerId, edited.text]).toEqual([BEN, 'Most pairs drew strips first']);
  });
});

describe('a cycle names members of its group', () => {
  it('refuses a teacher of another group', async () => {
    const { cycle } = await setUp();
    const teaching = (teacherId: string) => ({ date: '2026-06-10', className: '5-1', teacherId, briefingHeld: false });
    await expect(backend.service.saveTeaching({ cycleId: cycle.id, teaching: teaching(OTHER_MEMBER) })).rejects.toMatchObject({
      code: 'invalid-request',
      message: 'The teacher is not a member of this group. Choose a member of the group.',
    });
    expect((await backend.service.getCycle({ cycleId: cycle.id })).teaching.teacherId).toBeUndefined();
    expect((await backend.service.saveTeaching({ cycleId: cycle.id, teaching: teaching(BEN) })).teaching.teacherId).toBe(BEN);
  });

  it('refuses attendees of another group and an attendee listed twice', async () => {
    const { cycle } = await setUp();
    const meeting = (attendeeIds: string[]) => ({ date: '2026-06-01', attendeeIds, agenda: 'Plan', notes: '', decisions: '', followUps: '' });
    await expect(backend.service.saveMeeting({ cycleId: cycle.id, meeting: meeting([AIKO, OTHER_MEMBER]) })).rejects.toMatchObject({
      code: 'invalid-request',
      message: 'An attendee is not a member of this group. Choose members of the group.',
    });
    await expect(backend.service.saveMeeting({ cycleId: cycle.id, meeting: meeting([AIKO, AIKO]) })).rejects.toMatchObject({
      code: 'invalid-request',
      message: 'A member is listed twice among the attendees.',
    });
    expect((await backend.service.getCycle({ cycleId: cycle.id })).meetings).toEqual([]);
    const saved = await backend.service.saveMeeting({ cycleId: cycle.id, meeting: meeting([AIKO, BEN]) });
    expect(saved.meetings.map((m) => m.attendeeIds)).toEqual([[AIKO, BEN]]);
  });
});

describe('ids given twice', () => {
  it('updateGroup refuses two members with one id', async () => {
    const { group } = await setUp();
    await expect(
      backend.service.updateGroup({ groupId: group.id, fields: groupFields('Ours', [{ id: AIKO, name: 'Aiko' }, { id: AIKO, name: 'Aiko T.' }]) }),
    ).rejects.toMatchObject({ code: 'invalid-request', message: 'Two members share one id; each member needs an id of their own.' });
    expect((await backend.service.getGroup({ groupId: group.id })).members.map((m) => m.name)).toEqual(['Aiko', 'Ben']);
  });

  it('saveDraft refuses two steps with one id', async () => {
    const { group } = await setUp();
    const design = await backend.service.createDesign({ groupId: group.id, title: 'Comparing fractions' });
    const step = { id: id(900), title: 'Launch', minutes: 5, activities: '', anticipatedResponses: [], teacherSupport: '', pointsToNotice: [] };
    const content = { ...design.draft!.content, steps: [step, { ...step, title: 'Launch again' }] };
    await expect(backend.service.saveDraft({ designId: design.id, content, changeNotes: [] })).rejects.toMatchObject({
      code: 'invalid-request',
      message: 'Two steps of the lesson flow share one id; each step needs an id of its own.',
    });
    expect((await backend.service.getDesign({ designId: design.id })).draft!.content.steps).toEqual(design.draft!.content.steps);
    await backend.service.saveDraft({ designId: design.id, content: { ...content, steps: [step] }, changeNotes: [] });
    expect((await backend.service.getDesign({ designId: design.id })).draft!.content.steps.map((s) => s.title)).toEqual(['Launch']);
  });
});

describe('a note links to the plan that was taught', () => {
  it('refuses a point to notice or an anticipated response that is not in the taught lesson, and saves real links', async () => {
    const { seedLesson } = await import('./observ-seed');
    const seed = await seedLesson(backend);
    const [point] = seed.steps[0].pointsToNotice;
    const [response] = seed.steps[0].anticipatedResponses;
    const observerId = seed.group.members[0].id;
    const lessonNote = (fields: Partial<Observation>) => note(seed.cycle.id, { observerId, ...fields });

    await expect(backend.service.saveObservation({ observation: lessonNote({ pointToNoticeIds: [id(777)] }) })).rejects.toMatchObject({
      code: 'invalid-request',
      message: 'A point to notice on the note is not in the lesson being taught.',
    });
    await expect(backend.service.saveObservation({ observation: lessonNote({ anticipatedResponseIds: [point.id] }) })).rejects.toMatchObject({
      code: 'invalid-request',
      message: 'An anticipated response on the note is not in the lesson being taught.',
    });
    const saved = await backend.service.saveObservation({
      observation: lessonNote({ pointToNoticeIds: [point.id], anticipatedResponseIds: [response.id] }),
    });
    expect([saved.pointToNoticeIds, saved.anticipatedResponseIds]).toEqual([[point.id], [response.id]]);
  });
});
