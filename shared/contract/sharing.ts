import { z } from 'zod';
import { channel } from './channel';

/**
 * A group's shared workspace on a synced folder (issue #16): who else works in it, what
 * arrived from them, and the edits two members made to the same place without seeing
 * each other, each with every candidate, to settle.
 */

export const DeviceSeen = z.object({
  deviceId: z.string(),
  label: z.string(),
  lastActive: z.string(),
  minutesAgo: z.number(),
});
export type DeviceSeen = z.infer<typeof DeviceSeen>;

export const SharedConflictView = z.object({
  /** Opaque: names the conflict when it is settled. */
  key: z.string(),
  /** "the group “Maple Grove”", "the plan “Comparing fractions”". */
  document: z.string(),
  /** "name", "step 3 › key question". */
  place: z.string(),
  candidates: z.array(z.object({ text: z.string(), deleted: z.boolean(), device: z.string(), at: z.string() })),
});
export type SharedConflictView = z.infer<typeof SharedConflictView>;

export const ChangeFromTeammate = z.object({
  document: z.string(),
  /** The group the document belongs to, so each group's page can say what changed in it. */
  groupId: z.string().nullable(),
  devices: z.array(z.string()),
  at: z.string(),
});

export const SharingState = z.object({
  shared: z.boolean(),
  /** This computer's name as the others see it. */
  deviceLabel: z.string(),
  others: z.array(DeviceSeen),
  conflicts: z.array(SharedConflictView),
  /** What arrived from the others since this window opened, newest first. */
  changes: z.array(ChangeFromTeammate),
  /** The sync tool the folder seems to be in ("OneDrive", "Syncthing" …), when one is recognised. */
  syncedBy: z.string().nullable(),
});
export type SharingState = z.infer<typeof SharingState>;

export const sharingChannels = {
  getSharing: channel(z.object({}).strict(), SharingState),
  resolveSharedConflict: channel(
    z.object({ key: z.string().min(1).max(2000), candidate: z.number().int().min(0).max(100) }).strict(),
    SharingState,
  ),
};

