import type { DesignContent, FlowStep, ObservationAssignment } from '../../../shared/domain/design';
import type { Code, Group, Member } from '../../../shared/domain/group';
import { activeCodes } from '../../../shared/observe/codebook';

/**
 * Who gets a packet: the members the observation plan assigns, and every member whose
 * role is observer (they watch the whole class when no student is theirs), in the
 * group's member order.
 */
export const packetObservers = (content: Pick<DesignContent, 'observationPlan'>, group: Pick<Group, 'members'>): Member[] => {
  const assigned = new Set(content.observationPlan.map((row) => row.observerId).filter(Boolean));
  return group.members.filter((member) => assigned.has(member.id) || member.role === 'observer');
};

/** An observer's rows of the observation plan; rows without an observer belong to everyone. */
export const assignmentsOf = (content: Pick<DesignContent, 'observationPlan'>, observerId: string | null): ObservationAssignment[] =>
  content.observationPlan.filter((row) => observerId === null || !row.observerId || row.observerId === observerId);

/**
 * The codes in use with their capture keys, in codebook order: Alt+1 … Alt+9, then Alt+0
 * for the tenth (keymap.ts); later codes have no key and are picked with the mouse.
 */
export const codesWithKeys = (codebook: readonly Code[]): Array<{ code: Code; key: string | null }> =>
  activeCodes(codebook).map((code, index) => ({ code, key: index < 9 ? `Alt+${index + 1}` : index === 9 ? 'Alt+0' : null }));

/** Each step's minutes from the start of the lesson: "0–5", "5–15", … */
export const stepRanges = (steps: readonly Pick<FlowStep, 'minutes'>[]): Array<[number, number]> => {
  let start = 0;
  return steps.map((step) => {
    const range: [number, number] = [start, start + step.minutes];
    start += step.minutes;
    return range;
  });
};
