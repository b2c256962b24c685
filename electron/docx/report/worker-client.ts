import { Worker } from 'node:worker_threads';
import { LessonStudyError } from '../../../shared/result';
import type { ReportJob } from './job';

export type ReportWorkerReply = { ok: true; bytes: Uint8Array } | { ok: false; message: string };

/** Run from the TypeScript sources (tests, the bench) rather than from a bundle. */
const fromSources = import.meta.url.endsWith('.ts');

/**
 * Where the worker is: beside this file in the sources; in a bundle (dist-electron,
 * dist-server), beside the bundle, where electron/build.mjs puts report-worker.mjs.
 */
export const reportWorkerUrl = (): URL => new URL(fromSources ? './worker.ts' : './report-worker.mjs', import.meta.url);

/**
 * Node 20 loads a worker's entry before any `--import` hook runs, so from the sources the
 * worker starts as a line of JavaScript that imports the TypeScript entry through tsx
 * (resolved from the working folder: the repository, in tests and the bench).
 */
const startWorker = (workerUrl: URL, workerData: ReportJob): Worker =>
  fromSources
    ? new Worker(`import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(workerUrl.href)}, ${JSON.stringify(import.meta.url)}))`, { eval: true, workerData })
    : new Worker(workerUrl, { workerData });

/**
 * The report's .docx bytes, made in a worker thread: the documents and photos are read on
 * the backend's thread; the model is built and the document made and packed off it. A worker that fails or
 * stops rejects with a LessonStudyError, which reaches the app as a Result; nothing is
 * written, as the caller writes only the bytes it receives.
 */
export const reportDocxInWorker = (job: ReportJob, workerUrl: URL = reportWorkerUrl()): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    let settled = false;
    const fail = (reason: string) => {
      if (settled) return;
      settled = true;
      reject(new LessonStudyError('internal', `The report could not be made: ${reason}`));
    };
    const worker = startWorker(workerUrl, job);
    worker.once('message', (reply: ReportWorkerReply) => {
      if (reply.ok) {
        settled = true;
        resolve(Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength));
      } else fail(reply.message);
      void worker.terminate();
    });
    worker.once('error', (error) => fail(error.message));
    worker.once('exit', (code) => fail(`the worker making it stopped (exit code ${code}).`));
  });
