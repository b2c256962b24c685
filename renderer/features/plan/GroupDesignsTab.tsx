import type { Group } from '../../../shared/domain/group';

/** The group's lesson designs. */
export const GroupDesignsTab = ({ group: _group }: { group: Group }) => null;
