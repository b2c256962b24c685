import { z } from 'zod';
import { FlowStep } from '../domain/design';
import { Code, SeatingChart } from '../domain/group';
import { ClassModeChange, MAX_PHOTO_BYTES, Observation, PhotoRef } from '../domain/observation';
import { Id, Line } from '../ids';
import { channel } from '../contract/channel';

/**
 * Live classroom capture (DESIGN.md §5, the capture door): what an observer's phone,
 * tablet or Chromebook and the facilitator's backend say to each other. The device page
 * (renderer/observer) and the backend's capture door (electron/backend/capture) are both
 * derived from this file; every message is validated with these schemas on arrival.
 *
 * The conversation:
 * 1. The device opens `http://<laptop>:<port>/` (the QR code carries the join secret in the
 *    URL fragment: `#join=<secret>`; typed by hand, the page asks for the short join code).
 * 2. `POST /join` with {@link JoinRequest} → {@link JoinAnswer}: a device id and a device
 *    token, kept on the device. Nothing of the lesson is served before approval.
 * 3. The device opens the WebSocket `/ws` and sends {@link DeviceHello} with its token
 *    first. The server answers with {@link ServerMessage}s: its state (waiting, approved
 *    with the lesson, removed, ended), the lesson clock whenever the facilitator moves it,
 *    and the reply to each call.
 * 4. Calls ({@link DeviceCall}) name a channel of {@link deviceChannels}; a reply carries
 *    the call's id and a Result, as the window's contract does.
 */

/** Six characters a person can read off a projector and type: no 0/O, 1/I/L. */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 6;
export const JoinCode = z
  .string()
  .trim()
  .transform((code) => code.toUpperCase().replace(/[\s-]/g, ''))
  .pipe(z.string().regex(new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`), 'A join code has six letters and digits.'));

export const JoinRequest = z
  .object({
    /** From the QR code's URL fragment. */
    secret: z.string().regex(/^[A-Za-z0-9_-]{16,128}$/).optional(),
    /** Typed by hand. */
    code: JoinCode.optional(),
    /** What the facilitator sees in the list of devices asking to join ("Aiko's iPad"). */
    deviceName: Line(60).min(1, 'Name this device so the facilitator knows who it is.'),
    /** The device's language, so the facilitator's list can show it; the page picks its own. */
    language: z.enum(['en', 'ja']).default('en'),
  })
  .strict()
  .refine((r) => r.secret !== undefined || r.code !== undefined, 'A join secret or a join code is needed.');
export type JoinRequest = z.input<typeof JoinRequest>;

export const JoinAnswer = z.object({ deviceId: Id, deviceToken: z.string().regex(/^[A-Za-z0-9_-]{32,128}$/) });
export type JoinAnswer = z.infer<typeof JoinAnswer>;

/** The lesson clock as the host holds it, with the host's wall clock when it was sent. */
export const LessonClockState = z.object({
  accumulatedMs: z.number().int().min(0).max(24 * 3600 * 1000),
  /** Host wall time (ms since epoch) the clock last started; null while paused or stopped. */
  runningSince: z.number().int().min(0).nullable(),
});
export const StepAnchorState = z.object({
  index: z.number().int().min(0).max(1000),
  atMs: z.number().int().min(0).max(24 * 3600 * 1000),
});
export const LiveClock = z.object({
  clock: LessonClockState,
  anchor: StepAnchorState,
  /** Host Date.now() when this was sent: the device derives its offset from it. */
  hostNowMs: z.number().int().min(0),
});
export type LiveClock = z.infer<typeof LiveClock>;

/** A student as a device may see them: the pseudonym only, never concerns or supports. */
export const DeviceStudent = z.object({ id: Id, pseudonym: z.string() });

/** Everything an approved device needs for this lesson, in one answer. */
export const DeviceLesson = z.object({
  cycle: z.object({ id: Id, title: z.string() }),
  groupName: z.string(),
  /** Who this device writes as (a member, or a guest named by the facilitator). */
  observer: z.object({ id: Id, name: z.string() }),
  /** Students the facilitator asked this observer to follow. */
  focusStudentIds: z.array(Id),
  steps: z.array(FlowStep),
  /** Active codes only, in the codebook's order. */
  codebook: z.array(Code),
  students: z.array(DeviceStudent),
  seatingChart: SeatingChart,
  clock: LiveClock,
});
export type DeviceLesson = z.infer<typeof DeviceLesson>;

/**
 * A note as a device writes it. The host fills in the cycle and the observer (from the
 * device's approval, never from the device) and stamps `updatedAt`; the lesson time is
 * the host's clock as the device derived it, so notes align whatever the device's clock says.
 */
export const DeviceNote = Observation.pick({
  id: true,
  anticipatedResponseIds: true,
  clockMs: true,
  wallTime: true,
  stepId: true,
  target: true,
  codeIds: true,
  text: true,
  photos: true,
  pointToNoticeIds: true,
  createdAt: true,
}).strict();
export type DeviceNote = z.infer<typeof DeviceNote>;

/** The class mode (whole class, pairs…) as a device sets it, stamped on the host's lesson time like a note. */
export const DeviceClassMode = ClassModeChange.pick({ id: true, clockMs: true, wallTime: true, mode: true }).strict();
export type DeviceClassMode = z.infer<typeof DeviceClassMode>;

export const NoteAck = z.object({ id: Id, updatedAt: z.string() });
export type NoteAck = z.infer<typeof NoteAck>;

/** The restricted sub-contract a device may call: its own notes and photos, this lesson only. */
export const deviceChannels = {
  getLesson: channel(z.object({}).strict(), DeviceLesson),
  /** Create or edit one of this device's notes (upsert by id: a resend is harmless). */
  saveNote: channel(z.object({ note: DeviceNote }).strict(), NoteAck),
  deleteNote: channel(z.object({ id: Id }).strict(), NoteAck),
  /** The class works in pairs from now on, etc.: one change (upsert by id, like a note). */
  setClassMode: channel(z.object({ change: DeviceClassMode }).strict(), NoteAck),
  /** A photo taken on the device: already downscaled and stripped of metadata there; the host strips again. */
  attachPhoto: channel(
    z
      .object({
        name: Line(260),
        dataBase64: z.string().max(Math.ceil(MAX_PHOTO_BYTES / 3) * 4 + 4, `A photo can be at most ${MAX_PHOTO_BYTES / 1024 / 1024} MB.`),
      })
      .strict(),
    PhotoRef,
  ),
};
export type DeviceChannels = typeof deviceChannels;
export type DeviceChannelName = keyof DeviceChannels;
export const DEVICE_CHANNEL_NAMES = Object.keys(deviceChannels) as DeviceChannelName[];

export const DeviceHello = z.object({ type: z.literal('hello'), deviceToken: JoinAnswer.shape.deviceToken }).strict();
export const DeviceCall = z
  .object({
    type: z.literal('call'),
    /** Chosen by the device; echoed in the reply. */
    id: z.string().min(1).max(64),
    channel: z.string().max(64),
    request: z.unknown(),
  })
  .strict();
export const DeviceMessage = z.discriminatedUnion('type', [DeviceHello, DeviceCall]);
export type DeviceMessage = z.infer<typeof DeviceMessage>;

export const DeviceStatus = z.discriminatedUnion('status', [
  z.object({ status: z.literal('waiting') }),
  z.object({ status: z.literal('approved'), lesson: DeviceLesson }),
  /** The facilitator removed this device: its token no longer works. */
  z.object({ status: z.literal('removed') }),
  /** The facilitator ended the session, the cycle left the observe phase, or the app quit. */
  z.object({ status: z.literal('ended') }),
]);
export type DeviceStatus = z.infer<typeof DeviceStatus>;

const ErrorBody = z.object({ code: z.string(), message: z.string() });
export const ServerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('status'), status: DeviceStatus }),
  z.object({ type: z.literal('clock'), clock: LiveClock }),
  z.object({
    type: z.literal('reply'),
    id: z.string(),
    result: z.union([z.object({ ok: z.literal(true), value: z.unknown() }), z.object({ ok: z.literal(false), error: ErrorBody })]),
  }),
  /** The hello's token is unknown or no longer valid: join again. */
  z.object({ type: z.literal('refused'), error: ErrorBody }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;

export const JOIN_PATH = '/join';
export const DEVICE_SOCKET_PATH = '/ws';
