import * as path from 'node:path';
import { z } from 'zod';
import { StorageNotice } from '../../shared/contract/workspace';
import { writeFileDurably } from './durable-write';
import type { StoreDeps } from './workspace-store';

/** Notices not yet dismissed. */
export const NOTICES_FILE = '.notices.json';

/**
 * What storage tells the user: a damaged file restored or set aside, a file migrated, a
 * backup that could not be written. Notices stay until dismissed, also across a restart:
 * they are kept in `.notices.json` (this computer's view; best effort — a notice is not data).
 */
export class NoticeBoard {
  readonly items: StorageNotice[] = [];
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly store: { readonly localRoot: string; readonly deps: StoreDeps; readonly readOnly: boolean }) {}

  add(notice: Omit<StorageNotice, 'id' | 'at'>): void {
    if (this.items.some((n) => n.file === notice.file && n.kind === notice.kind)) return;
    const at = this.store.deps.clock().toISOString();
    this.items.push({ ...notice, id: `${notice.kind}:${notice.file}:${at}`, at });
    // The notice's message may name a group or quote a title; the log gets the facts only.
    this.store.deps.log?.(`storage-${notice.kind}`, { file: notice.file, setAsideAs: notice.quarantinedAs ?? null });
    void this.save();
  }

  /** Remove a notice the user dismissed. */
  dismiss(id: string): void {
    const index = this.items.findIndex((notice) => notice.id === id);
    if (index < 0) return;
    this.items.splice(index, 1);
    void this.save();
  }

  private save(): Promise<void> {
    if (this.store.readOnly) return this.saving;
    const text = JSON.stringify({ notices: this.items });
    this.saving = this.saving
      .then(() => writeFileDurably(this.store.deps.fs, path.join(this.store.localRoot, NOTICES_FILE), text))
      .catch(() => undefined);
    return this.saving;
  }

  /** On open: the notices not yet dismissed when the app last closed. */
  async load(): Promise<void> {
    try {
      const parsed = JSON.parse(await this.store.deps.fs.readFile(path.join(this.store.localRoot, NOTICES_FILE), 'utf8')) as { notices?: unknown };
      const kept = z.array(StorageNotice).safeParse(parsed.notices);
      if (kept.success) this.items.unshift(...kept.data.filter((old) => !this.items.some((n) => n.id === old.id)));
    } catch {
      // None kept, or unreadable: nothing to show again.
    }
  }

  /** Settles when the notices on disk match the ones shown. */
  saved(): Promise<void> {
    return this.saving;
  }
}
