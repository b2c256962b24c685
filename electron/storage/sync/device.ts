import { z } from 'zod';
import { DEVICE_ID } from './hlc';

/**
 * Who is writing. Every installation has a device id, kept outside the synced folder (in
 * the app's own settings folder, beside the local lock), and it alone writes
 * `devices/<id>/…` in the workspace. Two installations with one id would write one file
 * from two places — what sync tools turn into conflict copies — so a shared id is found
 * and exactly one of the two moves to a new id:
 * - a profile copied to another computer or account carries the id, and the host it was
 *   made on: a different host now means "copy", and this installation takes a new id;
 * - a cloned disk image carries everything, host included. So each start writes a fresh
 *   nonce into `devices/<id>/device.json`, and remembers its own recent nonces locally. A
 *   record under its id with a nonce it never wrote (in the file or in a sync tool's
 *   conflict copy of it) is another installation. The one whose own last record is older
 *   (same time: the smaller nonce) takes a new id; the other writes its record again with
 *   a fresh nonce, so that the first sees a newer record even if a sync tool had kept only
 *   one of the two files. Both decide from the same two records, so exactly one moves.
 * Ops already written under the shared id stay readable: merging is a union of ops.
 */

const Nonce = z.string().regex(/^[0-9a-f]{16,64}$/);
const NONCES_KEPT = 20;

export const LocalIdentity = z.object({
  deviceId: z.string().regex(DEVICE_ID),
  /** Where this identity was made: host name, account and profile folder (never synced). */
  host: z.string().min(1).max(1000),
  createdAt: z.iso.datetime(),
  /** The nonces this installation wrote into its record, newest first. */
  nonces: z.array(Nonce).max(NONCES_KEPT),
  /** When it last wrote its record. */
  writtenAt: z.iso.datetime().optional(),
});
export type LocalIdentity = z.infer<typeof LocalIdentity>;

/** `devices/<id>/device.json` in the workspace: read by every device, written by one. */
export const DeviceRecord = z.object({
  deviceId: z.string().regex(DEVICE_ID),
  nonce: Nonce,
  writtenAt: z.iso.datetime(),
  /** What the others call this device: "Ana's laptop". */
  label: z.string().max(120).default(''),
});
export type DeviceRecord = z.infer<typeof DeviceRecord>;

export interface IdentityInput {
  /** The identity kept in this installation's settings, or null on a first start. */
  local: LocalIdentity | null;
  /** This installation's host fingerprint now. */
  host: string;
  /** Every readable record found under `devices/<local.deviceId>/` (the file and its conflict copies). */
  records: DeviceRecord[];
  now: Date;
  label: string;
  /** At start-up a fresh nonce is always written (that is how a cloned installation is seen); later checks (the record changed on disk) only look. */
  starting: boolean;
  /** Fresh randomness, passed in so tests choose it. */
  newDeviceId: () => string;
  newNonce: () => string;
}

export interface IdentityDecision {
  /** `keep`: nothing to write; `claim`: write the record; `new`: a new id, then write its record. */
  action: 'keep' | 'claim' | 'new';
  /** Why a new id (for the log: no names, no paths). */
  reason?: 'first-start' | 'copied-profile' | 'shared-id';
  previousId?: string;
  /** Save locally before writing `record`. */
  identity: LocalIdentity;
  /** Write to `devices/<identity.deviceId>/device.json` (absent for `keep`). */
  record?: DeviceRecord;
}

const laterThan = (a: { writtenAt: string; nonce: string }, b: { writtenAt: string; nonce: string }): boolean =>
  a.writtenAt !== b.writtenAt ? a.writtenAt > b.writtenAt : a.nonce > b.nonce;

export const reconcileIdentity = (input: IdentityInput): IdentityDecision => {
  const { local, now } = input;
  const stamp = now.toISOString();
  const claim = (identity: LocalIdentity, rest: Omit<IdentityDecision, 'identity' | 'record'>): IdentityDecision => {
    const nonce = input.newNonce();
    if (!Nonce.safeParse(nonce).success) throw new Error('A device nonce must be 16 to 64 lowercase hex characters.');
    return {
      ...rest,
      identity: { ...identity, nonces: [nonce, ...identity.nonces].slice(0, NONCES_KEPT), writtenAt: stamp },
      record: { deviceId: identity.deviceId, nonce, writtenAt: stamp, label: input.label },
    };
  };
  const fresh = (reason: NonNullable<IdentityDecision['reason']>): IdentityDecision => {
    const deviceId = input.newDeviceId();
    if (!DEVICE_ID.test(deviceId)) throw new Error(`A new device id must be 16 lowercase hex characters, not "${deviceId}".`);
    const identity: LocalIdentity = { deviceId, host: input.host, createdAt: stamp, nonces: [] };
    return claim(identity, { action: 'new', reason, ...(local ? { previousId: local.deviceId } : {}) });
  };

  if (!local) return fresh('first-start');
  if (local.host !== input.host) return fresh('copied-profile');
  const records = input.records.filter((r) => r.deviceId === local.deviceId);
  const mine = new Set(local.nonces);
  const foreign = records.filter((r) => !mine.has(r.nonce));
  const lastWrite = local.writtenAt && local.nonces[0] ? { writtenAt: local.writtenAt, nonce: local.nonces[0] } : null;
  // Someone wrote under our id after our last record: ours is the older, so we move.
  if (foreign.some((r) => !lastWrite || laterThan(r, lastWrite))) return fresh('shared-id');
  // Only older foreign records: write ours again, newer, so the other installation moves.
  const current = records.some((r) => r.nonce === local.nonces[0]) && foreign.length === 0;
  return current && !input.starting ? { action: 'keep', identity: local } : claim(local, { action: 'claim' });
};
