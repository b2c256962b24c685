import * as path from 'node:path';
import { z } from 'zod';
import { ClassModeChange, Observation } from '../../shared/domain/observation';
import { mergeInto, type MergeSummary, emptySummary } from '../../shared/observe/merge';
import { toFileStamp } from '../storage/backups';
import type { DocumentKind } from '../storage/document';
import { ensureDir, FILE_MODE } from '../storage/durable-write';
import { appendJournal, journalFile, journalGenerations, readJournal } from '../storage/journal';
import type { BackendContext } from './context';

/**
 * Storage of one cycle's observations: `observations/<cycleId>/`
 *   snapshot.json        lowdb document: every record up to journal `includesJournalsThrough`
 *   journal-<n>.jsonl    append-only: one line per saved / edited / deleted note or mode change
 *
 * Adding a note appends one fsync'd line — it never rewrites or re-reads the lesson, so
 * its cost does not grow with the number of notes. Every COMPACT_AFTER lines the journal
 * is folded into the snapshot. Compaction is crash-safe in this order:
 *   1. write the snapshot (atomic, durable) saying it includes journals ≤ n;
 *   2. start journal n+1 and delete journal n.
 * A crash between 1 and 2 leaves journal n on disk; the next open sees the snapshot
 * already includes it and deletes it. Replaying it anyway would be harmless: records
 * merge by id and newest updatedAt, so replay is idempotent.
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
  /** Serializes appends and compactions of this cycle: one file, one writer at a time. */
  queue: Promise<unknown>;
}

const logs = new WeakMap<BackendContext, Map<string, Promise<CycleLog>>>();

const absDir = (ctx: BackendContext, cycleId: string) => ctx.store.abs(observationsDir(cycleId));

const apply = (log: CycleLog, line: JournalLine): void => {
  if (line.k === 'o') mergeInto(log.observations, line.v);
  else mergeInto(log.classModes, line.v);
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
  if (writable && replayed >= COMPACT_AFTER) await compact(ctx, log);
  return log;
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

/** Forget a cycle's index (after its files were removed). */
export const forgetCycleLog = (ctx: BackendContext, cycleId: string): void => {
  logs.get(ctx)?.delete(cycleId);
};

const inQueue = <R>(log: CycleLog, task: () => Promise<R>): Promise<R> => {
  const next = log.queue.then(task, task);
  log.queue = next.catch(() => undefined);
  return next;
};

/** Fold everything into the snapshot and start a fresh journal (see the file comment). */
const compact = async (ctx: BackendContext, log: CycleLog, state?: Pick<CycleLog, 'observations' | 'classModes'>): Promise<void> => {
  const fs = ctx.store.deps.fs;
  const through = log.generation;
  const source = state ?? log;
  try {
    await ctx.store.write(observationSnapshotKind, snapshotPath(log.cycleId), {
      cycleId: log.cycleId,
      includesJournalsThrough: through,
      observations: [...source.observations.values()],
      classModes: [...source.classModes.values()],
    });
  } catch (error) {
    // The snapshot may be on disk even so (its rename done, a later step failed). Notes
    // appended to journal `through` from now on would then be taken for folded into it
    // and dropped on the next open, so they go to a fresh journal whatever happened:
    // journal `through` stays on disk and is replayed (or skipped) by what the snapshot says.
    if (log.journalExists) {
      log.generation = through + 1;
      log.journalExists = false;
      log.linesInJournal = 0;
    }
    throw error;
  }
  log.observations = source.observations;
  log.classModes = source.classModes;
  log.generation = through + 1;
  log.journalExists = false;
  log.linesInJournal = 0;
  // The snapshot now says it includes journal `through`: a journal that cannot be removed
  // now is skipped (and removed) on the next open, so this cannot fail what is saved.
  await fs.unlink(journalFile(absDir(ctx, log.cycleId), through)).catch(() => undefined);
};

/**
 * Durably record new versions of notes / mode changes: append, fsync, then update the
 * index. Resolves only once the lines are on disk.
 */
export const appendRecords = async (
  ctx: BackendContext,
  cycleId: string,
  lines: JournalLine[],
): Promise<void> => {
  ctx.store.assertWritable();
  const log = await cycleLog(ctx, cycleId);
  await inQueue(log, async () => {
    const dir = absDir(ctx, cycleId);
    if (!log.journalExists) await ensureDir(ctx.store.deps.fs, dir);
    await appendJournal(ctx.store.deps.fs, journalFile(dir, log.generation), lines, log.journalExists);
    log.journalExists = true;
    log.linesInJournal += lines.length;
    for (const line of lines) apply(log, line);
    // The journal is written beside the store, not through it: tell its listeners (the pushed events) all the same.
    await ctx.store.tellListeners(`${observationsDir(cycleId)}/${path.basename(journalFile(dir, log.generation))}`, { lines });
  });
  if (log.linesInJournal >= COMPACT_AFTER) {
    // Queued behind the append, after it was acknowledged: the next note waits at most
    // one compaction, and the median note never does.
    void inQueue(log, () => (log.linesInJournal >= COMPACT_AFTER ? compact(ctx, log) : Promise.resolve())).catch(
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
  return inQueue(log, async () => {
    const observations = new Map(log.observations);
    const classModes = new Map(log.classModes);
    let changed = false;
    const summaries = batches.map((batch) => {
      const summary = emptySummary();
      for (const o of batch.observations) summary[mergeInto(observations, o)] += 1;
      for (const m of batch.classModes) if (mergeInto(classModes, m) !== 'unchanged') changed = true;
      if (summary.added + summary.updated > 0) changed = true;
      return summary;
    });
    if (changed) await compact(ctx, log, { observations, classModes });
    return summaries;
  });
};

/** Run a compaction now (tests and the benchmark use it; closing a cycle may too). */
export const compactNow = async (ctx: BackendContext, cycleId: string): Promise<void> => {
  ctx.store.assertWritable();
  const log = await cycleLog(ctx, cycleId);
  await inQueue(log, () => compact(ctx, log));
};

/**
 * Remove a cycle's observations (when its cycle or group is deleted): the whole folder —
 * snapshot and journals, where most of a lesson's notes are — moves into the trash, so
 * the deletion can be undone.
 */
export const removeCycleObservations = async (ctx: BackendContext, cycleId: string): Promise<void> => {
  ctx.store.assertWritable();
  const log = logs.get(ctx)?.get(cycleId);
  if (log) await (await log).queue;
  await ctx.store.remove(observationsDir(cycleId));
  forgetCycleLog(ctx, cycleId);
};
