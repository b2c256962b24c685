import { z } from 'zod';
import { Cycle } from '../../shared/domain/cycle';
import type { DocumentKind } from '../storage/document';
import { buildChecklists, emptyReflection } from '../../shared/workflow/checklists';
import type { BackendContext } from './context';
import { loadGroup } from './groups';
import { createRepository } from './repository';

export const CycleDocument = z.object({ cycle: Cycle });
export type CycleDocument = z.infer<typeof CycleDocument>;

export const cycleKind: DocumentKind<CycleDocument> = {
  name: 'cycle',
  version: 1,
  schema: CycleDocument,
  migrations: [],
};

export const cycleRepository = createRepository({
  kind: cycleKind,
  field: 'cycle',
  dir: 'cycles',
  idOf: (cycle) => cycle.id,
  notFound: 'That cycle no longer exists in this workspace.',
});

/**
 * Read a cycle or fail with `not-found`; change one under its file's write queue (so two
 * quick ticks of a checklist cannot overwrite each other), stamping `updatedAt`.
 * Observation, analysis and report features use these too.
 */
export const { path: cyclePath, load: loadCycle, change: changeCycle } = cycleRepository;

/** Every readable cycle of a group, oldest first; an unreadable file becomes a notice, not a failure. */
export const loadGroupCycles = async (ctx: BackendContext, groupId: string): Promise<Cycle[]> =>
  (await cycleRepository.listAll(ctx))
    .filter((cycle) => cycle.groupId === groupId)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));

/** A fresh cycle in the plan phase, with the group's checklists. */
export const newCycle = async (
  ctx: BackendContext,
  fields: { groupId: string; title: string; researchQuestion: string; previousCycleId?: string },
): Promise<Cycle> => {
  const group = await loadGroup(ctx, fields.groupId);
  const now = ctx.clock().toISOString();
  return Cycle.parse({
    ...fields,
    id: ctx.newId(),
    phase: 'plan',
    checklists: buildChecklists(group.checklistTemplates, ctx.newId),
    reflection: emptyReflection(ctx.newId),
    createdAt: now,
    updatedAt: now,
  });
};

