import type { designChannels } from '../../shared/contract/designs';
import { diffDesign } from '../../shared/diff';
import { Design, emptyDesignContent, summarizeDesign, type DesignVersion } from '../../shared/domain/design';
import { LessonStudyError } from '../../shared/result';
import type { BackendContext } from './context';
import { changeDesign, copyWithNewIds, designRepository, listAllDesigns, loadDesign } from './designs';
import { createDesignFileService } from './designs-files';
import { changeNotesBetween, findVersion, noDraft, resolveVersionRef } from './designs-versions';
import { loadGroup, repeatedId } from './groups';
import type { ServiceFor } from './service-types';

/** The lesson design channels: drafts, versions, comparison, copies, and the files of designs-files.ts. */
export const createDesignService = (ctx: BackendContext): ServiceFor<typeof designChannels> => {
  // Deleting a group takes its lesson designs with it, taught or not: the cycles go too.
  ctx.onGroupDeleted.push(async (groupId) => {
    for (const design of await listAllDesigns(ctx)) {
      if (design.groupId === groupId) await designRepository.remove(ctx, design.id);
    }
  });

  return {
    async listDesigns({ groupId }) {
      const designs = await listAllDesigns(ctx);
      return designs
        .filter((d) => d.groupId === groupId)
        .map(summarizeDesign)
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    },

    getDesign: ({ designId }) => loadDesign(ctx, designId),

    async createDesign({ groupId, title }) {
      await loadGroup(ctx, groupId);
      const now = ctx.clock().toISOString();
      const design = Design.parse({
        id: ctx.newId(),
        groupId,
        createdAt: now,
        updatedAt: now,
        draft: { content: emptyDesignContent(title), changeNotes: [], updatedAt: now },
        versions: [],
      });
      await designRepository.save(ctx, design);
      return design;
    },

    async saveDraft({ designId, content, changeNotes }) {
      if (repeatedId(content.steps.map((step) => step.id))) {
        throw new LessonStudyError('invalid-request', 'Two steps of the lesson flow share one id; each step needs an id of its own.');
      }
      const now = ctx.clock().toISOString();
      const design = await changeDesign(ctx, designId, (current) => {
        if (!current.draft) throw noDraft();
        return { ...current, draft: { ...current.draft, content, changeNotes, updatedAt: now } };
      });
      return { updatedAt: design.draft!.updatedAt };
    },

    saveVersion: ({ designId, summary, authors }) =>
      changeDesign(ctx, designId, (current) => {
        if (!current.draft) throw noDraft();
        const number = current.versions.reduce((max, v) => Math.max(max, v.number), 0) + 1;
        const version: DesignVersion = {
          id: ctx.newId(),
          number,
          content: current.draft.content,
          summary: summary.trim(),
          authors: authors.map((a) => a.trim()).filter(Boolean),
          createdAt: ctx.clock().toISOString(),
          basedOnVersionId: current.draft.basedOnVersionId,
          changeNotes: current.draft.changeNotes,
          taughtInCycleIds: [],
        };
        return { ...current, versions: [...current.versions, version], draft: null };
      }),

    reviseFromVersion: ({ designId, versionId, replaceDraft }) =>
      changeDesign(ctx, designId, (current) => {
        const version = findVersion(current, versionId);
        if (current.draft && !replaceDraft) {
          throw new LessonStudyError('conflict', 'This lesson design already has a draft. Save or discard it first, or choose to replace it.');
        }
        return {
          ...current,
          // A deep copy: the draft is edited, the version it came from never is.
          draft: { content: structuredClone(version.content), basedOnVersionId: version.id, changeNotes: [], updatedAt: ctx.clock().toISOString() },
        };
      }),

    discardDraft: ({ designId }) =>
      changeDesign(ctx, designId, (current) => {
        if (!current.draft) throw noDraft();
        if (!current.versions.length) {
          throw new LessonStudyError('invalid-transition', 'This draft is the only copy of the design; delete the design instead.');
        }
        return { ...current, draft: null };
      }),

    async compareVersions({ designId, fromVersionId, toVersionId }) {
      const design = await loadDesign(ctx, designId);
      const from = resolveVersionRef(design, fromVersionId);
      const to = resolveVersionRef(design, toVersionId);
      return { designId, from, to, diff: diffDesign(from.content, to.content), changeNotes: changeNotesBetween(design, from, to) };
    },

    async copyDesignToGroup({ designId, groupId }) {
      const design = await loadDesign(ctx, designId);
      await loadGroup(ctx, groupId);
      const copy = copyWithNewIds(ctx, design, groupId);
      await designRepository.save(ctx, copy);
      return copy;
    },

    async deleteDesign({ designId }) {
      const design = await loadDesign(ctx, designId);
      const taught = design.versions.filter((v) => v.taughtInCycleIds.length > 0);
      if (taught.length) {
        throw new LessonStudyError(
          'conflict',
          `Version ${taught.map((v) => v.number).join(', ')} was taught in a cycle, and that cycle's record refers to it. Delete the cycle first if you really mean to remove this design.`,
        );
      }
      await designRepository.remove(ctx, designId);
      return null;
    },

    ...createDesignFileService(ctx),
  };
};
