import { z } from 'zod';
import { DesignDiff } from '../diff/types';
import { ChangeNote, Design, DesignContent, DesignSummary } from '../domain/design';
import { Id, Line, Text, Timestamp } from '../ids';
import { channel } from './channel';

/** A saved version, or the working draft (only where a channel says so). */
export const VersionRef = z.union([Id, z.literal('draft')]);
export type VersionRef = z.infer<typeof VersionRef>;

/** Language of an exported Word document's headings. */
export const DocumentLanguage = z.enum(['en', 'ja']);
export type DocumentLanguage = z.infer<typeof DocumentLanguage>;

/** Every student of the class roster becomes a label (Student A, B, …) in the exported document and its file name; absent = not anonymised. */
export const AnonymizeOption = z.boolean().optional();

/**
 * A file the backend wrote after a save dialog. `exportId` is the only handle the
 * renderer gets: open/show channels accept it, never a path. null = dialog cancelled.
 */
export const ExportedFile = z.object({ exportId: Id, fileName: z.string() });
export type ExportedFile = z.infer<typeof ExportedFile>;

export const ComparedVersion = z.object({
  ref: VersionRef,
  /** null for the draft. */
  number: z.number().int().nullable(),
  createdAt: Timestamp,
  summary: z.string(),
  authors: z.array(z.string()),
  taughtInCycleIds: z.array(Id),
  content: DesignContent,
});
export type ComparedVersion = z.infer<typeof ComparedVersion>;

/** A change note with the version that recorded it (the draft has number null). */
export const VersionChangeNote = ChangeNote.extend({ versionNumber: z.number().int().nullable() });
export type VersionChangeNote = z.infer<typeof VersionChangeNote>;

export const VersionComparison = z.object({
  designId: Id,
  from: ComparedVersion,
  to: ComparedVersion,
  diff: DesignDiff,
  /** The notes of every version after `from` up to and including `to`: why things changed. */
  changeNotes: z.array(VersionChangeNote),
});
export type VersionComparison = z.infer<typeof VersionComparison>;

const designId = z.object({ designId: Id }).strict();
const exportResult = ExportedFile.nullable();

// Channels of the designs feature. Owned by that feature; the contract index spreads them in.
/** The group a workspace keeps designs from other schools in, by the language it was made in. */
export const SHARED_LIBRARY_NAMES = { en: 'Shared with us', ja: '他校から共有された指導案' } as const;

export const designChannels = {
  listDesigns: channel(z.object({ groupId: Id }).strict(), z.array(DesignSummary)),
  getDesign: channel(designId, Design),
  createDesign: channel(z.object({ groupId: Id, title: Line(300).min(1, 'A lesson design needs a title') }).strict(), Design),
  /** Autosave of the working draft. Fails with `invalid-transition` when there is no draft. */
  saveDraft: channel(
    z.object({ designId: Id, content: DesignContent, changeNotes: z.array(ChangeNote).max(200) }).strict(),
    z.object({ updatedAt: Timestamp }),
  ),
  /** Draft → version N+1; the draft is cleared. */
  saveVersion: channel(
    z.object({ designId: Id, summary: Text(2000), authors: z.array(Line(120)).max(30) }).strict(),
    Design,
  ),
  /** New draft from any version; `conflict` when a draft exists unless `replaceDraft`. */
  reviseFromVersion: channel(
    z.object({ designId: Id, versionId: Id, replaceDraft: z.boolean().default(false) }).strict(),
    Design,
  ),
  /** Throw the draft away (only when a saved version remains). */
  discardDraft: channel(designId, Design),
  compareVersions: channel(
    z.object({ designId: Id, fromVersionId: VersionRef, toVersionId: VersionRef }).strict(),
    VersionComparison,
  ),
  copyDesignToGroup: channel(z.object({ designId: Id, groupId: Id }).strict(), Design),
  /** Refused (`conflict`) once a version was taught in a cycle: the cycle's record needs it. */
  deleteDesign: channel(designId, z.null()),
  exportDesignFile: channel(designId, exportResult),
  /** null = the open dialog was cancelled. */
  /**
   * Into a group of the workspace, or into a new group by this name (a group of that name,
   * if the workspace has one: so "Shared with us" is one library however often it is used).
   * The group is made only once a valid file has been chosen.
   */
  importDesignFile: channel(
    z
      .object({ groupId: Id.optional(), newGroupName: Line(120).min(1, 'A group needs a name').optional() })
      .strict()
      .refine((into) => (into.groupId === undefined) !== (into.newGroupName === undefined), 'Name either a group or a new group to import into, not both.'),
    Design.nullable(),
  ),
  exportLessonPlanDocx: channel(
    z.object({ designId: Id, versionId: VersionRef, language: DocumentLanguage.default('en'), anonymize: AnonymizeOption }).strict(),
    exportResult,
  ),
  exportComparisonDocx: channel(
    z.object({ designId: Id, fromVersionId: VersionRef, toVersionId: VersionRef, language: DocumentLanguage.default('en'), anonymize: AnonymizeOption }).strict(),
    exportResult,
  ),
  openExportedFile: channel(z.object({ exportId: Id }).strict(), z.null()),
  showExportedFile: channel(z.object({ exportId: Id }).strict(), z.null()),
};
