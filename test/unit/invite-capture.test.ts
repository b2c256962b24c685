import { describe, expect, it } from 'vitest';
import type { BackendEvent } from '../../shared/contract/backend-events';
import { captureChannels, type CaptureDevice } from '../../shared/contract/capture';
import type { Group } from '../../shared/domain/group';
import { approvalRequest, GUEST_CHOICE } from '../../renderer/features/observe/capture-approval';
import { lessonClockRequest } from '../../renderer/features/observe/capture-clock';
import { qrDataUrl } from '../../renderer/features/observe/capture-qr';
import { followCaptureEvents } from '../../renderer/features/observe/capture-session';
import { typedAddress, writersOf } from '../../renderer/features/observe/capture-writers';
import { guestsOf, memberName } from '../../renderer/features/observe/labels';

const CYCLE = '6f1c1e0a-3b1d-4c55-9f0e-2f4b8f3a7a10';
const DEVICE = '0b8e2c44-1a7e-4d8e-8a52-52d6c1b0e9a1';
const AIKO = '1d7b6a40-5c3e-4a8f-9d21-7e0f3c2b1a55';
const BEN = '2e8c7b51-6d4f-4b90-8e32-8f1a4d3c2b66';
const GUEST = '3f9d8c62-7e50-4ca1-9f43-9a2b5e4d3c77';
const STUDENT = '4a0e9d73-8f61-4db2-a054-ab3c6f5e4d88';

const device = (over: Partial<CaptureDevice>): CaptureDevice => ({
  id: DEVICE,
  name: 'iPad 3',
  language: 'en',
  state: 'approved',
  focusStudentIds: [],
  noteCount: 0,
  connected: true,
  joinedAt: '2026-11-26T09:00:00.000Z',
  lastSeenAt: '2026-11-26T09:00:00.000Z',
  ...over,
});

describe('who is writing (writersOf)', () => {
  it('counts each observer once, over all their devices, and skips waiting devices', () => {
    const writers = writersOf([
      device({ id: 'a', observerId: BEN, observerName: 'Ben Ortiz', noteCount: 3, connected: false }),
      device({ id: 'b', observerId: AIKO, observerName: 'Aiko Tanaka', noteCount: 5 }),
      device({ id: 'c', observerId: BEN, observerName: 'Ben Ortiz', noteCount: 4, connected: true }),
      device({ id: 'd', state: 'waiting', noteCount: 9 }),
    ]);
    expect(writers).toEqual([
      { observerId: AIKO, name: 'Aiko Tanaka', notes: 5, connected: true },
      { observerId: BEN, name: 'Ben Ortiz', notes: 7, connected: true },
    ]);
  });

  it('shows an observer as not connected only when none of their devices is', () => {
    const writers = writersOf([
      device({ id: 'a', observerId: GUEST, observerName: 'Visitor Kato', noteCount: 1, connected: false }),
      device({ id: 'b', observerId: GUEST, observerName: 'Visitor Kato', noteCount: 0, connected: false }),
    ]);
    expect(writers).toEqual([{ observerId: GUEST, name: 'Visitor Kato', notes: 1, connected: false }]);
  });

  it('orders a hall of guests as people read them: 2 before 10, 10 before 100, whatever the case', () => {
    const names = ['Guest observer 10', 'guest observer 2', 'Guest observer 100', 'Guest observer 1', 'Aiko Tanaka'];
    const writers = writersOf(names.map((name, i) => device({ id: `d${i}`, observerId: `o${i}`, observerName: name })));
    expect(writers.map((w) => w.name)).toEqual(['Aiko Tanaka', 'Guest observer 1', 'guest observer 2', 'Guest observer 10', 'Guest observer 100']);
  });

  it('is empty before any device is approved', () => {
    expect(writersOf([device({ state: 'waiting' })])).toEqual([]);
  });
});

describe('the address a person types', () => {
  it('drops the join secret of the QR code', () => {
    expect(typedAddress('http://192.168.1.23:48210/#join=abcDEF123_-xyz7890')).toBe('http://192.168.1.23:48210/');
  });
  it('keeps an address without a fragment as it is', () => {
    expect(typedAddress('http://10.0.0.5:48210/')).toBe('http://10.0.0.5:48210/');
  });
});

describe('approving a device', () => {
  const parse = (request: unknown) => captureChannels.approveDevice.request.parse(request);

  it('asks who writes from the device before anything is sent', () => {
    expect(approvalRequest(CYCLE, DEVICE, { writesAs: '', guestName: '', focusStudentIds: [] })).toEqual({ ok: false, problem: 'chooseObserver' });
  });

  it('asks a guest for a name; spaces alone are no name', () => {
    expect(approvalRequest(CYCLE, DEVICE, { writesAs: GUEST_CHOICE, guestName: '   ', focusStudentIds: [] })).toEqual({ ok: false, problem: 'guestName' });
  });

  it('sends a member with their focus students, each once, in the contract shape', () => {
    const result = approvalRequest(CYCLE, DEVICE, { writesAs: BEN, guestName: 'ignored', focusStudentIds: [STUDENT, STUDENT] });
    expect(result).toEqual({
      ok: true,
      request: { cycleId: CYCLE, deviceId: DEVICE, observer: { kind: 'member', memberId: BEN }, focusStudentIds: [STUDENT] },
    });
    if (result.ok) expect(() => parse(result.request)).not.toThrow();
  });

  it('sends a guest by the trimmed name, in the contract shape', () => {
    const result = approvalRequest(CYCLE, DEVICE, { writesAs: GUEST_CHOICE, guestName: '  Prof. Kato ', focusStudentIds: [] });
    expect(result).toEqual({ ok: true, request: { cycleId: CYCLE, deviceId: DEVICE, observer: { kind: 'guest', name: 'Prof. Kato' }, focusStudentIds: [] } });
    if (result.ok) expect(() => parse(result.request)).not.toThrow();
  });
});

describe('the lesson clock sent to the devices', () => {
  const parse = (request: unknown) => captureChannels.setLessonClock.request.parse(request);

  it('carries a running clock and the step anchor as they are', () => {
    const request = lessonClockRequest(CYCLE, { clock: { accumulatedMs: 65_000, runningSince: 1_764_150_000_000 }, anchor: { index: 2, atMs: 600_000 } });
    expect(request).toEqual({ cycleId: CYCLE, clock: { accumulatedMs: 65_000, runningSince: 1_764_150_000_000 }, anchor: { index: 2, atMs: 600_000 } });
    expect(() => parse(request)).not.toThrow();
  });

  it('carries a paused clock', () => {
    const request = lessonClockRequest(CYCLE, { clock: { accumulatedMs: 0, runningSince: null }, anchor: { index: 0, atMs: 0 } });
    expect(request.clock).toEqual({ accumulatedMs: 0, runningSince: null });
    expect(() => parse(request)).not.toThrow();
  });

  it('keeps a clock left running for days, or a damaged stored one, within what the contract accepts', () => {
    const request = lessonClockRequest(CYCLE, { clock: { accumulatedMs: 3 * 86_400_000 + 0.5, runningSince: null }, anchor: { index: -1, atMs: 90_000_000 } });
    expect(request.clock.accumulatedMs).toBe(86_400_000);
    expect(request.anchor).toEqual({ index: 0, atMs: 86_400_000 });
    expect(() => parse(request)).not.toThrow();
  });
});

describe('capture events', () => {
  const source = () => {
    const listeners = new Set<(event: BackendEvent) => void>();
    return {
      emit: (event: BackendEvent) => listeners.forEach((l) => l(event)),
      onBackendEvent: (listener: (event: BackendEvent) => void) => {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
      count: () => listeners.size,
    };
  };

  it('follows only this cycle’s capture changes, and stops when unsubscribed', () => {
    const events = source();
    let changes = 0;
    const stop = followCaptureEvents(events, CYCLE, () => (changes += 1));
    events.emit({ type: 'capture-changed', cycleId: CYCLE });
    events.emit({ type: 'capture-changed', cycleId: DEVICE });
    events.emit({ type: 'changed', kinds: ['observations'] });
    expect(changes).toBe(1);
    stop();
    expect(events.count()).toBe(0);
    events.emit({ type: 'capture-changed', cycleId: CYCLE });
    expect(changes).toBe(1);
  });

  it('does nothing without an event source', () => {
    expect(() => followCaptureEvents(undefined, CYCLE, () => undefined)()).not.toThrow();
  });
});

describe('naming who wrote a note', () => {
  const group = { members: [{ id: AIKO, name: 'Aiko Tanaka', role: 'facilitator' }] } as unknown as Group;

  it('names a member, then a guest of the cycle, else shows a dash', () => {
    const guests = [{ id: GUEST, name: 'Prof. Kato' }];
    expect(memberName(group, AIKO, guests)).toBe('Aiko Tanaka');
    expect(memberName(group, GUEST, guests)).toBe('Prof. Kato');
    expect(memberName(group, BEN, guests)).toBe('—');
    expect(memberName(group, GUEST)).toBe('—');
  });

  it('reads the guests of a cycle, tolerating cycles without them and malformed entries', () => {
    expect(guestsOf({ id: CYCLE, guestObservers: [{ id: GUEST, name: 'Prof. Kato' }, { id: 7 }, null, 'x'] })).toEqual([{ id: GUEST, name: 'Prof. Kato' }]);
    expect(guestsOf({ id: CYCLE })).toEqual([]);
    expect(guestsOf({ id: CYCLE, guestObservers: 'nobody' })).toEqual([]);
    expect(guestsOf(undefined)).toEqual([]);
  });
});

describe('the QR code', () => {
  it('is an SVG image in a data: URL, at error correction M with a one-module margin', async () => {
    // 50 bytes: more than version 3-M holds (42), within version 4-M (62): 33 modules, plus 1 of margin each side.
    const url = await qrDataUrl('http://192.168.1.23:48210/#join=abcDEF123_-xyz7890');
    expect(url.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
    const svg = decodeURIComponent(url.slice(url.indexOf(',') + 1));
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 35 35"/);
    expect(svg).toContain('<path');
  });
});
