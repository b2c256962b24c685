import { createHash, randomBytes } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import { LessonStudyError } from '../../../shared/result';
import { ensureDir, writeFileDurably } from '../durable-write';
import { isErrno, type FsPort } from '../fs-port';
import { acquireWorkspaceLock, type LockDeps, type WorkspaceLock } from '../lock';
import { LocalIdentity, reconcileIdentity, type DeviceRecord, type IdentityDecision } from './device';
import { readSyncFolder } from './folder';
import { DEVICE_FILE, deviceDir, OPS_FILE } from './ops';
import { classifySyncName } from './artefacts';

/**
 * This device in a shared workspace (issue #16, integration step 1). Two things are kept
 * outside the synced folder, in the app's own settings folder (`userData`), because a sync
 * tool would carry them to every laptop:
 * - `device-identity.json`: who this installation is (device.ts decides when it must move
 *   to a new id);
 * - `locks/<workspace key>/`: the lock that keeps a second process of THIS computer out of
 *   the workspace. Another laptop has its own settings folder, so it is never refused; it
 *   sees instead when this one was last active (`deviceActivity`).
 * In the workspace, this device writes only `devices/<id>/device.json` (and later its op
 * logs beside it).
 */

export const IDENTITY_FILE = 'device-identity.json';
const LOCKS_DIR = 'locks';

export interface LocalDeviceDeps extends Partial<Omit<LockDeps, 'fs' | 'clock'>> {
  fs: FsPort;
  clock: () => Date;
  /** The settings folder kept on this computer only (Electron's userData; a temp folder in tests). */
  settingsDir: string;
  /** What the others see: "Ana's laptop". */
  label: string;
  /** Host fingerprint (host name, account, settings folder); injected by tests to play a copied profile. */
  host?: string;
  newDeviceId?: () => string;
  newNonce?: () => string;
  /** Start-up events, without names or paths. */
  log?: (event: string, fields: Record<string, string | number | boolean>) => void;
}

export interface LocalDevice {
  deviceId: string;
  lock: WorkspaceLock;
  /** Why a new id was taken at this start, if one was. */
  reason?: IdentityDecision['reason'];
}

const hostFingerprint = (settingsDir: string): string => `${os.hostname()}|${os.userInfo().username}|${path.resolve(settingsDir)}`;

/** One lock folder per workspace path: a hash, so the settings folder never names the workspace. */
export const localLockDir = (settingsDir: string, workspace: string): string =>
  path.join(settingsDir, LOCKS_DIR, createHash('sha256').update(path.resolve(workspace)).digest('hex').slice(0, 24));

const readIdentity = async (fs: FsPort, file: string): Promise<LocalIdentity | null> => {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return null;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  const identity = LocalIdentity.safeParse(parsed);
  if (!identity.success) {
    throw new LessonStudyError('corrupt-file', `This computer's device settings (${file}) cannot be read. Move the file away and start again: a new device id will be made, and nothing in the workspace is lost.`);
  }
  return identity.data;
};

/**
 * Take this computer's lock on the workspace, then settle this installation's device id
 * and write its record into the workspace. The lock comes first: two processes of one
 * computer must never both decide the identity.
 */
export const openLocalDevice = async (workspace: string, deps: LocalDeviceDeps, { force = false }: { force?: boolean } = {}): Promise<LocalDevice> => {
  const lockDir = localLockDir(deps.settingsDir, workspace);
  await ensureDir(deps.fs, lockDir);
  const lock = await acquireWorkspaceLock(lockDir, deps, { force });
  try {
    const identityFile = path.join(deps.settingsDir, IDENTITY_FILE);
    const local = await readIdentity(deps.fs, identityFile);
    const read = local ? await readSyncFolder(deps.fs, workspace) : null;
    const decision = reconcileIdentity({
      local,
      host: deps.host ?? hostFingerprint(deps.settingsDir),
      records: local ? (read?.records.get(local.deviceId) ?? []) : [],
      now: deps.clock(),
      label: deps.label,
      starting: true,
      newDeviceId: deps.newDeviceId ?? (() => randomBytes(8).toString('hex')),
      newNonce: deps.newNonce ?? (() => randomBytes(16).toString('hex')),
    });
    // Saved locally before the record is written: a crash between the two leaves a record
    // this installation knows as its own, never one it would take for another's.
    await writeFileDurably(deps.fs, identityFile, `${JSON.stringify(decision.identity, null, 2)}\n`);
    if (decision.record) {
      const dir = path.join(workspace, deviceDir(decision.identity.deviceId));
      await ensureDir(deps.fs, dir);
      await writeFileDurably(deps.fs, path.join(dir, DEVICE_FILE), `${JSON.stringify(decision.record, null, 2)}\n`);
    }
    if (decision.reason) deps.log?.('device-id-new', { reason: decision.reason });
    return { deviceId: decision.identity.deviceId, lock, ...(decision.reason ? { reason: decision.reason } : {}) };
  } catch (error) {
    await lock.release();
    throw error;
  }
};

export interface DeviceActivity {
  deviceId: string;
  label: string;
  /** The newest of its record and its op logs' modification times. */
  lastActive: string;
  minutesAgo: number;
  /** "Ana's laptop was active 3 minutes ago". */
  text: string;
}

const describeAgo = (minutes: number): string => {
  if (minutes < 1) return 'just now';
  if (minutes < 60) return minutes === 1 ? '1 minute ago' : `${minutes} minutes ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return hours === 1 ? '1 hour ago' : `${hours} hours ago`;
  const days = Math.floor(hours / 24);
  return days === 1 ? '1 day ago' : `${days} days ago`;
};

/** Pure: when each other device was last active, newest first. */
export const describeActivity = (
  devices: ReadonlyArray<{ record: DeviceRecord; lastWriteMs: number }>,
  me: string,
  now: Date,
): DeviceActivity[] =>
  devices
    .filter(({ record }) => record.deviceId !== me)
    .map(({ record, lastWriteMs }) => {
      const lastMs = Math.max(Date.parse(record.writtenAt), lastWriteMs);
      const minutesAgo = Math.max(0, Math.floor((now.getTime() - lastMs) / 60_000));
      const label = record.label || 'Another computer';
      return { deviceId: record.deviceId, label, lastActive: new Date(lastMs).toISOString(), minutesAgo, text: `${label} was active ${describeAgo(minutesAgo)}` };
    })
    .sort((a, b) => a.minutesAgo - b.minutesAgo || a.deviceId.localeCompare(b.deviceId));

/** The other devices of a workspace and when each was last active, from their folders under `devices/`. */
export const deviceActivity = async (fs: FsPort, workspace: string, me: string, now: Date): Promise<DeviceActivity[]> => {
  const read = await readSyncFolder(fs, workspace);
  const devices: Array<{ record: DeviceRecord; lastWriteMs: number }> = [];
  for (const [deviceId, records] of read.records) {
    if (deviceId === me) continue;
    const newest = records.reduce((a, b) => (b.writtenAt > a.writtenAt ? b : a));
    let lastWriteMs = 0;
    const dir = path.join(workspace, deviceDir(deviceId));
    for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
      const sort = classifySyncName(name);
      const original = sort.type === 'original' ? name : sort.type === 'ignore' ? null : sort.original;
      if (!original || !OPS_FILE.test(original)) continue;
      const info = await fs.stat(path.join(dir, name)).catch(() => null);
      if (info) lastWriteMs = Math.max(lastWriteMs, info.mtimeMs);
    }
    devices.push({ record: newest, lastWriteMs });
  }
  return describeActivity(devices, me, now);
};

/**
 * Give this device a new name for the others: its record is written again with the new
 * label (same nonce, so it is still recognised as this installation's own).
 */
export const relabelDevice = async (fs: FsPort, workspace: string, deviceId: string, label: string, now: Date): Promise<void> => {
  const file = path.join(workspace, deviceDir(deviceId), DEVICE_FILE);
  const read = await readSyncFolder(fs, workspace);
  const records = read.records.get(deviceId) ?? [];
  if (records.length === 0) return;
  const newest = records.reduce((a, b) => (b.writtenAt > a.writtenAt ? b : a));
  await writeFileDurably(fs, file, `${JSON.stringify({ ...newest, label, writtenAt: now.toISOString() }, null, 2)}\n`);
};
