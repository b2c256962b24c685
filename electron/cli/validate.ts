import { createHash } from 'node:crypto';
import { constants, type Dirent, type Stats } from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { MAX_PHOTO_BYTES } from '../../shared/domain/observation';
import { analysisKind } from '../backend/analysis';
import { CATALOGUE_PATH, catalogueKind } from '../backend/catalogue';
import { cycleKind } from '../backend/cycles';
import { designKind } from '../backend/designs';
import { groupKind } from '../backend/groups';
import { JournalLine, observationSnapshotKind } from '../backend/observations-log';
import { detectImageType } from '../backend/observations-photos';
import { DEFAULT_MAX_BYTES, decodeDocument, type DocumentKind } from '../storage/document';
import { isTempFileName } from '../storage/durable-write';
import { isErrno } from '../storage/fs-port';
import { LOCK_FILE } from '../storage/lock';
import { classifySyncName } from '../storage/sync/artefacts';
import { DeviceRecord } from '../storage/sync/device';
import { parseOpLines } from '../storage/sync/ops';
import { INTENTS_DIR } from '../backend/intents';
import { BACKUP_DIR, NOTICES_FILE, TRASH_DIR } from '../storage/workspace-store';

/**
 * Check every file of a workspace against the schemas the app reads it with — without
 * changing anything: no migration is written, nothing is quarantined or restored. For IT
 * staff before a backup, or after copying a workspace between machines.
 *
 * It must finish and name every problem on any folder it is given (issue 13): nothing but
 * a regular file is ever opened (a named pipe would make the read wait forever), a file or
 * folder it may not read is a problem to list, not a crash, and the files the app writes
 * for itself — the catalogue cache, the lock, backups, the trash, set-aside copies,
 * leftovers of an interrupted write — are problems only when they are damaged in a way
 * the app cannot handle on its own.
 */

export type FileVerdict =
  | { file: string; status: 'ok'; kind: string; note?: string }
  /** Not a problem: something the app handles on its own, worth knowing about. */
  | { file: string; status: 'note'; reason: string }
  | { file: string; status: 'corrupt'; kind: string; reason: string }
  | { file: string; status: 'newer'; kind: string; reason: string }
  /** Could not be checked: no permission, or not a regular file where one should be. */
  | { file: string; status: 'unreadable'; reason: string }
  | { file: string; status: 'unknown'; reason: string };

export interface ValidationReport {
  files: FileVerdict[];
  ok: boolean;
}

export const isProblem = (verdict: FileVerdict): boolean => verdict.status !== 'ok' && verdict.status !== 'note';

/** The file system calls the check makes; passed in so a test can refuse access even to root. */
export type ValidateFs = Pick<typeof fsp, 'readdir' | 'open'>;

type Content = { bytes: Buffer } | { tooLarge: number };
type Read = Content | { notAFile: string };

/** A file the app writes, where it writes it, and how its content is checked. */
interface KnownFile {
  pattern: RegExp;
  /** "the group file": for a message about something else found in its place. */
  what: string;
  /** Larger than this is damage, not read in (as the app refuses it). */
  maxBytes?: number;
  /** Absent: a regular file there is all there is to check (the lock, rewritten on every open). */
  check?: (file: string, content: Content) => FileVerdict;
  /** A cache the app rebuilds: its content is never a problem, only what stands in its place. */
  cache?: boolean;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const PHOTO = /^photos\/([0-9a-f]{64})\.(png|jpg|gif|webp)$/;
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const CACHE = 'a cache of the group and cycle lists, which the app rebuilds from the data files';
const MB = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;

const documentFile = (pattern: string, kind: DocumentKind<object>): KnownFile => ({
  pattern: new RegExp(pattern),
  what: `the ${kind.name} file`,
  maxBytes: kind.maxBytes ?? DEFAULT_MAX_BYTES,
  check: (file, content) => {
    if (!('bytes' in content)) return { file, status: 'corrupt', kind: kind.name, reason: `it is ${MB(content.tooLarge)}, far larger than a ${kind.name} file can be` };
    const decoded = decodeDocument(kind, content.bytes.toString('utf8'));
    if (decoded.status === 'ok') {
      return { file, status: 'ok', kind: kind.name, ...(decoded.migratedFrom ? { note: `older format ${decoded.migratedFrom}; the app updates it when it opens the file` } : {}) };
    }
    if (decoded.status === 'newer') return { file, status: 'newer', kind: kind.name, reason: `written by a newer version of the app (format ${decoded.version})` };
    return { file, status: 'corrupt', kind: kind.name, reason: decoded.reason };
  },
});

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

const KNOWN: KnownFile[] = [
  documentFile(`^groups/${UUID}\\.json$`, groupKind as DocumentKind<object>),
  documentFile(`^designs/${UUID}\\.json$`, designKind as DocumentKind<object>),
  documentFile(`^cycles/${UUID}\\.json$`, cycleKind as DocumentKind<object>),
  documentFile(`^analysis/${UUID}\\.json$`, analysisKind as DocumentKind<object>),
  documentFile(`^observations/${UUID}/snapshot\\.json$`, observationSnapshotKind as DocumentKind<object>),
  {
    pattern: new RegExp(`^observations/${UUID}/journal-\\d+\\.jsonl$`),
    what: 'an observation journal',
    maxBytes: Number.MAX_SAFE_INTEGER,
    check: (file, content) => {
      const problem = 'bytes' in content ? checkJournal(content.bytes.toString('utf8')) : 'it is too large to read';
      return problem ? { file, status: 'corrupt', kind: 'observation journal', reason: problem } : { file, status: 'ok', kind: 'observation journal' };
    },
  },
  {
    pattern: PHOTO,
    what: 'a photo',
    maxBytes: MAX_PHOTO_BYTES,
    check: (file, content) => {
      const [, hash, ext] = PHOTO.exec(file) ?? [];
      if (!('bytes' in content)) return { file, status: 'corrupt', kind: 'photo', reason: `it is ${MB(content.tooLarge)}, larger than any photo the app stores` };
      if (createHash('sha256').update(content.bytes).digest('hex') !== hash) return { file, status: 'corrupt', kind: 'photo', reason: 'its content does not match its name (damaged or replaced)' };
      if (detectImageType(content.bytes) !== ext) return { file, status: 'corrupt', kind: 'photo', reason: `it is not a ${ext} image` };
      return { file, status: 'ok', kind: 'photo' };
    },
  },
  {
    pattern: new RegExp(`^${literal(CATALOGUE_PATH)}$`),
    what: 'the catalogue',
    maxBytes: catalogueKind.maxBytes ?? DEFAULT_MAX_BYTES,
    cache: true,
    check: (file, content) => {
      const decoded = 'bytes' in content ? decodeDocument(catalogueKind, content.bytes.toString('utf8')) : null;
      if (decoded?.status === 'ok') return { file, status: 'ok', kind: 'catalogue' };
      const why = decoded?.status === 'newer' ? `written by a newer version of the app (format ${decoded.version})` : 'damaged';
      return { file, status: 'note', reason: `${why}; it is ${CACHE}` };
    },
  },
  {
    pattern: /^devices\/[0-9a-f]{16}\/ops-\d{1,9}\.jsonl$/,
    what: "a device's change log",
    maxBytes: Number.MAX_SAFE_INTEGER,
    check: (file, content) => {
      if (!('bytes' in content)) return { file, status: 'corrupt', kind: 'change log', reason: 'it is too large to read' };
      const { badLines } = parseOpLines(content.bytes.toString('utf8'));
      // A last line still arriving from the sync tool is not damage: it is read once complete.
      return badLines > 0 ? { file, status: 'corrupt', kind: 'change log', reason: `${badLines} damaged line${badLines === 1 ? '' : 's'}` } : { file, status: 'ok', kind: 'change log' };
    },
  },
  {
    pattern: /^devices\/[0-9a-f]{16}\/device\.json$/,
    what: "a device's record",
    check: (file, content) => {
      let parsed: unknown = null;
      try {
        parsed = 'bytes' in content ? JSON.parse(content.bytes.toString('utf8')) : null;
      } catch {
        // Reported below.
      }
      return DeviceRecord.safeParse(parsed).success ? { file, status: 'ok', kind: 'device record' } : { file, status: 'corrupt', kind: 'device record', reason: 'it is not a device record' };
    },
  },
  { pattern: new RegExp(`^${literal(LOCK_FILE)}$`), what: 'the workspace lock' },
  { pattern: new RegExp(`^${literal(NOTICES_FILE)}$`), what: 'notices not yet dismissed' },
];

/** Folders the app keeps its files in. */
const FOLDERS = new RegExp(`^(groups|designs|cycles|analysis|observations|photos|${literal(BACKUP_DIR)}|${literal(TRASH_DIR)}|${literal(INTENTS_DIR)}|observations/${UUID}|devices|devices/[0-9a-f]{16})$`);
/** Copies the app keeps of its files (backups, deleted files) and records of operations under way: only what stands in a file's place is checked. */
const COPIES = new RegExp(`^(${literal(BACKUP_DIR)}|${literal(TRASH_DIR)}|${literal(INTENTS_DIR)})/`);

/** What to say of a regular file the app did not write there, or null when it is a problem. */
const noteFor = (file: string): string | null => {
  const name = path.posix.basename(file);
  if (name.includes('.corrupt-')) return 'a damaged copy the app set aside when it found this file damaged; look at it, then delete it or keep it';
  if (isTempFileName(name)) return 'left by a write that was cut short; it was never saved, and the app removes it';
  if (/^devices\/[0-9a-f]{16}\/[^/]+$/.test(file)) {
    const sort = classifySyncName(name);
    if (sort.type === 'conflict-copy') return "a sync tool's conflict copy of a device's file; the app reads and merges it, so leave it";
    if (sort.type === 'ignore' && sort.reason === 'temporary') return 'a file the sync tool is still bringing in; leave it';
  }
  if (/^\.write-probe-\d+$/.test(file)) return 'left by a start of the app that was cut short; safe to delete';
  if (['.DS_Store', 'Thumbs.db', 'desktop.ini'].includes(name)) return "written by the operating system's file browser; harmless";
  return null;
};

const typeOf = (entry: Dirent | Stats): string =>
  entry.isFile()
    ? 'file'
    : entry.isDirectory()
      ? 'folder'
      : entry.isSymbolicLink()
        ? 'link'
        : entry.isFIFO()
          ? 'named pipe (FIFO)'
          : entry.isSocket()
            ? 'socket'
            : entry.isCharacterDevice() || entry.isBlockDevice()
              ? 'device'
              : 'special file';

const cause = (error: unknown): string => {
  if (isErrno(error, 'EACCES', 'EPERM')) return 'permission denied';
  return error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error);
};

// Non-blocking: should a pipe take a file's place after the listing, opening it returns at
// once (and the check below refuses it) instead of waiting for a writer. Never through a
// link (the listing showed a file; a link swapped in since is refused). Windows has neither flag.
const READ_FLAGS = constants.O_RDONLY | ((constants.O_NONBLOCK as number | undefined) ?? 0) | ((constants.O_NOFOLLOW as number | undefined) ?? 0);

/** The bytes of a regular file; anything else is described, never read. */
const readRegularFile = async (fs: ValidateFs, abs: string, maxBytes: number): Promise<Read> => {
  const handle = await fs.open(abs, READ_FLAGS);
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { notAFile: typeOf(info) };
    if (info.size > maxBytes) return { tooLarge: info.size };
    return { bytes: await handle.readFile() };
  } finally {
    await handle.close();
  }
};

interface Entry {
  file: string;
  type: string;
}

/** Every entry below `rel`; a folder where a file belongs is listed, not entered. */
const walk = async (fs: ValidateFs, root: string, rel: string, found: Entry[], verdicts: FileVerdict[]): Promise<void> => {
  let entries: Dirent[];
  try {
    entries = await fs.readdir(path.join(root, rel), { withFileTypes: true });
  } catch (error) {
    verdicts.push({ file: `${rel || '.'}/`, status: 'unreadable', reason: `the folder cannot be read (${cause(error)}), so nothing in it was checked` });
    return;
  }
  for (const entry of entries) {
    const file = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory() && !KNOWN.some((known) => known.pattern.test(file))) await walk(fs, root, file, found, verdicts);
    else found.push({ file, type: typeOf(entry) });
  }
};

const checkEntry = async (fs: ValidateFs, root: string, { file, type }: Entry): Promise<FileVerdict | null> => {
  const known = KNOWN.find((k) => k.pattern.test(file));
  if (type !== 'file') {
    const where = known ? ` where ${known.what} should be` : FOLDERS.test(file) ? ' where the app keeps a folder' : '';
    const left = type === 'link' ? 'links are not followed, so what it points to was not checked' : 'it was not opened';
    return { file, status: known || COPIES.test(file) ? 'unreadable' : 'unknown', reason: `a ${type}${where}; ${left}` };
  }
  if (COPIES.test(file)) return null;
  if (!known) {
    const note = noteFor(file);
    if (note) return { file, status: 'note', reason: note };
    return { file, status: 'unknown', reason: FOLDERS.test(file) ? 'a file where the app keeps a folder' : 'not a file the app writes' };
  }
  if (!known.check) return null;
  let read: Read;
  try {
    read = await readRegularFile(fs, path.join(root, ...file.split('/')), known.maxBytes ?? DEFAULT_MAX_BYTES);
  } catch (error) {
    const reason = `it cannot be read (${cause(error)})`;
    return known.cache ? { file, status: 'note', reason: `${reason}; it is ${CACHE}` } : { file, status: 'unreadable', reason };
  }
  if ('notAFile' in read) return { file, status: 'unreadable', reason: `a ${read.notAFile} where ${known.what} should be; it was not read` };
  return known.check(file, read);
};

export const validateWorkspace = async (root: string, fs: ValidateFs = fsp): Promise<ValidationReport> => {
  const found: Entry[] = [];
  const files: FileVerdict[] = [];
  await walk(fs, root, '', found, files);
  for (const entry of found) {
    const verdict = await checkEntry(fs, root, entry);
    if (verdict) files.push(verdict);
  }
  files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { files, ok: !files.some(isProblem) };
};

/** One line of the report: what is wrong, and with which file. */
export const verdictLine = (verdict: FileVerdict): string => {
  const head = `${verdict.status.padEnd(10)} ${verdict.file}`;
  if (verdict.status === 'ok') return verdict.note ? `${head} (${verdict.note})` : head;
  return `${head}: ${verdict.reason}`;
};
