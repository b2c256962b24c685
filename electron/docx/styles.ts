import {
  AlignmentType,
  Bookmark,
  BorderStyle,
  Footer,
  HeadingLevel,
  LineRuleType,
  PageNumber,
  Paragraph,
  ShadingType,
  TextRun,
  type IParagraphOptions,
  type IRunOptions,
  type IStylesOptions,
  type ITableCellBorders,
} from 'docx';
import { sanitizedLines } from './sanitize';

/**
 * The look shared by every Word document the app writes (lesson plan, comparison, cycle
 * report): readable sans-serif type, Japanese text in a CJK font, Heading 1–3, and the
 * bordered table with a shaded header row. Reuse these instead of styling ad hoc, so all
 * documents look like one family and stay editable with Word's own styles.
 */

/** Latin text. Arial ships with Windows and macOS; LibreOffice maps it to Liberation Sans. */
export const FONT_LATIN = 'Arial';
/** East Asian text. Yu Gothic ships with Windows and macOS; LibreOffice substitutes Noto Sans CJK. */
export const FONT_EAST_ASIAN = 'Yu Gothic';
export const FONTS = { ascii: FONT_LATIN, hAnsi: FONT_LATIN, cs: FONT_LATIN, eastAsia: FONT_EAST_ASIAN };

/** Sizes in half-points: 10.5 pt body is the usual size of a Japanese lesson plan. */
export const SIZE = { body: 21, small: 18, table: 19, h1: 32, h2: 26, h3: 23, title: 40 } as const;

export const COLORS = {
  text: '1C1F1A',
  muted: '5B6157',
  accent: '1F6F5C',
  border: '8A9087',
  headerFill: 'E2F0EA',
  insertedText: '0B6B3A',
  deletedText: 'A11A12',
} as const;

/** Paragraph style ids usable as `style:` on a Paragraph. */
export const STYLE = { label: 'LsLabel', note: 'LsNote' } as const;

/**
 * Table text (9.5 pt, tighter lines) comes from one table style on every table, not from
 * a paragraph style on each cell paragraph: a 1,000-note appendix has 6,000 of them, and
 * the per-paragraph style was a quarter of its XML and of the time to write it. docx has
 * no option for table styles, so it is given as a styles part that docx merges with its
 * own. `w:line` without a `w:lineRule` (Word's default, auto) renders alike in Word and
 * LibreOffice; an explicit `auto` made LibreOffice lay rows out tighter.
 */
export const TABLE_STYLE_ID = 'LsTable';
const TABLE_STYLES_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="table" w:styleId="${TABLE_STYLE_ID}"><w:name w:val="Lesson Study Table"/><w:qFormat/><w:pPr><w:spacing w:after="60" w:line="276"/></w:pPr><w:rPr><w:sz w:val="${SIZE.table}"/><w:szCs w:val="${SIZE.table}"/></w:rPr></w:style></w:styles>`;

/** The styles of every document: pass to `new Document({ ...documentLook(), … })`. */
export const documentLook = (): { externalStyles: string; styles: IStylesOptions } => ({ externalStyles: TABLE_STYLES_XML, styles: documentStyles() });

const documentStyles = (): IStylesOptions => ({
  default: {
    document: {
      run: { font: FONTS, size: SIZE.body, color: COLORS.text },
      paragraph: { spacing: { after: 100, line: 300 } },
    },
    // The rule with the spacing: `w:line` without `w:lineRule` made LibreOffice print a wrapped title's lines on top of each other.
    title: { run: { font: FONTS, size: SIZE.title, bold: true, color: COLORS.text }, paragraph: { spacing: { before: 120, after: 200, line: 264, lineRule: LineRuleType.AUTO }, keepNext: true } },
    heading1: { run: { font: FONTS, size: SIZE.h1, bold: true, color: COLORS.accent }, paragraph: { spacing: { before: 360, after: 160 }, keepNext: true } },
    heading2: { run: { font: FONTS, size: SIZE.h2, bold: true, color: COLORS.text }, paragraph: { spacing: { before: 280, after: 120 }, keepNext: true } },
    heading3: { run: { font: FONTS, size: SIZE.h3, bold: true, color: COLORS.text }, paragraph: { spacing: { before: 200, after: 80 }, keepNext: true } },
  },
  paragraphStyles: [
    { id: STYLE.label, name: 'Field Label', basedOn: 'Normal', quickFormat: true, run: { size: SIZE.small, bold: true, color: COLORS.muted }, paragraph: { spacing: { after: 40 }, keepNext: true } },
    { id: STYLE.note, name: 'Note', basedOn: 'Normal', quickFormat: true, run: { size: SIZE.small, italics: true, color: COLORS.muted } },
  ],
});

/** The app's table look: a thin grey grid. */
const TABLE_BORDERS: ITableCellBorders = {
  top: { style: BorderStyle.SINGLE, size: 4, color: COLORS.border },
  bottom: { style: BorderStyle.SINGLE, size: 4, color: COLORS.border },
  left: { style: BorderStyle.SINGLE, size: 4, color: COLORS.border },
  right: { style: BorderStyle.SINGLE, size: 4, color: COLORS.border },
};
/**
 * The same grid set once on a table (including the inside lines) rather than on every
 * cell: a 1,000-row appendix would otherwise repeat four borders, margins and a width in
 * each of its 6,000 cells, which made the report several times slower to write.
 */
export const TABLE_GRID = {
  ...TABLE_BORDERS,
  insideHorizontal: TABLE_BORDERS.top,
  insideVertical: TABLE_BORDERS.left,
};
export const HEADER_SHADING = { type: ShadingType.CLEAR, color: 'auto', fill: COLORS.headerFill } as const;
export const CELL_MARGINS = { top: 60, bottom: 60, left: 100, right: 100 } as const;

/**
 * One paragraph per line of a multi-line field; an empty field gives one empty paragraph.
 * The options are copied with Object.assign, not a spread: docx's Paragraph made from a
 * spread object literal was about three times slower to build (`npm run bench`, report
 * export: the 6,000-cell appendix goes through here).
 */
export const textParagraphs = (text: string, options: Omit<IParagraphOptions, 'children' | 'text'> = {}, run: Omit<IRunOptions, 'text'> = {}): Paragraph[] =>
  sanitizedLines(text).map((line) => new Paragraph(Object.assign({ children: [new TextRun({ ...run, text: line })] }, options)));

/** Each paragraph `heading` made, with its text and level: a document can list them as its contents. */
export const headingsMade = new WeakMap<Paragraph, { text: string; level: 1 | 2 | 3 }>();

/** Heading 1–3; with `bookmark`, its text is bookmarked under that name (a contents entry links to it). */
export const heading = (text: string, level: 1 | 2 | 3 = 1, bookmark?: string): Paragraph => {
  const clean = sanitizedLines(text).join(' ');
  const run = new TextRun({ text: clean });
  const paragraph = new Paragraph({
    heading: level === 1 ? HeadingLevel.HEADING_1 : level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3,
    children: bookmark ? [new Bookmark({ id: bookmark, children: [run] })] : [run],
  });
  headingsMade.set(paragraph, { text: clean, level });
  return paragraph;
};

export const title = (text: string): Paragraph =>
  new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.LEFT, children: [new TextRun({ text: sanitizedLines(text).join(' ') })] });

/** A small bold label above a field, then the field's paragraphs; nothing when the field is empty. */
export const labelledText = (label: string, text: string): Paragraph[] =>
  text.trim() ? [new Paragraph({ style: STYLE.label, children: [new TextRun({ text: sanitizedLines(label).join(' ') })] }), ...textParagraphs(text)] : [];

/**
 * A bulleted list as "• " paragraphs with a hanging indent. (docx's `bullet:` option adds
 * a second pStyle next to ours, which Word may reject; a literal bullet keeps any style.)
 */
export const bulletParagraph = (children: IParagraphOptions['children']): Paragraph =>
  new Paragraph({ indent: { left: 240, hanging: 240 }, children: [new TextRun({ text: '•\u00A0' }), ...(children ?? [])] });

export const bullets = (items: string[]): Paragraph[] => items.map((item) => bulletParagraph([new TextRun({ text: sanitizedLines(item).join(' ') })]));

/** The words of the page-number footer: "Page 3 of 12" (en) or "3 / 12" (ja, page ""). */
export interface PageWords {
  page: string;
  of: string;
}

/** "Page 3 of 12" centred in the footer of every page; Word and LibreOffice fill the numbers in. */
export const pageFooter = (words: PageWords): Footer =>
  new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            size: SIZE.small,
            color: COLORS.muted,
            children: [words.page ? `${words.page} ` : '', PageNumber.CURRENT, ` ${words.of} `, PageNumber.TOTAL_PAGES],
          }),
        ],
      }),
    ],
  });
