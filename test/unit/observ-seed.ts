import type { Backend } from '../../electron/backend';
import { cycleKind, cyclePath } from '../../electron/backend/cycles';
import { designKind, designPath } from '../../electron/backend/designs';
import { Cycle, phases } from '../../shared/domain/cycle';
import { Design } from '../../shared/domain/design';
import type { Group } from '../../shared/domain/group';

/**
 * Seed a group with members, focus students and a seating chart, a design with a
 * three-step taught version, and a cycle teaching it — written straight through the
 * store, so the observation tests do not depend on other features' channels.
 */
export const seedLesson = async (backend: Backend, options: { stepMinutes?: number[]; title?: string } = {}) => {
  const { service, context } = backend;
  const id = () => context.newId();
  const created = await service.createGroup({
    name: 'Maple Math',
    schools: [],
    subject: 'Mathematics',
    gradeBand: '4',
    researchTheme: 'Students justify their reasoning',
    norms: [],
    members: [
      { id: id(), name: 'Aiko Tanaka', role: 'facilitator' },
      { id: id(), name: 'Ben Ortiz', role: 'observer' },
    ],
  });
  const students = ['Student A', 'Student B', 'Student C'].map((pseudonym) => ({
    id: id(),
    pseudonym,
    focus: true,
    concern: false,
    concerns: '',
    supportsNow: '',
    supportsPlanned: '',
    retired: false,
  }));
  const { changeGroup } = await import('../../electron/backend/groups');
  const group: Group = await changeGroup(context, created.id, (g) => ({
    ...g,
    focusStudents: students,
    seatingChart: {
      cols: 6,
      rows: 4,
      seats: [
        { id: id(), col: 0, row: 0, studentId: students[0].id, label: '' },
        { id: id(), col: 1, row: 0, studentId: students[1].id, label: '' },
        { id: id(), col: 3, row: 1, studentId: students[2].id, label: '' },
        { id: id(), col: 5, row: 3, label: 'Table 3' },
      ],
    },
  }));
  const now = new Date().toISOString();
  const minutes = options.stepMinutes ?? [5, 20, 10];
  const titles = ['Introduce the problem', 'Independent problem solving', 'Whole-class discussion'];
  const steps = minutes.map((m, i) => ({
    id: id(),
    title: titles[i] ?? `Step ${i + 1}`,
    minutes: m,
    activities: '',
    anticipatedResponses: [{ id: id(), text: `Anticipated response for step ${i + 1}` }],
    teacherSupport: '',
    pointsToNotice: [{ id: id(), text: `Point to notice for step ${i + 1}` }],
  }));
  const versionId = id();
  const design = Design.parse({
    id: id(),
    groupId: group.id,
    createdAt: now,
    updatedAt: now,
    draft: null,
    versions: [{ id: versionId, number: 1, content: { title: 'Fractions on a number line', steps }, createdAt: now }],
  });
  await context.store.write(designKind, designPath(design.id), { design });
  const cycle = Cycle.parse({
    id: id(),
    groupId: group.id,
    title: options.title ?? 'Cycle 1: fractions',
    designId: design.id,
    versionId,
    phase: 'observe',
    // Every phase key present: the cycle schema's record of checklists requires all of them.
    checklists: Object.fromEntries(phases.map((p) => [p, []])),
    createdAt: now,
    updatedAt: now,
  });
  await context.store.write(cycleKind, cyclePath(cycle.id), { cycle });
  return { group, students, steps, design, cycle };
};
