import type { cycleChannels, TeachableDesign } from '../../shared/contract/cycles';
import type { Design } from '../../shared/domain/design';
import { LessonStudyError } from '../../shared/result';
import type { BackendContext } from './context';
import { changeCycle, CycleDocument, cycleRepository, loadCycle, newCycle } from './cycles-store';
import { designRepository, loadDesign, markVersionTaught } from './designs';
import { noVersion } from './designs-versions';
import { runIntent, type IntentHandlers } from './intents';
import type { ServiceFor } from './service-types';

type VersionChannels = Pick<
  typeof cycleChannels,
  'listTeachableVersions' | 'chooseVersion' | 'setRevisedVersion' | 'setCloseWithoutRevision' | 'startReteach'
>;

/**
 * The group's designs. Unlike a deletion, a choice of what to teach goes past any file it
 * cannot read (named in a notice) rather than fail.
 */
const loadGroupDesigns = async (ctx: BackendContext, groupId: string): Promise<Design[]> =>
  (await designRepository.listAll(ctx, { goPast: 'unreadable' })).filter((design) => design.groupId === groupId);

const toTeachable = (design: Design): TeachableDesign => {
  const versions = [...design.versions].sort((a, b) => a.number - b.number);
  return {
    designId: design.id,
    title: versions.at(-1)?.content.title ?? design.draft?.content.title ?? '',
    versions: versions.map((v) => ({
      id: v.id,
      number: v.number,
      title: v.content.title,
      summary: v.summary,
      createdAt: v.createdAt,
      taught: v.taughtInCycleIds.length > 0,
    })),
  };
};

const refuseOutside = (phase: string, expected: string, what: string) => {
  if (phase !== expected) throw new LessonStudyError('invalid-transition', `${what} in the ${expected} phase.`);
};

const pointCycleAt = (ctx: BackendContext, cycleId: string, designId: string, versionId: string) =>
  changeCycle(ctx, cycleId, (current) => ({ ...current, designId, versionId, revisedVersionId: undefined }));

/** How a killed process's half-done operation is finished on the next open (each step idempotent). */
export const versionIntents: IntentHandlers = {
  async chooseVersion(ctx, { cycleId, designId, versionId }) {
    await markVersionTaught(ctx, designId, versionId, cycleId);
    await pointCycleAt(ctx, cycleId, designId, versionId);
  },
  async startReteach(ctx, { cycle: text }) {
    const cycle = CycleDocument.shape.cycle.parse(JSON.parse(text));
    await markVersionTaught(ctx, cycle.designId!, cycle.versionId!, cycle.id);
    await cycleRepository.save(ctx, cycle);
  },
};

export const createCycleVersionService = (ctx: BackendContext): ServiceFor<VersionChannels> => ({
  async listTeachableVersions({ groupId }) {
    const designs = await loadGroupDesigns(ctx, groupId);
    return designs
      .map(toTeachable)
      .filter((d) => d.versions.length > 0)
      .sort((a, b) => a.title.localeCompare(b.title));
  },

  async chooseVersion({ cycleId, designId, versionId }) {
    const cycle = await loadCycle(ctx, cycleId);
    refuseOutside(cycle.phase, 'plan', 'The version to teach is chosen');
    const design = await loadDesign(ctx, designId);
    if (design.groupId !== cycle.groupId) {
      throw new LessonStudyError('forbidden', 'That lesson design belongs to another group.');
    }
    // Marking the version taught freezes it: the evidence will refer to exactly this plan.
    // Both documents change, or neither (see intents.ts).
    await runIntent(ctx, 'chooseVersion', { cycleId, designId, versionId }, [
      { apply: () => markVersionTaught(ctx, designId, versionId, cycleId), undo: () => designRepository.save(ctx, design) },
      { apply: () => pointCycleAt(ctx, cycleId, designId, versionId), undo: () => cycleRepository.save(ctx, cycle) },
    ]);
    return loadCycle(ctx, cycleId);
  },

  async setRevisedVersion({ cycleId, versionId }) {
    const cycle = await loadCycle(ctx, cycleId);
    refuseOutside(cycle.phase, 'revise', 'The revised version is chosen');
    if (versionId === null) return changeCycle(ctx, cycleId, (current) => ({ ...current, revisedVersionId: undefined }));
    if (!cycle.designId || !cycle.versionId) {
      throw new LessonStudyError('invalid-transition', 'This cycle has no taught version to revise.');
    }
    const design = await loadDesign(ctx, cycle.designId);
    const taught = design.versions.find((v) => v.id === cycle.versionId);
    const revised = design.versions.find((v) => v.id === versionId);
    if (!revised) throw noVersion();
    if (taught && revised.number <= taught.number) {
      throw new LessonStudyError('invalid-transition', 'The revised version must be newer than the version taught.');
    }
    return changeCycle(ctx, cycleId, (current) => ({ ...current, revisedVersionId: versionId }));
  },

  async setCloseWithoutRevision({ cycleId, reason }) {
    const cycle = await loadCycle(ctx, cycleId);
    refuseOutside(cycle.phase, 'revise', 'Closing without revision is decided');
    return changeCycle(ctx, cycleId, (current) => ({ ...current, closeWithoutRevisionReason: reason }));
  },

  async startReteach({ cycleId, title }) {
    const previous = await loadCycle(ctx, cycleId);
    if (previous.phase !== 'closed' || !previous.designId || !previous.revisedVersionId) {
      throw new LessonStudyError('invalid-transition', 'A reteach starts from a closed cycle with a revised version.');
    }
    const cycle = {
      ...(await newCycle(ctx, {
        groupId: previous.groupId,
        title,
        researchQuestion: previous.researchQuestion,
        previousCycleId: previous.id,
      })),
      designId: previous.designId,
      versionId: previous.revisedVersionId,
    };
    const design = await loadDesign(ctx, previous.designId);
    await runIntent(ctx, 'startReteach', { cycle: JSON.stringify(cycle) }, [
      { apply: () => markVersionTaught(ctx, cycle.designId, cycle.versionId, cycle.id), undo: () => designRepository.save(ctx, design) },
      { apply: () => cycleRepository.save(ctx, cycle), undo: () => cycleRepository.remove(ctx, cycle.id) },
    ]);
    return cycle;
  },
});
