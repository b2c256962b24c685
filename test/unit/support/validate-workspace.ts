import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { analysisKind } from '../../../electron/backend/analysis-store';
import { cycleKind } from '../../../electron/backend/cycles';
import { designKind } from '../../../electron/backend/designs';
import { groupKind } from '../../../electron/backend/groups';
import { JournalLine, observationSnapshotKind } from '../../../electron/backend/observations-log';
import { decodeDocument, type DocumentKind } from '../../../electron/storage/document';
import { nodeFs } from '../../../electron/storage/fs-port';
import { readJournal } from '../../../electron/storage/journal';

/** Every file below a folder, as paths relative to it with '/' separators. */
export const walk = async (root: string, rel = ''): Promise<string[]> => {
  const out: string[] = [];
  for (const entry of await readdir(path.join(root, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await walk(root, child)));
    else out.push(child);
  }
  return out.sort();
};

const kindOf = (rel: string): DocumentKind<object> | null => {
  const parts = rel.split('/');
  const inner = parts[0] === '.backups' ? parts.slice(1) : parts;
  switch (inner[0]) {
    case 'groups':
      return groupKind;
    case 'designs':
      return designKind;
    case 'cycles':
      return cycleKind;
    case 'analysis':
      return analysisKind;
    case 'observations':
      return observationSnapshotKind;
    default:
      return null;
  }
};

/**
 * Check every file of a workspace the way the app would read it: each document (and each
 * backup) decodes against its kind's schema, each journal has no damaged line and no torn
 * tail, and nothing is quarantined or left over from an interrupted write. Returns the
 * problems found (empty = valid). `backups: false` skips decoding backups (they are
 * written once, atomically, and never changed, so checking them once at the end of a
 * long loop finds the same damage).
 */
export const validateWorkspace = async (root: string, options: { backups?: boolean } = {}): Promise<string[]> => {
  const problems: string[] = [];
  for (const rel of await walk(root)) {
    if (options.backups === false && rel.startsWith('.backups/') && !rel.includes('.tmp-') && !rel.includes('.corrupt-')) continue;
    const name = path.posix.basename(rel);
    if (name.includes('.corrupt-')) problems.push(`${rel}: quarantined`);
    // A backup write killed mid-way leaves a temp file that nothing reads; it is removed
    // the next time that file is backed up (WorkspaceStore.backup), not on open.
    else if (name.includes('.tmp-')) {
      if (!rel.startsWith('.backups/')) problems.push(`${rel}: temp file left over`);
    }
    else if (/^journal-\d+\.jsonl$/.test(name)) {
      const read = await readJournal(nodeFs, path.join(root, rel), JournalLine, false);
      if (read.badLines > 0 || read.tornBytes > 0) problems.push(`${rel}: ${read.badLines} bad lines, ${read.tornBytes} torn bytes`);
    } else if (name.endsWith('.json')) {
      const kind = kindOf(rel);
      if (!kind) continue;
      const decoded = decodeDocument(kind, await readFile(path.join(root, rel), 'utf8'));
      if (decoded.status !== 'ok') problems.push(`${rel}: ${decoded.status === 'corrupt' ? decoded.reason : 'newer schema'}`);
    }
  }
  return problems;
};
