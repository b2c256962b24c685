import { z } from 'zod';
import { Cycle } from '../../shared/domain/cycle';
import { LessonStudyError } from '../../shared/result';
import type { DocumentKind } from '../storage/document';
import { buildChecklists, emptyReflection } from '../../shared/workflow/checklists';
import type { BackendContext } from './context';
import { loadGroup } from './groups';

/** Errors of one file that a listing reports and goes past. */
const SKIPPABLE: ReadonlySet<string> = new Set(['corrupt-file', 'newer-schema']);

export const CycleDocument = z.object({ cycle: Cycle });
export type CycleDocument = z.infer<typeof CycleDocument>;

export const cycleKind: DocumentKind<CycleDocument> = {
  name: 'cycle',
  version: 1,
  schema: CycleDocument,
  migrations: [],
};

export const cyclePath = (cycleId: string): string => `cycles/${cycleId}.json`;

const gone = () => new LessonStudyError('not-found', 'That cycle no longer exists in this workspace.');

/** Read a cycle or fail with `not-found`. Observation, analysis and report features use this. */
export const loadCycle = async (ctx: BackendContext, cycleId: string): Promise<Cycle> => {
  const doc = await ctx.store.read(cycleKind, cyclePath(cycleId));
  if (!doc) throw gone();
  return doc.cycle;
};

/**
 * Apply a change to a stored cycle under its file's write queue (so two quick ticks of a
 * checklist cannot overwrite each other), stamping `updatedAt`. Other features use this too.
 */
export const changeCycle = async (
  ctx: BackendContext,
  cycleId: string,
  change: (cycle: Cycle) => Cycle,
): Promise<Cycle> => {
  const doc = await ctx.store.update(cycleKind, cyclePath(cycleId), (current) => {
    if (!current) throw gone();
    return { cycle: { ...change(current.cycle), updatedAt: ctx.clock().toISOString() } };
  });
  return doc.cycle;
};

/** Every readable cycle of a group; an unreadable file becomes a notice, not a failure. */
export const loadGroupCycles = async (ctx: BackendContext, groupId: string): Promise<Cycle[]> => {
  const cycles: Cycle[] = [];
  for (const name of await ctx.store.list('cycles')) {
    try {
      const doc = await ctx.store.read(cycleKind, `cycles/${name}`);
      if (doc && doc.cycle.groupId === groupId) cycles.push(doc.cycle);
    } catch (error) {
      // A damaged or newer file is set aside and named in a notice; any other failure
      // (a read refused for a moment) fails the whole listing, so a deletion built on it
      // never leaves part of a group behind.
      if (!(error instanceof LessonStudyError) || !SKIPPABLE.has(error.code)) throw error;
      ctx.store.addNotice({ file: `cycles/${name}`, kind: 'quarantined', message: error.message });
    }
  }
  return cycles.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
};

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

