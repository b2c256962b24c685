import type { ComponentType } from 'react';
import type { Group } from '../../../shared/domain/group';
import { GroupCyclesTab } from '../cycle/GroupCyclesTab';
import { StudentsTab } from '../cycle/StudentsTab';
import { DiscussionProtocolTab } from '../analyze/DiscussionProtocolTab';
import { CodebookTab } from '../observe/CodebookTab';
import { SeatingChartTab } from '../observe/SeatingChartTab';
import { GroupDesignsTab } from '../plan/GroupDesignsTab';
import { GroupOverview } from './GroupOverview';
import { RosterTab } from './RosterTab';

/** The sections of a group's page; each feature contributes its own tab component. */
export const groupTabs: Array<{ id: string; labelKey: string; Component: ComponentType<{ group: Group }> }> = [
  { id: 'overview', labelKey: 'groups:tabs.overview', Component: GroupOverview },
  { id: 'cycles', labelKey: 'groups:tabs.cycles', Component: GroupCyclesTab },
  { id: 'designs', labelKey: 'groups:tabs.designs', Component: GroupDesignsTab },
  { id: 'roster', labelKey: 'groups:tabs.roster', Component: RosterTab },
  { id: 'students', labelKey: 'groups:tabs.students', Component: StudentsTab },
  { id: 'codebook', labelKey: 'groups:tabs.codebook', Component: CodebookTab },
  { id: 'seating', labelKey: 'groups:tabs.seating', Component: SeatingChartTab },
  { id: 'discussion', labelKey: 'analyze:protocol.tab', Component: DiscussionProtocolTab },
];
