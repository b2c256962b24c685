import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { LessonStudyError } from '../../../shared/result';
import type { WorkspaceService } from '../../../shared/contract';
import type { Backend } from '../../../electron/backend/index';
import { seedAnalyzedLesson } from '../analysis-seed';
import { PNG_1X1, PNG_CUT, readSide, type Side } from './fuzz-requests';
import { walk } from './validate-workspace';

/**
 * The workspace the request fuzz runs against (ipc-fuzz.test.ts through dispatch,
 * http-fuzz.test.ts through the HTTP door): two groups with an analysed lesson each, so
 * group A's requests can name group B's records.
 */

export type SideIds = Pick<Side, 'groupId' | 'cycleId' | 'designId'>;
export interface FuzzIds {
  a: SideIds & { planCycleId: string };
  b: SideIds;
}

export const seedFuzzWorkspace = async (backend: Backend): Promise<{ ids: FuzzIds; photos: string[] }> => {
  const { service } = backend;
  const seeded = [await seedAnalyzedLesson(backend), await seedAnalyzedLesson(backend)];
  for (const seed of seeded) {
    const notes = Object.values(seed.notes).map((n) => n.id);
    await service.createFinding({ cycleId: seed.cycle.id, fields: { statement: 'Tables helped', impliesRevision: false, stepId: null, supportingObservationIds: notes.slice(0, 2), contradictingObservationIds: notes.slice(2, 3) } });
    await service.saveMeeting({ cycleId: seed.cycle.id, meeting: { date: '2025-04-20', attendeeIds: [seed.members.facilitator.id], agenda: 'Plan', notes: '', decisions: '', followUps: '' } });
    await service.saveClassMode({ change: { id: backend.context.newId(), cycleId: seed.cycle.id, observerId: seed.members.observer.id, clockMs: 0, wallTime: '2025-05-01T10:00:00.000Z', mode: 'pairs', updatedAt: '2025-05-01T10:00:00.000Z' } });
  }
  const [a, b] = seeded;
  // Two photos in the workspace, one of them a PNG cut off after its signature; a note of each group shows them.
  const photos: string[] = [(await service.attachPhotoBytes({ cycleId: a.cycle.id, name: 'board.png', dataBase64: PNG_1X1.toString('base64') })).hash];
  // The cut one cannot come in through the app any more (imported photos are decoded): it is put in the folder, as a damaged disk or a hand copy would.
  const cutHash = createHash('sha256').update(PNG_CUT).digest('hex');
  await writeFile(path.join(backend.context.store.root, 'photos', `${cutHash}.png`), PNG_CUT, { mode: 0o600 });
  photos.push(cutHash);
  for (const seed of seeded) {
    const { mayaCounts } = seed.notes;
    const refs = photos.map((hash, i) => ({ hash, ext: 'png' as const, name: `photo ${i}.png`, bytes: 1 }));
    await service.saveObservation({ observation: { ...mayaCounts, photos: seed === a ? refs : refs.slice(0, 1) } });
  }
  // Group A also has a draft (saveDraft needs one) and a cycle still in plan (chooseVersion needs one).
  await service.reviseFromVersion({ designId: a.design.id, versionId: a.version.id, replaceDraft: false });
  const planCycle = await service.createCycle({ groupId: a.group.id, title: 'Reteach', researchQuestion: '' });
  const ids: FuzzIds = {
    a: { groupId: a.group.id, cycleId: a.cycle.id, designId: a.design.id, planCycleId: planCycle.id },
    b: { groupId: b.group.id, cycleId: b.cycle.id, designId: b.design.id },
  };
  await readSide(service, ids.b); // B's analysis file exists before the snapshot: reading it never writes.
  return { ids, photos };
};

/** The files that hold one group's records (relative to the workspace root), for a not-one-byte-changed check. */
export const filesOfSide = async (dir: string, side: SideIds): Promise<string[]> =>
  (await walk(dir)).filter(
    (rel) =>
      [`groups/${side.groupId}.json`, `designs/${side.designId}.json`, `cycles/${side.cycleId}.json`, `analysis/${side.cycleId}.json`].includes(rel) ||
      rel.startsWith(`observations/${side.cycleId}/`),
  );

/**
 * A ZodError the backend throws on its own data, after the contract accepted the
 * request, is a crash; dispatch would report it as 'invalid-request'. Rethrown as a plain
 * Error, dispatch reports it as 'internal' and the fuzz names it.
 */
export const exposeInternalValidation = <S extends Partial<WorkspaceService>>(service: S): S =>
  new Proxy(service, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return async (request: unknown) => {
        try {
          return await (value as (r: unknown) => Promise<unknown>).call(target, request);
        } catch (error) {
          if (error && typeof error === 'object' && 'issues' in error && !(error instanceof LessonStudyError)) {
            const issues = JSON.stringify((error as { issues: unknown }).issues).slice(0, 400);
            throw new Error(`backend's own validation failed after the contract accepted the request: ${issues}`, { cause: error });
          }
          throw error;
        }
      };
    },
  });
