import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/index';
import { invalidParts, openSampleCopy, unpackDocx } from '../fixtures/sample/report-helpers';
import { tempDir } from './support/temp';

/**
 * The research-theme document of the sample group, written through the export channel
 * into a file the (fake) save dialog chose, and read back as text. The expected words are
 * copied by hand from the sample workspace (resources/sample-workspace).
 */

const THEME = 'Students justify their reasoning to peers';
const FINDING = 'When students drew their own wholes, many drew them different sizes';
const REVISION = 'Give pre-drawn same-size bars on the worksheet.';
const CYCLE = 'Cycle 1 — Comparing fractions: convincing a partner';

let backends: Backend[] = [];
afterEach(async () => {
  for (const b of backends) await b.close();
  backends = [];
});

const exportTheme = async (options: { anonymize: boolean; language: 'en' | 'ja' }) => {
  const dir = await tempDir();
  const file = path.join(dir, 'theme.docx');
  const sample = await openSampleCopy(dir, [file]);
  backends.push(sample.backend);
  const [group] = await sample.backend.service.listGroups({});
  const result = await sample.backend.service.exportThemeReport({ groupId: group.id, ...options });
  return { ...sample, result, docx: await unpackDocx(await readFile(file)) };
};

describe('the research theme as a Word document', () => {
  it('prints the theme, then each cycle with its lesson, findings and revisions', async () => {
    const { result, docx } = await exportTheme({ anonymize: false, language: 'en' });
    expect(result?.fileName).toBe('theme.docx');
    expect(invalidParts(docx.parts)).toEqual([]);
    expect(docx.text).toContain('Research theme (long-term goal)');
    expect(docx.text).toContain(THEME);
    expect(docx.text).toContain(CYCLE);
    expect(docx.text).toContain('Which is more: 2/3 or 3/4? Convincing a partner (version 1)');
    expect(docx.text).toContain('2025-10-21');
    expect(docx.text).toContain(FINDING);
    expect(docx.text).toContain('18 supporting notes');
    expect(docx.text).toContain(`Version 2 · Step`);
    expect(docx.text).toContain(REVISION);
    expect(docx.text).toContain(`Led to: ${REVISION}`);
  });

  it('anonymised, names no student of the roster; in Japanese, its headings are Japanese', async () => {
    const anonymous = await exportTheme({ anonymize: true, language: 'en' });
    expect(anonymous.docx.text).toContain('Student A');
    expect(anonymous.docx.text).not.toMatch(/\b(Leo|Maya|Jonah|Amara)\b/);
    const ja = await exportTheme({ anonymize: false, language: 'ja' });
    expect(ja.docx.text).toContain('研究主題（長期目標）');
    expect(ja.docx.text).toContain('裏付ける記録 18 件');
  });

  it('a cancelled save dialog writes nothing and returns null', async () => {
    const dir = await tempDir();
    const sample = await openSampleCopy(dir, []);
    backends.push(sample.backend);
    const [group] = await sample.backend.service.listGroups({});
    expect(await sample.backend.service.exportThemeReport({ groupId: group.id, anonymize: false, language: 'en' })).toBeNull();
  });
});
