import type { Group } from '../../../shared/domain/group';

/** The group's codebook. */
export const CodebookTab = ({ group: _group }: { group: Group }) => null;
