import * as path from 'node:path';
import { classifySyncName } from './artefacts';
import { DeviceRecord } from './device';
import { isErrno, type FsPort } from '../fs-port';
import { DEVICE_FILE, devicesDir, OPS_FILE, parseOpLines, type Op } from './ops';
import { DEVICE_ID } from './hlc';

/**
 * What a device reads of the shared folder: every `devices/<id>/` folder, each op log
 * and each sync tool's conflict copy of one, and each device record. Pure over file
 * texts (`readFolderFiles`), with a thin reader over the file system (`readSyncFolder`).
 * Nothing here writes: other devices' files are never cut, renamed or deleted.
 */

export interface FolderRead {
  ops: Op[];
  /** Device records by device id (a record and its conflict copies: all of them). */
  records: Map<string, DeviceRecord[]>;
  /** Damaged lines or records, by file (relative path). Counts only: no content. */
  damaged: Array<{ file: string; lines: number }>;
  /** Files whose last line is still arriving. */
  pending: string[];
}

/** `files`: relative path (`devices/<id>/<name>`) → text. Other paths are not the sync folder's. */
export const readFolderFiles = (files: Iterable<readonly [string, string]>): FolderRead => {
  const read: FolderRead = { ops: [], records: new Map(), damaged: [], pending: [] };
  for (const [file, text] of files) {
    const parts = file.split('/');
    if (parts.length !== 3 || parts[0] !== devicesDir || !DEVICE_ID.test(parts[1])) continue;
    const name = classifySyncName(parts[2]);
    if (name.type === 'ignore') continue;
    const original = name.type === 'original' ? parts[2] : name.original;
    if (OPS_FILE.test(original)) {
      const parsed = parseOpLines(text);
      read.ops.push(...parsed.ops);
      if (parsed.badLines > 0) read.damaged.push({ file, lines: parsed.badLines });
      if (parsed.pendingBytes > 0) read.pending.push(file);
    } else if (original === DEVICE_FILE) {
      const record = parseRecord(text);
      if (!record) {
        // Empty or half-written: a record still arriving, not damage.
        if (text.trim() === '' || !text.trimEnd().endsWith('}')) read.pending.push(file);
        else read.damaged.push({ file, lines: 1 });
      } else if (record.deviceId === parts[1]) {
        read.records.set(parts[1], [...(read.records.get(parts[1]) ?? []), record]);
      }
    }
  }
  return read;
};

const parseRecord = (text: string): DeviceRecord | null => {
  try {
    const parsed = DeviceRecord.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
};

/** Read the workspace's `devices/` folder through the file system port. */
export const readSyncFolder = async (fs: FsPort, workspace: string): Promise<FolderRead> => {
  const root = path.join(workspace, devicesDir);
  const files: Array<[string, string]> = [];
  for (const device of await listOrEmpty(fs, root)) {
    if (!DEVICE_ID.test(device)) continue;
    for (const name of await listOrEmpty(fs, path.join(root, device))) {
      if (classifySyncName(name).type === 'ignore') continue;
      try {
        files.push([`${devicesDir}/${device}/${name}`, await fs.readFile(path.join(root, device, name), 'utf8')]);
      } catch (error) {
        // Renamed or removed by the sync tool between listing and reading: it comes back under its new name.
        if (!isErrno(error, 'ENOENT', 'EISDIR')) throw error;
      }
    }
  }
  return readFolderFiles(files);
};

const listOrEmpty = async (fs: FsPort, dir: string): Promise<string[]> => {
  try {
    return (await fs.readdir(dir)).sort();
  } catch (error) {
    if (isErrno(error, 'ENOENT', 'ENOTDIR')) return [];
    throw error;
  }
};
