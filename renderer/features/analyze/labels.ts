import type { TFunction } from 'i18next';
import type { CycleEvidenceBundle } from '../../../shared/contract/analysis';
import type { Observation, ObservationTarget } from '../../../shared/domain/observation';

/** mm:ss on the lesson clock (or the discussion timer). */
export const formatClock = (ms: number): string => {
  const total = Math.floor(ms / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
};

/** Names for the ids an evidence view shows: members, codes, steps, students. */
export const makeLabels = (bundle: CycleEvidenceBundle, t: TFunction) => {
  const members = new Map(bundle.members.map((m) => [m.id, m.name]));
  const codes = new Map(bundle.codes.map((c) => [c.id, c]));
  const students = new Map(bundle.focusStudents.map((s) => [s.id, s.pseudonym]));
  const steps = bundle.plan?.steps ?? [];
  const stepTitle = (stepId: string | undefined | null): string => {
    if (!stepId) return t('analyze:labels.noStep');
    const index = steps.findIndex((s) => s.id === stepId);
    if (index < 0) return t('analyze:labels.noStep');
    return steps[index].title.trim() || t('analyze:labels.untitledStep', { n: index + 1 });
  };
  const target = (value: ObservationTarget): string =>
    value.kind === 'class'
      ? t('analyze:labels.wholeClass')
      : value.kind === 'group'
        ? t('analyze:labels.group', { label: value.label })
        : value.kind === 'student'
          ? (students.get(value.studentId) ?? t('analyze:labels.unknownStudent'))
          : t('analyze:labels.students', { names: value.studentIds.map((id) => students.get(id) ?? t('analyze:labels.unknownStudent')) });
  return {
    member: (id: string | undefined) => (id ? (members.get(id) ?? t('analyze:labels.unknownMember')) : t('analyze:labels.nobody')),
    code: (id: string) => codes.get(id),
    student: (id: string) => students.get(id) ?? t('analyze:labels.unknownStudent'),
    stepTitle,
    target,
    noteSummary: (o: Observation) => `${formatClock(o.clockMs)} · ${stepTitle(o.stepId)} · ${target(o.target)}`,
  };
};
export type Labels = ReturnType<typeof makeLabels>;
