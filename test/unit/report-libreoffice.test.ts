import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile, rm, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/index';
import { openSampleCopy } from '../fixtures/sample/report-helpers';
import { tempDir } from './support/temp';

const run = promisify(execFile);

const hasCommand = async (command: string): Promise<boolean> => {
  try {
    await run('sh', ['-c', `command -v ${command}`]);
    return true;
  } catch {
    return false;
  }
};

const libreoffice = await hasCommand('libreoffice');
if (!libreoffice) console.log('report-libreoffice: skipped — `libreoffice` is not installed (Debian: libreoffice-writer-nogui).');

/**
 * The proof that a real office suite accepts the report: LibreOffice converts it to PDF
 * without failing, and the PDF has the pages a cycle report of the sample must have.
 */
describe.skipIf(!libreoffice)('the cycle report in LibreOffice', () => {
  const profile = `/tmp/lo-${randomBytes(6).toString('hex')}`;
  const backends: Backend[] = [];
  afterAll(async () => {
    for (const b of backends) await b.close();
    await rm(profile, { recursive: true, force: true });
  });

  for (const anonymize of [false, true]) {
    it(`converts the ${anonymize ? 'anonymised' : 'full'} sample report to a PDF of plausible length`, async () => {
      const dir = await tempDir();
      const file = path.join(dir, anonymize ? 'anonymised.docx' : 'report.docx');
      const sample = await openSampleCopy(dir, [file]);
      backends.push(sample.backend);
      await sample.backend.service.exportCycleReport({ cycleId: sample.cycleId, anonymize, includeAppendix: true, includePhotos: true, language: 'en' });
      await run('libreoffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], { timeout: 120_000 });
      const pdf = file.replace(/\.docx$/, '.pdf');
      expect((await stat(pdf)).size).toBeGreaterThan(20_000);
      expect((await readFile(pdf)).subarray(0, 5).toString()).toBe('%PDF-');
      if (await hasCommand('pdfinfo')) {
        const { stdout } = await run('pdfinfo', [pdf]);
        const pages = Number(/Pages:\s+(\d+)/.exec(stdout)?.[1]);
        // Cover, contents, lesson, flow table, evidence, discussion, findings, revisions,
        // reflection, photos and a 150-note appendix: dropping a chapter drops pages.
        expect(pages).toBeGreaterThanOrEqual(25);
      }
    }, 180_000);
  }
});
