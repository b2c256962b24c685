import type { AppLog } from './log';
import { versionIntents } from './cycles-versions';
import { completeIntents } from './intents';
import { createRecoveryService, describeDocument } from './recovery';
import type { LockHolder } from '../storage/lock';
import { randomUUID } from 'node:crypto';
import type { WorkspaceService } from '../../shared/contract';
import { nodeFs, type FsPort } from '../storage/fs-port';
import { writeFileDurably } from '../storage/durable-write';
import { openWorkspace, type WorkspaceDeviceOptions } from '../storage/open-workspace';
import { deviceActivity, relabelDevice, type DeviceActivity } from '../storage/sync/local-device';
import { createAnalysisService } from './analysis';
import { noEffects, type BackendContext, type HostEffects } from './context';
import { createCycleService, cycleKind } from './cycles';
import { createDesignService } from './designs-service';
import { createCatalogue } from './catalogue';
import { createGroupService, groupKind } from './groups';
import { createObservationService } from './observations';
import { mergeForeign, observationsDir, openCycleLogs, settleCycleLogs } from './observations-log';
import type { SharedChange } from '../storage/sync/shared-documents';
import { createReportService } from './reports';
import { createSharingService } from './sharing';
import type { SharingState } from '../../shared/contract/sharing';
import { createWorkspaceService } from './workspace';

export interface BackendOptions {
  workspaceDir: string;
  fs?: FsPort;
  clock?: () => Date;
  newId?: () => string;
  effects?: Partial<HostEffects>;
  backupIntervalMs?: number;
  isSample?: boolean;
  /** Whether a process holding a lock on this computer is alive; injected by tests (a pid that happens to exist must not decide a test). */
  isProcessAlive?: (pid: number) => boolean;
  /** The app log; start-up and storage events go there (see log.ts). */
  log?: AppLog;
  /** 'force' takes the lock over ("Open anyway"); 'read-only' opens without it. */
  lockMode?: 'normal' | 'force' | 'read-only';
  /** Who holds the workspace, when it was opened read-only because of that lock. */
  lockedBy?: LockHolder;
  /**
   * A workspace shared through a synced folder (issue #16): the lock and this device's
   * identity are kept in `settingsDir` (Electron's userData), never in the workspace.
   */
  device?: WorkspaceDeviceOptions;
}

export interface Backend {
  service: WorkspaceService;
  context: BackendContext;
  /** Settles once stale temp files from killed writes are removed (in the background). */
  swept: Promise<void>;
  close(): Promise<void>;
  /** The workspace lock, released synchronously: for a session end that will not wait for close(). */
  releaseLockNow(): void;
  /** This installation's device id, when opened with `device` options. */
  deviceId?: string;
  /** The workspace's other devices and when each was last active ("Ana's laptop was active 3 minutes ago"). */
  otherDevices(): Promise<DeviceActivity[]>;
  /** Rename this device for the others (rewrites its record in a shared workspace). */
  relabel(label: string): Promise<void>;
  /**
   * In a shared workspace: read what the sync tool has brought from the other devices since
   * the last look, merge it, and tell the listeners (the catalogue, the windows). Returns
   * the documents and the cycles' notes that changed. Nothing outside a shared workspace.
   */
  syncNow(): Promise<SyncedChanges>;
}

export interface SyncedChanges {
  documents: SharedChange[];
  /** Cycles whose notes changed on another device. */
  notes: string[];
}

/**
 * The whole backend over one workspace folder: a plain object with one async function
 * per contract channel. Electron's ipc.ts, the CLI, the browser e2e harness and unit
 * tests all use this same object.
 */
/** The group a shared document belongs to: a group itself, a design's or cycle's group, an analysis's cycle's group. */
const groupOf = (shared: NonNullable<BackendContext['store']['shared']>, rel: string, value: Record<string, unknown>): string | null => {
  const field = (v: unknown, key: string): unknown => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined);
  const [dir, name] = rel.split('/');
  if (dir === 'groups') return name.replace(/\.json$/, '');
  const own = field(field(value, 'design'), 'groupId') ?? field(field(value, 'cycle'), 'groupId');
  if (typeof own === 'string') return own;
  const cycleId = field(field(value, 'analysis'), 'cycleId');
  const cycle = typeof cycleId === 'string' ? shared.doc('cycles', cycleId)?.value : null;
  const viaCycle = field(field(cycle, 'cycle'), 'groupId');
  return typeof viaCycle === 'string' ? viaCycle : null;
};

export const createBackend = async (options: BackendOptions): Promise<Backend> => {
  const clock = options.clock ?? (() => new Date());
  const fs = options.fs ?? nodeFs;
  const workspace = await openWorkspace(options.workspaceDir, {
    fs,
    clock,
    backupIntervalMs: options.backupIntervalMs,
    isProcessAlive: options.isProcessAlive,
    log: options.log ? (event, fields) => options.log!.event(event, fields) : undefined,
    describe: describeDocument,
  }, options.lockMode, options.device);
  options.log?.event('workspace-opened', { readOnly: workspace.store.readOnly, lockMode: options.lockMode ?? 'normal' });
  const context: BackendContext = {
    store: workspace.store,
    clock,
    newId: options.newId ?? randomUUID,
    // Read each effect by property access: spreading a class instance (the e2e FakeHost) drops its prototype methods.
    effects: Object.fromEntries(Object.entries(noEffects).map(([k, d]) => [k, (options.effects as Record<string, typeof d> | undefined)?.[k]?.bind(options.effects) ?? d])) as unknown as HostEffects,
    onGroupDeleted: [],
    onCycleDeleted: [],
    catalogue: createCatalogue(workspace.store, {
      readGroup: async (rel) => (await workspace.store.read(groupKind, rel))?.group ?? null,
      readCycle: async (rel) => (await workspace.store.read(cycleKind, rel))?.cycle ?? null,
    }),
  };
  let label = options.device?.label ?? '';
  /** What arrived from the others (since this device last closed the workspace, then live), newest first. */
  const arrived: Array<{ rel: string; devices: string[]; at: string }> = [];
  // "What changed since you were last here": the other devices' ops newer than what this
  // device had seen when it last closed the workspace (`devices/<me>/seen.json`).
  const seenFile = workspace.store.shared ? workspace.store.abs('seen.json') : null;
  const rememberSeen = async () => {
    if (!seenFile || !workspace.store.shared || workspace.store.readOnly) return;
    await writeFileDurably(fs, seenFile, `${JSON.stringify(workspace.store.shared.newestByDevice())}\n`).catch(() => undefined);
  };
  if (seenFile && workspace.store.shared) {
    const seen = await fs.readFile(seenFile, 'utf8').then((text) => JSON.parse(text) as unknown, () => null);
    if (seen && typeof seen === 'object') arrived.push(...workspace.store.shared.changesSince(seen as Record<string, string>).slice(0, 50));
    await rememberSeen();
  }
  /** The changes in words, with each document's current name and each laptop's label. */
  const describeArrived = async (): Promise<SharingState['changes']> => {
    const shared = context.store.shared;
    if (!shared || arrived.length === 0) return [];
    const named = new Map((await otherDevices()).map((d) => [d.deviceId, d.label]));
    return arrived.slice(0, 50).flatMap((change) => {
      const value = shared.valueAt(change.rel);
      if (!value) return [];
      return [{
        document: describeDocument(change.rel, value) ?? change.rel,
        groupId: groupOf(shared, change.rel, value),
        devices: change.devices.map((id) => named.get(id) ?? 'Another computer'),
        at: change.at,
      }];
    });
  };
  const service: WorkspaceService = {
    ...createWorkspaceService(context, { isSample: options.isSample ?? false, lockedBy: options.lockedBy }),
    ...createGroupService(context),
    ...createDesignService(context),
    ...createCycleService(context),
    ...createObservationService(context),
    ...createAnalysisService(context),
    ...createReportService(context),
    ...createRecoveryService(context),
    ...createSharingService(context, {
      deviceLabel: () => label,
      otherDevices: () => otherDevices(),
      changes: describeArrived,
    }),
  };
  // Finish operations a killed process left half done, before anything is shown.
  await completeIntents(context, versionIntents);
  const close = async () => {
    // A compaction runs beside the appends: let it finish before the lock is given up.
    await settleCycleLogs(context);
    await context.catalogue.idle();
    await workspace.store.shared?.settled();
    await rememberSeen();
    await workspace.close();
  };
  const syncNow = async (): Promise<SyncedChanges> => {
    const shared = context.store.shared;
    if (!shared) return { documents: [], notes: [] };
    const documents = await shared.refresh();
    // Newest first; a document changed again moves to the top.
    for (const change of documents) {
      const at = clock().toISOString();
      const earlier = arrived.findIndex((a) => a.rel === change.rel);
      const devices = earlier >= 0 ? [...new Set([...change.devices, ...arrived[earlier].devices])].sort() : change.devices;
      if (earlier >= 0) arrived.splice(earlier, 1);
      arrived.unshift({ rel: change.rel, devices, at });
    }
    for (const change of documents) {
      await context.store.tellListeners(change.rel, shared.valueAt(change.rel));
    }
    const notes: string[] = [];
    for (const log of await openCycleLogs(context)) {
      if (!(await mergeForeign(context, log))) continue;
      notes.push(log.cycleId);
      await context.store.tellListeners(`${observationsDir(log.cycleId)}/synced`, { synced: true });
    }
    return { documents, notes };
  };
  const otherDevices = () => deviceActivity(fs, options.workspaceDir, workspace.deviceId ?? '', clock());
  return {
    service,
    context,
    swept: workspace.swept,
    close,
    releaseLockNow: () => workspace.releaseLockNow(),
    ...(workspace.deviceId ? { deviceId: workspace.deviceId } : {}),
    otherDevices,
    syncNow,
    async relabel(next) {
      label = next;
      if (workspace.deviceId && workspace.store.shared && !workspace.store.readOnly) await relabelDevice(fs, options.workspaceDir, workspace.deviceId, next, clock());
    },
  };
};
