/**
 * The cycle report is rendered in a worker thread (electron/docx/report/worker.ts), so
 * long work never keeps a note from being acknowledged; a worker that fails or stops
 * answers as a Result and writes nothing.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/index';
import { createReportService, loadReportSources, type RenderReport } from '../../electron/backend/reports';
import { reportFromSources, type ReportJob } from '../../electron/docx/report/job';
import { reportDocxInWorker, reportWorkerUrl } from '../../electron/docx/report/worker-client';
import { dispatch } from '../../electron/dispatch';
import type { ReportSources } from '../../shared/report/model';
import { LessonStudyError } from '../../shared/result';
import { openSampleCopy, unpackDocx } from '../fixtures/sample/report-helpers';
import { tempDir } from './support/temp';

let backends: Backend[] = [];
afterEach(async () => {
  for (const b of backends) await b.close();
  backends = [];
});

const options = { anonymize: false, includeAppendix: true, includePhotos: true, language: 'en' } as const;

/** The sample workspace, its save dialog answering `report.docx`, and a report service rendering with `render`. */
const sampleWith = async (render: RenderReport) => {
  const dir = await tempDir('ls-report-worker-');
  const file = path.join(dir, 'report.docx');
  const sample = await openSampleCopy(dir, [file]);
  backends.push(sample.backend);
  const service = { ...sample.backend.service, ...createReportService(sample.backend.context, render) };
  return { ...sample, dir, file, service };
};

/** A worker script written for one test (loaded the way the real worker is). */
const fixtureWorker = async (dir: string, name: string, source: string): Promise<URL> => {
  const file = path.join(dir, name);
  await writeFile(file, source);
  return pathToFileURL(file);
};

describe('a report rendered in a worker thread', () => {
  it('leaves the backend free: a note saved while the worker renders is acknowledged before the export finishes', async () => {
    const dir = await tempDir('ls-report-gate-');
    const gateName = `report-worker-gate-${process.pid}-${Date.now()}`;
    // The real worker, held at its start until the test lets it go: the export is
    // certainly still running when the note is saved, whatever the machine's speed.
    const gated = await fixtureWorker(
      dir,
      'gated-worker.mjs',
      `const gate = new BroadcastChannel(${JSON.stringify(gateName)});
gate.onmessage = async () => {
  gate.close();
  await import(${JSON.stringify(reportWorkerUrl().href)});
};
gate.postMessage('rendering');
`,
    );
    const gate = new BroadcastChannel(gateName);
    const rendering = new Promise((resolve) => (gate.onmessage = resolve));
    const sample = await sampleWith((input) => reportDocxInWorker(input, gated));

    const order: string[] = [];
    const exported = dispatch(sample.service, 'exportCycleReport', { cycleId: sample.cycleId, ...options }).then((result) => {
      order.push('export finished');
      return result;
    });
    await rendering;
    // The sample cycle is closed; the group's next lesson is where notes are being taken.
    const { observations } = await sample.backend.service.getObservationSession({ cycleId: sample.cycleId });
    const [group] = await sample.backend.service.listGroups({});
    const next = await sample.backend.service.createCycle({ groupId: group.id, title: 'Next lesson', researchQuestion: '' });
    const note = { ...observations[0], cycleId: next.id, stepId: undefined, pointToNoticeIds: [], id: '0b7f3c52-5d1e-4c39-9a57-6f0e2d8b1a44', text: 'Saved while the report was being made.' };
    const saved = await dispatch(sample.service, 'saveObservation', { observation: note });
    order.push('note acknowledged');
    gate.postMessage('go');
    gate.close();
    const result = await exported;

    expect(saved).toMatchObject({ ok: true, value: { id: '0b7f3c52-5d1e-4c39-9a57-6f0e2d8b1a44' } });
    expect(order).toEqual(['note acknowledged', 'export finished']);
    expect(result).toEqual({ ok: true, value: { exportId: expect.any(String), fileName: 'report.docx' } });
    // A Word file (a zip), and the note is kept.
    expect((await readFile(sample.file)).subarray(0, 2).toString('latin1')).toBe('PK');
    const after = await sample.backend.service.getObservationSession({ cycleId: next.id });
    expect(after.observations.map((o) => o.text)).toContain('Saved while the report was being made.');
  }, 120_000);

  it('makes the same document as rendering on the backend thread', async () => {
    const sample = await sampleWith(reportDocxInWorker);
    const sources = await loadReportSources(sample.backend.context, sample.cycleId);
    const job: ReportJob = { sources, options, photoBytes: new Map() };
    const [inWorker, inThread] = await Promise.all([reportDocxInWorker(job), reportFromSources(job)]);
    const [a, b] = [await unpackDocx(inWorker), await unpackDocx(inThread)];
    expect(a.text).toContain('Findings');
    expect(a.text).toBe(b.text);
    expect([...a.parts.keys()].sort()).toEqual([...b.parts.keys()].sort());
  }, 120_000);

  it('a worker that throws gives a clear Result error and leaves no file, not even a partial one', async () => {
    const sample = await sampleWith(async (input) => reportDocxInWorker(input, await fixtureWorker(path.dirname(sample.file), 'broken-worker.mjs', "throw new Error('the worker broke on purpose');\n")));
    const before = await readdir(sample.dir);

    const result = await dispatch(sample.service, 'exportCycleReport', { cycleId: sample.cycleId, ...options });

    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'The report could not be made: the worker broke on purpose' } });
    expect((await readdir(sample.dir)).filter((name) => !before.includes(name) && name !== 'broken-worker.mjs')).toEqual([]);
  }, 120_000);

  it('a worker that stops without answering gives a clear Result error and leaves no file', async () => {
    const sample = await sampleWith(async (input) => reportDocxInWorker(input, await fixtureWorker(path.dirname(sample.file), 'exiting-worker.mjs', 'process.exit(3);\n')));

    const result = await dispatch(sample.service, 'exportCycleReport', { cycleId: sample.cycleId, ...options });

    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'The report could not be made: the worker making it stopped (exit code 3).' } });
    expect((await readdir(sample.dir)).sort()).toEqual(['exiting-worker.mjs', 'workspace']);
  }, 120_000);

  it('the real worker answers sources it cannot make a report of with an error, not a crash', async () => {
    const failure = reportDocxInWorker({ sources: {} as ReportSources, options, photoBytes: new Map() });
    await expect(failure).rejects.toBeInstanceOf(LessonStudyError);
    await expect(failure).rejects.toMatchObject({ code: 'internal', message: expect.stringMatching(/^The report could not be made: /) });
  }, 60_000);
});
