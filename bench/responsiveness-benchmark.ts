import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createReportService, type RenderReport } from '../electron/backend/reports';
import { startHttpDoor } from '../electron/backend/doors/http-door';
import { reportFromSources } from '../electron/docx/report/job';
import { reportDocxInWorker } from '../electron/docx/report/worker-client';
import { compactNow } from '../electron/backend/observations-log';
import { dispatch } from '../electron/dispatch';
import { OBSERVATION_PACK_FORMAT } from '../shared/domain/observation';
import { makeNotes } from './generate';
import type { BackendService } from '../shared/contract';
import { paired, row, type Row } from './measure';
import { cycleWithNotes, newNote } from './node-benchmarks';

const EXPORTS = Number(process.env.BENCH_EXPORT_RUNS ?? 7);
const ROUND_TRIPS = Number(process.env.BENCH_ROUND_TRIPS ?? 200);
/** How long a request may wait while long work runs (issue 14). */
const ACK_LIMIT_MS = 50;
/** A teacher typing notes during the export: one note every this many milliseconds. */
const NOTE_EVERY_MS = 10;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Setup = Awaited<ReturnType<typeof cycleWithNotes>>;

/** Save a note through dispatch (validation included, as every door does); its acknowledgement time in ms. */
const saveNote = async (service: Partial<BackendService>, setup: Setup, i: number): Promise<number> => {
  const start = performance.now();
  const result = await dispatch(service, 'saveObservation', { observation: newNote(setup, i) });
  const took = performance.now() - start;
  if (!result.ok) throw new Error(`a note was not saved: ${result.error.message}`);
  return took;
};

/**
 * Notes saved one after another while long work runs, from the moment it is asked for
 * until it has finished: every slice of it (reading the notes, building, writing) meets
 * some of them.
 */
const notesDuring = async (setup: Setup, service: Partial<BackendService>, work: () => Promise<void>, runs: number, counter: { next: number }): Promise<number[]> => {
  const latencies: number[] = [];
  for (let run = 0; run < runs; run++) {
    let done = false;
    const working = work().finally(() => {
      done = true;
    });
    while (!done) {
      latencies.push(await saveNote(service, setup, counter.next++));
      await pause(NOTE_EVERY_MS);
    }
    await working;
  }
  return latencies;
};

/** Long work through dispatch, as a door asks for it; its file goes to `out`. */
const exportThrough = (service: Partial<BackendService>, setup: Setup, out: string, channel: string, request: unknown) => async () => {
  setup.savePaths.push(out);
  const result = await dispatch(service, channel, request);
  if (!result.ok || !result.value) throw new Error(`${channel} did not write its file`);
};

const notesDuringExports = (setup: Setup, render: RenderReport, out: string, counter: { next: number }): Promise<number[]> => {
  const service = { ...setup.backend.service, ...createReportService(setup.backend.context, render) };
  const report = { cycleId: setup.cycle.id, anonymize: false, includeAppendix: true, includePhotos: true, language: 'en' };
  return notesDuring(setup, service, exportThrough(service, setup, out, 'exportCycleReport', report), EXPORTS, counter);
};

const notesWhileIdle = async (setup: Setup, count: number, counter: { next: number }): Promise<number[]> => {
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    latencies.push(await saveNote(setup.backend.service, setup, counter.next++));
    await pause(NOTE_EVERY_MS);
  }
  return latencies;
};

const p95 = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.min(samples.length - 1, Math.floor(0.95 * samples.length))];

/**
 * A row whose limit is absolute (ms) and is checked against the slowest sample; the
 * baseline's own slowest sample is named too, since on a loaded machine an idle backend
 * also waits for the CPU now and then.
 */
const limitedRow = (name: string, samples: number[], baselineName: string, baseline: number[]): Row => {
  const max = Math.max(...samples);
  const base = row(name, samples, `${baselineName} (max ${Math.max(...baseline).toFixed(1)})`, baseline);
  return { ...base, max: Number(max.toFixed(3)), limit: ACK_LIMIT_MS, spread: `${base.spread}; p95 ${p95(samples).toFixed(1)}; max ${max.toFixed(1)}` };
};

/** Long work never blocks a note; the HTTP door's cost over an in-process call. */
export const responsivenessBenchmarks = async (): Promise<Row[]> => {
  const rows: Row[] = [];
  const out = path.join(tmpdir(), `ls-bench-busy-${process.pid}.docx`);
  const setup = await cycleWithNotes(1000);
  const counter = { next: 0 };

  const inWorker = await notesDuringExports(setup, reportDocxInWorker, out, counter);
  const inThread = await notesDuringExports(setup, reportFromSources, out, counter);
  const idle = await notesWhileIdle(setup, inWorker.length, counter);
  // The other long work of a lesson's data: the CSV of every note, and the observation pack.
  const service = setup.backend.service;
  const csv = await notesDuring(setup, service, exportThrough(service, setup, `${out}.csv`, 'exportObservationsCsv', { cycleId: setup.cycle.id }), EXPORTS, counter);
  const pack = await notesDuring(setup, service, exportThrough(service, setup, `${out}.lsobs.json`, 'exportObservationPack', { cycleId: setup.cycle.id }), EXPORTS, counter);
  // Work that writes the lesson's own snapshot: another laptop's 1,000 notes imported, and a compaction.
  const packFile = `${out}.import.lsobs.json`;
  setup.backend.context.effects.chooseOpenPaths = async () => [packFile];
  // The same 1,000 notes each time, edited since (newer updatedAt), so the lesson stays at about 1,000 notes.
  const generated = makeNotes(setup.rng, setup.cycle.id, [setup.observer.id], [], setup.steps, setup.group.codebook.map((c) => c.id), 1000, new Date());
  let edition = 0;
  const importPack = async () => {
    const updatedAt = new Date(Date.now() + ++edition * 1000).toISOString();
    const observations = generated.observations.map((o) => ({ ...o, updatedAt }));
    await writeFile(packFile, JSON.stringify({ format: OBSERVATION_PACK_FORMAT, formatVersion: 1, cycleId: setup.cycle.id, exportedAt: updatedAt, observations, classModes: [], photos: [] }));
    const result = await dispatch(service, 'importObservationPacks', { cycleId: setup.cycle.id });
    const summary = result.ok ? (result.value as { added: number; updated: number } | null) : null;
    if (!summary || summary.added + summary.updated !== 1000) throw new Error('importObservationPacks did not take in the 1,000 notes');
  };
  const imports = await notesDuring(setup, service, importPack, EXPORTS, counter);
  const compactions = await notesDuring(setup, service, () => compactNow(setup.backend.context, setup.cycle.id), EXPORTS, counter);
  rows.push(
    limitedRow(`save a note while a 1,000-note report exports (${inWorker.length} notes, ${EXPORTS} exports)`, inWorker, 'same note, nothing else running', idle),
    limitedRow(`same, report rendered on the backend's own thread (before, ${inThread.length} notes)`, inThread, 'same note, nothing else running', idle),
    limitedRow(`save a note while the 1,000-note CSV exports (${csv.length} notes, ${EXPORTS} exports)`, csv, 'same note, nothing else running', idle),
    limitedRow(`save a note while the 1,000-note observation pack exports (${pack.length} notes, ${EXPORTS} exports)`, pack, 'same note, nothing else running', idle),
    limitedRow(`save a note in the cycle while a 1,000-note pack is imported into it (${imports.length} notes, ${EXPORTS} imports)`, imports, 'same note, nothing else running', idle),
    limitedRow(`save a note in the cycle while its notes are compacted (${compactions.length} notes, ${EXPORTS} compactions)`, compactions, 'same note, nothing else running', idle),
  );
  await rm(packFile, { force: true });
  await rm(`${out}.csv`, { force: true });
  await rm(`${out}.lsobs.json`, { force: true });
  await setup.backend.close();
  await rm(setup.dir, { recursive: true, force: true });
  await rm(out, { force: true });

  // A small request through the HTTP door (a real server on 127.0.0.1, the session
  // cookie, the Origin check, JSON both ways) against the same call made in-process.
  const small = await cycleWithNotes(10);
  const rendererDir = path.join(small.dir, 'renderer');
  await mkdir(rendererDir);
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html>');
  const door = await startHttpDoor({ getService: () => small.backend.service, rendererDir });
  const origin = `http://127.0.0.1:${door.port}`;
  const signedIn = await fetch(`${origin}/session`, { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ token: door.token }) });
  const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0];
  if (!signedIn.ok || !cookie) throw new Error(`the bench could not open a session (${signedIn.status})`);
  const overHttp = async () => {
    const reply = await fetch(`${origin}/api/listGroups`, { method: 'POST', headers: { 'content-type': 'application/json', origin, cookie }, body: '{}' });
    const result = (await reply.json()) as { ok: boolean; value?: unknown[] };
    if (!result.ok || result.value?.length !== 1) throw new Error('listGroups over HTTP did not answer with the one group');
  };
  const inProcess = async () => {
    const result = await dispatch(small.backend.service, 'listGroups', {});
    if (!result.ok || (result.value as unknown[]).length !== 1) throw new Error('listGroups in-process did not answer with the one group');
  };
  for (let i = 0; i < 20; i++) await overHttp(); // warm the connection and the JIT
  const trip = await paired(ROUND_TRIPS, overHttp, inProcess);
  rows.push(row('small request (listGroups) through the HTTP door, 127.0.0.1, keep-alive', trip.subject, 'same call, dispatch in-process', trip.baseline));
  await door.close();
  await small.backend.close();
  await rm(small.dir, { recursive: true, force: true });
  return rows;
};
