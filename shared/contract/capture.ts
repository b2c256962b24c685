import { z } from 'zod';
import { Id, Line } from '../ids';
import { LiveClock, LessonClockState, StepAnchorState } from '../capture/protocol';
import { channel } from './channel';

/** A device that asked to join this lesson, as the facilitator's screen lists it. */
export const CaptureDevice = z.object({
  id: Id,
  name: z.string(),
  language: z.enum(['en', 'ja']),
  state: z.enum(['waiting', 'approved']),
  /** Whom the device writes as, once approved (a member or a guest of this cycle). */
  observerId: Id.optional(),
  observerName: z.string().optional(),
  focusStudentIds: z.array(Id),
  /** Notes saved through this device in this session (the live count per observer). */
  noteCount: z.number().int().min(0),
  /** Whether its WebSocket is open now. */
  connected: z.boolean(),
  joinedAt: z.string(),
  lastSeenAt: z.string(),
});
export type CaptureDevice = z.infer<typeof CaptureDevice>;

export const CaptureStatus = z.object({
  cycleId: Id,
  open: z.boolean(),
  /** Join addresses, one per network interface of this computer, the likeliest first; each ends in `#join=<secret>`. */
  joinUrls: z.array(z.string()),
  /** Six characters to type on a device that cannot scan the QR code. */
  joinCode: z.string(),
  devices: z.array(CaptureDevice),
  /** Set when no network but loopback was found: the page suggests the laptop's hotspot. */
  noNetwork: z.boolean(),
});
export type CaptureStatus = z.infer<typeof CaptureStatus>;

const CycleRef = z.object({ cycleId: Id }).strict();

/** The facilitator's side of live capture (the device side is shared/capture/protocol.ts). */
export const captureChannels = {
  /** Open the capture door on the school network for this cycle (observe phase only); repeat calls return the same session. */
  openCaptureSession: channel(CycleRef, CaptureStatus),
  getCaptureStatus: channel(CycleRef, CaptureStatus),
  approveDevice: channel(
    z
      .object({
        cycleId: Id,
        deviceId: Id,
        observer: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('member'), memberId: Id }).strict(),
          z.object({ kind: z.literal('guest'), name: Line(120).min(1, 'A guest observer needs a name.') }).strict(),
        ]),
        focusStudentIds: z.array(Id).max(50).default([]),
      })
      .strict(),
    CaptureStatus,
  ),
  removeDevice: channel(z.object({ cycleId: Id, deviceId: Id }).strict(), CaptureStatus),
  /** Every device token stops working; the door closes. */
  endCaptureSession: channel(CycleRef, CaptureStatus),
  /** The facilitator's clock and step, sent on every change; devices are told at once. */
  setLessonClock: channel(z.object({ cycleId: Id, clock: LessonClockState, anchor: StepAnchorState }).strict(), LiveClock),
  getLessonClock: channel(CycleRef, LiveClock.nullable()),
};
