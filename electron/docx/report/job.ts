import type { ReportOptions } from '../../../shared/contract/reports';
import { buildReportModel, type ReportSources } from '../../../shared/report/model';
import { reportDocx } from './document';
import { reportLabels } from './labels';

/**
 * What a report is made from: the workspace's documents as read, the options, and the
 * photos' bytes. Plain data a worker thread can receive: building the model from 1,000
 * notes takes 30–60 ms, so the worker does that too, not only the document.
 */
export interface ReportJob {
  sources: ReportSources;
  options: ReportOptions;
  /** Photo bytes by hash; only read when the options include photos. */
  photoBytes: ReadonlyMap<string, Uint8Array>;
}

/** The report's .docx bytes from its sources, in the calling thread. */
export const reportFromSources = ({ sources, options, photoBytes }: ReportJob): Promise<Buffer> =>
  reportDocx({ model: buildReportModel(sources, options, reportLabels[options.language].words), language: options.language, photoBytes });
