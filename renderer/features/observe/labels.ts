import type { TFunction } from 'i18next';
import type { Group } from '../../../shared/domain/group';
import type { ObservationTarget } from '../../../shared/domain/observation';

export const targetText = (group: Group, target: ObservationTarget, t: TFunction): string => {
  if (target.kind === 'class') return t('observe:target.wholeClass');
  if (target.kind === 'group') return target.label;
  return group.focusStudents.find((s) => s.id === target.studentId)?.pseudonym ?? t('observe:target.unknownStudent');
};

export const memberName = (group: Group, id: string): string => group.members.find((m) => m.id === id)?.name ?? '—';
