import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { DeviceNote } from '../../shared/capture/protocol';
import { openCaptureDb, type CaptureDb } from '../../renderer/observer/db';
import { createOutbox, isWaiting, nextToSend, visibleNotes, waitingCount } from '../../renderer/observer/outbox';
import { createSender } from '../../renderer/observer/sender';
import type { CallResult, DeviceCaller } from '../../renderer/observer/transport';

/**
 * The observer's outbox over a fake IndexedDB: "a reload" is a second database connection
 * and a second outbox over the same stored data, as after the page is reloaded.
 */

const DEVICE = '0b6e7c1a-6a5e-4f7e-9d43-1f5a0c2e9b11';
const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const C = '33333333-3333-4333-8333-333333333333';
const HASH = 'a'.repeat(64);

const note = (id: string, text: string, minute: number): DeviceNote => ({
  id,
  clockMs: minute * 60_000,
  wallTime: `2026-11-26T09:${String(minute).padStart(2, '0')}:00.000Z`,
  target: { kind: 'class' },
  codeIds: [],
  text,
  photos: [],
  pointToNoticeIds: [],
  createdAt: `2026-11-26T09:${String(minute).padStart(2, '0')}:00.000Z`,
});

interface HeldCall {
  channel: string;
  request: Record<string, unknown>;
  resolve: (result: CallResult<unknown>) => void;
}

/** A host that holds every call until the test answers it. */
const heldHost = () => {
  const calls: HeldCall[] = [];
  const call = ((channel: string, request: Record<string, unknown>) =>
    new Promise((resolve) => calls.push({ channel, request, resolve }))) as unknown as DeviceCaller;
  const ack = (held: HeldCall) => {
    const id = (held.request.note as DeviceNote | undefined)?.id ?? (held.request.id as string);
    held.resolve({ ok: true, value: { id, updatedAt: '2026-11-26T09:30:00.000Z' } });
  };
  return { calls, call, ack };
};

let dbCount = 0;
const freshName = () => `observer-outbox-${++dbCount}`;

const waitingIds = async (db: CaptureDb) =>
  (await createOutbox(db).entries(DEVICE))
    .filter(isWaiting)
    .map((e) => e.id)
    .sort();

describe('observer outbox', () => {
  it('survives a reload and resends until the host acknowledges', async () => {
    const name = freshName();
    const first = await openCaptureDb(name);
    const box = createOutbox(first);
    await box.add(DEVICE, note(A, 'Aiko counts by tens', 3), []);
    await box.add(DEVICE, note(B, 'Ben draws an array', 4), []);
    // Sent once into a dead connection: no reply ever comes.
    const lost = heldHost();
    await createSender({ outbox: box, deviceId: DEVICE, call: lost.call, onChange: () => undefined }).flush();
    await expect.poll(() => lost.calls.length).toBe(2);
    first.close();

    // The page is reloaded: a new connection, a new outbox, a new sender.
    const second = await openCaptureDb(name);
    expect(await waitingIds(second)).toEqual([A, B]);
    const host = heldHost();
    await createSender({ outbox: createOutbox(second), deviceId: DEVICE, call: host.call, onChange: () => undefined }).flush();
    await expect.poll(() => host.calls.length).toBe(2);
    expect(host.calls.map((c) => [c.channel, (c.request.note as DeviceNote).text])).toEqual([
      ['saveNote', 'Aiko counts by tens'],
      ['saveNote', 'Ben draws an array'],
    ]);
    host.calls.forEach(host.ack);
    await expect.poll(() => waitingIds(second)).toEqual([]);
    // Acknowledged notes stay in "my notes", newest first.
    expect(visibleNotes(await createOutbox(second).entries(DEVICE)).map((e) => e.id)).toEqual([B, A]);
    second.close();
  });

  it('an acknowledgement removes exactly that note from the waiting ones', async () => {
    const db = await openCaptureDb(freshName());
    const box = createOutbox(db);
    await box.add(DEVICE, note(A, 'first', 1), []);
    await box.add(DEVICE, note(B, 'second', 2), []);
    await box.add(DEVICE, note(C, 'third', 3), []);
    const host = heldHost();
    await createSender({ outbox: box, deviceId: DEVICE, call: host.call, onChange: () => undefined }).flush();
    await expect.poll(() => host.calls.length).toBe(3);
    host.ack(host.calls.find((c) => (c.request.note as DeviceNote).id === B)!);
    await expect.poll(() => waitingIds(db)).toEqual([A, C]);
    expect(waitingCount(await box.entries(DEVICE))).toBe(2);
    db.close();
  });

  it('a note edited while waiting sends only its newest text, once', async () => {
    const db = await openCaptureDb(freshName());
    const box = createOutbox(db);
    await box.add(DEVICE, note(A, 'Aiko says 12', 5), []);
    await box.editText(A, 'Aiko says 12 because 3 rows of 4');
    await box.editText(A, 'Aiko says 12 because 3 rows of 4 make 12');
    const host = heldHost();
    const sender = createSender({ outbox: box, deviceId: DEVICE, call: host.call, onChange: () => undefined });
    await sender.flush();
    await sender.flush();
    await expect.poll(() => host.calls.length).toBe(1);
    expect((host.calls[0].request.note as DeviceNote).text).toBe('Aiko says 12 because 3 rows of 4 make 12');
    host.ack(host.calls[0]);
    await expect.poll(() => waitingIds(db)).toEqual([]);
    await sender.flush();
    expect(host.calls).toHaveLength(1);
    db.close();
  });

  it('an edit made while a save is in flight goes out after that save is acknowledged', async () => {
    const db = await openCaptureDb(freshName());
    const box = createOutbox(db);
    await box.add(DEVICE, note(A, 'old words', 5), []);
    const host = heldHost();
    const sender = createSender({ outbox: box, deviceId: DEVICE, call: host.call, onChange: () => undefined });
    await sender.flush();
    await expect.poll(() => host.calls.length).toBe(1);
    await box.editText(A, 'new words');
    await sender.flush();
    // Still one call: the note is in flight.
    expect(host.calls).toHaveLength(1);
    host.ack(host.calls[0]);
    await expect.poll(() => host.calls.length).toBe(2);
    expect((host.calls[1].request.note as DeviceNote).text).toBe('new words');
    expect(await waitingIds(db)).toEqual([A]);
    host.ack(host.calls[1]);
    await expect.poll(() => waitingIds(db)).toEqual([]);
    db.close();
  });

  it('a deleted note sends deleteNote and is forgotten once the host answers', async () => {
    const db = await openCaptureDb(freshName());
    const box = createOutbox(db);
    await box.add(DEVICE, note(A, 'keep', 1), []);
    await box.add(DEVICE, note(B, 'wrong student', 2), []);
    await box.remove(B);
    expect(visibleNotes(await box.entries(DEVICE)).map((e) => e.id)).toEqual([A]);
    const host = heldHost();
    await createSender({ outbox: box, deviceId: DEVICE, call: host.call, onChange: () => undefined }).flush();
    await expect.poll(() => host.calls.map((c) => c.channel).sort()).toEqual(['deleteNote', 'saveNote']);
    const del = host.calls.find((c) => c.channel === 'deleteNote')!;
    expect(del.request).toEqual({ id: B });
    host.ack(del);
    await expect.poll(async () => (await box.entries(DEVICE)).map((e) => e.id)).toEqual([A]);
    db.close();
  });

  it('a photo is attached first and its ref goes into the note; refused notes are not resent', async () => {
    const db = await openCaptureDb(freshName());
    const box = createOutbox(db);
    const photoId = '44444444-4444-4444-8444-444444444444';
    await box.add(DEVICE, note(A, 'work on the board', 7), [{ id: photoId, name: 'board.jpg', dataBase64: '/9j/AAAA' }]);
    await box.add(DEVICE, note(B, 'x'.repeat(3), 8), []);
    const host = heldHost();
    const sender = createSender({ outbox: box, deviceId: DEVICE, call: host.call, onChange: () => undefined });
    await sender.flush();
    await expect.poll(() => host.calls.map((c) => c.channel).sort()).toEqual(['attachPhoto', 'saveNote']);
    const attach = host.calls.find((c) => c.channel === 'attachPhoto')!;
    expect(attach.request).toEqual({ name: 'board.jpg', dataBase64: '/9j/AAAA' });
    host.calls.find((c) => c.channel === 'saveNote')!.resolve({ ok: false, error: { code: 'invalid', message: 'Too long' } });
    attach.resolve({ ok: true, value: { hash: HASH, ext: 'jpg', name: 'board.jpg', bytes: 6 } });
    await expect.poll(() => host.calls.length).toBe(3);
    expect(host.calls[2].channel).toBe('saveNote');
    expect((host.calls[2].request.note as DeviceNote).photos).toEqual([{ hash: HASH, ext: 'jpg', name: 'board.jpg', bytes: 6 }]);
    expect(await box.photos(DEVICE)).toEqual([]);
    // The refused note is shown as refused, not waiting, and not sent again.
    const refused = (await box.entries(DEVICE)).find((e) => e.id === B)!;
    expect(refused.refused).toEqual({ rev: 1, code: 'invalid', message: 'Too long' });
    expect(isWaiting(refused)).toBe(false);
    await sender.flush();
    expect(host.calls).toHaveLength(3);
    db.close();
  });

  it('the same note saved twice (a reload before the draft was cleared) stays one note', async () => {
    const db = await openCaptureDb(freshName());
    const box = createOutbox(db);
    await box.add(DEVICE, note(A, 'Chika asks why', 9), []);
    await box.add(DEVICE, note(A, 'Chika asks why', 9), []);
    expect((await box.entries(DEVICE)).map((e) => [e.id, e.rev])).toEqual([[A, 2]]);
    const host = heldHost();
    await createSender({ outbox: box, deviceId: DEVICE, call: host.call, onChange: () => undefined }).flush();
    await expect.poll(() => host.calls.length).toBe(1);
    db.close();
  });

  it('never sends the notes of an earlier join into a new one', async () => {
    const db = await openCaptureDb(freshName());
    const box = createOutbox(db);
    await box.add('99999999-9999-4999-8999-999999999999', note(A, 'from last week', 1), []);
    expect(await box.entries(DEVICE)).toEqual([]);
    expect(nextToSend(await box.entries(DEVICE), [], new Set())).toEqual([]);
    db.close();
  });
});
