import { Document, Packer, type FileChild, type ISectionOptions } from 'docx';
import { estimatePageNumbersWith } from 'docx/layout';
import type { ReportModel } from '../../../shared/report/model';
import { landscapeSection, portraitSection } from '../flow-table';
import { sanitizedLines } from '../sanitize';
import { documentLook } from '../styles';
import { appendixChapter, photosChapter, reflectionChapter, revisionChapter } from './chapters-back';
import { discussionChapter, findingsChapter, observationDetails, observationOverview } from './chapters-evidence';
import { coverPage, lessonBack, lessonFlow, lessonFront } from './chapters-front';
import { reportLabels } from './labels';
import { pageFooter } from './parts';

export interface ReportDocumentInput {
  model: ReportModel;
  language: 'en' | 'ja';
  /** Photo bytes by hash; only read when the model lists photos. */
  photoBytes?: ReadonlyMap<string, Uint8Array>;
  /**
   * Work out the table of contents' page numbers while writing (slow: it lays the pages
   * out). Word refreshes them on opening anyway; LibreOffice and previews show them only
   * when they are written. Default on.
   */
  estimatePages?: boolean;
}

/**
 * The cycle report as a Word document. Portrait pages for prose, landscape pages for the
 * wide tables (flow table, step × code table, revisions, appendix). Every section has the
 * page-number footer; headings use Word's Heading 1–3 so the navigation pane and the
 * table of contents work, and the TOC field is refreshed when the file is opened.
 */
export const reportDocument = ({ model, language, photoBytes = new Map(), estimatePages = true }: ReportDocumentInput): Document => {
  const labels = reportLabels[language];
  const footer = { default: pageFooter(labels) };
  const sections: ISectionOptions[] = [];
  const add = (make: (children: FileChild[]) => ISectionOptions, children: FileChild[]) => {
    if (children.length) sections.push({ ...make(children), footers: footer });
  };

  add(portraitSection, coverPage(model, labels));
  add(portraitSection, lessonFront(model, labels));
  add(landscapeSection, lessonFlow(model, labels));
  add(portraitSection, lessonBack(model, labels));
  add(landscapeSection, observationOverview(model, labels));
  add(portraitSection, [...observationDetails(model, labels), ...discussionChapter(model, labels), ...findingsChapter(model, labels)]);
  add(landscapeSection, revisionChapter(model, labels, language));
  add(portraitSection, [...reflectionChapter(model, labels), ...photosChapter(model, labels, photoBytes)]);
  add(landscapeSection, appendixChapter(model, labels));

  const docTitle = sanitizedLines(model.title).join(' ');
  return new Document({
    creator: sanitizedLines(model.author).join(' '),
    lastModifiedBy: sanitizedLines(model.author).join(' '),
    title: docTitle,
    subject: sanitizedLines(model.lesson?.content.title ?? model.group.name).join(' '),
    description: labels.documentKind,
    keywords: 'lesson study',
    features: { updateFields: true },
    // Page numbers in the table of contents for readers that do not update fields
    // (LibreOffice's converter, previews); Word refreshes them on opening.
    ...(estimatePages ? { pageNumbers: estimatePageNumbersWith({ guess: true }) } : {}),
    ...documentLook(),
    sections,
  });
};

/** The report as .docx bytes. */
export const reportDocx = (input: ReportDocumentInput): Promise<Buffer> => Packer.toBuffer(reportDocument(input));
