/**
 * The worker thread that makes a cycle report's .docx. Building the model, the document
 * and packing it is about half a second of synchronous work for a 1,000-note report;
 * here it runs beside the backend, so a note saved meanwhile is acknowledged at once.
 * Started by worker-client.ts; bundled on its own as report-worker.mjs (electron/build.mjs).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { reportFromSources, type ReportJob } from './job';
import type { ReportWorkerReply } from './worker-client';

const reply = async (): Promise<ReportWorkerReply> => {
  try {
    // A copy the thread owns whole, so it can be handed over rather than copied again.
    const bytes = new Uint8Array(await reportFromSources(workerData as ReportJob));
    return { ok: true, bytes };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
};

void reply().then((message) => parentPort?.postMessage(message, message.ok ? [message.bytes.buffer as ArrayBuffer] : []));
