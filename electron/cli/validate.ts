import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { analysisKind } from '../backend/analysis';
import { cycleKind } from '../backend/cycles';
import { designKind } from '../backend/designs';
import { groupKind } from '../backend/groups';
import { JournalLine, observationSnapshotKind } from '../backend/observations-log';
import { detectImageType } from '../backend/observations-photos';
import { decodeDocument, type DocumentKind } from '../storage/document';
import { LOCK_FILE } from '../storage/lock';
import { BACKUP_DIR } from '../storage/workspace-store';

/**
 * Check every file of a workspace against the schemas the app reads it with — without
 * changing anything: no migration is written, nothing is quarantined or restored. For IT
 * staff before a backup, or after copying a workspace between machines.
 */

export type FileVerdict =
  | { file: string; status: 'ok'; kind: string; note?: string }
  | { file: string; status: 'corrupt'; kind: string; reason: string }
  | { file: string; status: 'newer'; kind: string; reason: string }
  | { file: string; status: 'unknown'; reason: string };

export interface ValidationReport {
  files: FileVerdict[];
  ok: boolean;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const documentKinds: Array<[RegExp, DocumentKind<object>]> = [
  [new RegExp(`^groups/${UUID}\\.json$`), groupKind],
  [new RegExp(`^designs/${UUID}\\.json$`), designKind],
  [new RegExp(`^cycles/${UUID}\\.json$`), cycleKind],
  [new RegExp(`^analysis/${UUID}\\.json$`), analysisKind],
  [new RegExp(`^observations/${UUID}/snapshot\\.json$`), observationSnapshotKind],
] as Array<[RegExp, DocumentKind<object>]>;
const JOURNAL = new RegExp(`^observations/${UUID}/journal-\\d+\\.jsonl$`);
const PHOTO = /^photos\/([0-9a-f]{64})\.(png|jpg|gif|webp)$/;

const listFiles = async (root: string, dir = ''): Promise<string[]> => {
  const out: string[] = [];
  for (const entry of await readdir(path.join(root, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (entry.name !== BACKUP_DIR) out.push(...(await listFiles(root, rel)));
    } else out.push(rel);
  }
  return out.sort();
};

const checkJournal = (text: string): string | null => {
  // After the last newline there is either nothing or an append a crash cut short, which
  // the app drops: only complete lines are checked.
  const complete = text.split('\n').slice(0, -1);
  for (const [i, line] of complete.entries()) {
    if (!line.trim()) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      return `line ${i + 1} is not valid JSON`;
    }
    const parsed = JournalLine.safeParse(raw);
    if (!parsed.success) return `line ${i + 1} does not match the observation format (${parsed.error.issues[0]?.message})`;
  }
  return null;
};

export const validateWorkspace = async (root: string): Promise<ValidationReport> => {
  const files: FileVerdict[] = [];
  for (const file of await listFiles(root)) {
    const abs = path.join(root, file);
    if (file === LOCK_FILE) continue;
    const kind = documentKinds.find(([pattern]) => pattern.test(file))?.[1];
    if (kind) {
      const decoded = decodeDocument(kind, await readFile(abs, 'utf8'));
      if (decoded.status === 'ok') {
        files.push({ file, status: 'ok', kind: kind.name, ...(decoded.migratedFrom ? { note: `older format ${decoded.migratedFrom}; the app updates it when it opens the file` } : {}) });
      } else if (decoded.status === 'newer') {
        files.push({ file, status: 'newer', kind: kind.name, reason: `written by a newer version of the app (format ${decoded.version})` });
      } else files.push({ file, status: 'corrupt', kind: kind.name, reason: decoded.reason });
      continue;
    }
    if (JOURNAL.test(file)) {
      const problem = checkJournal(await readFile(abs, 'utf8'));
      files.push(problem ? { file, status: 'corrupt', kind: 'observation journal', reason: problem } : { file, status: 'ok', kind: 'observation journal' });
      continue;
    }
    const photo = PHOTO.exec(file);
    if (photo) {
      const bytes = await readFile(abs);
      const hash = createHash('sha256').update(bytes).digest('hex');
      const type = detectImageType(bytes);
      if (hash !== photo[1]) files.push({ file, status: 'corrupt', kind: 'photo', reason: 'its content does not match its name (damaged or replaced)' });
      else if (type !== photo[2]) files.push({ file, status: 'corrupt', kind: 'photo', reason: `it is not a ${photo[2]} image` });
      else files.push({ file, status: 'ok', kind: 'photo' });
      continue;
    }
    const reason = /\.corrupt-[^/]*$/.test(file)
      ? 'a damaged file the app set aside; look at it, then delete or restore it'
      : (await stat(abs)).size === 0 && file.startsWith('.')
        ? 'a leftover temporary file'
        : 'not a file the app writes';
    files.push({ file, status: 'unknown', reason });
  }
  return { files, ok: files.every((f) => f.status === 'ok') };
};
