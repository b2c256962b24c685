import * as path from 'node:path';
import { toFileStamp } from '../backups';
import { ensureDir, writeFileDurably } from '../durable-write';
import { isErrno } from '../fs-port';
import type { StoreDeps, WorkspaceStore } from '../workspace-store';
import { BACKUP_DIR } from '../workspace-store';
import { SHARED_DIRS } from './shared-documents';

/**
 * A workspace kept on one computer becomes shared (issue #16, step 5): each document file
 * of `groups/`, `designs/`, `cycles/` and `analysis/` that no op names yet is written as
 * ops by this device, after a copy of every such file is kept in this device's
 * `.backups/before-sharing-<time>/`. The files themselves are left where they are (a
 * teammate's older app may still read them); from now on the ops are what counts.
 * Two laptops migrating the same file at once write the same values: they agree, so no
 * conflict is shown. A file that cannot be parsed is left, named in a notice.
 */
export const migrateIntoShared = async (store: WorkspaceStore, deps: StoreDeps): Promise<number> => {
  const shared = store.shared;
  if (!shared || store.readOnly) return 0;
  const fs = deps.fs;
  const pending: Array<{ dir: string; id: string; name: string; text: string }> = [];
  for (const dir of SHARED_DIRS) {
    const names = await fs.readdir(path.join(store.root, dir)).catch((error: unknown) => {
      if (isErrno(error, 'ENOENT', 'ENOTDIR')) return [] as string[];
      throw error;
    });
    for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
      const id = name.slice(0, -'.json'.length);
      if (shared.has(dir, id)) continue;
      pending.push({ dir, id, name, text: await fs.readFile(path.join(store.root, dir, name), 'utf8') });
    }
  }
  if (pending.length === 0) return 0;
  const backup = path.join(store.localRoot, BACKUP_DIR, `before-sharing-${toFileStamp(deps.clock())}`);
  for (const file of pending) {
    await ensureDir(fs, path.join(backup, file.dir));
    await writeFileDurably(fs, path.join(backup, file.dir, file.name), file.text);
  }
  let migrated = 0;
  for (const file of pending) {
    let body: unknown;
    try {
      body = JSON.parse(file.text.replace(/^\uFEFF/, ''));
    } catch {
      body = null;
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      store.addNotice({ file: `${file.dir}/${file.name}`, kind: 'quarantined', message: `"${file.dir}/${file.name}" could not be read, so it was not shared with the group. It is left in place and a copy is in the backups.` });
      continue;
    }
    await shared.write(file.dir, file.id, body as Record<string, unknown>);
    migrated += 1;
  }
  deps.log?.('workspace-shared-migration', { documents: migrated });
  return migrated;
};
