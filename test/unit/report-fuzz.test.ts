import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/index';
import { readPhoto } from '../../electron/backend/observations-photos';
import { loadReportSources } from '../../electron/backend/reports';
import { reportDocx } from '../../electron/docx/report/document';
import { reportLabels } from '../../electron/docx/report/labels';
import { buildReportModel, type ReportSources } from '../../shared/report/model';
import { ILLEGAL_XML_CHAR, invalidParts, openSampleCopy, unpackDocx } from '../fixtures/sample/report-helpers';
import { tempDir } from './support/temp';

/** Keys that hold ids, times, enums or numbers-as-text: the fuzzer leaves those alone, as the schemas would. */
const KEEP = /^(id|hash|ext|color|kind|mode|phase|role|responded|status|date|plannedDate)$|Id$|Ids$|At$|^wallTime$/;

/** Every prose string of the sources replaced by the next fuzzed string. */
const fuzzStrings = <T>(value: T, next: () => string, key = ''): T => {
  if (typeof value === 'string') return (KEEP.test(key) ? value : next()) as T;
  if (Array.isArray(value)) return value.map((v) => fuzzStrings(v, next, key)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, fuzzStrings(v, next, k)])) as T;
  }
  return value;
};

const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u0000', '\u0001\u0008', '\u000B\u000C', '\u001F', '\uFFFE', '\uFFFF', '\uD800', '\uDC00', 'x\uD83Dy', '👩🏽‍🏫🧮', 'مرحبا بالعالم', 'שלום', '\u202Eevil\u202C', 'ゆいさん', '<w:t>&amp;</w:t>', ']]>'),
  fc.string({ maxLength: 20 }),
);
const fuzzText = fc.array(nasty, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''));

const expectSafeDocument = async (bytes: Uint8Array) => {
  const docx = await unpackDocx(bytes);
  expect(invalidParts(docx.parts)).toEqual([]);
  expect(docx.text).not.toMatch(ILLEGAL_XML_CHAR);
  for (const xml of docx.parts.values()) {
    expect(xml).not.toMatch(ILLEGAL_XML_CHAR);
    expect(xml).not.toMatch(BIDI_CONTROL);
  }
  return docx;
};

/** The bidi controls that reorder text beyond themselves: embeddings, overrides, isolates. */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

describe('the report with hostile text in every field', () => {
  let backend: Backend;
  let sources: ReportSources;
  const photoBytes = new Map<string, Uint8Array>();
  beforeAll(async () => {
    const sample = await openSampleCopy(await tempDir());
    backend = sample.backend;
    sources = await loadReportSources(backend.context, sample.cycleId);
    // A smaller lesson keeps each run fast; every kind of field is still there, and every note with photos.
    sources = { ...sources, observations: sources.observations.filter((o, i) => i % 6 === 0 || o.photos.length) };
    for (const photo of sources.observations.flatMap((o) => o.photos)) {
      const stored = await readPhoto(backend.context, photo.hash);
      if (stored) photoBytes.set(photo.hash, stored.bytes);
    }
    expect(photoBytes.size).toBe(2);
  }, 60_000);
  afterAll(() => backend?.close());

  it('control characters, U+FFFE, lone surrogates, emoji and right-to-left text, photos included: valid XML, sanitised text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fuzzText, { minLength: 50, maxLength: 50 }), fc.boolean(), async (pool, anonymize) => {
        let i = 0;
        const fuzzed = fuzzStrings(sources, () => pool[i++ % pool.length]);
        const model = buildReportModel(fuzzed, { anonymize, includeAppendix: true, includePhotos: true }, reportLabels.en.words);
        expect(model.photos.length).toBeGreaterThan(0);
        const docx = await expectSafeDocument(await reportDocx({ model, language: 'en', photoBytes }));
        // The photos' alt text (file name and caption, fuzzed above) is in the document, sanitised.
        expect(docx.parts.get('word/document.xml')).toMatch(/<wp:docPr [^>]*descr=/);
        expect(docx.media.length).toBeGreaterThan(0);
      }),
      { numRuns: 6 },
    );
  }, 120_000);

  it('a 1 MB string in every field of a small cycle', async () => {
    const big = `${'ab\u0001 ل 👍\uFFFE '.repeat(1024 * 1024 / 11)}\uD800end`;
    // The smallest complete cycle: one of each kind of record, so every field is there once.
    const taught = sources.taught!;
    const one = <T>(list: readonly T[]) => list.slice(0, 1);
    const small: ReportSources = {
      ...sources,
      group: { ...sources.group, members: one(sources.group.members), focusStudents: one(sources.group.focusStudents), codebook: one(sources.group.codebook), norms: one(sources.group.norms), schools: one(sources.group.schools), seatingChart: { ...sources.group.seatingChart, seats: [] } },
      cycle: { ...sources.cycle, meetings: one(sources.cycle.meetings), history: [], checklists: {} as ReportSources['cycle']['checklists'], reflection: { ...sources.cycle.reflection, practices: one(sources.cycle.reflection.practices) } },
      taught: { ...taught, content: { ...taught.content, steps: one(taught.content.steps).map((s) => ({ ...s, anticipatedResponses: one(s.anticipatedResponses), pointsToNotice: one(s.pointsToNotice) })), unitSequence: one(taught.content.unitSequence), observationPlan: [] } },
      revised: null,
      observations: sources.observations.filter((o) => o.photos.length).slice(0, 1),
      classModes: [],
      analysis: sources.analysis && { ...sources.analysis, findings: one(sources.analysis.findings), discussion: { ...sources.analysis.discussion, segments: one(sources.analysis.discussion.segments) } },
    };
    const fuzzed = fuzzStrings(small, () => big);
    const model = buildReportModel(fuzzed, { anonymize: false, includeAppendix: true, includePhotos: true }, reportLabels.en.words);
    const docx = await expectSafeDocument(await reportDocx({ model, language: 'en', photoBytes }));
    expect(docx.text).toContain('ab ل 👍 ab');
    expect(docx.text).toContain(' end');
  }, 120_000);
});
