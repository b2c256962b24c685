import { randomUUID } from 'node:crypto';
import type { WorkspaceService } from '../../shared/contract';
import { DesignContent, type FlowStep } from '../../shared/domain/design';

/** A six-step lesson like the ones groups write, with list items that carry ids. */
export const sampleStep = (title: string, minutes: number, extra: Partial<FlowStep> = {}): FlowStep => ({
  id: randomUUID(),
  title,
  minutes,
  activities: `${title}: students work on the task. Key question: what do you notice?`,
  anticipatedResponses: [
    { id: randomUUID(), text: `${title} — a student counts one by one` },
    { id: randomUUID(), text: `${title} — a student groups in tens` },
  ],
  teacherSupport: `Ask a pair to explain their way during ${title}.`,
  pointsToNotice: [{ id: randomUUID(), text: `Do students justify with the diagram in ${title}?` }],
  ...extra,
});

export const sampleContent = (title = 'Comparing fractions with different denominators'): DesignContent =>
  DesignContent.parse({
    title,
    subject: 'Mathematics',
    grade: '4',
    unitName: 'Fractions',
    durationMinutes: 45,
    teacher: 'Aiko Tanaka',
    goals: { longTerm: 'Students justify their reasoning to peers', unit: 'Compare fractions', lesson: 'Explain which of 2/3 and 3/4 is larger' },
    background: 'Last year many students compared only numerators.\nWe want them to reason with area models.',
    materialStudy: 'Area models vs number lines.',
    materials: 'Fraction strips, worksheet',
    steps: [
      sampleStep('Introduce the problem', 5),
      sampleStep('Individual work', 10),
      sampleStep('Pair sharing', 8),
      sampleStep('Whole-class discussion', 12),
      sampleStep('Summary', 5),
      sampleStep('Reflection', 5),
    ],
    boardPlan: 'Left: problem. Middle: student methods. Right: summary.',
  });

export const makeGroup = (service: WorkspaceService, name = 'Maple Math') =>
  service.createGroup({ name, schools: [], subject: 'Mathematics', gradeBand: '4', researchTheme: 'Reasoning', norms: [], members: [] });

/** A design with one saved version (v1) of `sampleContent`; returns ids. */
export const designWithVersion = async (service: WorkspaceService) => {
  const group = await makeGroup(service);
  const created = await service.createDesign({ groupId: group.id, title: 'Comparing fractions' });
  const content = sampleContent();
  await service.saveDraft({ designId: created.id, content, changeNotes: [] });
  const design = await service.saveVersion({ designId: created.id, summary: 'First plan', authors: ['Aiko'] });
  return { group, design, version: design.versions[0], content };
};
