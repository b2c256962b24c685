import * as path from 'node:path';
import { Low, type Adapter } from 'lowdb';
import type { StorageNotice } from '../../shared/contract/workspace';
import { LessonStudyError } from '../../shared/result';
import { backupsToDelete, toFileStamp } from './backups';
import { DEFAULT_MAX_BYTES, decodeDocument, encodeDocument, type DocumentKind } from './document';
import { ensureDir, inFlightTempFiles, isTempFileName, storageError, writeFileDurably } from './durable-write';
import { isErrno, type FsPort } from './fs-port';

export interface StoreDeps {
  fs: FsPort;
  clock: () => Date;
  /** Minimum time between two backups of one file. 0 backs up every write. */
  backupIntervalMs?: number;
}

export const BACKUP_DIR = '.backups';

/**
 * A lowdb adapter for one workspace file: durable atomic writes, and on read the zod
 * validation, migration and quarantine-and-restore that keep a damaged file from ever
 * being silently reset.
 */
class WorkspaceFileAdapter<T extends object> implements Adapter<T | null> {
  constructor(
    private readonly store: WorkspaceStore,
    private readonly kind: DocumentKind<T>,
    private readonly rel: string,
  ) {}

  read(): Promise<T | null> {
    return this.store.loadDocument(this.kind, this.rel);
  }

  async write(data: T | null): Promise<void> {
    if (data === null) return;
    await this.store.writeRaw(this.rel, encodeDocument(this.kind, data));
  }
}

/**
 * The one owner of every file in a workspace. Two lowdb writers on one path can
 * interleave their temp-file renames and lose an update, so each path gets exactly one
 * `Low` instance and a promise queue that runs its reads and writes one at a time.
 */
export class WorkspaceStore {
  readonly notices: StorageNotice[] = [];
  /** Told after a document is written (with its new content) or removed (null). */
  readonly changeListeners: Array<(rel: string, value: object | null) => Promise<void>> = [];
  private readonly handles = new Map<string, Low<unknown>>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly lastBackup = new Map<string, number>();

  constructor(
    readonly root: string,
    readonly deps: StoreDeps,
    readonly readOnly = false,
  ) {}

  abs(rel: string): string {
    return path.join(this.root, ...rel.split('/'));
  }

  /** Run `task` after every earlier task on the same file has settled. */
  private serialize<R>(rel: string, task: () => Promise<R>): Promise<R> {
    const previous = this.queues.get(rel) ?? Promise.resolve();
    const next = previous.then(task, task);
    const settled = next.catch(() => undefined);
    this.queues.set(rel, settled);
    void settled.then(() => {
      if (this.queues.get(rel) === settled) this.queues.delete(rel);
    });
    return next;
  }

  private handle<T extends object>(kind: DocumentKind<T>, rel: string): Low<T | null> {
    let low = this.handles.get(rel) as Low<T | null> | undefined;
    if (!low) {
      low = new Low<T | null>(new WorkspaceFileAdapter(this, kind, rel), null);
      (low as unknown as { loaded: boolean }).loaded = false;
      this.handles.set(rel, low as Low<unknown>);
    }
    return low;
  }

  private async ensureLoaded<T extends object>(low: Low<T | null>): Promise<void> {
    const flagged = low as unknown as { loaded: boolean };
    if (!flagged.loaded) {
      await low.read();
      flagged.loaded = true;
    }
  }

  /** The validated content of a file, or null when it does not exist (or was unrecoverable). */
  read<T extends object>(kind: DocumentKind<T>, rel: string): Promise<T | null> {
    return this.serialize(rel, async () => {
      const low = this.handle(kind, rel);
      try {
        await this.ensureLoaded(low);
      } catch (error) {
        this.handles.delete(rel);
        throw error;
      }
      return low.data;
    });
  }

  /** Read-modify-write one file under its queue. `change` must not mutate its argument. */
  update<T extends object>(kind: DocumentKind<T>, rel: string, change: (current: T | null) => T): Promise<T> {
    return this.serialize(rel, async () => {
      this.assertWritable();
      const low = this.handle(kind, rel);
      await this.ensureLoaded(low);
      const next = kind.schema.parse(change(low.data));
      const previous = low.data;
      low.data = next;
      try {
        await low.write();
      } catch (error) {
        low.data = previous;
        throw error;
      }
      for (const listener of this.changeListeners) await listener(rel, next);
      return next;
    });
  }

  write<T extends object>(kind: DocumentKind<T>, rel: string, value: T): Promise<T> {
    return this.update(kind, rel, () => value);
  }

  /** Delete a file, keeping a backup of its last content. */
  remove(rel: string): Promise<void> {
    return this.serialize(rel, async () => {
      this.assertWritable();
      const abs = this.abs(rel);
      try {
        const text = await this.deps.fs.readFile(abs, 'utf8');
        await this.backup(rel, text, true);
        await this.deps.fs.unlink(abs);
      } catch (error) {
        if (!isErrno(error, 'ENOENT')) throw storageError(error, abs);
      }
      this.handles.delete(rel);
      for (const listener of this.changeListeners) await listener(rel, null);
    });
  }

  /** Names of the `.json` documents in a workspace sub-folder. */
  async list(relDir: string): Promise<string[]> {
    try {
      const names = await this.deps.fs.readdir(this.abs(relDir));
      return names.filter((name) => name.endsWith('.json') && !isTempFileName(name)).sort();
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return [];
      throw storageError(error, this.abs(relDir));
    }
  }

  assertWritable(): void {
    if (this.readOnly) {
      throw new LessonStudyError(
        'read-only',
        'This workspace is open read-only (the folder cannot be written), so changes cannot be saved.',
      );
    }
  }

  addNotice(notice: Omit<StorageNotice, 'id' | 'at'>): void {
    const existing = this.notices.find((n) => n.file === notice.file && n.kind === notice.kind);
    if (existing) return;
    const at = this.deps.clock().toISOString();
    this.notices.push({ ...notice, id: `${notice.kind}:${notice.file}:${at}`, at });
  }

  /** Called by the adapter: read, validate, migrate, or quarantine and restore. */
  async loadDocument<T extends object>(kind: DocumentKind<T>, rel: string): Promise<T | null> {
    const abs = this.abs(rel);
    let text: string;
    try {
      const info = await this.deps.fs.stat(abs);
      if (info.size > (kind.maxBytes ?? DEFAULT_MAX_BYTES)) {
        return this.recover(kind, rel, `it is ${Math.round(info.size / 1048576)} MB, far larger than a ${kind.name} file can be`);
      }
      text = await this.deps.fs.readFile(abs, 'utf8');
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return null;
      throw storageError(error, abs);
    }
    const decoded = decodeDocument(kind, text);
    if (decoded.status === 'newer') {
      throw new LessonStudyError(
        'newer-schema',
        `"${rel}" was written by a newer version of Lesson Study (format ${decoded.version}; this version reads up to ${kind.version}). It was left untouched — update the app to open it.`,
      );
    }
    if (decoded.status === 'corrupt') return this.recover(kind, rel, decoded.reason);
    if (decoded.migratedFrom !== undefined && !this.readOnly) {
      await this.backup(rel, text, true);
      await this.writeRaw(rel, encodeDocument(kind, decoded.value), false);
      this.addNotice({
        file: rel,
        kind: 'migrated',
        message: `"${rel}" was updated from format ${decoded.migratedFrom} to ${kind.version}; the old file is kept in the backups.`,
      });
    }
    return decoded.value;
  }

  /** Move a damaged file aside and bring back the newest backup that still validates. */
  private async recover<T extends object>(kind: DocumentKind<T>, rel: string, reason: string): Promise<T | null> {
    const abs = this.abs(rel);
    if (this.readOnly) {
      this.addNotice({ file: rel, kind: 'quarantined', message: `"${rel}" could not be read because ${reason}. The workspace is read-only, so it was left as it is.` });
      return null;
    }
    const quarantined = `${abs}.corrupt-${toFileStamp(this.deps.clock())}`;
    try {
      await this.deps.fs.rename(abs, quarantined);
    } catch (error) {
      throw storageError(error, abs);
    }
    const asideName = path.basename(quarantined);
    for (const stamp of await this.backupStamps(rel)) {
      const backupText = await this.deps.fs.readFile(this.backupPath(rel, stamp), 'utf8').catch(() => '');
      const decoded = decodeDocument(kind, backupText);
      if (decoded.status !== 'ok') continue;
      await this.writeRaw(rel, encodeDocument(kind, decoded.value), false);
      this.addNotice({
        file: rel,
        kind: 'restored-from-backup',
        quarantinedAs: asideName,
        message: `"${rel}" was damaged (${reason}). It was moved aside as "${asideName}" and the backup from ${stamp.slice(0, 10)} was restored; changes made after that backup are in the damaged file.`,
      });
      return decoded.value;
    }
    this.addNotice({
      file: rel,
      kind: 'quarantined',
      quarantinedAs: asideName,
      message: `"${rel}" was damaged (${reason}) and no valid backup exists. It was moved aside as "${asideName}" so nothing is lost; its data is not shown until it is repaired.`,
    });
    return null;
  }

  /** Write the text of a file durably, then keep a backup when one is due. */
  async writeRaw(rel: string, text: string, backupAfter = true): Promise<void> {
    this.assertWritable();
    const abs = this.abs(rel);
    await ensureDir(this.deps.fs, path.dirname(abs));
    await writeFileDurably(this.deps.fs, abs, text);
    if (backupAfter) await this.backup(rel, text, false);
  }

  private backupFolder(rel: string): string {
    return path.join(this.root, BACKUP_DIR, ...rel.split('/'));
  }

  private backupPath(rel: string, stamp: string): string {
    return path.join(this.backupFolder(rel), `${stamp}.json`);
  }

  /** Backup stamps of one file, newest first. */
  async backupStamps(rel: string): Promise<string[]> {
    try {
      const names = await this.deps.fs.readdir(this.backupFolder(rel));
      return names
        .filter((name) => name.endsWith('.json') && !isTempFileName(name))
        .map((name) => name.slice(0, -'.json'.length))
        .sort()
        .reverse();
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return [];
      throw error;
    }
  }

  private async backup(rel: string, text: string, force: boolean): Promise<void> {
    const now = this.deps.clock();
    const interval = this.deps.backupIntervalMs ?? 10 * 60 * 1000;
    const last = this.lastBackup.get(rel);
    if (!force && last !== undefined && now.getTime() - last < interval) return;
    const folder = this.backupFolder(rel);
    await ensureDir(this.deps.fs, folder);
    await writeFileDurably(this.deps.fs, this.backupPath(rel, toFileStamp(now)), text);
    this.lastBackup.set(rel, now.getTime());
    for (const stamp of backupsToDelete(await this.backupStamps(rel), now)) {
      await this.deps.fs.unlink(this.backupPath(rel, stamp)).catch(() => undefined);
    }
    // The open-time sweep leaves `.backups` alone (it is the largest tree by far); a
    // backup write killed mid-way is cleaned up here, the next time that file is backed up.
    for (const name of await this.deps.fs.readdir(folder).catch(() => [] as string[])) {
      const full = path.join(folder, name);
      if (isTempFileName(name) && !inFlightTempFiles.has(full)) await this.deps.fs.unlink(full).catch(() => undefined);
    }
  }
}
