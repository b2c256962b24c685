import * as path from 'node:path';
import { Low, type Adapter } from 'lowdb';
import type { StorageNotice } from '../../shared/contract/workspace';
import { NoticeBoard } from './notices';
import { Trash, type SharedTrashDocument } from './trash';
import { LessonStudyError } from '../../shared/result';
import { backupsToDelete, fromFileStamp, toFileStamp } from './backups';
import { DEFAULT_MAX_BYTES, decodeDocument, encodeDocument, type DocumentKind } from './document';
import { ensureDir, FILE_MODE, inFlightTempFiles, isTempFileName, storageError, writeFileDurably } from './durable-write';
import { isErrno, type FsPort } from './fs-port';
import { SharedDocuments } from './sync/shared-documents';
import { deviceDir, devicesDir } from './sync/ops';

export interface StoreDeps {
  fs: FsPort;
  clock: () => Date;
  /** Minimum time between two backups of one file. 0 backs up every write. */
  backupIntervalMs?: number;
  /** Names a document for the user ("the group “Maple Grove”"), so notices speak of things, not file ids. */
  describe?: (rel: string, value: object) => string | null;
  /** The app log (electron/backend/log.ts): codes and paths only, never text from a file. */
  log?: (event: string, fields: Record<string, string | number | boolean | null>) => void;
}

export const BACKUP_DIR = '.backups';
export { NOTICES_FILE } from './notices';
export { TRASH_DIR } from './trash';
/**
 * The last saved content of each file, beside its timed backups. Backups are throttled
 * (one per 10 minutes), so a file damaged after an hour of work would otherwise come back
 * an hour old; this copy brings back the newest state.
 */
export const LAST_SAVED = 'last-saved.json';
const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const copyFailure = (error: unknown): string =>
  isErrno(error, 'ENOSPC', 'EDQUOT', 'disk-full')
    ? 'the disk is full'
    : isErrno(error, 'EROFS', 'EACCES', 'EPERM', 'EBUSY', 'read-only')
      ? 'the backups folder cannot be written'
      : error instanceof Error
        ? error.message
        : String(error);
const isBackupStamp = (name: string): boolean => /^\d{4}-\d{2}-\d{2}T[\d-]+Z\.json$/.test(name);

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
    await this.store.writeRaw(this.rel, encodeDocument(this.kind, data), true, this.kind);
  }
}

/**
 * The one owner of every file in a workspace. Two lowdb writers on one path can
 * interleave their temp-file renames and lose an update, so each path gets exactly one
 * `Low` instance and a promise queue that runs its reads and writes one at a time.
 */
export class WorkspaceStore {
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

  /**
   * A shared workspace's documents, merged from every device's op logs (issue #16); absent
   * in a workspace kept on one computer. Set once, right after opening.
   */
  shared?: SharedDocuments;

  /**
   * Where this computer's own files go: the workspace itself, or in a shared workspace
   * `devices/<me>/` — caches, backups, notices, the trash, intents and its notes journals
   * are written by this device only, so no file in the synced folder has two writers.
   */
  get localRoot(): string {
    return this.shared ? path.join(this.root, ...deviceDir(this.shared.deviceId).split('/')) : this.root;
  }

  abs(rel: string): string {
    const first = rel.split('/', 1)[0];
    const inShared = !this.shared || first === 'photos' || first === devicesDir || SharedDocuments.locate(rel) !== null;
    return path.join(inShared ? this.root : this.localRoot, ...rel.split('/'));
  }

  /** A stamp that changes whenever the document does ("mtime:size" of its file, or its ops'), null when it is gone. */
  stamp(rel: string): string | null {
    const doc = this.shared ? SharedDocuments.locate(rel) : null;
    if (this.shared && doc) return this.shared.stamp(doc.dir, doc.id);
    const info = this.deps.fs.statSync(this.abs(rel), { throwIfNoEntry: false });
    return info ? `${info.mtimeMs}:${info.size}` : null;
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
    const doc = this.shared ? SharedDocuments.locate(rel) : null;
    if (this.shared && doc) {
      const shared = this.shared;
      return this.serialize(rel, async () => shared.read(kind, doc.dir, doc.id));
    }
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
    const doc = this.shared ? SharedDocuments.locate(rel) : null;
    if (this.shared && doc) {
      const shared = this.shared;
      return this.serialize(rel, async () => {
        this.assertWritable();
        const next = kind.schema.parse(change(shared.read(kind, doc.dir, doc.id)));
        await shared.write(doc.dir, doc.id, { schemaVersion: kind.version, ...(next as Record<string, unknown>) });
        await this.tellListeners(rel, next);
        return next;
      });
    }
    return this.serialize(rel, async () => {
      this.assertWritable();
      const low = this.handle(kind, rel);
      await this.ensureLoaded(low);
      const next = kind.schema.parse(change(low.data));
      // Validating and encoding a large document (a lesson's snapshot: thousands of notes)
      // are two long stretches of work; let waiting requests run between them.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const previous = low.data;
      low.data = next;
      try {
        await low.write();
      } catch (error) {
        low.data = previous;
        throw error;
      }
      await this.tellListeners(rel, next);
      return next;
    });
  }

  write<T extends object>(kind: DocumentKind<T>, rel: string, value: T): Promise<T> {
    return this.update(kind, rel, () => value);
  }

  /** Deletions go to the trash, as one step each (see trash.ts). */
  readonly trash: Trash = new Trash(this, {
    settled: (rel) => this.queues.get(rel),
    forget: (rel) => {
      for (const key of [...this.handles.keys()]) if (key === rel || key.startsWith(`${rel}/`)) this.handles.delete(key);
    },
  });

  /** Run one deletion as one step: see `Trash.asOneDeletion`. */
  asOneDeletion<R>(task: () => Promise<R>): Promise<R> {
    return this.trash.asOneDeletion(task);
  }

  /** Delete a file (or a lesson's notes folder) by moving it into the trash, from where it can be restored. */
  remove(rel: string): Promise<void> {
    return this.trash.remove(rel);
  }

  /**
   * The trash's view of a shared document (see Trash): its last content kept in this
   * device's trash, a tombstone op that every device sees, and no file of another device
   * touched; put back by writing the content again as ops.
   */
  sharedDocument(rel: string): SharedTrashDocument | null {
    const shared = this.shared;
    const doc = shared ? SharedDocuments.locate(rel) : null;
    if (!shared || !doc) return null;
    return {
      text: () => {
        const value = shared.doc(doc.dir, doc.id)?.value;
        return value ? `${JSON.stringify(value, null, 2)}\n` : null;
      },
      remove: () =>
        this.serialize(rel, async () => {
          this.assertWritable();
          await shared.write(doc.dir, doc.id, null);
        }),
      restore: (text) =>
        this.serialize(rel, async () => {
          this.assertWritable();
          const value = JSON.parse(text) as Record<string, unknown>;
          await shared.write(doc.dir, doc.id, value);
          await this.tellListeners(rel, value);
        }),
    };
  }

  /**
   * Tell the caches (the catalogue) about a change that is already on disk. A cache that
   * fails to follow rebuilds itself on the next open; the write has succeeded either way.
   */
  async tellListeners(rel: string, value: object | null): Promise<void> {
    for (const listener of this.changeListeners) {
      try {
        await listener(rel, value);
      } catch (error) {
        this.deps.log?.('cache-update-failed', { file: rel, code: (error as NodeJS.ErrnoException).code ?? null });
      }
    }
  }

  /** Names of the `.json` documents in a workspace sub-folder. */
  async list(relDir: string): Promise<string[]> {
    if (this.shared && SharedDocuments.locate(`${relDir}/x.json`)) return this.shared.ids(relDir).map((id) => `${id}.json`);
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

  /** Storage notices: recoveries, set-aside files, failed backups (see notices.ts). */
  readonly board: NoticeBoard = new NoticeBoard(this);

  get notices(): StorageNotice[] {
    return this.board.items;
  }

  addNotice(notice: Omit<StorageNotice, 'id' | 'at'>): void {
    this.board.add(notice);
  }

  /** "the group “Maple Grove”", or the file's path when the document cannot be named. */
  private nameOf(rel: string, value: object | null): string {
    const named = value ? this.deps.describe?.(rel, value) : null;
    return named ?? `"${rel}"`;
  }

  /** Called by the adapter: read, validate, migrate, or quarantine and restore. */
  async loadDocument<T extends object>(kind: DocumentKind<T>, rel: string): Promise<T | null> {
    const abs = this.abs(rel);
    let text: string;
    try {
      // lstat: a link is never followed out of the workspace, and a FIFO is never opened (it would wait forever).
      const info = await this.deps.fs.lstat(abs);
      if (!info.isFile()) {
        throw new LessonStudyError(
          'corrupt-file',
          `"${rel}" is not a file the app wrote (a ${info.isSymbolicLink() ? 'link' : info.isDirectory() ? 'folder' : 'special file'} stands in its place). It was left untouched; move it away to use this ${kind.name} again.`,
        );
      }
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
        message: `${capitalise(this.nameOf(rel, decoded.value))} was updated from format ${decoded.migratedFrom} to ${kind.version}; the old file is kept in the backups.`,
      });
    }
    return decoded.value;
  }

  /**
   * Bring back the newest valid state of a damaged file: the last saved copy, else the
   * newest timed backup that validates. The damaged file is first *copied* aside
   * (`<name>.corrupt-<time>`, user-only), then replaced atomically, so a process killed at
   * any point leaves either the damaged file (recovered again on the next open) or the
   * restored one — never no file at all.
   */
  private async recover<T extends object>(kind: DocumentKind<T>, rel: string, reason: string): Promise<T | null> {
    const abs = this.abs(rel);
    if (this.readOnly) {
      this.addNotice({ file: rel, kind: 'quarantined', message: `"${rel}" could not be read because ${reason}. The workspace is read-only, so it was left as it is.` });
      return null;
    }
    const quarantined = `${abs}.corrupt-${toFileStamp(this.deps.clock())}`;
    const asideName = path.basename(quarantined);
    const candidates = [
      { file: path.join(this.backupFolder(rel), LAST_SAVED), label: 'the last saved copy' },
      ...(await this.backupStamps(rel)).map((stamp) => ({ file: this.backupPath(rel, stamp), label: `the backup of ${fromFileStamp(stamp).slice(0, 16).replace('T', ' ')} UTC` })),
    ];
    for (const candidate of candidates) {
      const backupText = await this.deps.fs.readFile(candidate.file, 'utf8').catch(() => '');
      const decoded = decodeDocument(kind, backupText);
      if (decoded.status !== 'ok') continue;
      const damagedAt = await this.deps.fs.stat(abs).then((info) => info.mtimeMs, () => 0);
      const copiedAt = await this.deps.fs.stat(candidate.file).then((info) => info.mtimeMs, () => 0);
      try {
        await this.deps.fs.copyFile(abs, quarantined);
        await this.deps.fs.chmod(quarantined, FILE_MODE);
      } catch (error) {
        throw storageError(error, abs);
      }
      await writeFileDurably(this.deps.fs, abs, encodeDocument(kind, decoded.value));
      // The restored copy is the newest valid state only if nothing wrote the file after it.
      const lost =
        candidate.file.endsWith(LAST_SAVED) && damagedAt <= copiedAt + 2000
          ? 'Nothing saved in the app was lost.'
          : `Changes made after that copy could not be recovered; they may be in "${asideName}".`;
      this.addNotice({
        file: rel,
        kind: 'restored-from-backup',
        quarantinedAs: asideName,
        message: `${capitalise(this.nameOf(rel, decoded.value))} was damaged (${reason}). ${capitalise(candidate.label)} was restored and the damaged file kept as "${asideName}". ${lost}`,
      });
      return decoded.value;
    }
    try {
      await this.deps.fs.rename(abs, quarantined);
      await this.deps.fs.chmod(quarantined, FILE_MODE);
    } catch (error) {
      throw storageError(error, abs);
    }
    this.addNotice({
      file: rel,
      kind: 'quarantined',
      quarantinedAs: asideName,
      message: `"${rel}" was damaged (${reason}) and no valid copy of it exists. It was moved aside as "${asideName}" so nothing is lost; its data is not shown until it is repaired.`,
    });
    return null;
  }

  /**
   * Write the text of a file durably, then keep its copies. Once the file itself is
   * durable the write has succeeded: a copy that fails afterwards (a full disk, an
   * unwritable `.backups`, an antivirus lock) is a warning the user sees, never an error
   * — reporting failure for a saved change would show the old value and invite a retry
   * that duplicates what was created.
   * One size limit, the one reading applies: a document that would be refused (and set
   * aside as damaged) on the next open is refused now, before anything is written.
   */
  async writeRaw(rel: string, text: string, backupAfter = true, kind?: Pick<DocumentKind<object>, 'name' | 'maxBytes'>): Promise<void> {
    this.assertWritable();
    const limit = kind?.maxBytes ?? DEFAULT_MAX_BYTES;
    const size = Buffer.byteLength(text, 'utf8');
    if (size > limit) {
      throw new LessonStudyError(
        'too-large',
        `This ${kind?.name ?? 'file'} would take ${Math.ceil(size / 1048576)} MB on disk; the most a ${kind?.name ?? 'file'} can hold is ${Math.floor(limit / 1048576)} MB. Nothing was changed.`,
      );
    }
    const abs = this.abs(rel);
    await ensureDir(this.deps.fs, path.dirname(abs));
    await writeFileDurably(this.deps.fs, abs, text);
    try {
      await this.saveLastCopy(rel, text);
      if (backupAfter) await this.backup(rel, text, false);
    } catch (error) {
      this.addNotice({
        file: rel,
        kind: 'backup-failed',
        message: `Your change to ${this.nameOf(rel, this.handles.get(rel)?.data as object | null ?? null)} was saved, but its backup copy could not be written (${copyFailure(error)}). Free some space or check the ".backups" folder; until then a damaged file could come back older.`,
      });
    }
  }

  private async saveLastCopy(rel: string, text: string): Promise<void> {
    const folder = this.backupFolder(rel);
    await ensureDir(this.deps.fs, folder);
    await writeFileDurably(this.deps.fs, path.join(folder, LAST_SAVED), text);
  }

  /** Where a kept copy of a file is: its last saved copy, or a timed backup. */
  keptCopyPath(rel: string, id: string): string {
    return id === 'last-saved' ? path.join(this.backupFolder(rel), LAST_SAVED) : this.backupPath(rel, id);
  }

  /**
   * Restore a kept copy of a file. The current content is first kept as a timed backup of
   * its own (and that must succeed), so a restore can itself be undone.
   */
  async restoreKeptCopy<T extends object>(kind: DocumentKind<T>, rel: string, id: string): Promise<T> {
    this.assertWritable();
    const text = await this.deps.fs.readFile(this.keptCopyPath(rel, id), 'utf8').catch((error: unknown) => {
      if (isErrno(error, 'ENOENT')) throw new LessonStudyError('not-found', 'That copy is no longer kept.');
      throw storageError(error, rel);
    });
    const decoded = decodeDocument(kind, text);
    if (decoded.status === 'newer') throw new LessonStudyError('newer-schema', 'That copy was written by a newer version of Lesson Study.');
    if (decoded.status === 'corrupt') throw new LessonStudyError('corrupt-file', `That copy cannot be restored: ${decoded.reason}.`);
    const current = await this.deps.fs.readFile(this.abs(rel), 'utf8').catch(() => null);
    if (current !== null) await this.serialize(rel, () => this.backup(rel, current, true));
    return this.write(kind, rel, decoded.value);
  }

  private backupFolder(rel: string): string {
    return path.join(this.localRoot, BACKUP_DIR, ...rel.split('/'));
  }

  private backupPath(rel: string, stamp: string): string {
    return path.join(this.backupFolder(rel), `${stamp}.json`);
  }

  /** Backup stamps of one file, newest first. */
  async backupStamps(rel: string): Promise<string[]> {
    try {
      const names = await this.deps.fs.readdir(this.backupFolder(rel));
      return names
        .filter((name) => isBackupStamp(name))
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
    const target = this.backupPath(rel, toFileStamp(now));
    // A routine backup never replaces a copy kept in the same millisecond (the state kept
    // just before a restore, say).
    if (!force && (await this.deps.fs.stat(target).then(() => true, () => false))) return;
    await writeFileDurably(this.deps.fs, target, text);
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
