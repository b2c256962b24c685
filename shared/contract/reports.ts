import { z } from 'zod';
import { Id } from '../ids';
import { channel } from './channel';
import { DocumentLanguage, ExportedFile } from './designs';

/** What goes into a cycle report besides the chapters every report has. */
export const ReportOptions = z
  .object({
    /** Every student pseudonym becomes a stable label (Student A, B, …), free text included. */
    anonymize: z.boolean().default(false),
    /** An appendix listing every observation. */
    includeAppendix: z.boolean().default(true),
    /** Photos of student work and the board, embedded and scaled to the page. */
    includePhotos: z.boolean().default(true),
    language: DocumentLanguage.default('en'),
  })
  .strict();
export type ReportOptions = z.infer<typeof ReportOptions>;

const exportRef = z.object({ exportId: Id }).strict();

// Channels of the reports feature. Owned by that feature; the contract index spreads them in.
export const reportChannels = {
  /**
   * Build the cycle report and save it where the user chooses in a dialog the main
   * process shows (the renderer never supplies a path). null = dialog cancelled.
   */
  exportCycleReport: channel(ReportOptions.extend({ cycleId: Id }).strict(), ExportedFile.nullable()),
  /**
   * The group's research theme across its cycles (shared/report/theme-overview.ts) as a
   * Word document for the school's end-of-year report; saved like the cycle report.
   */
  exportThemeReport: channel(
    z.object({ groupId: Id, anonymize: z.boolean().default(false), language: DocumentLanguage.default('en') }).strict(),
    ExportedFile.nullable(),
  ),
  /** Open a report this backend wrote in this session; any other id is refused. */
  openExport: channel(exportRef, z.null()),
  showExportInFolder: channel(exportRef, z.null()),
};
