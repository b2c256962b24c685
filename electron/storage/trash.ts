import * as path from 'node:path';
import { LessonStudyError } from '../../shared/result';
import { toFileStamp } from './backups';
import { ensureDir, storageError, syncDirectory, writeFileDurably } from './durable-write';
import { isErrno } from './fs-port';
import type { StoreDeps } from './workspace-store';

/** Deleted files and folders, under a folder per deletion: `.trash/<stamp>/<path>`. */
export const TRASH_DIR = '.trash';

/** The part of the workspace store the trash works with. */
interface TrashHost {
  /** The workspace, or this device's own folder in a shared one. */
  readonly localRoot: string;
  readonly deps: StoreDeps;
  abs(rel: string): string;
  assertWritable(): void;
  tellListeners(rel: string, value: object | null): Promise<void>;
  /**
   * In a shared workspace, a document kept as ops (not a file) is "moved" by keeping its
   * last content in this device's trash and writing a tombstone; put back by writing the
   * content again as ops. Absent, or null for a path that is a file.
   */
  sharedDocument?(rel: string): SharedTrashDocument | null;
}

export interface SharedTrashDocument {
  /** The document's text as a file of its kind would hold it, or null when it does not exist (or is deleted). */
  text(): string | null;
  remove(): Promise<void>;
  restore(text: string): Promise<void>;
}

interface TrashHooks {
  /** Settles when every queued write of this file has. */
  settled(rel: string): Promise<unknown> | undefined;
  /** Documents at (or inside) this path must no longer be served from memory. */
  forget(rel: string): void;
}

/**
 * Deletion as a move into the trash, from where it can be put back. A move, not a copy:
 * nothing is written but a small record of the move, so a full disk does not stop it.
 */
export class Trash {
  /** The deletion under way: what it will move into the trash, and under which stamp. */
  private deletion: { stamp: string; items: string[] } | null = null;

  constructor(
    private readonly store: TrashHost,
    private readonly hooks: TrashHooks,
  ) {}

  private get fs() {
    return this.store.deps.fs;
  }

  /**
   * Run one deletion (a group with its designs, cycles, notes and analyses) as one step:
   * `remove` calls inside only collect what to move; then everything moves into one trash
   * folder, or — if a move fails — what moved is moved back and nothing is deleted. A
   * process killed half-way is completed on the next open (see `completeInterruptedDeletions`),
   * so a group never loses half its cycles.
   */
  async asOneDeletion<R>(task: () => Promise<R>): Promise<R> {
    if (this.deletion) return task();
    this.store.assertWritable();
    const deletion = { stamp: toFileStamp(this.store.deps.clock()), items: [] as string[] };
    this.deletion = deletion;
    let result: R;
    try {
      result = await task();
    } finally {
      this.deletion = null;
    }
    await this.moveAll(deletion.stamp, [...new Set(deletion.items)]);
    return result;
  }

  /** Delete a file (or a lesson's notes folder): part of the deletion under way, or one of its own. */
  async remove(rel: string): Promise<void> {
    if (this.deletion) {
      this.deletion.items.push(rel);
      return;
    }
    await this.asOneDeletion(async () => void this.deletion!.items.push(rel));
  }

  private pendingRecord(stamp: string): string {
    return path.join(this.store.localRoot, TRASH_DIR, `.pending-${stamp}.json`);
  }

  private trashPath(stamp: string, rel: string): string {
    return path.join(this.store.localRoot, TRASH_DIR, stamp, ...rel.split('/'));
  }

  private async moveAll(stamp: string, rels: string[]): Promise<void> {
    // Only what exists; and after every queued write of those files has settled.
    const present: string[] = [];
    for (const rel of rels) {
      await this.hooks.settled(rel);
      const shared = this.store.sharedDocument?.(rel);
      if (shared) {
        if (shared.text() !== null) present.push(rel);
        continue;
      }
      const exists = await this.fs.lstat(this.store.abs(rel)).then(
        () => true,
        (error: unknown) => {
          if (isErrno(error, 'ENOENT')) return false;
          throw storageError(error, this.store.abs(rel));
        },
      );
      if (exists) present.push(rel);
    }
    if (present.length === 0) return;
    const record = this.pendingRecord(stamp);
    await ensureDir(this.fs, path.dirname(record));
    await writeFileDurably(this.fs, record, JSON.stringify({ items: present }));
    const moved: string[] = [];
    try {
      for (const rel of present) {
        await this.moveOne(rel, stamp);
        moved.push(rel);
      }
    } catch (error) {
      // Put back what moved: the deletion did not happen.
      for (const rel of moved.reverse()) {
        const shared = this.store.sharedDocument?.(rel);
        const back = shared
          ? this.fs.readFile(this.trashPath(stamp, rel), 'utf8').then((text) => shared.restore(text))
          : this.fs.rename(this.trashPath(stamp, rel), this.store.abs(rel));
        await back.catch(() => undefined);
      }
      await this.fs.unlink(record).catch(() => undefined);
      throw storageError(error, this.store.abs(present[moved.length] ?? present[0]));
    }
    // Done: the record goes. Should that fail, the next open finds nothing left to move.
    await this.fs.unlink(record).catch(() => undefined);
    for (const rel of present) {
      this.hooks.forget(rel);
      await this.store.tellListeners(rel, null);
    }
  }

  private async moveOne(rel: string, stamp: string): Promise<void> {
    const abs = this.store.abs(rel);
    const target = this.trashPath(stamp, rel);
    await ensureDir(this.fs, path.dirname(target));
    const shared = this.store.sharedDocument?.(rel);
    if (shared) {
      const text = shared.text();
      if (text === null) return;
      // The content is kept first: a kill between the two leaves a copy, never a loss.
      await writeFileDurably(this.fs, target, text);
      await shared.remove();
      return;
    }
    await this.fs.rename(abs, target);
    // Moved: a folder that cannot be fsync'd does not undo the move.
    await syncDirectory(this.fs, path.dirname(abs)).catch(() => undefined);
  }

  /**
   * A deletion whose process was killed half-way left its record: finish it, so the
   * workspace shows the state after the deletion, never half of it. Run on open.
   */
  async completeInterruptedDeletions(): Promise<void> {
    const dir = path.join(this.store.localRoot, TRASH_DIR);
    for (const name of await this.fs.readdir(dir).catch(() => [] as string[])) {
      const stamp = /^\.pending-(.+)\.json$/.exec(name)?.[1];
      if (!stamp) continue;
      const record = path.join(dir, name);
      let items: string[] = [];
      try {
        const parsed = JSON.parse(await this.fs.readFile(record, 'utf8')) as { items?: unknown };
        items = Array.isArray(parsed.items) ? parsed.items.filter((item): item is string => typeof item === 'string' && !item.includes('..')) : [];
      } catch {
        // A record cut short by the kill: written before any move, so nothing moved yet.
      }
      for (const rel of items) {
        const shared = this.store.sharedDocument?.(rel);
        const live = shared ? shared.text() !== null : await this.fs.lstat(this.store.abs(rel)).then(() => true, () => false);
        if (live) await this.moveOne(rel, stamp);
      }
      await this.fs.unlink(record).catch(() => undefined);
      this.store.deps.log?.('deletion-completed', { items: items.length });
    }
  }

  /** The deletions in the trash, newest first. */
  async stamps(): Promise<string[]> {
    const names = await this.fs.readdir(path.join(this.store.localRoot, TRASH_DIR)).catch(() => [] as string[]);
    return names.filter((name) => /^\d{4}-\d{2}-\d{2}T[\d-]+Z$/.test(name)).sort().reverse();
  }

  /**
   * Put back everything one deletion moved into the trash. Refused, with nothing moved,
   * when something of the same name exists again in the workspace.
   */
  async restore(stamp: string, items: readonly string[]): Promise<void> {
    this.store.assertWritable();
    for (const rel of items) {
      const shared = this.store.sharedDocument?.(rel);
      const exists = shared ? shared.text() !== null : await this.fs.lstat(this.store.abs(rel)).then(() => true, () => false);
      if (exists) throw new LessonStudyError('conflict', `"${rel}" exists again in the workspace, so this deletion cannot be put back over it.`);
    }
    for (const rel of items) {
      const shared = this.store.sharedDocument?.(rel);
      if (shared) {
        try {
          await shared.restore(await this.fs.readFile(this.trashPath(stamp, rel), 'utf8'));
        } catch (error) {
          throw error instanceof LessonStudyError ? error : storageError(error, rel);
        }
        this.hooks.forget(rel);
        continue;
      }
      await ensureDir(this.fs, path.dirname(this.store.abs(rel)));
      try {
        await this.fs.rename(this.trashPath(stamp, rel), this.store.abs(rel));
      } catch (error) {
        throw storageError(error, rel);
      }
      this.hooks.forget(rel);
    }
    await this.fs.rm(path.join(this.store.localRoot, TRASH_DIR, stamp), { recursive: true, force: true });
  }
}
