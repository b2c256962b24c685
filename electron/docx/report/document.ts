import { Document, Packer, Paragraph, type FileChild, type ISectionOptions } from 'docx';
import type { ReportModel } from '../../../shared/report/model';
import { landscapeSection, portraitSection } from '../flow-table';
import { sanitizedLines } from '../sanitize';
import { documentLook, heading, headingsMade, pageFooter } from '../styles';
import { appendixChapter, photosChapter, reflectionChapter, revisionChapter } from './chapters-back';
import { discussionChapter, findingsChapter, observationDetails, observationOverview } from './chapters-evidence';
import { coverPage, lessonBack, lessonFlow, lessonFront, type ContentsEntry } from './chapters-front';
import { reportLabels } from './labels';
import { embeddablePhotos, type EmbeddablePhoto } from './images';

export interface ReportDocumentInput {
  model: ReportModel;
  language: 'en' | 'ja';
  /** Photo bytes by hash, as stored; only read when the model lists photos. */
  photoBytes?: ReadonlyMap<string, Uint8Array>;
}

/**
 * Bookmark the Heading 1 and 2 paragraphs of `children` and list them as contents
 * entries. The report lists its own headings because docx, left to find them, reads the
 * text of every paragraph of the finished document — a sixth of the time to write a
 * report with a 1,000-note appendix.
 */
const withBookmarkedHeadings = (children: FileChild[], entries: ContentsEntry[]): FileChild[] =>
  children.map((child) => {
    const made = child instanceof Paragraph ? headingsMade.get(child) : undefined;
    if (!made || made.level === 3) return child;
    const bookmark = `_TocLs${entries.length + 1}`;
    entries.push({ title: made.text, level: made.level, href: bookmark });
    return heading(made.text, made.level, bookmark);
  });

/**
 * The cycle report as a Word document. Portrait pages for prose, landscape pages for the
 * wide tables (flow table, step × code table, revisions, appendix). Every section has the
 * page-number footer; headings use Word's Heading 1–3 so the navigation pane works, and
 * the contents list them, linked (chapters-front.ts: no field for Word to update).
 */
export const reportDocument = ({ model, language }: ReportDocumentInput, photos: ReadonlyMap<string, EmbeddablePhoto | null> = new Map()): Document => {
  const labels = reportLabels[language];
  const footer = { default: pageFooter(labels) };
  const chapters: Array<[(children: FileChild[]) => ISectionOptions, FileChild[]]> = [
    [portraitSection, lessonFront(model, labels)],
    [landscapeSection, lessonFlow(model, labels)],
    [portraitSection, lessonBack(model, labels)],
    [landscapeSection, observationOverview(model, labels)],
    [portraitSection, [...observationDetails(model, labels), ...discussionChapter(model, labels), ...findingsChapter(model, labels)]],
    [landscapeSection, revisionChapter(model, labels)],
    [portraitSection, [...reflectionChapter(model, labels), ...photosChapter(model, labels, photos)]],
    [landscapeSection, appendixChapter(model, labels)],
  ];
  const contents: ContentsEntry[] = [];
  const body = chapters.map(([make, children]) => [make, withBookmarkedHeadings(children, contents)] as const);
  const sections = [[portraitSection, coverPage(model, labels, contents)] as const, ...body]
    .filter(([, children]) => children.length)
    .map(([make, children]) => ({ ...make(children), footers: footer }));

  const docTitle = sanitizedLines(model.title).join(' ');
  return new Document({
    creator: sanitizedLines(model.author).join(' '),
    lastModifiedBy: sanitizedLines(model.author).join(' '),
    title: docTitle,
    subject: sanitizedLines(model.lesson?.content.title ?? model.group.name).join(' '),
    description: labels.documentKind,
    keywords: 'lesson study',
    ...documentLook(),
    sections,
  });
};

/** The report as .docx bytes, its photos turned upright and sized first. */
export const reportDocx = async (input: ReportDocumentInput): Promise<Buffer> => {
  const listed = new Set(input.model.photos.map((p) => p.hash));
  const wanted = new Map([...(input.photoBytes ?? [])].filter(([hash]) => listed.has(hash)));
  return Packer.toBuffer(reportDocument(input, await embeddablePhotos(wanted)));
};
