import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/index';
import { openSampleCopy } from '../fixtures/sample/report-helpers';
import { schemaErrors, schemaFor, withoutIgnorable } from './support/ooxml-schema';
import { tempDir } from './support/temp';

/**
 * Every exported Word document — the cycle report (with photos), the lesson plan and the
 * comparison of two versions, in English and Japanese — is valid in every XML part
 * against the ECMA-376 Transitional schemas (document, styles, numbering, settings,
 * footers, fonts, notes), the OPC schemas ([Content_Types].xml, every .rels, the core
 * properties) and the extended and custom property schemas.
 */

const documents = new Map<string, Uint8Array>();
let backend: Backend;
let work: string;

beforeAll(async () => {
  work = await tempDir();
  const names = ['report-en', 'report-ja', 'plan-en', 'plan-ja', 'comparison-en', 'comparison-ja'];
  const sample = await openSampleCopy(work, names.map((name) => path.join(work, `${name}.docx`)));
  backend = sample.backend;
  const s = backend.service;
  const [group] = await s.listGroups({});
  const [summary] = await s.listDesigns({ groupId: group.id });
  const design = await s.getDesign({ designId: summary.id });
  const [first, second] = design.versions;
  for (const language of ['en', 'ja'] as const) {
    await s.exportCycleReport({ cycleId: sample.cycleId, anonymize: false, includeAppendix: true, includePhotos: true, language });
  }
  for (const language of ['en', 'ja'] as const) await s.exportLessonPlanDocx({ designId: design.id, versionId: second.id, language });
  for (const language of ['en', 'ja'] as const) {
    await s.exportComparisonDocx({ designId: design.id, fromVersionId: first.id, toVersionId: second.id, language });
  }
  for (const name of names) documents.set(name, await readFile(path.join(work, `${name}.docx`)));
}, 180_000);
afterAll(() => backend?.close());

describe('the schema check itself', () => {
  it('knows a schema for every XML part, and none for media', () => {
    expect(schemaFor('word/document.xml')).toBe('wml');
    expect(schemaFor('word/footer1.xml')).toBe('wml');
    expect(schemaFor('word/theme/theme1.xml')).toBe('theme');
    expect(schemaFor('[Content_Types].xml')).toBe('contentTypes');
    expect(schemaFor('word/_rels/document.xml.rels')).toBe('relationships');
    expect(schemaFor('docProps/core.xml')).toBe('core');
    expect(schemaFor('word/media/image1.png')).toBeNull();
    expect(() => schemaFor('customXml/item1.xml')).toThrow(/No schema is known/);
  });

  it('drops what mc:Ignorable marks ignorable, and nothing else', () => {
    const xml = '<w:document xmlns:w="w" xmlns:w14="w14" mc:Ignorable="w14"><w:p w14:paraId="1" w:rsidR="2"><w14:x a="1"/><w14:y>t</w14:y></w:p></w:document>';
    expect(withoutIgnorable(xml)).toBe('<w:document xmlns:w="w" xmlns:w14="w14"><w:p w:rsidR="2"></w:p></w:document>');
  });

  it('finds an element WordprocessingML does not have, a bad attribute value and a broken relationship part', async () => {
    const zip = await JSZip.loadAsync(documents.get('plan-en')!);
    const doc = await zip.file('word/document.xml')!.async('string');
    zip.file('word/document.xml', doc.replace('<w:body>', '<w:body><w:bogus/>').replace(/<w:jc w:val="[^"]*"\/>/, '<w:jc w:val="sideways"/>'));
    zip.file('_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1"/></Relationships>');
    const errors = await schemaErrors(await zip.generateAsync({ type: 'uint8array' }), await tempDir());
    expect(errors.some((e) => e.startsWith('word/document.xml:') && e.includes('bogus'))).toBe(true);
    expect(errors.some((e) => e.startsWith('_rels/.rels:') && e.includes('Target'))).toBe(true);
  });
});

describe('every exported document is valid against the ECMA-376 schemas', () => {
  for (const name of ['report-en', 'report-ja', 'plan-en', 'plan-ja', 'comparison-en', 'comparison-ja']) {
    it(name, async () => {
      const bytes = documents.get(name)!;
      const zip = await JSZip.loadAsync(bytes);
      const parts = Object.keys(zip.files);
      // The parts the check must have reached.
      expect(parts).toEqual(expect.arrayContaining(['[Content_Types].xml', '_rels/.rels', 'docProps/core.xml', 'word/document.xml', 'word/styles.xml', 'word/settings.xml', 'word/numbering.xml', 'word/_rels/document.xml.rels']));
      expect(parts.some((p) => /^word\/footer\d+\.xml$/.test(p))).toBe(true);
      if (name.startsWith('report')) expect(parts.some((p) => p.startsWith('word/media/'))).toBe(true);
      expect(await schemaErrors(bytes, await tempDir())).toEqual([]);
    }, 120_000);
  }
});
