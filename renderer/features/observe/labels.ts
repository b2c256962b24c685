import type { TFunction } from 'i18next';
import type { Group } from '../../../shared/domain/group';
import type { ObservationTarget } from '../../../shared/domain/observation';

export const targetText = (group: Group, target: ObservationTarget, t: TFunction): string => {
  if (target.kind === 'class') return t('observe:target.wholeClass');
  if (target.kind === 'group') return target.label;
  const name = (id: string) => group.focusStudents.find((s) => s.id === id)?.pseudonym ?? t('observe:target.unknownStudent');
  if (target.kind === 'student') return name(target.studentId);
  // A pair or a table of roster students: "Mia and Ken", never "Group: …".
  return t('observe:target.students', { names: target.studentIds.map(name) });
};

/** Someone the facilitator approved by name for one cycle (a public lesson's visitor), not a member of the group. */
export interface GuestObserver {
  id: string;
  name: string;
}

/**
 * The cycle's guest observers. Tolerant on purpose: cycles written before live capture
 * have no list, and a malformed entry names nobody rather than breaking the notes list.
 */
export const guestsOf = (cycle: unknown): GuestObserver[] => {
  const list = (cycle as { guestObservers?: unknown } | null | undefined)?.guestObservers;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (g): g is GuestObserver => typeof g === 'object' && g !== null && typeof (g as GuestObserver).id === 'string' && typeof (g as GuestObserver).name === 'string',
  );
};

/** Who wrote a note: a member of the group, else a guest of the cycle, else a dash. */
export const memberName = (group: Group, id: string, guests: readonly GuestObserver[] = []): string =>
  group.members.find((m) => m.id === id)?.name ?? guests.find((g) => g.id === id)?.name ?? '—';
