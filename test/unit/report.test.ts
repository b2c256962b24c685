import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/index';
import { loadReportSources } from '../../electron/backend/reports';
import sharp from 'sharp';
import JSZip from 'jszip';
import { reportDocx } from '../../electron/docx/report/document';
import { embeddablePhoto, fitImage } from '../../electron/docx/report/images';
import { buildReportModel } from '../../shared/report/model';
import { invalidParts, openSampleCopy, unpackDocx, type UnpackedDocx } from '../fixtures/sample/report-helpers';
import { tempDir } from './support/temp';

const pseudonyms = ['Leo', 'Maya', 'Jonah', 'Amara'];
let backends: Backend[] = [];
afterEach(async () => {
  for (const b of backends) await b.close();
  backends = [];
});

const exportReport = async (options: { anonymize?: boolean; includeAppendix?: boolean; includePhotos?: boolean; language?: 'en' | 'ja' } = {}) => {
  const dir = await tempDir();
  const file = path.join(dir, 'report.docx');
  const sample = await openSampleCopy(dir, [file]);
  backends.push(sample.backend);
  const result = await sample.backend.service.exportCycleReport({
    cycleId: sample.cycleId,
    anonymize: options.anonymize ?? false,
    includeAppendix: options.includeAppendix ?? true,
    includePhotos: options.includePhotos ?? true,
    language: options.language ?? 'en',
  });
  const bytes = await readFile(file);
  return { ...sample, result, file, bytes, docx: await unpackDocx(bytes) };
};

describe('the cycle report of the sample cycle', () => {
  let plain: Awaited<ReturnType<typeof exportReport>>;
  let sourcesText: { findings: string[]; quotes: string[]; lessonTitle: string; finalComments: string };

  beforeAll(async () => {
    plain = await exportReport();
    const sources = await loadReportSources(plain.backend.context, plain.cycleId);
    const model = buildReportModel(sources, { anonymize: false, includeAppendix: true, includePhotos: true });
    sourcesText = {
      findings: sources.analysis!.findings.map((f) => f.statement),
      quotes: model.observations.keyQuotes.flatMap((s) => s.quotes.map((q) => q.text)),
      lessonTitle: sources.taught!.content.title,
      finalComments: sources.analysis!.discussion.finalComments,
    };
  }, 120_000);

  it('is written where the save dialog said, and the renderer gets only a name and an id', () => {
    expect(plain.result).toEqual({ exportId: expect.any(String), fileName: 'report.docx' });
  });

  it('has only XML parts a strict parser accepts', () => {
    expect(plain.docx.parts.size).toBeGreaterThan(8);
    expect(invalidParts(plain.docx.parts)).toEqual([]);
  });

  it('reads back with every chapter, finding, key quote and the final comments', () => {
    const text = plain.docx.text;
    for (const heading of ['The lesson as taught', 'Lesson flow', 'Observation summary', 'Notes by step and code', 'Key quotes, step by step',
      'Points to notice: evidence collected', 'Focus students: predicted and observed', 'Post-lesson discussion', "The knowledgeable other's final comments",
      'Findings', 'Revisions to the lesson', 'Closing reflection and next steps', 'Appendix: all observations', 'Photos of student work and the board']) {
      expect(text).toContain(heading);
    }
    expect(text).toContain(sourcesText.lessonTitle);
    for (const finding of sourcesText.findings) expect(text).toContain(finding);
    for (const quote of sourcesText.quotes) expect(text).toContain(quote);
    expect(text).toContain(sourcesText.finalComments.split('\n')[0]);
    for (const name of pseudonyms) expect(text).toContain(name);
  });

  it('is a navigable, restylable Word document: headings, table of contents, page numbers, landscape flow table, properties', () => {
    const doc = plain.docx.parts.get('word/document.xml')!;
    expect(doc).toMatch(/<w:pStyle w:val="Heading1"\/>/);
    expect(doc).toMatch(/<w:pStyle w:val="Heading2"\/>/);
    expect(doc).toMatch(/<w:pStyle w:val="Heading3"\/>/);
    // The contents need no field update: no TOC field, and Word is not asked to update fields on open.
    expect(doc).not.toContain('TOC \\');
    expect(doc).not.toContain('PAGEREF');
    // The contents list every Heading 1 and 2, in order, each linked to a bookmark on its heading.
    const headings = [...doc.matchAll(/<w:p><w:pPr><w:pStyle w:val="Heading([12])"\/><\/w:pPr><w:bookmarkStart w:name="([^"]+)"[^>]*\/><w:r><w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => ({ level: m[1], bookmark: m[2], text: m[3] }));
    const anchors = [...doc.matchAll(/<w:hyperlink[^>]* w:anchor="([^"]+)"[^>]*>.*?<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => ({ bookmark: m[1], text: m[2] }));
    expect(headings.length).toBeGreaterThan(10);
    expect(anchors).toEqual(headings.map(({ bookmark, text }) => ({ bookmark, text })));
    expect(doc.match(/<w:pStyle w:val="Heading[12]"\/>/g)).toHaveLength(headings.length);
    expect(doc).toContain('w:orient="landscape"');
    expect(doc).toContain('<w:tblHeader/>');
    expect(plain.docx.parts.get('word/settings.xml')).not.toContain('updateFields');
    const footers = [...plain.docx.parts].filter(([name]) => /word\/footer\d+\.xml/.test(name)).map(([, xml]) => xml);
    expect(footers.length).toBeGreaterThan(0);
    expect(footers.every((xml) => xml.includes('PAGE') && xml.includes('NUMPAGES'))).toBe(true);
    const core = plain.docx.parts.get('docProps/core.xml')!;
    expect(core).toContain('<dc:title>Cycle 1 — Comparing fractions: convincing a partner</dc:title>');
    expect(core).toContain('<dc:creator>Helen Ortiz</dc:creator>');
  });

  it('keeps a finding heading with its details, revision rows whole, and one lesson date', () => {
    const doc = plain.docx.parts.get('word/document.xml')!;
    /** From a chapter's Heading 1 (not its contents entry) to the next Heading 1. */
    const chapter = (title: string) => {
      const headings = [...doc.matchAll(/<w:pStyle w:val="Heading1"\/>(?:(?!<\/w:p>).)*<\/w:p>/gs)];
      const at = headings.findIndex((m) => m[0].includes(`>${title}</w:t>`));
      expect(at).toBeGreaterThanOrEqual(0);
      return doc.slice(headings[at].index, headings[at + 1]?.index);
    };
    // Each finding's heading is followed by its step line, which keeps with what follows it too.
    const findings = chapter('Findings');
    const afterHeadings = [...findings.matchAll(/<w:pStyle w:val="Heading2"\/>(?:(?!<\/w:p>).)*<\/w:p><w:p><w:pPr>((?:(?!<\/w:pPr>).)*)<\/w:pPr>/gs)].map((m) => m[1]);
    expect(afterHeadings.length).toBe(sourcesText.findings.length);
    for (const pPr of afterHeadings) expect(pPr).toContain('<w:keepNext/>');
    const revisionRows = chapter('Revisions to the lesson').match(/<w:tr>.*?<\/w:tr>/gs) ?? [];
    expect(revisionRows.length).toBeGreaterThan(3);
    for (const row of revisionRows) expect(row).toContain('<w:cantSplit/>');
    // The plan's date in the lesson chapter is the day the lesson was taught, as on the cover.
    const dates = [...plain.docx.text.matchAll(/^(Research lesson taught|Date)\n+(\S+)$/gm)].map((m) => [m[1], m[2]]);
    expect(dates.slice(0, 2)).toEqual([
      ['Research lesson taught', '2025-10-21'],
      ['Date', '2025-10-21'],
    ]);
  });

  it('embeds the photos as PNG images with their aspect ratio', () => {
    expect(plain.docx.media.filter((m) => m.endsWith('.png'))).toHaveLength(2);
    const extents = [...plain.docx.parts.get('word/document.xml')!.matchAll(/<wp:extent cx="(\d+)" cy="(\d+)"\/>/g)].map((m) => Number(m[1]) / Number(m[2]));
    // 800×450 is scaled down to the page width; rounding to whole pixels moves the ratio by < 0.5%.
    const expected = [600 / 320, 800 / 450].sort();
    extents.sort().forEach((ratio, i) => expect(Math.abs(ratio - expected[i]) / expected[i]).toBeLessThan(0.005));
  });

  it('opens and shows only files it wrote in this session', async () => {
    await plain.backend.service.openExport({ exportId: plain.result!.exportId });
    await plain.backend.service.showExportInFolder({ exportId: plain.result!.exportId });
    expect(plain.opened).toEqual([plain.file]);
    expect(plain.shown).toEqual([plain.file]);
    await expect(plain.backend.service.openExport({ exportId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('report options', () => {
  const everyPart = (docx: UnpackedDocx) => [...docx.parts.values()].join('\n');

  it('anonymised: no pseudonym anywhere in any part, stable labels instead', async () => {
    const { docx } = await exportReport({ anonymize: true });
    expect(invalidParts(docx.parts)).toEqual([]);
    const all = everyPart(docx);
    for (const name of pseudonyms) {
      expect(all).not.toMatch(new RegExp(`(?<![\\p{L}])${name}(?![\\p{L}])`, 'iu'));
      expect(docx.text).not.toMatch(new RegExp(`\\b${name}\\b`, 'i'));
    }
    // Labelled in order of first appearance: the taught plan's observation plan names Leo, Maya, Jonah, Amara (A–D).
    expect(docx.text).toContain('Student B: “2/3 need 1/3.');
    expect(docx.text).toMatch(/Student [A-D]/);
    expect(docx.text).toContain('Student names in this report are replaced by labels');
  }, 120_000);

  it('without appendix and photos', async () => {
    const { docx } = await exportReport({ includeAppendix: false, includePhotos: false });
    expect(docx.text).not.toContain('Appendix: all observations');
    expect(docx.text).not.toContain('Photos of student work');
    expect(docx.media.filter((m) => /\.(png|jpe?g|gif)$/.test(m))).toEqual([]);
  }, 120_000);

  it('in Japanese', async () => {
    const { docx } = await exportReport({ language: 'ja', includeAppendix: false });
    expect(invalidParts(docx.parts)).toEqual([]);
    for (const heading of ['実施した授業', '本時の展開', '授業観察のまとめ', '事後協議会', '知見', '指導案の改善', '振り返りと今後の課題']) expect(docx.text).toContain(heading);
  }, 120_000);

  it('a cancelled save dialog writes nothing and returns null', async () => {
    const dir = await tempDir();
    const sample = await openSampleCopy(dir, []);
    backends.push(sample.backend);
    expect(await sample.backend.service.exportCycleReport({ cycleId: sample.cycleId, anonymize: false, includeAppendix: true, includePhotos: true, language: 'en' })).toBeNull();
  }, 120_000);
});

describe('photos made ready for the report', () => {
  const solid = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 40 } } });

  it('keeps PNG, JPEG and GIF, turns WebP into PNG, and reads the size of each', async () => {
    expect(await embeddablePhoto(await solid(600, 320).png().toBuffer())).toMatchObject({ type: 'png', width: 600, height: 320 });
    expect(await embeddablePhoto(await solid(400, 300).jpeg().toBuffer())).toMatchObject({ type: 'jpg', width: 400, height: 300 });
    expect(await embeddablePhoto(await solid(200, 100).gif().toBuffer())).toMatchObject({ type: 'gif', width: 200, height: 100 });
    expect(await embeddablePhoto(await solid(320, 200).webp().toBuffer())).toMatchObject({ type: 'png', width: 320, height: 200 });
    expect(await embeddablePhoto(Buffer.from('not an image'))).toBeNull();
  });

  it('turns a phone photo upright (EXIF orientation 6) and sizes it from the upright image, without its metadata', async () => {
    // Stored 400 wide, 300 high, with a tag saying "rotate 90° clockwise to show".
    const sideways = await solid(400, 300).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const ready = (await embeddablePhoto(sideways))!;
    expect(ready).toMatchObject({ type: 'jpg', width: 300, height: 400 });
    const meta = await sharp(ready.data).metadata();
    expect([meta.width, meta.height, meta.orientation, meta.exif]).toEqual([300, 400, undefined, undefined]);
  });

  it('a sideways phone photo is printed upright in the report, sized from the upright image, without its EXIF', async () => {
    const dir = await tempDir();
    const sample = await openSampleCopy(dir);
    backends.push(sample.backend);
    const sources = await loadReportSources(sample.backend.context, sample.cycleId);
    const model = buildReportModel(sources, { anonymize: false, includeAppendix: false, includePhotos: true });
    const sideways = await solid(400, 300).jpeg().withMetadata({ orientation: 6 }).withExif({ IFD0: { Artist: 'Maya Tanaka' } }).toBuffer();
    const bytes = await reportDocx({ model, language: 'en', photoBytes: new Map([[model.photos[0].hash, sideways]]) });
    const docx = await unpackDocx(bytes);
    const [jpeg] = docx.media.filter((m) => m.endsWith('.jpg') || m.endsWith('.jpeg'));
    expect(jpeg).toBeDefined();
    const embedded = await (await JSZip.loadAsync(bytes)).file(jpeg)!.async('nodebuffer');
    const meta = await sharp(embedded).metadata();
    expect([meta.width, meta.height, meta.orientation, meta.exif]).toEqual([300, 400, undefined, undefined]);
    const [extent] = [...docx.parts.get('word/document.xml')!.matchAll(/<wp:extent cx="(\d+)" cy="(\d+)"\/>/g)];
    expect(Number(extent[1]) / Number(extent[2])).toBeCloseTo(300 / 400, 2);
  }, 60_000);

  it('scales to the page keeping the aspect ratio, never enlarging', () => {
    expect(fitImage({ width: 3000, height: 1500 }, 600, 800)).toEqual({ width: 600, height: 300 });
    expect(fitImage({ width: 1000, height: 4000 }, 600, 800)).toEqual({ width: 200, height: 800 });
    expect(fitImage({ width: 100, height: 50 }, 600, 800)).toEqual({ width: 100, height: 50 });
  });
});
