import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RequestOf } from '../../../shared/contract';
import type { VersionRef } from '../../../shared/contract/designs';
import type { ChangeNote, DesignContent, EvidenceRef } from '../../../shared/domain/design';
import { backend } from '../../api/client';

export const designKeys = {
  list: (groupId: string) => ['designs', groupId] as const,
  one: (designId: string) => ['design', designId] as const,
  compare: (designId: string, from: string, to: string) => ['design-compare', designId, from, to] as const,
};

export const useDesigns = (groupId: string) =>
  useQuery({ queryKey: designKeys.list(groupId), queryFn: () => backend.listDesigns({ groupId }) });

export const useDesign = (designId: string) =>
  useQuery({ queryKey: designKeys.one(designId), queryFn: () => backend.getDesign({ designId }) });

export const useComparison = (designId: string, from: VersionRef | '', to: VersionRef | '') =>
  useQuery({
    queryKey: designKeys.compare(designId, from, to),
    queryFn: () => backend.compareVersions({ designId, fromVersionId: from as VersionRef, toVersionId: to as VersionRef }),
    enabled: Boolean(from && to),
  });

/** What cited evidence says now; the analysis feature answers, a plain label is the fallback. */
export const useResolvedEvidence = (refs: EvidenceRef[]) =>
  useQuery({
    queryKey: ['evidence', refs.map((r) => r.id).join(',')],
    queryFn: () => backend.resolveEvidence({ refs }),
    enabled: refs.length > 0,
    retry: false,
  });

/** Invalidate the design and every list it appears in after a change. */
const useRefresh = () => {
  const client = useQueryClient();
  return (designId?: string) =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['designs'] }),
      designId ? client.invalidateQueries({ queryKey: designKeys.one(designId) }) : undefined,
      client.invalidateQueries({ queryKey: ['design-compare'] }),
    ]);
};

export const useCreateDesign = () => {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (request: RequestOf<'createDesign'>) => backend.createDesign(request),
    onSuccess: () => refresh(),
  });
};

/** The autosave. Not invalidating on success: the editor's own state is newer than any refetch. */
export const useSaveDraft = (designId: string) =>
  useMutation({
    mutationKey: ['saveDraft', designId],
    mutationFn: (draft: { content: DesignContent; changeNotes: ChangeNote[] }) => backend.saveDraft({ designId, ...draft }),
  });

const useDesignMutation = <Req,>(designId: string, call: (request: Req) => Promise<unknown>) => {
  const refresh = useRefresh();
  return useMutation({ mutationFn: call, onSuccess: () => refresh(designId) });
};

export const useSaveVersion = (designId: string) =>
  useDesignMutation(designId, (r: { summary: string; authors: string[] }) => backend.saveVersion({ designId, ...r }));

export const useReviseFromVersion = (designId: string) =>
  useDesignMutation(designId, (r: { versionId: string; replaceDraft: boolean }) => backend.reviseFromVersion({ designId, ...r }));

export const useDiscardDraft = (designId: string) => useDesignMutation(designId, () => backend.discardDraft({ designId }));

export const useDeleteDesign = (designId: string) => {
  const refresh = useRefresh();
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => backend.deleteDesign({ designId }),
    onSuccess: () => {
      client.removeQueries({ queryKey: designKeys.one(designId) });
      return refresh();
    },
  });
};

export const useCopyDesign = (designId: string) => {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (groupId: string) => backend.copyDesignToGroup({ designId, groupId }), onSuccess: () => refresh() });
};

export const useImportDesign = (groupId: string) => {
  const refresh = useRefresh();
  return useMutation({ mutationFn: () => backend.importDesignFile({ groupId }), onSuccess: () => refresh() });
};

/** Exports answer with an `exportId` (or null when the dialog was cancelled). */
export const useExportDesignFile = (designId: string) => useMutation({ mutationFn: () => backend.exportDesignFile({ designId }) });

export const useExportLessonPlan = (designId: string) =>
  useMutation({
    mutationFn: (r: { versionId: VersionRef; language: 'en' | 'ja'; anonymize: boolean }) => backend.exportLessonPlanDocx({ designId, ...r }),
  });

export const useExportComparison = (designId: string) =>
  useMutation({
    mutationFn: (r: { fromVersionId: VersionRef; toVersionId: VersionRef; language: 'en' | 'ja'; anonymize: boolean }) =>
      backend.exportComparisonDocx({ designId, ...r }),
  });
