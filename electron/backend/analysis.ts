import type { analysisChannels } from '../../shared/contract/analysis';
import type { Finding } from '../../shared/domain/analysis';
import type { Cycle, StudentResponse } from '../../shared/domain/cycle';
import { applyTimer } from '../../shared/analysis/discussion';
import { changeQueue, endDiscussion, reopenDiscussion, type QueueChange } from '../../shared/analysis/discussion-floor';
import { linkObservations, unlinkObservation } from '../../shared/analysis/findings';
import { LessonStudyError } from '../../shared/result';
import { analysisRepository, changeAnalysis, ensureAnalysis } from './analysis-store';
import { proposeChangeFromFinding, resolveEvidence } from './analysis-revise';
import { analyzedPlan, cycleObservations } from './analysis-sources';
import type { BackendContext } from './context';
import { changeCycle, loadCycle } from './cycles';
import { changeGroup, loadGroup } from './groups';
import type { ServiceFor } from './service-types';

// Other features (reports) read a cycle's analysis through these.
export { analysisKind, analysisPath, loadAnalysis } from './analysis-store';
export { resolveEvidence } from './analysis-revise';

const noFinding = () => new LessonStudyError('not-found', 'That finding no longer exists.');
const noSegment = () => new LessonStudyError('not-found', 'That part of the discussion no longer exists.');
const ended = () =>
  new LessonStudyError('invalid-transition', 'The discussion has ended. Reopen it to start a timer or call on a speaker.');

/**
 * A speaker must be a member of the group or a guest observer of the lesson. Only newly
 * named speakers are checked: a member who has left since keeps the parts they spoke in.
 */
const assertSpeakers = async (ctx: BackendContext, cycleId: string, ids: readonly string[]): Promise<void> => {
  if (ids.length === 0) return;
  const cycle = await loadCycle(ctx, cycleId);
  const group = await loadGroup(ctx, cycle.groupId);
  const known = new Set([...group.members.map((m) => m.id), ...cycle.guestObservers.map((g) => g.id)]);
  if (ids.some((id) => !known.has(id))) {
    throw new LessonStudyError('invalid-request', 'A speaker must be a member of the group or a guest observer of this lesson.');
  }
};

/** Notes may be linked only when they exist, live, in this cycle: a link must never dangle from the start. */
const assertLiveNotes = async (ctx: BackendContext, cycleId: string, ids: readonly string[]): Promise<void> => {
  if (ids.length === 0) return;
  const live = new Set((await cycleObservations(ctx, cycleId)).filter((o) => !o.deletedAt).map((o) => o.id));
  const missing = ids.filter((id) => !live.has(id));
  if (missing.length > 0) {
    throw new LessonStudyError('invalid-request', `${missing.length} of the selected notes no longer exist in this cycle.`);
  }
};

const changeFinding = async (
  ctx: BackendContext,
  cycleId: string,
  findingId: string,
  change: (finding: Finding) => Finding,
): Promise<Finding> => {
  const analysis = await changeAnalysis(ctx, cycleId, (a) => {
    if (!a.findings.some((f) => f.id === findingId)) throw noFinding();
    return { ...a, findings: a.findings.map((f) => (f.id === findingId ? change(f) : f)) };
  });
  return analysis.findings.find((f) => f.id === findingId)!;
};

const upsertResponse = (cycle: Cycle, response: StudentResponse): Cycle => ({
  ...cycle,
  studentResponses: cycle.studentResponses.some((r) => r.studentId === response.studentId)
    ? cycle.studentResponses.map((r) => (r.studentId === response.studentId ? response : r))
    : [...cycle.studentResponses, response],
});

export const createAnalysisService = (ctx: BackendContext): ServiceFor<typeof analysisChannels> => {
  // The analysis goes with its group. Its own groupId is used, since the cycle files may
  // already be gone when this runs.
  ctx.onGroupDeleted.push(async (groupId) => {
    // A damaged or newer analysis is left in place; any other read failure stops the
    // deletion rather than leave a piece of the group behind.
    for (const analysis of await analysisRepository.listAll(ctx, { notice: false })) {
      if (analysis.groupId === groupId) await analysisRepository.remove(ctx, analysis.cycleId);
    }
  });

  ctx.onCycleDeleted.push(async (cycleId) => analysisRepository.remove(ctx, cycleId));

  return {
    async getCycleEvidence({ cycleId }) {
      const cycle = await loadCycle(ctx, cycleId);
      const group = await loadGroup(ctx, cycle.groupId);
      return {
        cycle,
        groupName: group.name,
        members: group.members,
        focusStudents: group.focusStudents,
        codes: group.codebook,
        plan: await analyzedPlan(ctx, cycle),
        observations: await cycleObservations(ctx, cycleId),
        analysis: await ensureAnalysis(ctx, cycleId),
      };
    },

    getAnalysis: ({ cycleId }) => ensureAnalysis(ctx, cycleId),
    // Used for discussions started from now on; a discussion already under way keeps its segments.
    saveDiscussionProtocol: ({ groupId, protocol }) => changeGroup(ctx, groupId, (group) => ({ ...group, discussionProtocol: protocol })),

    async updateDiscussionSegment({ cycleId, segmentId, speakerIds, plannedMinutes, notes, title }) {
      if (speakerIds) {
        const current = (await ensureAnalysis(ctx, cycleId)).discussion.segments.find((s) => s.id === segmentId);
        if (!current) throw noSegment();
        await assertSpeakers(ctx, cycleId, speakerIds.filter((id) => !current.speakerIds.includes(id)));
      }
      return changeAnalysis(ctx, cycleId, (a) => {
        if (!a.discussion.segments.some((s) => s.id === segmentId)) throw noSegment();
        const segments = a.discussion.segments.map((s) => {
          if (s.id !== segmentId) return s;
          const next = { ...s };
          if (speakerIds !== undefined) next.speakerIds = [...new Set(speakerIds)];
          if (plannedMinutes !== undefined) next.plannedMinutes = plannedMinutes;
          if (notes !== undefined) next.notes = notes;
          if (title !== undefined) next.title = title;
          return next;
        });
        return { ...a, discussion: { ...a.discussion, segments } };
      });
    },

    runSegmentTimer: ({ cycleId, segmentId, action }) =>
      changeAnalysis(ctx, cycleId, (a) => {
        if (!a.discussion.segments.some((s) => s.id === segmentId)) throw noSegment();
        if (action === 'start' && a.discussion.endedAt) throw ended();
        return { ...a, discussion: applyTimer(a.discussion, segmentId, action, ctx.clock()) };
      }),

    async changeSpeakingQueue({ cycleId, change: request }) {
      if (request.action === 'raise') await assertSpeakers(ctx, cycleId, [request.speakerId]);
      const change: QueueChange = request.action === 'raise' ? { ...request, entryId: ctx.newId() } : request;
      return changeAnalysis(ctx, cycleId, (a) => {
        if (a.discussion.endedAt) throw ended();
        if (change.action === 'remove' && !a.discussion.queue.some((q) => q.id === change.entryId)) {
          throw new LessonStudyError('not-found', 'That person is no longer in the speaking queue.');
        }
        return { ...a, discussion: changeQueue(a.discussion, change, ctx.clock()) };
      });
    },

    setDiscussionEnded: ({ cycleId, ended: end }) =>
      changeAnalysis(ctx, cycleId, (a) => ({
        ...a,
        discussion: end ? endDiscussion(a.discussion, ctx.clock()) : reopenDiscussion(a.discussion),
      })),

    setCurrentSegment: ({ cycleId, segmentId }) =>
      changeAnalysis(ctx, cycleId, (a) => {
        if (!a.discussion.segments.some((s) => s.id === segmentId)) throw noSegment();
        return { ...a, discussion: { ...a.discussion, currentSegmentId: segmentId } };
      }),

    setFinalComments: ({ cycleId, text, by }) =>
      changeAnalysis(ctx, cycleId, (a) => {
        const discussion = { ...a.discussion, finalComments: text };
        if (by === null) delete discussion.finalCommentsBy;
        else if (by !== undefined) discussion.finalCommentsBy = by;
        return { ...a, discussion };
      }),

    async createFinding({ cycleId, fields }) {
      const supporting = fields.supportingObservationIds ?? [];
      const contradicting = (fields.contradictingObservationIds ?? []).filter((id) => !supporting.includes(id));
      await assertLiveNotes(ctx, cycleId, [...supporting, ...contradicting]);
      const now = ctx.clock().toISOString();
      const finding: Finding = {
        id: ctx.newId(),
        statement: fields.statement,
        supportingObservationIds: [...new Set(supporting)],
        contradictingObservationIds: [...new Set(contradicting)],
        impliesRevision: fields.impliesRevision,
        ...(fields.stepId ? { stepId: fields.stepId } : {}),
        createdAt: now,
        updatedAt: now,
      };
      await changeAnalysis(ctx, cycleId, (a) => ({ ...a, findings: [...a.findings, finding] }));
      return finding;
    },

    async updateFinding({ cycleId, findingId, fields }) {
      // Ids already on the finding may have been deleted since; only newly added ones must be live.
      const current = (await ensureAnalysis(ctx, cycleId)).findings.find((f) => f.id === findingId);
      if (!current) throw noFinding();
      const known = new Set([...current.supportingObservationIds, ...current.contradictingObservationIds]);
      const added = [...(fields.supportingObservationIds ?? []), ...(fields.contradictingObservationIds ?? [])].filter(
        (id) => !known.has(id),
      );
      await assertLiveNotes(ctx, cycleId, added);
      const now = ctx.clock().toISOString();
      return changeFinding(ctx, cycleId, findingId, (f) => {
        const supporting = fields.supportingObservationIds ?? f.supportingObservationIds;
        const contradicting = (fields.contradictingObservationIds ?? f.contradictingObservationIds).filter(
          (id) => !supporting.includes(id),
        );
        const { stepId: _old, ...rest } = f;
        return {
          ...rest,
          statement: fields.statement,
          impliesRevision: fields.impliesRevision,
          ...(fields.stepId ? { stepId: fields.stepId } : {}),
          supportingObservationIds: [...new Set(supporting)],
          contradictingObservationIds: [...new Set(contradicting)],
          updatedAt: now,
        };
      });
    },

    async deleteFinding({ cycleId, findingId }) {
      await changeAnalysis(ctx, cycleId, (a) => {
        if (!a.findings.some((f) => f.id === findingId)) throw noFinding();
        return { ...a, findings: a.findings.filter((f) => f.id !== findingId) };
      });
      return null;
    },

    async linkToFinding({ cycleId, findingId, observationIds, role }) {
      await assertLiveNotes(ctx, cycleId, observationIds);
      const now = ctx.clock().toISOString();
      return changeFinding(ctx, cycleId, findingId, (f) => linkObservations(f, observationIds, role, now));
    },

    unlinkFromFinding: ({ cycleId, findingId, observationId }) =>
      changeFinding(ctx, cycleId, findingId, (f) => unlinkObservation(f, observationId, ctx.clock().toISOString())),

    proposeChangeFromFinding: (request) => proposeChangeFromFinding(ctx, request),

    async recordStudentResponse({ cycleId, studentId, responded, note, observationIds }) {
      const cycle = await loadCycle(ctx, cycleId);
      const group = await loadGroup(ctx, cycle.groupId);
      if (!group.focusStudents.some((s) => s.id === studentId)) {
        throw new LessonStudyError('not-found', 'That student is not on the group’s roster.');
      }
      const ids = [...new Set(observationIds)];
      const known = new Set(cycle.studentResponses.find((r) => r.studentId === studentId)?.observationIds ?? []);
      await assertLiveNotes(ctx, cycleId, ids.filter((id) => !known.has(id)));
      const updated = await changeCycle(ctx, cycleId, (c) =>
        upsertResponse(c, { studentId, responded, note, observationIds: ids }),
      );
      return updated.studentResponses;
    },

    resolveEvidence: ({ refs }) => resolveEvidence(ctx, refs),
  };
};
