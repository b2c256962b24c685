import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, type JoinAnswer } from '../../../shared/capture/protocol';
import type { CaptureDevice } from '../../../shared/contract/capture';
import type { PhotoRef } from '../../../shared/domain/observation';

/**
 * One cycle's live-capture session, in memory only: the join secret and code, the devices
 * that asked to join, and whom each approved device writes as. Nothing here survives the
 * app: a restart ends every session, so every token stops working.
 *
 * Device tokens are kept as SHA-256 hashes only: a memory dump or a log line never holds
 * one that works. The join secret is kept as given, because the facilitator's screen shows
 * it (inside the QR code's address) for as long as the session is open.
 */

/** Why a join or a hello was refused, with the HTTP status the door answers. */
export class CaptureRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface JoinLimits {
  /** Join attempts one address may make per window. */
  perAddress: number;
  /** Join attempts all addresses together may make per window (a whole room joins within a minute or two). */
  overall: number;
  windowMs: number;
  /** Devices a session holds, waiting or approved; a public research lesson has a few hundred observers at most. */
  maxDevices: number;
}

export const DEFAULT_JOIN_LIMITS: JoinLimits = { perAddress: 10, overall: 300, windowMs: 60_000, maxDevices: 500 };

export interface DeviceRecord {
  id: string;
  name: string;
  language: 'en' | 'ja';
  state: 'waiting' | 'approved';
  tokenHash: string;
  observer?: { id: string; name: string };
  focusStudentIds: string[];
  noteCount: number;
  /** Open sockets of this device (a reload may briefly hold two). */
  sockets: number;
  joinedAt: string;
  lastSeenAt: string;
  /** Photos this device attached (hash → stored reference): a note may name only these. */
  photos: Map<string, PhotoRef>;
}

export interface CaptureSession {
  readonly cycleId: string;
  readonly joinCode: string;
  readonly secret: string;
  readonly ended: boolean;
  join(request: { secret?: string; code?: string; deviceName: string; language: 'en' | 'ja' }, remoteAddress: string): JoinAnswer;
  /** The device a token belongs to, while the session is open and the device not removed. */
  deviceByToken(token: string): DeviceRecord | undefined;
  device(id: string): DeviceRecord | undefined;
  devices(): DeviceRecord[];
  remove(id: string): DeviceRecord | undefined;
  touch(device: DeviceRecord): void;
  end(): void;
  describe(): CaptureDevice[];
}

const hashOf = (text: string): string => createHash('sha256').update(text).digest('hex');
/** Hashing first gives timingSafeEqual equal lengths. */
const sameSecret = (given: string, expected: string) =>
  timingSafeEqual(createHash('sha256').update(given).digest(), createHash('sha256').update(expected).digest());

export const newJoinCode = (pick: (max: number) => number = randomInt): string =>
  Array.from({ length: JOIN_CODE_LENGTH }, () => JOIN_CODE_ALPHABET[pick(JOIN_CODE_ALPHABET.length)]).join('');

/** Attempts within the window, per key; old ones are dropped as new ones come. */
const createThrottle = (limits: JoinLimits, nowMs: () => number) => {
  const attempts = new Map<string, number[]>();
  let overall: number[] = [];
  const recent = (times: number[], now: number) => times.filter((t) => now - t < limits.windowMs);
  return (address: string): void => {
    const now = nowMs();
    overall = recent(overall, now);
    const mine = recent(attempts.get(address) ?? [], now);
    if (mine.length >= limits.perAddress) {
      attempts.set(address, mine);
      throw new CaptureRefusal(429, 'Too many attempts to join from this device. Wait a minute, then check the join code and try again.');
    }
    if (overall.length >= limits.overall) {
      throw new CaptureRefusal(429, 'Too many devices are trying to join at once. Wait a minute and try again.');
    }
    attempts.set(address, [...mine, now]);
    overall.push(now);
    // Forget addresses whose attempts are all old, so the map cannot grow without end.
    if (attempts.size > 10_000) for (const [key, times] of attempts) if (!recent(times, now).length) attempts.delete(key);
  };
};

export interface SessionOptions {
  cycleId: string;
  newId: () => string;
  /** Host wall clock, ms since epoch (injected by tests). */
  nowMs: () => number;
  limits?: JoinLimits;
  /** Given by tests; random otherwise. */
  secret?: string;
  joinCode?: string;
  newToken?: () => string;
}

export const createCaptureSession = (options: SessionOptions): CaptureSession => {
  const { cycleId, newId, nowMs } = options;
  const limits = options.limits ?? DEFAULT_JOIN_LIMITS;
  const secret = options.secret ?? randomBytes(24).toString('base64url');
  const joinCode = options.joinCode ?? newJoinCode();
  const newToken = options.newToken ?? (() => randomBytes(32).toString('base64url'));
  const throttle = createThrottle(limits, nowMs);
  const devices = new Map<string, DeviceRecord>();
  const byToken = new Map<string, string>();
  let ended = false;
  const iso = () => new Date(nowMs()).toISOString();

  return {
    cycleId,
    joinCode,
    secret,
    get ended() {
      return ended;
    },
    join(request, remoteAddress) {
      if (ended) throw new CaptureRefusal(410, 'This lesson’s capture session has ended.');
      throttle(remoteAddress);
      const admitted =
        (request.secret !== undefined && sameSecret(request.secret, secret)) || (request.code !== undefined && sameSecret(request.code, joinCode));
      if (!admitted) throw new CaptureRefusal(403, 'That join code is not right. Check it on the facilitator’s screen and type it again.');
      if (devices.size >= limits.maxDevices) throw new CaptureRefusal(503, 'This lesson has as many devices as it can take.');
      const token = newToken();
      const now = iso();
      const device: DeviceRecord = {
        id: newId(),
        name: request.deviceName,
        language: request.language,
        state: 'waiting',
        tokenHash: hashOf(token),
        focusStudentIds: [],
        noteCount: 0,
        sockets: 0,
        joinedAt: now,
        lastSeenAt: now,
        photos: new Map(),
      };
      devices.set(device.id, device);
      byToken.set(device.tokenHash, device.id);
      return { deviceId: device.id, deviceToken: token };
    },
    deviceByToken(token) {
      if (ended) return undefined;
      const id = byToken.get(hashOf(token));
      return id === undefined ? undefined : devices.get(id);
    },
    device: (id) => devices.get(id),
    devices: () => [...devices.values()],
    remove(id) {
      const device = devices.get(id);
      if (!device) return undefined;
      devices.delete(id);
      byToken.delete(device.tokenHash);
      return device;
    },
    touch(device) {
      device.lastSeenAt = iso();
    },
    end() {
      ended = true;
      byToken.clear();
    },
    describe: () =>
      [...devices.values()].map((d) => ({
        id: d.id,
        name: d.name,
        language: d.language,
        state: d.state,
        ...(d.observer ? { observerId: d.observer.id, observerName: d.observer.name } : {}),
        focusStudentIds: d.focusStudentIds,
        noteCount: d.noteCount,
        connected: d.sockets > 0,
        joinedAt: d.joinedAt,
        lastSeenAt: d.lastSeenAt,
      })),
  };
};
