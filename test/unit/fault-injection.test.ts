import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/backend';
import { compactNow } from '../../electron/backend/observations';
import { COMPACT_AFTER } from '../../electron/backend/observations-log';
import { renameRetry } from '../../electron/storage/durable-write';
import { nodeFs, type FsPort } from '../../electron/storage/fs-port';
import type { StorageNotice } from '../../shared/contract/workspace';
import { emptyDesignContent } from '../../shared/domain/design';
import { OBSERVATION_PACK_FORMAT, type Observation } from '../../shared/domain/observation';
import { stampObservation } from '../../shared/observe/stamp';
import { validateWorkspace, walk } from './support/validate-workspace';

/**
 * Fault injection (issue 13, "Prove it systematically"), after SQLite's I/O-error and
 * crash tests: every writing channel is run once through an fs that counts its calls
 * (C), then again on a fresh copy of the same workspace for N = 1..C (sampled when C is
 * large) with call N failing with an errno error, and with the "process" ending right
 * after call N. After each run a fresh backend opens the folder with the real fs and the
 * workspace must read exactly as before the operation or exactly as after it — the one
 * the app reported, when it reported anything — nothing acknowledged earlier may be
 * missing, every file must validate and no temp file may remain.
 *
 * Clock and ids are fixed, so "after" is computed once (the counting run) and compared
 * with deep equality. fsync is counted and can fail, but does not reach the disk: this
 * models a process crash, which keeps the page cache, not a power cut.
 */

const FAULT_CODES = ['ENOSPC', 'EIO', 'EACCES', 'EPERM'] as const;
/**
 * Per operation: at most this many "call N fails", "crash after N" and "crash halfway
 * through write N" cases, so the loop fits in `npm test` (about 500 cases, well under a
 * minute on two slow cores). FAULT_INJECTION_ALL=1 tries every N of every operation.
 */
const ALL = process.env.FAULT_INJECTION_ALL === '1';
const MAX_FAULT_CASES = ALL ? Infinity : 20;
const MAX_CRASH_CASES = ALL ? Infinity : 14;
const MAX_TORN_CASES = ALL ? Infinity : 3;
const CASE_TIMEOUT_MS = 10_000;

const SEED_TIME = Date.parse('2025-05-12T08:00:00.000Z');
const OP_TIME = new Date('2025-06-02T09:00:00.000Z');

/** UUID-shaped ids from a counter: the same run makes the same ids. */
const idsFrom = (prefix: string) => {
  let n = 0;
  return () => `${prefix}0000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`;
};

class CrashError extends Error {
  constructor(after: string) {
    super(`simulated crash after ${after}`);
    this.name = 'CrashError';
  }
}

type Plan = { kind: 'count' } | { kind: 'fail'; n: number; code: string } | { kind: 'crash'; n: number; torn: boolean };

const injected = (code: string, what: string): NodeJS.ErrnoException =>
  Object.assign(new Error(`${code}: injected fault, ${what}`), { code });

/**
 * A real fs (file handles included) whose calls are counted while armed. Under a 'fail'
 * plan call N throws instead of running (a write first puts half its bytes down, as a
 * full disk does); under 'crash' call N runs (or, torn, half of it) and then it and
 * every later call throw, as if the process had ended there.
 */
const faultFs = (root: string) => {
  let plan: Plan | null = null;
  let dead = false;
  let inFlight = 0;
  const trace: string[] = [];
  const label = (op: string, target: unknown) =>
    `${op} ${typeof target === 'string' ? path.relative(root, target).replace(/\.tmp-[0-9a-f]+$/, '.tmp-*') || '.' : ''}`.trim();

  /** What happens to one call: run it, throw `fail` instead, or run it and then crash. */
  const enter = (op: string, target: unknown): { fail?: NodeJS.ErrnoException; crash?: string; torn?: boolean } => {
    if (dead) throw new CrashError('an earlier call');
    if (!plan) return {};
    const what = label(op, target);
    trace.push(what);
    if (plan.kind === 'fail' && trace.length === plan.n) return { fail: injected(plan.code, what) };
    if (plan.kind === 'crash' && trace.length === plan.n) {
      dead = true;
      return { crash: what, torn: plan.torn };
    }
    return {};
  };

  const guarded = async <R>(op: string, target: unknown, run: () => Promise<R>, half?: () => Promise<unknown>): Promise<R> => {
    const decision = enter(op, target);
    inFlight += 1;
    try {
      if (decision.fail) {
        await half?.().catch(() => undefined);
        throw decision.fail;
      }
      if (decision.crash && decision.torn && half) {
        await half();
        throw new CrashError(`half of ${decision.crash}`);
      }
      const result = await run();
      if (decision.crash) throw new CrashError(decision.crash);
      return result;
    } finally {
      inFlight -= 1;
    }
  };

  type Handle = Awaited<ReturnType<FsPort['open']>>;
  const wrapHandle = (handle: Handle, file: unknown): Handle =>
    new Proxy(handle, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (typeof value !== 'function' || typeof prop !== 'string') return value;
        const method = (...args: unknown[]) => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        if (prop === 'close') {
          // The descriptor is released whatever close reports (and when the process is gone).
          return async () => {
            let decision;
            try {
              decision = enter('handle.close', file);
            } catch (error) {
              await target.close().catch(() => undefined);
              throw error;
            }
            inFlight += 1;
            await target.close().finally(() => (inFlight -= 1));
            if (decision.fail) throw decision.fail;
            if (decision.crash) throw new CrashError(decision.crash);
          };
        }
        if (prop === 'writeFile' || prop === 'write' || prop === 'appendFile') {
          return (data: string | Uint8Array, ...rest: unknown[]) =>
            guarded(`handle.${prop}`, file, () => method(data, ...rest), () => method(data.slice(0, Math.floor(data.length / 2)), ...rest));
        }
        return (...args: unknown[]) => guarded(`handle.${prop}`, file, () => (prop === 'sync' || prop === 'datasync' ? Promise.resolve() : method(...args)));
      },
    });

  const fs = {} as Record<string, unknown>;
  for (const [key, value] of Object.entries(nodeFs)) {
    if (typeof value !== 'function') fs[key] = value;
    else if (key === 'statSync') {
      fs[key] = (...args: Parameters<FsPort['statSync']>) => {
        const decision = enter('statSync', args[0]);
        if (decision.fail) throw decision.fail;
        const result = nodeFs.statSync(...args);
        if (decision.crash) throw new CrashError(decision.crash);
        return result;
      };
    } else if (key === 'open') {
      fs[key] = async (file: string, ...rest: unknown[]) => {
        let handle: Handle | undefined;
        try {
          await guarded('open', file, async () => (handle = await nodeFs.open(file, ...(rest as []))));
        } catch (error) {
          await handle?.close().catch(() => undefined);
          throw error;
        }
        return wrapHandle(handle!, file);
      };
    } else {
      fs[key] = (...args: unknown[]) => guarded(key, args[0], () => (value as (...a: unknown[]) => Promise<unknown>)(...args));
    }
  }

  return {
    fs: fs as unknown as FsPort,
    trace,
    arm: (next: Plan) => void (plan = next),
    disarm: () => void (plan = null),
    crashed: () => dead,
    /** Settles once no call is running and none started for a few turns of the event loop. */
    async quiet() {
      for (let calm = 0, seen = -1; calm < 5; ) {
        await new Promise((resolve) => setImmediate(resolve));
        calm = inFlight === 0 && trace.length === seen ? calm + 1 : 0;
        seen = trace.length;
      }
    },
  };
};

/** What the app shows, read through the channels: one JSON string per thing. */
type State = Map<string, string>;

const documentIds = async (dir: string, folder: string) =>
  (await readdir(path.join(dir, folder)).catch(() => [] as string[])).filter((n) => /^[0-9a-f-]{36}\.json$/.test(n)).map((n) => n.slice(0, -5));

const readState = async ({ service }: Backend, dir: string): Promise<State> => {
  const state: State = new Map();
  const read = async <T>(key: string, get: () => Promise<T>): Promise<T | null> => {
    try {
      const value = await get();
      state.set(key, JSON.stringify(value));
      return value;
    } catch (error) {
      state.set(key, JSON.stringify({ error: (error as { code?: string }).code ?? String(error) }));
      return null;
    }
  };
  const groups = (await read('groups', () => service.listGroups({}))) ?? [];
  const designIds = new Set(await documentIds(dir, 'designs'));
  const cycleIds = new Set(await documentIds(dir, 'cycles'));
  for (const groupId of new Set([...groups.map((g) => g.id), ...(await documentIds(dir, 'groups'))])) {
    await read(`group ${groupId}`, () => service.getGroup({ groupId }));
    for (const d of (await read(`designs of ${groupId}`, () => service.listDesigns({ groupId }))) ?? []) designIds.add(d.id);
    for (const c of (await read(`cycles of ${groupId}`, () => service.listCycles({ groupId }))) ?? []) cycleIds.add(c.id);
  }
  for (const designId of designIds) await read(`design ${designId}`, () => service.getDesign({ designId }));
  let notes: Observation[] = [];
  for (const cycleId of cycleIds) {
    await read(`cycle ${cycleId}`, () => service.getCycle({ cycleId }));
    const session = await read(`class modes ${cycleId}`, async () => {
      const { observations, classModes } = await service.getObservationSession({ cycleId });
      notes = observations;
      return classModes;
    });
    if (!session) continue;
    for (const note of notes) {
      state.set(`note ${cycleId}/${note.id}`, JSON.stringify(note));
      if (note.deletedAt) continue;
      for (const photo of note.photos) await read(`photo ${photo.hash}`, async () => (await service.getPhotoDataUrl({ hash: photo.hash })).dataUrl.length);
    }
  }
  return state;
};

const sameState = (a: State, b: State) => a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
const differingKeys = (a: State, b: State) => [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k));
/** Groups, designs, cycles and notes: the things a user saved. */
const isRecord = (key: string) => /^(group|design|cycle|note) /.test(key);
const short = (keys: string[]) => `${keys.slice(0, 4).join(', ')}${keys.length > 4 ? ` and ${keys.length - 4} more` : ''}`;

interface Seeded {
  g1: string;
  g2: string;
  members: string[];
  d1: string;
  dv: string;
  dvVersion: string;
  dx: string;
  cm: string;
  cp: string;
  co: string;
  coNotes: string[];
  busyCycle: string;
  packFile: string;
}

const fields = (name: string, members: Array<{ id: string; name: string; role: 'observer' | 'teacher' }> = []) => ({
  name, schools: ['Hill Primary'], subject: 'Mathematics', gradeBand: '4', researchTheme: 'Students explain their reasoning', norms: [], members,
});

const note = (id: string, cycleId: string, observerId: string, text: string, at: Date, clockMs: number): Observation =>
  stampObservation({ text, target: { kind: 'class' }, codeIds: [], photos: [] }, { id, cycleId, observerId, clockMs, now: at });

/** The workspace every operation starts from, written through the real backend. */
const seedMain = async (dir: string, seed: Partial<Seeded>): Promise<void> => {
  let tick = 0;
  const backend = await createBackend({ workspaceDir: dir, clock: () => new Date(SEED_TIME + (tick++) * 1000), newId: idsFrom('a') });
  const { service, context } = backend;
  const aiko = context.newId();
  const ben = context.newId();
  seed.members = [aiko, ben];
  const g1 = await service.createGroup(fields('Grade 4 mathematics', [{ id: aiko, name: 'Aiko', role: 'observer' }, { id: ben, name: 'Ben', role: 'teacher' }]));
  const g2 = await service.createGroup(fields('Grade 6 science (disbanding)', [{ id: context.newId(), name: 'Chiara', role: 'observer' }]));
  const d1 = await service.createDesign({ groupId: g1.id, title: 'Fractions on a number line' });
  await service.saveDraft({ designId: d1.id, content: { ...emptyDesignContent('Fractions on a number line'), materials: '分数の大小を数直線で比べる' }, changeNotes: [] });
  const dv = await service.createDesign({ groupId: g1.id, title: 'Comparing areas' });
  const dvSaved = await service.saveVersion({ designId: dv.id, summary: 'Taught in cycle 1', authors: ['Aiko'] });
  const dx = await service.createDesign({ groupId: g1.id, title: 'Ratio tables (abandoned)' });
  const d2 = await service.createDesign({ groupId: g2.id, title: 'Floating and sinking' });
  await service.saveVersion({ designId: d2.id, summary: 'First version', authors: [] });
  const cm = await service.createCycle({ groupId: g1.id, title: 'Cycle 1: area', researchQuestion: 'Do students compare by covering?' });
  await service.chooseVersion({ cycleId: cm.id, designId: dv.id, versionId: dvSaved.versions[0].id });
  const cp = await service.createCycle({ groupId: g1.id, title: 'Cycle 2: area again', researchQuestion: '' });
  const co = await service.createCycle({ groupId: g1.id, title: 'Cycle 3: observed lesson', researchQuestion: '' });
  const c2 = await service.createCycle({ groupId: g2.id, title: 'Science cycle', researchQuestion: '' });
  const coNotes: string[] = [];
  for (const [i, text] of ['Pairs fold the paper strip first', 'Kenji counts squares one by one', 'Two groups argue about the overlap'].entries()) {
    const saved = await service.saveObservation({ observation: note(context.newId(), co.id, aiko, text, new Date(SEED_TIME + i * 60_000), i * 60_000) });
    coNotes.push(saved.id);
  }
  for (const text of ['Boat made of foil floats', 'Clay ball sinks']) {
    await service.saveObservation({ observation: note(context.newId(), c2.id, g2.members[0].id, text, new Date(SEED_TIME), 1000) });
  }
  await backend.close();
  Object.assign(seed, { g1: g1.id, g2: g2.id, d1: d1.id, dv: dv.id, dvVersion: dvSaved.versions[0].id, dx: dx.id, cm: cm.id, cp: cp.id, co: co.id, coNotes });
};

/** A lesson one note short of a journal compaction. */
const seedBusy = async (dir: string, seed: Partial<Seeded>): Promise<void> => {
  const backend = await createBackend({ workspaceDir: dir, clock: () => new Date(SEED_TIME), newId: idsFrom('c') });
  const { service, context } = backend;
  const observer = context.newId();
  const group = await service.createGroup(fields('Busy lesson group', [{ id: observer, name: 'Dana', role: 'observer' }]));
  const cycle = await service.createCycle({ groupId: group.id, title: 'A long research lesson', researchQuestion: '' });
  for (let i = 0; i < COMPACT_AFTER - 1; i++) {
    await service.saveObservation({ observation: note(context.newId(), cycle.id, observer, `Note ${i}: a student explains a step`, new Date(SEED_TIME), i * 1000) });
  }
  await backend.close();
  seed.busyCycle = cycle.id;
  seed.members = [...(seed.members ?? []), observer];
};

/** An observation pack from another laptop: two new notes (one with a photo) and a newer edit of a seeded one. */
const writePack = async (file: string, seed: Partial<Seeded>): Promise<void> => {
  // A real 1×1 PNG with no metadata: imported photos are decoded (their metadata stripped), so a header alone is refused.
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  const hash = createHash('sha256').update(png).digest('hex');
  const at = new Date(SEED_TIME + 3_600_000);
  const ids = idsFrom('d');
  const withPhoto = { ...note(ids(), seed.co!, seed.members![1], 'Board work: three strategies', at, 90_000), photos: [{ hash, ext: 'png' as const, name: 'board.png', bytes: png.length }] };
  const edited = { ...note(seed.coNotes![1], seed.co!, seed.members![0], 'Kenji counts squares, then switches to rows', at, 60_000), createdAt: new Date(SEED_TIME + 60_000).toISOString() };
  const pack = {
    format: OBSERVATION_PACK_FORMAT, formatVersion: 1, cycleId: seed.co, exportedAt: at.toISOString(),
    observations: [note(ids(), seed.co!, seed.members![1], 'Mika asks whether shapes may be cut', at, 30_000), withPhoto, edited],
    classModes: [], photos: [{ hash, ext: 'png', dataBase64: png.toString('base64') }],
  };
  await writeFile(file, JSON.stringify(pack));
};

interface Operation {
  name: string;
  seed: 'main' | 'busy';
  /** Changes nothing the app shows (a compaction): before and after are the same state. */
  invisible?: boolean;
  /** A call the counting run must make: proof the operation reached the code it is named for. */
  reaches?: RegExp;
  run(backend: Backend, s: Seeded): Promise<unknown>;
}

const operations: Operation[] = [
  { name: 'createGroup', seed: 'main', run: (b) => b.service.createGroup(fields('Grade 5 literacy')) },
  { name: 'updateGroup', seed: 'main', run: (b, s) => b.service.updateGroup({ groupId: s.g1, fields: fields('Grade 4 mathematics (renamed)') }) },
  { name: 'deleteGroup (with its designs, cycles and notes)', seed: 'main', run: (b, s) => b.service.deleteGroup({ groupId: s.g2 }) },
  { name: 'createDesign', seed: 'main', run: (b, s) => b.service.createDesign({ groupId: s.g1, title: 'Division with remainders' }) },
  { name: 'saveDraft', seed: 'main', run: (b, s) => b.service.saveDraft({ designId: s.d1, content: emptyDesignContent('Fractions: second draft'), changeNotes: [] }) },
  { name: 'saveVersion', seed: 'main', run: (b, s) => b.service.saveVersion({ designId: s.d1, summary: 'Ready to teach', authors: ['Aiko', 'Ben'] }) },
  { name: 'deleteDesign', seed: 'main', run: (b, s) => b.service.deleteDesign({ designId: s.dx }) },
  { name: 'createCycle', seed: 'main', run: (b, s) => b.service.createCycle({ groupId: s.g1, title: 'Cycle 4: division', researchQuestion: 'How do students share?' }) },
  { name: 'chooseVersion (design and cycle)', seed: 'main', run: (b, s) => b.service.chooseVersion({ cycleId: s.cp, designId: s.dv, versionId: s.dvVersion }) },
  { name: 'moveCycle plan → teach', seed: 'main', run: (b, s) => b.service.moveCycle({ cycleId: s.cm, to: 'teach', by: 'Aiko', reason: '' }) },
  { name: 'deleteCycle (with its notes)', seed: 'main', reaches: /^rename observations\/[^\n/]+$/m, run: (b, s) => b.service.deleteCycle({ cycleId: s.co }) },
  {
    name: 'saveObservation',
    seed: 'main',
    run: (b, s) => b.service.saveObservation({ observation: note(idsFrom('e')(), s.co, s.members[0], 'A new note during the lesson', OP_TIME, 120_000) }),
  },
  { name: 'deleteObservation', seed: 'main', run: (b, s) => b.service.deleteObservation({ cycleId: s.co, observationId: s.coNotes[0] }) },
  { name: 'importObservationPacks', seed: 'main', reaches: /^rename photos\/[\s\S]*^rename observations\/[^\n]*snapshot\.json/m, run: (b, s) => b.service.importObservationPacks({ cycleId: s.co }) },
  { name: 'compactNow', seed: 'main', invisible: true, reaches: /^rename observations\/[^\n]*snapshot\.json/m, run: (b, s) => compactNow(b.context, s.co) },
  {
    name: `saveObservation #${COMPACT_AFTER} (compacts the journal)`,
    seed: 'busy',
    reaches: /^rename observations\/[^\n]*snapshot\.json/m,
    run: (b, s) => b.service.saveObservation({ observation: note(idsFrom('e')(), s.busyCycle, s.members.at(-1)!, 'The note that fills the journal', OP_TIME, 600_000) }),
  },
];

/**
 * Which N to try: all when there are few; else every call from the first one that
 * changes the disk on, every fourth read before it (a failed read there mostly refuses
 * early), then evenly at most `max`, the last call always. `offset` (0…1) shifts the
 * sample, so crash cases hit the calls the fault cases skipped.
 */
const pickCalls = (trace: string[], max: number, offset: number, only?: (what: string) => boolean): number[] => {
  if (!only && trace.length <= max) return trace.map((_, i) => i + 1);
  const changes = (what: string) => /^(handle\.(writeFile|write|appendFile|sync|truncate|close)|rename|unlink|mkdir|copyFile|rm|chmod) /.test(what);
  const first = trace.findIndex(changes);
  const ns = trace
    .map((what, i) => ({ what, n: i + 1 }))
    .filter(({ what, n }) => (only ? only(what) : n - 1 >= first || (n - 1) % 4 === 0))
    .map(({ n }) => n);
  if (ns.length <= max) return ns;
  const step = ns.length / max;
  const picked = Array.from({ length: max }, (_, i) => ns[Math.min(ns.length - 1, Math.floor((i + offset) * step))]);
  // The last call is often a clean-up after the change is durable (an old journal removed).
  picked[max - 1] = ns[ns.length - 1];
  return [...new Set(picked)];
};

interface Outcome {
  settled: 'resolved' | 'rejected' | 'hung';
  error?: string;
  trace: string[];
  reported: StorageNotice[];
  state: State;
  reopenNotices: StorageNotice[];
  problems: string[];
  setAside: string[];
  temps: string[];
}

/** A seeded workspace held in memory: writing it out is several times faster than fs.cp, and each case needs a fresh copy. */
interface SeedCopy {
  dirs: string[];
  files: Array<{ rel: string; bytes: Buffer; mode: number; mtime: Date }>;
  bytes: Map<string, Buffer>;
}

const remember = async (dir: string): Promise<SeedCopy> => {
  const files = await Promise.all(
    (await walk(dir)).map(async (rel) => {
      const info = await stat(path.join(dir, rel));
      return { rel, bytes: await readFile(path.join(dir, rel)), mode: info.mode & 0o777, mtime: info.mtime };
    }),
  );
  return {
    dirs: [...new Set(files.map((f) => path.posix.dirname(f.rel)))].filter((d) => d !== '.'),
    files,
    bytes: new Map(files.map((f) => [f.rel, f.bytes])),
  };
};

/** Lay a seed out in a new folder, modification times included (the catalogue trusts files whose stamp it knows). */
const layOut = async (seed: SeedCopy, dir: string): Promise<void> => {
  await mkdir(dir, { mode: 0o700 });
  for (const rel of seed.dirs) await mkdir(path.join(dir, rel), { recursive: true, mode: 0o700 });
  await Promise.all(
    seed.files.map(async ({ rel, bytes, mode, mtime }) => {
      await writeFile(path.join(dir, rel), bytes, { mode });
      await utimes(path.join(dir, rel), mtime, mtime);
    }),
  );
};

/**
 * validateWorkspace for the files a case added or changed. A file byte-identical to the
 * seed validates as the seed did (checked once, before the loop); decoding every backup
 * of every case again would take most of the time budget.
 */
const validateChanges = async (dir: string, seed: SeedCopy, files: string[]): Promise<string[]> => {
  const mirror = `${dir}-changed`;
  await mkdir(mirror);
  for (const rel of files) {
    const bytes = await readFile(path.join(dir, rel));
    if (seed.bytes.get(rel)?.equals(bytes)) continue;
    await mkdir(path.dirname(path.join(mirror, rel)), { recursive: true });
    await writeFile(path.join(mirror, rel), bytes);
  }
  const problems = await validateWorkspace(mirror);
  await rm(mirror, { recursive: true, force: true });
  return problems;
};

/** A RAM disk where there is one: about a thousand workspaces are laid out, read and removed, and the disk's speed is not what is tested. */
const scratchRoot = () => {
  try {
    if (statSync('/dev/shm').isDirectory()) return '/dev/shm';
  } catch {
    // No /dev/shm (macOS, Windows): the ordinary temp folder.
  }
  return tmpdir();
};

let root = '';
const seedDirs: Record<Operation['seed'], string> = { main: '', busy: '' };
const seedCopies = {} as Record<Operation['seed'], SeedCopy>;
const seed = {} as Seeded;
let caseNo = 0;

const backendOn = (dir: string, fs?: FsPort) =>
  createBackend({ workspaceDir: dir, fs, clock: () => new Date(OP_TIME), newId: idsFrom('b'), effects: { chooseOpenPaths: async () => [seed.packFile] } });

/** Run one operation on a fresh copy of its seed under `plan`, then reopen with the real fs and look. */
const runCase = async (op: Operation, plan: Plan): Promise<Outcome> => {
  const dir = path.join(root, `case-${++caseNo}`);
  await layOut(seedCopies[op.seed], dir);
  const faults = faultFs(dir);
  const backend = await backendOn(dir, faults.fs);
  // Load the catalogue first: loaded lazily mid-operation it runs beside the write, and the call order would vary between runs.
  await backend.service.listGroups({});
  faults.arm(plan);
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), CASE_TIMEOUT_MS)));
  const attempt = op.run(backend, seed).then(
    () => ({ settled: 'resolved' as const }),
    (error: unknown) => ({ settled: 'rejected' as const, error: `${(error as { code?: string }).code ?? ''} ${(error as Error).message ?? String(error)}`.trim() }),
  );
  const result = await Promise.race([attempt, hung]);
  clearTimeout(timer);
  await faults.quiet();
  await backend.context.catalogue.idle().catch(() => undefined);
  faults.disarm();
  const reported = faults.crashed() ? [] : await backend.service.listNotices({});
  if (faults.crashed()) backend.releaseLockNow();
  else await backend.close().catch(() => undefined);

  const reopened = await backendOn(dir);
  await reopened.swept;
  const state = await readState(reopened, dir);
  const reopenNotices = await reopened.service.listNotices({});
  await reopened.close();
  const files = await walk(dir);
  const validation = await validateChanges(dir, seedCopies[op.seed], files);
  const outcome: Outcome = {
    ...(typeof result === 'string' ? { settled: result } : result),
    trace: [...faults.trace],
    reported,
    state,
    reopenNotices,
    problems: validation.filter((p) => !p.endsWith(': quarantined')),
    setAside: validation.filter((p) => p.endsWith(': quarantined')),
    temps: files.filter((rel) => !rel.startsWith('.backups/') && rel.includes('.tmp-')),
  };
  await rm(dir, { recursive: true, force: true });
  return outcome;
};

const totals = { operations: 0, calls: 0, faultCases: 0, crashCases: 0, resolvedDespiteFault: 0, backupFailedNotices: 0, diverged: 0, casesViolating: 0 };
const summaries: string[] = [];
const findings: string[] = [];
let started = 0;
const waitBeforeRetry = renameRetry.wait;

beforeAll(async () => {
  started = performance.now();
  // A rename refused once is retried after a pause; nothing is gained by really waiting.
  renameRetry.wait = async () => undefined;
  root = await mkdtemp(path.join(scratchRoot(), 'ls-fault-injection-'));
  seedDirs.main = path.join(root, 'seed-main');
  seedDirs.busy = path.join(root, 'seed-busy');
  await seedMain(seedDirs.main, seed);
  await seedBusy(seedDirs.busy, seed);
  seed.packFile = path.join(root, 'from-another-laptop.lsobs.json');
  await writePack(seed.packFile, seed);
  seedCopies.main = await remember(seedDirs.main);
  seedCopies.busy = await remember(seedDirs.busy);
  expect(await validateWorkspace(seedDirs.main)).toEqual([]);
  expect(await validateWorkspace(seedDirs.busy)).toEqual([]);
}, 120_000);

afterAll(async () => {
  renameRetry.wait = waitBeforeRetry;
  if (root) await rm(root, { recursive: true, force: true });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    [`fault injection: ${JSON.stringify(totals)} in ${seconds} s`, ...summaries, ...findings].join('\n  '),
  );
});

describe('fault injection: every writing channel, each fs call failing or ending the process', () => {
  it.each(operations.map((op, index) => [op.name, op, index] as const))('%s', async (_name, op, opIndex) => {
    const before = await (async () => {
      const dir = path.join(root, `before-${++caseNo}`);
      await layOut(seedCopies[op.seed], dir);
      const backend = await backendOn(dir);
      const state = await readState(backend, dir);
      await backend.close();
      await rm(dir, { recursive: true, force: true });
      return state;
    })();
    const counted = await runCase(op, { kind: 'count' });
    expect(counted.settled, counted.error).toBe('resolved');
    expect(counted.problems).toEqual([]);
    if (op.reaches) expect(counted.trace.join('\n')).toMatch(op.reaches);
    const after = counted.state;
    expect(sameState(before, after), 'the operation changes what the app shows').toBe(op.invisible === true);
    const calls = counted.trace.length;
    totals.operations += 1;
    totals.calls += calls;

    const violations: string[] = [];
    const check = (what: string, outcome: Outcome, crash: boolean) => {
      const problems: string[] = [];
      const isBefore = sameState(outcome.state, before);
      const isAfter = sameState(outcome.state, after);
      if (outcome.settled === 'hung') problems.push('the call never settled');
      if (!isBefore && !isAfter) {
        problems.push(`(a) neither before nor after: differs from before in ${short(differingKeys(outcome.state, before))}; from after in ${short(differingKeys(outcome.state, after))}`);
      }
      if (!crash && outcome.settled === 'resolved' && !isAfter) problems.push('(b) the call resolved but the change is not there after reopening');
      if (!crash && outcome.settled === 'rejected' && !isBefore) problems.push(`(b) the call was rejected (${outcome.error}) but its change is there after reopening`);
      const lost = [...before.keys()].filter((k) => isRecord(k) && before.get(k) === after.get(k) && outcome.state.get(k) !== before.get(k));
      if (lost.length) problems.push(`(c) earlier saved data changed or lost: ${short(lost)}`);
      if (outcome.problems.length) problems.push(`(d) files do not validate: ${short(outcome.problems)}`);
      if (outcome.temps.length) problems.push(`(e) temp files left: ${short(outcome.temps)}`);
      // Notices the app already showed before the reopen stay until dismissed; only new ones mean damage found.
      const fresh = outcome.reopenNotices.filter((n) => !outcome.reported.some((shown) => shown.id === n.id));
      if (outcome.setAside.length || fresh.length) {
        findings.push(`${op.name} ${what}: reopening found damage — ${[...outcome.setAside, ...fresh.map((n) => `${n.kind} ${n.file}`)].join('; ')}`);
      }
      if (problems.length) violations.push(`${op.name} ${what}: ${problems.join('; ')}`);
    };
    const diverged = (outcome: Outcome, n: number) => outcome.trace.slice(0, n).some((w, i) => w !== counted.trace[i]);

    const faultNs = pickCalls(counted.trace, MAX_FAULT_CASES, 0);
    for (const n of faultNs) {
      const code = FAULT_CODES[(opIndex + n) % FAULT_CODES.length];
      const outcome = await runCase(op, { kind: 'fail', n, code });
      totals.faultCases += 1;
      if (diverged(outcome, n)) totals.diverged += 1;
      if (outcome.settled === 'resolved') totals.resolvedDespiteFault += 1;
      if (outcome.reported.some((notice) => notice.kind === 'backup-failed')) totals.backupFailedNotices += 1;
      check(`N=${n}/${calls} ${code} on "${outcome.trace[n - 1] ?? '?'}"`, outcome, false);
    }
    const crashes = [
      ...pickCalls(counted.trace, MAX_CRASH_CASES, 0.5).map((n) => ({ n, torn: false })),
      // A write cut in half by the crash: a torn temp file or journal line.
      ...pickCalls(counted.trace, MAX_TORN_CASES, 0.5, (what) => what.startsWith('handle.writeFile ')).map((n) => ({ n, torn: true })),
    ];
    for (const { n, torn } of crashes) {
      const outcome = await runCase(op, { kind: 'crash', n, torn });
      totals.crashCases += 1;
      check(`crash ${torn ? 'halfway through' : 'after'} N=${n}/${calls} "${outcome.trace[n - 1] ?? '?'}"`, outcome, true);
    }
    totals.casesViolating += violations.length;
    summaries.push(`${op.name}: C=${calls}, ${faultNs.length} fault cases, ${crashes.length} crash cases, ${violations.length} violating`);
    for (const v of violations) findings.push(`VIOLATION ${v}`);
    expect(violations, `${op.name}: ${calls} calls`).toEqual([]);
  }, 120_000);
});
