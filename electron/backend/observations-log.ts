import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { z } from 'zod';
import { ClassModeChange, Observation } from '../../shared/domain/observation';
import { mergeInto, type MergeOutcome, type MergeSummary, emptySummary } from '../../shared/observe/merge';
import { toFileStamp } from '../storage/backups';
import type { DocumentKind } from '../storage/document';
import { ensureDir, FILE_MODE } from '../storage/durable-write';
import { appendJournal, journalFile, journalGenerations, readJournal } from '../storage/journal';
import { decodeDocument } from '../storage/document';
import { isErrno } from '../storage/fs-port';
import { DEVICE_ID } from '../storage/sync/hlc';
import { devicesDir } from '../storage/sync/ops';
import type { BackendContext } from './context';

/**
 * Storage of one cycle's observations: `observations/<cycleId>/`
 *   snapshot.json        lowdb document: every record up to journal `includesJournalsThrough`
 *   journal-<n>.jsonl    append-only: one line per saved / edited / deleted note or mode change
 *
 * Adding a note appends one fsync'd line — it never rewrites or re-reads the lesson, so
 * its cost does not grow with the number of notes. Every COMPACT_AFTER lines the journal
 * is folded into the snapshot. Compaction is crash-safe in this order:
 *   1. new lines go to journal n+1 from now on (one step in the append queue: the state
 *      folded is exactly what journals ≤ n hold);
 *   2. write the snapshot (atomic, durable) saying it includes journals ≤ n;
 *   3. delete journal n.
 * Notes keep being appended (to journal n+1) while the snapshot is written, so a note
 * never waits for a compaction or an import. A crash before 2 leaves the old snapshot and
 * every journal: all replayed. A crash between 2 and 3 leaves journal n on disk; the next
 * open sees the snapshot already includes it and deletes it. Replaying it anyway would be
 * harmless: records merge by id and newest updatedAt, so replay is idempotent and its
 * order does not matter.
 */

export const ObservationSnapshot = z.object({
  cycleId: z.string(),
  includesJournalsThrough: z.number().int().min(0),
  observations: z.array(Observation),
  classModes: z.array(ClassModeChange),
});
export type ObservationSnapshot = z.infer<typeof ObservationSnapshot>;

export const observationSnapshotKind: DocumentKind<ObservationSnapshot> = {
  name: 'observations',
  version: 1,
  schema: ObservationSnapshot,
  migrations: [],
  maxBytes: 256 * 1024 * 1024,
};

export const JournalLine = z.discriminatedUnion('k', [
  z.object({ k: z.literal('o'), v: Observation }),
  z.object({ k: z.literal('m'), v: ClassModeChange }),
]);
export type JournalLine = z.infer<typeof JournalLine>;

export const COMPACT_AFTER = 500;

export const observationsDir = (cycleId: string): string => `observations/${cycleId}`;
export const snapshotPath = (cycleId: string): string => `${observationsDir(cycleId)}/snapshot.json`;

export interface CycleLog {
  cycleId: string;
  observations: Map<string, Observation>;
  classModes: Map<string, ClassModeChange>;
  /** The journal new lines go to. */
  generation: number;
  journalExists: boolean;
  linesInJournal: number;
  /** Serializes appends to this cycle's journal: one file, one writer at a time. */
  queue: Promise<unknown>;
  /** Serializes compactions and imports (snapshot writers), which run beside the appends. */
  compaction: Promise<unknown>;
  /** Lines waiting for the next journal write, with whom to tell when they are on disk. */
  waiting: Array<{ lines: JournalLine[]; saved: () => void; failed: (error: unknown) => void }>;
  /**
   * Which opening of the log this is: a screen that asks what changed since a revision of
   * another opening (the workspace was reopened, the cycle's notes re-read) is told to reload.
   */
  epoch: string;
  /** Counts the changes merged into this opening; 0 is the state read from disk. */
  revision: number;
  /** The revision at which each note (`o:<id>`) and class-mode change (`m:<id>`) last changed. */
  changedAt: Map<string, number>;
}

/** What changed in a cycle's notes after a revision of this opening, or `reset` when the screen must reload them all. */
export interface LogChanges {
  epoch: string;
  revision: number;
  reset: boolean;
  observations: Observation[];
  classModes: ClassModeChange[];
}

const logs = new WeakMap<BackendContext, Map<string, Promise<CycleLog>>>();

const absDir = (ctx: BackendContext, cycleId: string) => ctx.store.abs(observationsDir(cycleId));

/** Merge one record into the open log, counting a change (the screens ask for what changed since a revision). */
const apply = (log: CycleLog, line: JournalLine): MergeOutcome => {
  const outcome = line.k === 'o' ? mergeInto(log.observations, line.v) : mergeInto(log.classModes, line.v);
  if (outcome !== 'unchanged') {
    log.revision += 1;
    log.changedAt.set(`${line.k}:${line.v.id}`, log.revision);
  }
  return outcome;
};

/** The notes and class-mode changes that changed after `revision` of opening `epoch`. */
export const changesSince = (log: CycleLog, epoch: string, revision: number): LogChanges => {
  const now = { epoch: log.epoch, revision: log.revision };
  if (epoch !== log.epoch || revision > log.revision) return { ...now, reset: true, observations: [], classModes: [] };
  const observations: Observation[] = [];
  const classModes: ClassModeChange[] = [];
  for (const [key, at] of log.changedAt) {
    if (at <= revision) continue;
    const id = key.slice(2);
    if (key.startsWith('o:')) observations.push(log.observations.get(id) as Observation);
    else classModes.push(log.classModes.get(id) as ClassModeChange);
  }
  return { ...now, reset: false, observations, classModes };
};

const openLog = async (ctx: BackendContext, cycleId: string): Promise<CycleLog> => {
  const fs = ctx.store.deps.fs;
  const dir = absDir(ctx, cycleId);
  const writable = !ctx.store.readOnly;
  const snapshot = await ctx.store.read(observationSnapshotKind, snapshotPath(cycleId));
  const through = snapshot?.includesJournalsThrough ?? 0;
  const log: CycleLog = {
    cycleId,
    observations: new Map(),
    classModes: new Map(),
    generation: through + 1,
    journalExists: false,
    linesInJournal: 0,
    queue: Promise.resolve(),
    compaction: Promise.resolve(),
    waiting: [],
    epoch: randomUUID(),
    revision: 0,
    changedAt: new Map(),
  };
  for (const o of snapshot?.observations ?? []) mergeInto(log.observations, o);
  for (const m of snapshot?.classModes ?? []) mergeInto(log.classModes, m);
  let replayed = 0;
  for (const generation of await journalGenerations(fs, dir)) {
    const file = journalFile(dir, generation);
    if (generation <= through) {
      // Left by a compaction interrupted after its snapshot was written: already included.
      if (writable) await fs.unlink(file).catch(() => undefined);
      continue;
    }
    const read = await readJournal(fs, file, JournalLine, writable);
    for (const line of read.lines) apply(log, line);
    replayed += read.lines.length;
    if (read.badLines > 0) {
      const aside = `${file}.corrupt-${toFileStamp(ctx.clock())}`;
      if (writable) await fs.copyFile(file, aside).then(() => fs.chmod(aside, FILE_MODE)).catch(() => undefined);
      ctx.store.addNotice({
        file: `${observationsDir(cycleId)}/${path.basename(file)}`,
        kind: 'quarantined',
        ...(writable ? { quarantinedAs: path.basename(aside) } : {}),
        message: `${read.badLines} damaged line(s) in the observation journal of this cycle could not be read; the other notes are shown. A copy of the journal was kept as "${path.basename(aside)}".`,
      });
    }
    log.generation = Math.max(log.generation, generation);
    if (generation === log.generation) {
      log.journalExists = true;
      log.linesInJournal = read.lines.length + read.badLines;
    }
  }
  await mergeForeign(ctx, log);
  if (writable && replayed >= COMPACT_AFTER) await compact(ctx, log);
  return log;
};

/**
 * In a shared workspace (issue #16) this device writes its notes under its own folder
 * (`devices/<me>/observations/<cycleId>/`, through `store.abs`). The other devices' notes
 * of the cycle — and those saved before the workspace was shared, in `observations/` —
 * are read here and merged by id and newest version, never written, compacted or deleted:
 * a pack import or a compaction on one laptop cannot remove another's notes.
 */
const foreignDirs = async (ctx: BackendContext, cycleId: string): Promise<string[]> => {
  const shared = ctx.store.shared;
  if (!shared) return [];
  const root = ctx.store.root;
  const devices = await ctx.store.deps.fs.readdir(path.join(root, devicesDir)).catch(() => [] as string[]);
  return [
    path.join(root, observationsDir(cycleId)),
    ...devices.filter((id) => DEVICE_ID.test(id) && id !== shared.deviceId).map((id) => path.join(root, devicesDir, id, observationsDir(cycleId))),
  ];
};

const readForeign = async (ctx: BackendContext, dir: string): Promise<JournalLine[]> => {
  const fs = ctx.store.deps.fs;
  const lines: JournalLine[] = [];
  try {
    const decoded = decodeDocument(observationSnapshotKind, await fs.readFile(path.join(dir, 'snapshot.json'), 'utf8'));
    if (decoded.status === 'ok') {
      for (const v of decoded.value.observations) lines.push({ k: 'o', v });
      for (const v of decoded.value.classModes) lines.push({ k: 'm', v });
    }
  } catch (error) {
    if (!isErrno(error, 'ENOENT', 'ENOTDIR')) throw error;
  }
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    // Journals and a sync tool's conflict copies of them (a union of lines: repeats are harmless).
    if (!/^journal-\d{1,9}.*\.jsonl$/.test(name)) continue;
    const read = await readJournal(fs, path.join(dir, name), JournalLine, false);
    lines.push(...read.lines);
  }
  return lines;
};

/** Merge what the other devices have written for this cycle; returns whether anything changed. */
export const mergeForeign = async (ctx: BackendContext, log: CycleLog): Promise<boolean> => {
  let changed = false;
  for (const dir of await foreignDirs(ctx, log.cycleId)) {
    for (const line of await readForeign(ctx, dir)) {
      if (apply(log, line) !== 'unchanged') changed = true;
    }
  }
  return changed;
};

/** The cycles whose notes are open in memory (a shared workspace re-reads the others' notes of these). */
export const openCycleLogs = async (ctx: BackendContext): Promise<CycleLog[]> => {
  const opened = await Promise.allSettled([...(logs.get(ctx)?.values() ?? [])]);
  return opened.flatMap((open) => (open.status === 'fulfilled' ? [open.value] : []));
};

/** The in-memory index of a cycle's observations, opened once per backend. */
export const cycleLog = (ctx: BackendContext, cycleId: string): Promise<CycleLog> => {
  let perCtx = logs.get(ctx);
  if (!perCtx) {
    perCtx = new Map();
    logs.set(ctx, perCtx);
  }
  let log = perCtx.get(cycleId);
  if (!log) {
    log = openLog(ctx, cycleId);
    perCtx.set(cycleId, log);
    // A failed open must not be cached: the next call tries again.
    log.catch(() => perCtx.delete(cycleId));
  }
  return log;
};

/** Settles once every append, compaction and import begun so far has finished (closing the workspace waits for it). */
export const settleCycleLogs = async (ctx: BackendContext): Promise<void> => {
  const opened = await Promise.allSettled([...(logs.get(ctx)?.values() ?? [])]);
  await Promise.all(opened.flatMap((open) => (open.status === 'fulfilled' ? [open.value.queue, open.value.compaction] : [])));
};

/** Forget a cycle's index (after its files were removed). */
export const forgetCycleLog = (ctx: BackendContext, cycleId: string): void => {
  logs.get(ctx)?.delete(cycleId);
};

const chain = <R>(previous: Promise<unknown>, task: () => Promise<R>): { next: Promise<R>; settled: Promise<unknown> } => {
  const next = previous.then(task, task);
  return { next, settled: next.catch(() => undefined) };
};

const inQueue = <R>(log: CycleLog, task: () => Promise<R>): Promise<R> => {
  const { next, settled } = chain(log.queue, task);
  log.queue = settled;
  return next;
};

const inCompactionLane = <R>(log: CycleLog, task: () => Promise<R>): Promise<R> => {
  const { next, settled } = chain(log.compaction, task);
  log.compaction = settled;
  return next;
};

interface Cut {
  /** The snapshot to write includes journals up to this one. */
  through: number;
  observations: Map<string, Observation>;
  classModes: Map<string, ClassModeChange>;
}

/**
 * Send new lines to a fresh journal and take the state at that moment: one step in the
 * append queue, so no line falls between the state and the journals it stands for.
 */
const cutJournal = (log: CycleLog): Promise<Cut> =>
  inQueue(log, async () => {
    const through = log.generation;
    log.generation = through + 1;
    log.journalExists = false;
    log.linesInJournal = 0;
    return { through, observations: new Map(log.observations), classModes: new Map(log.classModes) };
  });

/** Write the cut as the snapshot, then remove the journal it folded in. */
const writeSnapshot = async (ctx: BackendContext, log: CycleLog, cut: Cut): Promise<void> => {
  await ctx.store.write(observationSnapshotKind, snapshotPath(log.cycleId), {
    cycleId: log.cycleId,
    includesJournalsThrough: cut.through,
    observations: [...cut.observations.values()],
    classModes: [...cut.classModes.values()],
  });
  // The snapshot now says it includes journal `through`: a journal that cannot be removed
  // now is skipped (and removed) on the next open, so this cannot fail what is saved.
  await ctx.store.deps.fs.unlink(journalFile(absDir(ctx, log.cycleId), cut.through)).catch(() => undefined);
};

/** Fold everything into the snapshot and start a fresh journal (see the file comment). */
const foldIntoSnapshot = async (ctx: BackendContext, log: CycleLog): Promise<void> => writeSnapshot(ctx, log, await cutJournal(log));

const compact = (ctx: BackendContext, log: CycleLog): Promise<void> => inCompactionLane(log, () => foldIntoSnapshot(ctx, log));

/**
 * Write every line waiting now in one append and one fsync (a group commit): 100 devices
 * saving at once wait for one disk flush each, not for a queue of a hundred.
 */
const writeWaiting = async (ctx: BackendContext, log: CycleLog): Promise<void> => {
  const batch = log.waiting.splice(0);
  if (batch.length === 0) return;
  const lines = batch.flatMap((entry) => entry.lines);
  try {
    const dir = absDir(ctx, log.cycleId);
    if (!log.journalExists) await ensureDir(ctx.store.deps.fs, dir);
    await appendJournal(ctx.store.deps.fs, journalFile(dir, log.generation), lines, log.journalExists);
    log.journalExists = true;
    log.linesInJournal += lines.length;
    for (const line of lines) apply(log, line);
    // The journal is written beside the store, not through it: tell its listeners (the pushed events) all the same.
    await ctx.store.tellListeners(`${observationsDir(log.cycleId)}/${path.basename(journalFile(dir, log.generation))}`, { lines });
  } catch (error) {
    for (const entry of batch) entry.failed(error);
    return;
  }
  for (const entry of batch) entry.saved();
};

/**
 * Durably record new versions of notes / mode changes: append, fsync, then update the
 * index. Resolves only once the lines are on disk. Lines that arrive while a write is
 * under way go together in the next one.
 */
export const appendRecords = async (
  ctx: BackendContext,
  cycleId: string,
  lines: JournalLine[],
): Promise<void> => {
  ctx.store.assertWritable();
  const log = await cycleLog(ctx, cycleId);
  await new Promise<void>((saved, failed) => {
    // The first line to wait starts a write; the others join it until it begins.
    if (log.waiting.push({ lines, saved, failed }) === 1) void inQueue(log, () => writeWaiting(ctx, log));
  });
  if (log.linesInJournal >= COMPACT_AFTER) {
    // Beside the appends, after this one was acknowledged: the notes that follow go to the
    // next journal meanwhile and never wait for it. A compaction already waiting covers this one.
    void inCompactionLane(log, () => (log.linesInJournal >= COMPACT_AFTER ? foldIntoSnapshot(ctx, log) : Promise.resolve())).catch(
      () => undefined,
    );
  }
};

/**
 * Merge whole packs at once. The merged state is written as one snapshot (atomic), so an
 * import is applied entirely or not at all. One summary per batch, in order.
 */
export const mergeIntoLog = async (
  ctx: BackendContext,
  cycleId: string,
  batches: ReadonlyArray<{ observations: readonly Observation[]; classModes: readonly ClassModeChange[] }>,
): Promise<MergeSummary[]> => {
  ctx.store.assertWritable();
  const log = await cycleLog(ctx, cycleId);
  return inCompactionLane(log, async () => {
    const cut = await cutJournal(log);
    let changed = false;
    const summaries = batches.map((batch) => {
      const summary = emptySummary();
      for (const o of batch.observations) summary[mergeInto(cut.observations, o)] += 1;
      for (const m of batch.classModes) if (mergeInto(cut.classModes, m) !== 'unchanged') changed = true;
      if (summary.added + summary.updated > 0) changed = true;
      return summary;
    });
    if (!changed) return summaries;
    await writeSnapshot(ctx, log, cut);
    // Shown once saved; a note edited meanwhile keeps its newer version (newest wins).
    for (const v of cut.observations.values()) apply(log, { k: 'o', v });
    for (const v of cut.classModes.values()) apply(log, { k: 'm', v });
    return summaries;
  });
};

/** Run a compaction now (tests and the benchmark use it; closing a cycle may too). */
export const compactNow = async (ctx: BackendContext, cycleId: string): Promise<void> => {
  ctx.store.assertWritable();
  await compact(ctx, await cycleLog(ctx, cycleId));
};

/**
 * Remove a cycle's observations (when its cycle or group is deleted): the whole folder —
 * snapshot and journals, where most of a lesson's notes are — moves into the trash, so
 * the deletion can be undone.
 */
export const removeCycleObservations = async (ctx: BackendContext, cycleId: string): Promise<void> => {
  ctx.store.assertWritable();
  const log = logs.get(ctx)?.get(cycleId);
  if (log) {
    const open = await log;
    await Promise.all([open.queue, open.compaction]);
  }
  await ctx.store.remove(observationsDir(cycleId));
  forgetCycleLog(ctx, cycleId);
};
