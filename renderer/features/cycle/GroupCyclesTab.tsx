import type { Group } from '../../../shared/domain/group';

/** The group dashboard: every cycle and its phase. */
export const GroupCyclesTab = ({ group: _group }: { group: Group }) => null;
