import * as path from 'node:path';
import type { designChannels } from '../../shared/contract/designs';
import { diffDesign } from '../../shared/diff';
import { LESSON_STUDY_FILE_FORMAT, LessonStudyFile, type Design } from '../../shared/domain/design';
import { LessonStudyError } from '../../shared/result';
import { comparisonDocx, comparisonLabels } from '../docx/comparison';
import { lessonPlanDocx, lessonPlanLabels, safeFileName } from '../docx/lesson-plan';
import { writeFileDurably } from '../storage/durable-write';
import type { BackendContext } from './context';
import { copyWithNewIds, designRepository, loadDesign } from './designs';
import { comparisonEvidence } from './comparison-evidence';
import { changeNotesBetween, resolveVersionRef } from './designs-versions';
import { anonymizeComparison, anonymizeLessonPlan, studentWords } from '../../shared/report/anonymize-export';
import { loadGroup, saveNewGroup } from './groups';
import type { ServiceFor } from './service-types';

/** At most `max` UTF-16 units, never half a surrogate pair. */
const clip = (text: string, max: number) => text.slice(0, max).replace(/[\uD800-\uDBFF]$/, '');

/** The group called `name` (the same name, ignoring case and spaces at the ends), or a new one with the design's subject and grade. */
const groupNamed = async (ctx: BackendContext, name: string, design: LessonStudyFile['design']): Promise<string> => {
  const wanted = name.trim().toLocaleLowerCase();
  const known = (await ctx.catalogue.groups()).find((g) => g.name.trim().toLocaleLowerCase() === wanted);
  if (known) return known.id;
  const latest = design.versions.at(-1)?.content ?? design.draft?.content;
  const group = await saveNewGroup(ctx, {
    name: name.trim(),
    schools: [],
    subject: clip(latest?.subject ?? '', 80),
    gradeBand: clip(latest?.grade ?? '', 40),
    researchTheme: '',
    norms: [],
    members: [],
  });
  return group.id;
};

type FileChannels = Pick<
  typeof designChannels,
  'exportDesignFile' | 'importDesignFile' | 'exportLessonPlanDocx' | 'exportComparisonDocx' | 'openExportedFile' | 'showExportedFile'
>;

const versionTag = (n: number | null) => (n === null ? 'draft' : `v${n}`);
const anonymisedSuffix = { en: ' (anonymised)', ja: '（匿名化）' } as const;

/** The lesson plan's suggested file name: its title (anonymised when the document is) and version. */
export const lessonPlanFileName = (title: string, versionNumber: number | null, options: { anonymize?: boolean; language: 'en' | 'ja' }): string =>
  `${safeFileName(title)} ${versionTag(versionNumber)}${options.anonymize ? anonymisedSuffix[options.language] : ''}.docx`;

/** The comparison's suggested file name: the newer version's title and both versions. */
export const comparisonFileName = (title: string, from: number | null, to: number | null, options: { anonymize?: boolean; language: 'en' | 'ja' }): string =>
  `${safeFileName(title)} ${versionTag(from)}-${versionTag(to)}${options.anonymize ? anonymisedSuffix[options.language] : ''}.docx`;

/** An exchange file larger than this is refused before it is parsed. */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;
export const LESSON_STUDY_EXTENSION = '.lessonstudy.json';

const describe = (issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>) =>
  issues
    .slice(0, 2)
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');

/**
 * Check an exchange file's text. Pure: throws `corrupt-file` with a
 * message a teacher can act on, `newer-schema` for a file from a newer app.
 */
export const parseLessonStudyFile = (text: string): LessonStudyFile => {
  let raw: unknown;
  try {
    raw = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch {
    throw new LessonStudyError('corrupt-file', 'This file is not a lesson design file: it is not valid JSON. Nothing was imported.');
  }
  const record = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  if (record.format !== LESSON_STUDY_FILE_FORMAT) {
    throw new LessonStudyError('corrupt-file', 'This file is not a lesson design exported from Lesson Study Desktop. Nothing was imported.');
  }
  if (typeof record.formatVersion === 'number' && record.formatVersion > 1) {
    throw new LessonStudyError('newer-schema', 'This lesson design was exported by a newer version of Lesson Study Desktop. Update the app to import it.');
  }
  const parsed = LessonStudyFile.safeParse(raw);
  if (!parsed.success) {
    throw new LessonStudyError('corrupt-file', `This lesson design file is damaged or incomplete (${describe(parsed.error.issues)}). Nothing was imported.`);
  }
  const numbers = parsed.data.design.versions.map((v) => v.number);
  if (new Set(numbers).size !== numbers.length) {
    throw new LessonStudyError('corrupt-file', 'This lesson design file lists the same version number twice. Nothing was imported.');
  }
  return parsed.data;
};

export const encodeLessonStudyFile = (design: Design, exportedAt: string): string =>
  `${JSON.stringify({ format: LESSON_STUDY_FILE_FORMAT, formatVersion: 1, exportedAt, design } satisfies LessonStudyFile, null, 2)}\n`;

const titleOf = (design: Design) => design.draft?.content.title ?? design.versions.at(-1)?.content.title ?? 'lesson-design';

/**
 * Files in and out of the workspace. Paths come only from the host's dialogs; the
 * renderer gets an `exportId` for each file written this session and may ask to open or
 * show only those — never a path of its own choosing.
 */
export const createDesignFileService = (ctx: BackendContext): ServiceFor<FileChannels> => {
  const exported = new Map<string, string>();

  const writeExport = async (filePath: string, data: string | Uint8Array) => {
    await writeFileDurably(ctx.store.deps.fs, filePath, data);
    const exportId = ctx.newId();
    exported.set(exportId, filePath);
    return { exportId, fileName: path.basename(filePath) };
  };

  const exportedPath = (exportId: string) => {
    const filePath = exported.get(exportId);
    if (!filePath) throw new LessonStudyError('forbidden', 'Only a file exported in this session can be opened from here.');
    return filePath;
  };

  const groupFor = async (design: Design) => {
    try {
      return await loadGroup(ctx, design.groupId);
    } catch {
      return undefined;
    }
  };

  return {
    async exportDesignFile({ designId }) {
      const design = await loadDesign(ctx, designId);
      const filePath = await ctx.effects.chooseSavePath({
        title: 'Export lesson design',
        defaultName: `${safeFileName(titleOf(design), 'lesson-design')}${LESSON_STUDY_EXTENSION}`,
        filters: [{ name: 'Lesson design', extensions: ['json'] }],
      });
      if (!filePath) return null;
      return writeExport(filePath, encodeLessonStudyFile(design, ctx.clock().toISOString()));
    },

    async importDesignFile(into) {
      if (into.groupId !== undefined) await loadGroup(ctx, into.groupId);
      const [filePath] = await ctx.effects.chooseOpenPaths({
        title: 'Import lesson design',
        filters: [{ name: 'Lesson design', extensions: ['json'] }],
        multiple: false,
      });
      if (!filePath) return null;
      const fs = ctx.store.deps.fs;
      let text: string;
      try {
        const info = await fs.stat(filePath);
        if (info.size > MAX_IMPORT_BYTES) throw new LessonStudyError('too-large', 'This file is too large to be a lesson design. Nothing was imported.');
        text = await fs.readFile(filePath, 'utf8');
      } catch (error) {
        if (error instanceof LessonStudyError) throw error;
        throw new LessonStudyError('io', `The file could not be read: ${(error as Error).message}`);
      }
      const file = parseLessonStudyFile(text);
      // Always a new copy with new ids: importing twice gives two designs, and a file can
      // never overwrite a design (or a taught version) already in this workspace.
      const groupId = into.groupId ?? (await groupNamed(ctx, into.newGroupName ?? '', file.design));
      const copy = copyWithNewIds(ctx, file.design, groupId);
      await designRepository.save(ctx, copy);
      return copy;
    },

    async exportLessonPlanDocx({ designId, versionId, language, anonymize }) {
      const design = await loadDesign(ctx, designId);
      const version = resolveVersionRef(design, versionId);
      const labels = lessonPlanLabels[language];
      const group = await groupFor(design);
      // Anonymised, the plan names no student (its observation plan lists focus students by name), nor does its file name.
      const plan = anonymize ? anonymizeLessonPlan(version.content, group, studentWords[language]) : { content: version.content, group };
      const bytes = await lessonPlanDocx({ content: plan.content, versionNumber: version.number, group: plan.group, labels });
      const filePath = await ctx.effects.chooseSavePath({
        title: 'Export lesson plan',
        // Anonymised, the title is the anonymised one: the file name names no student either.
        defaultName: lessonPlanFileName(plan.content.title, version.number, { anonymize, language }),
        filters: [{ name: 'Word document', extensions: ['docx'] }],
      });
      if (!filePath) return null;
      return writeExport(filePath, bytes);
    },

    async exportComparisonDocx({ designId, fromVersionId, toVersionId, language, anonymize }) {
      const design = await loadDesign(ctx, designId);
      const from = resolveVersionRef(design, fromVersionId);
      const to = resolveVersionRef(design, toVersionId);
      const compared = { designId, from, to, diff: diffDesign(from.content, to.content), changeNotes: changeNotesBetween(design, from, to) };
      // Cited evidence printed as the finding or the note itself, never its id.
      const cited = await comparisonEvidence(ctx, compared.changeNotes.flatMap((n) => n.evidence));
      // Anonymised before the word diff is made (anonymizeComparison), so no part of a name is struck through.
      const { comparison, evidence } = anonymize
        ? anonymizeComparison(compared, cited, await groupFor(design), studentWords[language])
        : { comparison: compared, evidence: cited };
      const bytes = await comparisonDocx(comparison, comparisonLabels[language], evidence);
      const filePath = await ctx.effects.chooseSavePath({
        title: 'Export comparison',
        defaultName: comparisonFileName(comparison.to.content.title, from.number, to.number, { anonymize, language }),
        filters: [{ name: 'Word document', extensions: ['docx'] }],
      });
      if (!filePath) return null;
      return writeExport(filePath, bytes);
    },

    async openExportedFile({ exportId }) {
      await ctx.effects.openPath(exportedPath(exportId));
      return null;
    },

    async showExportedFile({ exportId }) {
      await ctx.effects.showInFolder(exportedPath(exportId));
      return null;
    },
  };
};
