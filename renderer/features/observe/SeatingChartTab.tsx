import type { Group } from '../../../shared/domain/group';

/** The seating chart, reused across cycles. */
export const SeatingChartTab = ({ group: _group }: { group: Group }) => null;
