import type { Group } from '../../../shared/domain/group';

/** The students-of-concern roster. */
export const StudentsTab = ({ group: _group }: { group: Group }) => null;
