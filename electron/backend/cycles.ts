import { z } from 'zod';
import type { cycleChannels } from '../../shared/contract/cycles';
import { Cycle } from '../../shared/domain/cycle';
import { LessonStudyError } from '../../shared/result';
import type { DocumentKind } from '../storage/document';
import type { BackendContext } from './context';
import type { ServiceFor } from './service-types';

export const CycleDocument = z.object({ cycle: Cycle });
export type CycleDocument = z.infer<typeof CycleDocument>;

export const cycleKind: DocumentKind<CycleDocument> = {
  name: 'cycle',
  version: 1,
  schema: CycleDocument,
  migrations: [],
};

export const cyclePath = (cycleId: string): string => `cycles/${cycleId}.json`;

/** Read a cycle or fail with `not-found`. Observation, analysis and report features use this. */
export const loadCycle = async (ctx: BackendContext, cycleId: string): Promise<Cycle> => {
  const doc = await ctx.store.read(cycleKind, cyclePath(cycleId));
  if (!doc) throw new LessonStudyError('not-found', 'That cycle no longer exists in this workspace.');
  return doc.cycle;
};

export const createCycleService = (_ctx: BackendContext): ServiceFor<typeof cycleChannels> => ({});
