import { DEVICE_FILE, OPS_FILE } from './ops';

/**
 * File names sync tools make in a shared folder. A conflict copy of an op log holds ops
 * like the original (often the very same ones, or a few more): it is read and merged —
 * the merge is a union, so duplicates are harmless. Temporary and partial files are
 * skipped until the tool renames them into place.
 */

export type SyncTool = 'dropbox-or-nextcloud' | 'onedrive' | 'google-drive' | 'syncthing';

export type SyncName =
  | { type: 'original' }
  | { type: 'conflict-copy'; original: string; tool: SyncTool }
  | { type: 'ignore'; reason: 'temporary' | 'not-ours' };

/** The names this folder's own files have: `ops-<n>.jsonl` and `device.json`. */
export const isSyncOriginal = (name: string): boolean => OPS_FILE.test(name) || name === DEVICE_FILE;

const TEMPORARY: readonly RegExp[] = [
  /^\.syncthing\..*\.tmp$/i, // Syncthing, while a file arrives
  /^~\$/, // Office owner files
  /^\.~lock\..*#$/, // LibreOffice locks
  /\.partial$/i, // OneDrive and others, while downloading
  /\.part$/i,
  /^\.~.*$/, // Nextcloud / ownCloud partial downloads (".~<name>" and ".<name>.~<hex>")
  /\.~[0-9a-f]+$/i,
  /\.tmp$/i, // our own durable writes in progress, and many tools' downloads
  /^\.dropbox(\.cache)?$/i,
  /^\.(?:_)?sync_.*\.db(?:-wal|-shm)?$/i, // Nextcloud's sync journal
  /^\.owncloudsync\.log$/i,
  /^\.stfolder$|^\.stignore$|^\.stversions$/, // Syncthing's markers and versions
  /^desktop\.ini$|^\.DS_Store$|^Thumbs\.db$/i,
];

/** The last extension, kept aside so a suffix can be matched before it (`ops-3 (1).jsonl`). */
const splitExtension = (name: string): [string, string] => {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
};

/** One layer of a tool's renaming, or null. A copy of a copy is undone layer by layer. */
const undoOnce = (name: string, isOriginal: (name: string) => boolean): { name: string; tool: SyncTool } | null => {
  // Syncthing: ops-3.sync-conflict-20261126-101530-ABCDEFG.jsonl
  const syncthing = /^(.*)\.sync-conflict-\d{8}-\d{6}-[A-Z0-9]{7}(\.[^.]*)?$/.exec(name);
  if (syncthing) return { name: `${syncthing[1]}${syncthing[2] ?? ''}`, tool: 'syncthing' };
  const [stem, ext] = splitExtension(name);
  // Dropbox: "ops-3 (Ana's conflicted copy 2026-11-26).jsonl"; Nextcloud: "ops-3 (conflicted copy 2026-11-26 101530).jsonl"
  const conflicted = /^(.*?) \((?:[^()]*'s )?conflicted copy[^()]*\)$/i.exec(stem);
  if (conflicted) return { name: `${conflicted[1]}${ext}`, tool: 'dropbox-or-nextcloud' };
  // Google Drive: "ops-3 (1).jsonl"
  const numbered = /^(.*) \(\d{1,4}\)$/.exec(stem);
  if (numbered) return { name: `${numbered[1]}${ext}`, tool: 'google-drive' };
  // OneDrive: "ops-3-LAPTOP-ANA.jsonl", "ops-3-LAPTOP-ANA-2.jsonl": a computer name (1–15
  // letters, digits, hyphens) after a hyphen. Our own names end in "-<n>" too, so the
  // suffix counts only if what is left is one of ours.
  for (let i = stem.indexOf('-'); i > 0; i = stem.indexOf('-', i + 1)) {
    const suffix = stem.slice(i + 1);
    if (/^[A-Za-z0-9][A-Za-z0-9-]{0,14}(?:-\d{1,3})?$/.test(suffix) && isOriginal(`${stem.slice(0, i)}${ext}`)) {
      return { name: `${stem.slice(0, i)}${ext}`, tool: 'onedrive' };
    }
  }
  return null;
};

export const classifySyncName = (name: string, isOriginal: (name: string) => boolean = isSyncOriginal): SyncName => {
  if (TEMPORARY.some((pattern) => pattern.test(name))) return { type: 'ignore', reason: 'temporary' };
  if (isOriginal(name)) return { type: 'original' };
  let current = name;
  let tool: SyncTool | null = null;
  for (let layer = 0; layer < 8; layer++) {
    const undone = undoOnce(current, isOriginal);
    if (!undone) break;
    current = undone.name;
    tool ??= undone.tool;
    if (isOriginal(current)) return { type: 'conflict-copy', original: current, tool };
  }
  return { type: 'ignore', reason: 'not-ours' };
};
