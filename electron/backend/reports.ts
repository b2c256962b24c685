import * as path from 'node:path';
import type { ReportOptions, reportChannels } from '../../shared/contract/reports';
import type { CycleAnalysis } from '../../shared/domain/analysis';
import type { DesignVersion } from '../../shared/domain/design';
import type { Group } from '../../shared/domain/group';
import type { Observation } from '../../shared/domain/observation';
import { filterObservations } from '../../shared/analysis/filters';
import { anonymousTitle, studentWords } from '../../shared/report/anonymize-export';
import type { ReportSources } from '../../shared/report/model';
import { LessonStudyError } from '../../shared/result';
import { safeFileName } from '../docx/lesson-plan';
import { reportFromSources, type ReportJob } from '../docx/report/job';
import { reportDocxInWorker } from '../docx/report/worker-client';
import { writeFileDurably } from '../storage/durable-write';
import { loadAnalysis } from './analysis';
import type { BackendContext } from './context';
import { loadCycle } from './cycles';
import { loadVersion } from './designs';
import { loadGroup } from './groups';
import { listClassModes, listObservations } from './observations';
import { readPhoto } from './observations-photos';
import type { ServiceFor } from './service-types';
import { buildThemeReport, themeFileName } from './theme-report';

const notFoundIsNull = async <T>(load: () => Promise<T>): Promise<T | null> => {
  try {
    return await load();
  } catch (error) {
    if (error instanceof LessonStudyError && error.code === 'not-found') return null;
    throw error;
  }
};

/** Everything one cycle's report is made from, read through the other features' accessors. */
export const loadReportSources = async (ctx: BackendContext, cycleId: string): Promise<ReportSources> => {
  const cycle = await loadCycle(ctx, cycleId);
  const group = await loadGroup(ctx, cycle.groupId);
  const version = (versionId: string | undefined): Promise<DesignVersion | null> =>
    cycle.designId && versionId ? notFoundIsNull(() => loadVersion(ctx, cycle.designId!, versionId)) : Promise.resolve(null);
  const taught = await version(cycle.versionId);
  const revised = await version(cycle.revisedVersionId);

  // A change note may cite notes or findings of an earlier cycle (a reteach's evidence).
  const otherCycles = new Map<string, { observations: readonly Observation[]; analysis: CycleAnalysis | null }>();
  for (const ref of revised?.changeNotes.flatMap((n) => n.evidence) ?? []) {
    if (ref.cycleId === cycleId || otherCycles.has(ref.cycleId)) continue;
    const other = await notFoundIsNull(() => loadCycle(ctx, ref.cycleId));
    if (other) otherCycles.set(ref.cycleId, { observations: await listObservations(ctx, other.id), analysis: await loadAnalysis(ctx, other.id) });
  }

  return {
    group,
    cycle,
    taught,
    revised,
    observations: await listObservations(ctx, cycleId),
    classModes: await listClassModes(ctx, cycleId),
    analysis: await loadAnalysis(ctx, cycleId),
    otherCycles,
  };
};

/**
 * The name the save dialog suggests: the cycle's title, and whether it is anonymised.
 * Anonymised, the title names no student ("Mia's group" → "Student's group"): pass the
 * group whose roster says who the students are.
 */
export const reportFileName = (
  cycleTitle: string,
  options: Pick<ReportOptions, 'anonymize' | 'language'>,
  group?: Pick<Group, 'focusStudents' | 'seatingChart'>,
): string => {
  const ja = options.language === 'ja';
  const suffix = options.anonymize ? (ja ? ' 報告書（匿名化）' : ' - report (anonymised)') : ja ? ' 報告書' : ' - report';
  const title = options.anonymize ? anonymousTitle(cycleTitle, group, studentWords[options.language]) : cycleTitle;
  return `${safeFileName(title, 'cycle')}${suffix}.docx`;
};

/** Makes the .docx bytes from a report's sources: in this thread (the command line) or in a worker (the app). */
export type RenderReport = (job: ReportJob) => Promise<Buffer>;

/**
 * The cycle report as .docx bytes and a file name to suggest. The app's export channel
 * (rendering in a worker) and the command line (rendering in its own thread) both call this.
 */
export const buildCycleReport = async (
  ctx: BackendContext,
  cycleId: string,
  options: ReportOptions,
  render: RenderReport = reportFromSources,
): Promise<{ bytes: Buffer; fileName: string; title: string }> => {
  const sources = await loadReportSources(ctx, cycleId);
  // The photos the report prints are those of the notes it lists (buildReportModel).
  const photoBytes = new Map<string, Uint8Array>();
  const photos = options.includePhotos ? filterObservations(sources.observations).flatMap((o) => o.photos) : [];
  for (const photo of photos) {
    if (photoBytes.has(photo.hash)) continue;
    const stored = await readPhoto(ctx, photo.hash);
    if (stored) photoBytes.set(photo.hash, stored.bytes);
  }
  const bytes = await render({ sources, options, photoBytes });
  return { bytes, fileName: reportFileName(sources.cycle.title, options, sources.group), title: sources.cycle.title };
};

/**
 * The report channels. The document is rendered in a worker thread by default: building
 * a large report takes half a second of CPU, and a note saved meanwhile must not wait.
 */
export const createReportService = (ctx: BackendContext, render: RenderReport = reportDocxInWorker): ServiceFor<typeof reportChannels> => {
  /** Files this backend wrote in this session; open/show accept only these ids. */
  const exported = new Map<string, string>();
  const exportedPath = (exportId: string) => {
    const filePath = exported.get(exportId);
    if (!filePath) throw new LessonStudyError('forbidden', 'Only a report exported in this session can be opened from here.');
    return filePath;
  };

  return {
    async exportCycleReport({ cycleId, ...options }) {
      // Check the cycle first (a wrong id fails before any dialog), then ask where to save,
      // then build: the dialog opens at once and the progress shows while the file is made.
      const cycle = await loadCycle(ctx, cycleId);
      const filePath = await ctx.effects.chooseSavePath({
        title: 'Export cycle report',
        defaultName: reportFileName(cycle.title, options, options.anonymize ? await loadGroup(ctx, cycle.groupId) : undefined),
        filters: [{ name: 'Word document', extensions: ['docx'] }],
      });
      if (!filePath) return null;
      const report = await buildCycleReport(ctx, cycleId, options, render);
      try {
        await writeFileDurably(ctx.store.deps.fs, filePath, report.bytes);
      } catch (error) {
        if (error instanceof LessonStudyError) throw error;
        throw new LessonStudyError('io', `The report could not be saved: ${(error as Error).message}`);
      }
      const exportId = ctx.newId();
      exported.set(exportId, filePath);
      return { exportId, fileName: path.basename(filePath) };
    },

    async exportThemeReport({ groupId, ...options }) {
      const group = await loadGroup(ctx, groupId);
      const filePath = await ctx.effects.chooseSavePath({
        title: 'Export research theme',
        defaultName: themeFileName(group.name, options, group),
        filters: [{ name: 'Word document', extensions: ['docx'] }],
      });
      if (!filePath) return null;
      const report = await buildThemeReport(ctx, groupId, options);
      try {
        await writeFileDurably(ctx.store.deps.fs, filePath, report.bytes);
      } catch (error) {
        if (error instanceof LessonStudyError) throw error;
        throw new LessonStudyError('io', `The document could not be saved: ${(error as Error).message}`);
      }
      const exportId = ctx.newId();
      exported.set(exportId, filePath);
      return { exportId, fileName: path.basename(filePath) };
    },

    async openExport({ exportId }) {
      await ctx.effects.openPath(exportedPath(exportId));
      return null;
    },

    async showExportInFolder({ exportId }) {
      await ctx.effects.showInFolder(exportedPath(exportId));
      return null;
    },
  };
};
