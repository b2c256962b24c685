import * as path from 'node:path';
import { LessonStudyError } from '../../../shared/result';
import { decodeBody, type DocumentKind } from '../document';
import { ensureDir } from '../durable-write';
import { isErrno, type FsPort } from '../fs-port';
import { appendJournal } from '../journal';
import { classifySyncName } from './artefacts';
import { diffDocument, resolveConflict } from './diff';
import { readFolderFiles } from './folder';
import { createClock, parseHlc, type SyncClock } from './hlc';
import { mergeOps, docKey, type Conflict, type MergedDoc } from './merge';
import { deviceDir, devicesDir, opsFileName, OPS_FILE, type Op } from './ops';
import { DEVICE_ID } from './hlc';

/**
 * The documents of a shared workspace (issue #16, integration steps 1 and 3), computed
 * from every device's op logs instead of read from one file each. The store hands every
 * `groups/`, `designs/`, `cycles/` and `analysis/` document here (WorkspaceStore.shared):
 * - a read is the merge of every op of that document, decoded and validated with the
 *   kind's schema as a file would be;
 * - a save is the diff between the merged document and the new one, appended as ops to
 *   this device's current `devices/<me>/ops-<n>.jsonl` (one write, one fsync): the save is
 *   acknowledged when its ops are durable;
 * - a delete is a tombstone op, never a missing file.
 * Other devices' files are read, never written. `refresh()` reads what the sync tool has
 * brought since (only files whose size or time changed) and says which documents moved.
 */

export const SHARED_DIRS = ['groups', 'designs', 'cycles', 'analysis'] as const;
const SHARED_REL = new RegExp(`^(${SHARED_DIRS.join('|')})/([^/]+)\\.json$`);

/** A log rolls to the next file after this many bytes, so a tool that uploads whole files sends little. */
export const ROLL_BYTES = 1024 * 1024;

export interface SharedChange {
  /** `groups/<id>.json`: the store path of the document that changed. */
  rel: string;
  /** The devices whose ops changed it. */
  devices: string[];
}

interface FileSeen {
  size: number;
  mtimeMs: number;
  /** Bytes read up to the end of the last complete line: the next look reads on from here. */
  offset: number;
}

export class SharedDocuments {
  private readonly ops = new Map<string, Op>();
  private readonly byDoc = new Map<string, Op[]>();
  private readonly merged = new Map<string, MergedDoc | null>();
  private readonly seen = new Map<string, FileSeen>();
  private generation = 1;
  private bytesInFile = 0;
  private fileExists = false;
  private queue: Promise<unknown> = Promise.resolve();
  /** Damaged lines of op logs, by file (relative path): counts only. */
  damaged: Array<{ file: string; lines: number }> = [];

  private constructor(
    private readonly fs: FsPort,
    readonly root: string,
    readonly deviceId: string,
    private readonly clock: SyncClock,
  ) {}

  /** Read every device's logs, and continue this device's clock and numbering from its own. */
  static async open(fs: FsPort, root: string, deviceId: string, now: () => number): Promise<SharedDocuments> {
    const shared = new SharedDocuments(fs, root, deviceId, createClock(deviceId, now));
    await shared.refresh();
    const own = (await listOrEmpty(fs, path.join(root, deviceDir(deviceId))))
      .map((name) => OPS_FILE.exec(name)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number);
    if (own.length > 0) {
      shared.generation = Math.max(...own);
      const info = await fs.stat(shared.ownFile()).catch(() => null);
      shared.fileExists = info !== null;
      shared.bytesInFile = info?.size ?? 0;
    }
    return shared;
  }

  /** The document a store path names, when it is one of the shared kinds. */
  static locate(rel: string): { dir: string; id: string } | null {
    const match = SHARED_REL.exec(rel);
    return match ? { dir: match[1], id: match[2] } : null;
  }

  private ownFile(): string {
    return path.join(this.root, deviceDir(this.deviceId), opsFileName(this.generation));
  }

  private add(ops: readonly Op[]): Set<string> {
    const touched = new Set<string>();
    for (const op of ops) {
      if (this.ops.has(op.hlc)) continue;
      this.ops.set(op.hlc, op);
      this.clock.observe(op.hlc);
      const key = docKey(op.kind, op.doc);
      let list = this.byDoc.get(key);
      if (!list) this.byDoc.set(key, (list = []));
      list.push(op);
      this.merged.delete(key);
      touched.add(key);
    }
    return touched;
  }

  /** Whether any op names the document (deleted or not), without merging it. */
  has(dir: string, id: string): boolean {
    return this.byDoc.has(docKey(dir, id));
  }

  /** The merged document (with its conflicts and heads), or null when no op names it. */
  doc(dir: string, id: string): MergedDoc | null {
    const key = docKey(dir, id);
    if (!this.merged.has(key)) {
      const ops = this.byDoc.get(key);
      this.merged.set(key, ops ? (mergeOps(ops).docs.get(key) ?? null) : null);
    }
    return this.merged.get(key) ?? null;
  }

  /** The merged value of the document a store path names (`groups/<id>.json`), null when absent or deleted. */
  valueAt(rel: string): Record<string, unknown> | null {
    const doc = SharedDocuments.locate(rel);
    return doc ? (this.doc(doc.dir, doc.id)?.value ?? null) : null;
  }

  /** The document decoded and validated like a file of its kind; null when absent or deleted. */
  read<T extends object>(kind: DocumentKind<T>, dir: string, id: string): T | null {
    const value = this.doc(dir, id)?.value;
    if (!value) return null;
    const decoded = decodeBody(kind, value);
    if (decoded.status === 'ok') return decoded.value;
    const why = decoded.status === 'newer'
      ? `it was saved by a newer version of the app (schema ${decoded.version}); update the app on this computer`
      : decoded.reason;
    throw new LessonStudyError(decoded.status === 'newer' ? 'newer-schema' : 'corrupt-file', `The shared ${kind.name} "${dir}/${id}" cannot be shown: ${why}. Every device's changes are kept.`);
  }

  /** Ids of the documents of a folder that exist now (not deleted), sorted. */
  ids(dir: string): string[] {
    const out: string[] = [];
    const prefix = `${dir}/`;
    for (const key of this.byDoc.keys()) {
      if (!key.startsWith(prefix)) continue;
      const id = key.slice(prefix.length);
      if (this.doc(dir, id)?.value) out.push(id);
    }
    return out.sort();
  }

  /** A stamp that changes whenever a document's ops do (for caches such as the catalogue). */
  stamp(dir: string, id: string): string | null {
    const ops = this.byDoc.get(docKey(dir, id));
    if (!ops || !this.doc(dir, id)?.value) return null;
    let newest = '';
    for (const op of ops) if (op.hlc > newest) newest = op.hlc;
    return `${ops.length}:${newest}`;
  }

  /** The newest op of each device: what this device has seen, to say later what is new. */
  newestByDevice(): Record<string, string> {
    const newest: Record<string, string> = {};
    for (const hlc of this.ops.keys()) {
      const device = parseHlc(hlc)?.device;
      if (device && (newest[device] ?? '') < hlc) newest[device] = hlc;
    }
    return newest;
  }

  /** The documents other devices changed after `seen` (their newest op then), with who and when, newest first. */
  changesSince(seen: Readonly<Record<string, string>>): Array<SharedChange & { at: string }> {
    const byDoc = new Map<string, { devices: Set<string>; at: string }>();
    for (const op of this.ops.values()) {
      const device = parseHlc(op.hlc)?.device;
      if (!device || device === this.deviceId || op.hlc <= (seen[device] ?? '')) continue;
      const key = docKey(op.kind, op.doc);
      const entry = byDoc.get(key) ?? { devices: new Set<string>(), at: '' };
      entry.devices.add(device);
      if (op.hlc > entry.at) entry.at = op.hlc;
      byDoc.set(key, entry);
    }
    return [...byDoc]
      .map(([key, { devices, at }]) => ({ rel: `${key}.json`, devices: [...devices].sort(), at: new Date(parseHlc(at)?.wall ?? 0).toISOString() }))
      .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  }

  /** Every open conflict of every document, grouped by document. */
  conflicts(): Conflict[] {
    const out: Conflict[] = [];
    for (const key of this.byDoc.keys()) {
      const slash = key.indexOf('/');
      const doc = this.doc(key.slice(0, slash), key.slice(slash + 1));
      if (doc?.value) out.push(...doc.conflicts);
    }
    return out;
  }

  /** Save a new whole value (null: delete it). Resolves once its ops are durable in this device's log. */
  write(dir: string, id: string, after: Record<string, unknown> | null): Promise<void> {
    const doc = this.doc(dir, id);
    const ops = diffDocument({ kind: dir, id }, doc?.value ?? null, after, doc, this.clock.next);
    return this.append(ops);
  }

  /** Settle a conflict with a candidate or a typed value: one op replacing every candidate. */
  resolve(conflict: Conflict, choice: { candidate: number } | { value: unknown }): Promise<void> {
    const doc = this.doc(conflict.kind, conflict.id);
    const current = doc?.conflicts.find((c) => c.path.join('\u0000') === conflict.path.join('\u0000') && c.reason === conflict.reason);
    if (!doc || !current) throw new LessonStudyError('not-found', 'This conflict was already settled, here or on another computer.');
    return this.append(resolveConflict(doc, current, choice, this.clock.next));
  }

  /** Append ops to this device's own log, one write and one fsync, under one queue. */
  private append(ops: Op[]): Promise<void> {
    if (ops.length === 0) return Promise.resolve();
    const task = async () => {
      const text = ops.map((op) => JSON.stringify(op)).join('\n').length + 1;
      if (this.fileExists && this.bytesInFile + text > ROLL_BYTES) {
        this.generation += 1;
        this.fileExists = false;
        this.bytesInFile = 0;
      }
      const file = this.ownFile();
      if (!this.fileExists) await ensureDir(this.fs, path.dirname(file));
      await appendJournal(this.fs, file, ops, this.fileExists);
      this.fileExists = true;
      this.bytesInFile += text;
      this.add(ops);
      const info = await this.fs.stat(file).catch(() => null);
      if (info) this.seen.set(path.relative(this.root, file).split(path.sep).join('/'), { size: info.size, mtimeMs: info.mtimeMs, offset: info.size });
    };
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Settles when every append begun so far has finished. */
  settled(): Promise<unknown> {
    return this.queue;
  }

  /**
   * Read the op logs (and sync tools' conflict copies of them) that are new or changed
   * since the last look, and merge their ops. Returns the documents that changed.
   */
  async refresh(): Promise<SharedChange[]> {
    const root = path.join(this.root, devicesDir);
    const files: Array<[string, string]> = [];
    for (const device of await listOrEmpty(this.fs, root)) {
      if (!DEVICE_ID.test(device)) continue;
      for (const name of await listOrEmpty(this.fs, path.join(root, device))) {
        const sort = classifySyncName(name);
        if (sort.type === 'ignore') continue;
        const original = sort.type === 'original' ? name : sort.original;
        if (!OPS_FILE.test(original)) continue;
        const rel = `${devicesDir}/${device}/${name}`;
        const abs = path.join(root, device, name);
        const info = await this.fs.stat(abs).catch(() => null);
        if (!info?.isFile()) continue;
        const was = this.seen.get(rel);
        if (was && was.size === info.size && was.mtimeMs === info.mtimeMs) continue;
        try {
          // A log only grows: read on from the end of the last complete line read before.
          const from = was !== undefined && info.size >= was.size ? was.offset : 0;
          const bytes = await readFrom(this.fs, abs, from);
          const complete = bytes.lastIndexOf(0x0a) + 1;
          files.push([rel, bytes.toString('utf8')]);
          this.seen.set(rel, { size: info.size, mtimeMs: info.mtimeMs, offset: from + complete });
        } catch (error) {
          // Renamed or removed by the sync tool between listing and reading: it comes back under its new name.
          if (!isErrno(error, 'ENOENT', 'EISDIR')) throw error;
        }
      }
    }
    if (files.length === 0) return [];
    const read = readFolderFiles(files);
    const damaged = new Map(this.damaged.map((d) => [d.file, d.lines]));
    for (const d of read.damaged) damaged.set(d.file, (damaged.get(d.file) ?? 0) + d.lines);
    this.damaged = [...damaged].map(([file, lines]) => ({ file, lines }));
    // Which devices wrote to which document, in one pass (an open reads a year of ops at once).
    const writers = new Map<string, Set<string>>();
    for (const op of read.ops) {
      const key = docKey(op.kind, op.doc);
      let set = writers.get(key);
      if (!set) writers.set(key, (set = new Set()));
      set.add(parseHlc(op.hlc)?.device ?? '');
    }
    // A document already known is compared before and after (a repeat changes nothing);
    // one new to this device is a change without merging it now — an open merges a
    // document only when it is first shown.
    const before = new Map<string, string | null>();
    for (const key of writers.keys()) if (this.byDoc.has(key)) before.set(key, this.snapshotOf(key));
    const touched = this.add(read.ops);
    const changes: SharedChange[] = [];
    for (const key of touched) {
      if (before.has(key) && before.get(key) === this.snapshotOf(key)) continue;
      changes.push({ rel: `${key}.json`, devices: [...(writers.get(key) ?? [])].sort() });
    }
    return changes;
  }

  private snapshotOf(key: string): string | null {
    const slash = key.indexOf('/');
    const doc = this.doc(key.slice(0, slash), key.slice(slash + 1));
    return doc ? JSON.stringify([doc.value, doc.conflicts.length]) : null;
  }
}

const readFrom = async (fs: FsPort, file: string, offset: number): Promise<Buffer> => {
  const handle = await fs.open(file, 'r');
  try {
    const chunks: Buffer[] = [];
    for (let at = offset; ; ) {
      const chunk = Buffer.alloc(256 * 1024);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, at);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      at += bytesRead;
    }
    return Buffer.concat(chunks);
  } finally {
    await handle.close();
  }
};

const listOrEmpty = async (fs: FsPort, dir: string): Promise<string[]> => {
  try {
    return await fs.readdir(dir);
  } catch (error) {
    if (isErrno(error, 'ENOENT', 'ENOTDIR')) return [];
    throw error;
  }
};
