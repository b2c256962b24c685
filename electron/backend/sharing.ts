import * as path from 'node:path';
import type { sharingChannels, SharingState, SharedConflictView } from '../../shared/contract/sharing';
import { LessonStudyError } from '../../shared/result';
import type { FsPort } from '../storage/fs-port';
import type { DeviceActivity } from '../storage/sync/local-device';
import type { Conflict } from '../storage/sync/merge';
import { isElementSegment, unescapeKey } from '../storage/sync/ops';
import type { BackendContext } from './context';
import type { ServiceFor } from './service-types';

/**
 * The sharing panel's answers (issue #16): the other laptops and when each was last
 * active, what arrived from them, and each conflict in words a teacher can settle
 * ("the plan “Fractions” — step 3 › key question: keep which?").
 */

export interface SharingDeps {
  deviceLabel: () => string;
  otherDevices: () => Promise<DeviceActivity[]>;
  /** What arrived from the others since the workspace was opened, newest first. */
  changes: () => Promise<SharingState['changes']>;
}

const words = (key: string): string => key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
const singular = (key: string): string => words(key).replace(/ies$/, 'y').replace(/s$/, '');

/** "step 3 › key question": where in the document, counted as the screen shows it. */
export const describePlace = (value: unknown, segments: readonly string[]): string => {
  const parts: string[] = [];
  let here: unknown = value;
  let listName = '';
  // The first segment is the document's own field ("group", "design"): not a place a teacher sees.
  for (const [i, segment] of segments.entries()) {
    if (isElementSegment(segment)) {
      const id = segment.slice(1);
      const list = Array.isArray(here) ? (here as Array<{ id?: string }>) : [];
      const at = list.findIndex((item) => item?.id === id);
      parts.push(at >= 0 ? `${singular(listName)} ${at + 1}` : `a removed ${singular(listName)}`);
      here = at >= 0 ? list[at] : undefined;
    } else {
      const key = unescapeKey(segment);
      here = typeof here === 'object' && here !== null ? (here as Record<string, unknown>)[key] : undefined;
      listName = key;
      const next = segments[i + 1];
      if (i > 0 && !(next !== undefined && isElementSegment(next))) parts.push(words(key));
    }
  }
  return parts.join(' › ') || 'content';
};

const shown = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  const text = JSON.stringify(value);
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
};

export const conflictKey = (c: Pick<Conflict, 'kind' | 'id' | 'path' | 'reason'>): string => JSON.stringify([c.kind, c.id, c.path, c.reason]);

/** The sync tool a folder seems to be kept by: a marker folder above it, or the name every installer gives its root. */
export const recogniseSyncTool = async (fs: FsPort, root: string): Promise<string | null> => {
  const resolved = path.resolve(root);
  for (let dir = resolved; ; dir = path.dirname(dir)) {
    if (await fs.stat(path.join(dir, '.stfolder')).then(() => true, () => false)) return 'Syncthing';
    if (await fs.stat(path.join(dir, '.dropbox')).then(() => true, () => false)) return 'Dropbox';
    if (path.dirname(dir) === dir) break;
  }
  const names: Array<[RegExp, string]> = [
    [/(^|[\\/])OneDrive( - [^\\/]+)?([\\/]|$)/, 'OneDrive'],
    [/(^|[\\/])Dropbox([\\/]|$)/, 'Dropbox'],
    [/(^|[\\/])(Google Drive|GoogleDrive|My Drive)([\\/]|$)/, 'Google Drive'],
    [/(^|[\\/])Nextcloud([\\/]|$)/, 'Nextcloud'],
  ];
  return names.find(([pattern]) => pattern.test(resolved))?.[1] ?? null;
};

export const createSharingService = (ctx: BackendContext, deps: SharingDeps): ServiceFor<typeof sharingChannels> => {
  const state = async (): Promise<SharingState> => {
    const shared = ctx.store.shared;
    const others = shared ? await deps.otherDevices() : [];
    const named = new Map(others.map((d) => [d.deviceId, d.label]));
    const conflicts: SharedConflictView[] = (shared?.conflicts() ?? []).map((c) => {
      const doc = shared?.doc(c.kind, c.id)?.value ?? null;
      const rel = `${c.kind}/${c.id}.json`;
      return {
        key: conflictKey(c),
        document: (doc && ctx.store.deps.describe?.(rel, doc)) ?? rel,
        place: describePlace(doc, c.path),
        candidates: c.candidates.map((k) => ({
          text: k.deleted ? '' : shown(k.value),
          deleted: k.deleted === true,
          device: k.device === shared?.deviceId ? deps.deviceLabel() : (named.get(k.device) ?? 'Another computer'),
          at: k.hlc.slice(0, 24),
        })),
      };
    });
    return {
      shared: shared !== undefined,
      deviceLabel: deps.deviceLabel(),
      others: others.map(({ deviceId, label, lastActive, minutesAgo }) => ({ deviceId, label, lastActive, minutesAgo })),
      conflicts,
      changes: await deps.changes(),
      syncedBy: await recogniseSyncTool(ctx.store.deps.fs, ctx.store.root),
    };
  };

  return {
    getSharing: () => state(),
    async resolveSharedConflict({ key, candidate }) {
      const shared = ctx.store.shared;
      if (!shared) throw new LessonStudyError('invalid-request', 'This workspace is not shared, so it has no conflicts to settle.');
      ctx.store.assertWritable();
      const conflict = shared.conflicts().find((c) => conflictKey(c) === key);
      if (!conflict) throw new LessonStudyError('not-found', 'This conflict was already settled, here or on another computer.');
      if (candidate >= conflict.candidates.length) throw new LessonStudyError('invalid-request', `This conflict has ${conflict.candidates.length} choices.`);
      await shared.resolve(conflict, { candidate });
      await ctx.store.tellListeners(`${conflict.kind}/${conflict.id}.json`, shared.doc(conflict.kind, conflict.id)?.value ?? null);
      return state();
    },
  };
};
