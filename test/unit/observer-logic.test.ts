import { describe, expect, it } from 'vitest';
import { changeDraft, emptyDraft, noteFromDraft, type DraftStamp } from '../../renderer/observer/draft';
import { dictionaries, pendingLabel, pickLanguage, translator } from '../../renderer/observer/i18n';
import { newId } from '../../renderer/observer/ids';
import { hashWithoutSecret, joinLesson, joinSecretFromHash, type FetchLike } from '../../renderer/observer/join';
import { hostOffsetMs, lessonTimeAt } from '../../renderer/observer/lesson-time';
import { fitWithin } from '../../renderer/observer/photo';
import { pickables, targetName, targetOfSeats, toggleSeat } from '../../renderer/observer/target';
import { AIKO, BEN, CHIKA, HOST_T0, lesson, liveClock, STEP_2 } from './observer-fixtures';

describe('one lesson clock for every device', () => {
  it('a device clock 90 s fast still reads and stamps the host lesson time', () => {
    // The host started the lesson 5 minutes before it sent this clock message.
    const clock = liveClock({ clock: { accumulatedMs: 0, runningSince: HOST_T0 - 300_000 }, hostNowMs: HOST_T0 });
    const steps = lesson().steps; // 5, 10, 15 minutes
    const deviceReceivedAt = HOST_T0 + 90_000; // the device's clock runs 90 s ahead
    const offset = hostOffsetMs(clock.hostNowMs, deviceReceivedAt);
    expect(offset).toBe(-90_000);

    // Ten seconds later on the device: the host's lesson time is 5:10, in step 2.
    const at = lessonTimeAt(clock, steps, offset, deviceReceivedAt + 10_000);
    expect(at).toEqual({ clockMs: 310_000, stepIndex: 1, hostWallMs: HOST_T0 + 10_000 });

    const stamp = (): DraftStamp => ({ clockMs: at.clockMs, hostWallMs: at.hostWallMs, stepId: steps[at.stepIndex].id });
    const draft = changeDraft(emptyDraft, { text: '  Ben counts the rows  ' }, stamp);
    const note = noteFromDraft(draft, '11111111-1111-4111-8111-111111111111', { kind: 'class' }, draft.stamp!);
    expect(note).toEqual({
      id: '11111111-1111-4111-8111-111111111111',
      clockMs: 310_000,
      wallTime: '2026-11-26T09:00:10.000Z',
      stepId: STEP_2,
      target: { kind: 'class' },
      codeIds: [],
      text: 'Ben counts the rows',
      photos: [],
      pointToNoticeIds: [],
      createdAt: '2026-11-26T09:00:10.000Z',
    });
  });

  it('a paused clock stands still and the step follows the facilitator’s anchor', () => {
    const paused = liveClock({ clock: { accumulatedMs: 125_000, runningSince: null }, anchor: { index: 2, atMs: 120_000 } });
    expect(lessonTimeAt(paused, lesson().steps, 0, HOST_T0 + 3_600_000)).toEqual({ clockMs: 125_000, stepIndex: 2, hostWallMs: HOST_T0 + 3_600_000 });
  });

  it('a note is stamped when it is started, not when it is saved', () => {
    let calls = 0;
    const at = (clockMs: number) => () => {
      calls += 1;
      return { clockMs, hostWallMs: HOST_T0 + clockMs };
    };
    let draft = changeDraft(emptyDraft, { seatIds: ['seat'] }, at(60_000));
    expect(draft.stamp).toBeNull();
    draft = changeDraft(draft, { text: 'A' }, at(120_000));
    draft = changeDraft(draft, { text: 'Aiko explains' }, at(180_000));
    expect(draft.stamp).toEqual({ clockMs: 120_000, hostWallMs: HOST_T0 + 120_000 });
    expect(calls).toBe(1);
    // Emptied again: the next first letter starts a new note.
    draft = changeDraft(draft, { text: '' }, at(200_000));
    expect(draft.stamp).toBeNull();
  });
});

describe('seat taps choose whom the note is about', () => {
  const l = lesson();
  const [aikoSeat, benSeat, tableSeat] = l.seatingChart.seats.map((s) => s.id);
  const all = pickables(l.seatingChart.seats, l.students);
  const names = new Map(l.students.map((s) => [s.id, s.pseudonym]));

  it('nothing tapped is the whole class; one student seat is that student', () => {
    expect(targetOfSeats([], all, names)).toEqual({ kind: 'class' });
    expect(targetOfSeats(toggleSeat([], aikoSeat), all, names)).toEqual({ kind: 'student', studentId: AIKO });
  });

  it('several students’ seats are those students, in the order tapped; with a free-labelled seat they are a group', () => {
    const picked = toggleSeat(toggleSeat([], benSeat), aikoSeat);
    expect(targetOfSeats(picked, all, names)).toEqual({ kind: 'students', studentIds: [BEN, AIKO] });
    expect(targetOfSeats([...picked, `student:${CHIKA}`], all, names)).toEqual({ kind: 'students', studentIds: [BEN, AIKO, CHIKA] });
    expect(targetOfSeats([...picked, tableSeat], all, names)).toEqual({ kind: 'group', label: 'Ben, Aiko, Table 3' });
  });

  it('names the students a note is about as the device shows them', () => {
    expect(targetName({ kind: 'students', studentIds: [BEN, AIKO] }, names, 'Whole class', ', ')).toBe('Ben, Aiko');
    expect(targetName({ kind: 'students', studentIds: [BEN, AIKO] }, names, '学級全体', '、')).toBe('Ben、Aiko');
    expect(targetName({ kind: 'student', studentId: AIKO }, names, 'Whole class', ', ')).toBe('Aiko');
    expect(targetName({ kind: 'class' }, names, 'Whole class', ', ')).toBe('Whole class');
  });

  it('tapping a seat again takes it out', () => {
    const picked = toggleSeat(toggleSeat(toggleSeat([], aikoSeat), benSeat), aikoSeat);
    expect(targetOfSeats(picked, all, names)).toEqual({ kind: 'student', studentId: BEN });
  });

  it('a free-labelled seat is a group; an unseated student can still be picked', () => {
    expect(targetOfSeats([tableSeat], all, names)).toEqual({ kind: 'group', label: 'Table 3' });
    expect(all.map((p) => p.id).slice(3)).toEqual([`student:${CHIKA}`]);
    expect(targetOfSeats([`student:${CHIKA}`], all, names)).toEqual({ kind: 'student', studentId: CHIKA });
  });

  it('a long group label is cut to the 120 characters a group label may have', () => {
    const seats = Array.from({ length: 30 }, (_, i) => ({ id: `s${i}`, label: `Student number ${i}` }));
    const target = targetOfSeats(seats.map((s) => s.id), seats, new Map());
    expect(target.kind === 'group' && target.label.length).toBe(120);
    expect(target.kind === 'group' && target.label.endsWith('…')).toBe(true);
  });
});

describe('observer page strings', () => {
  it('every key exists in English and Japanese, filled, with the same placeholders', () => {
    const en = dictionaries.en;
    const ja = dictionaries.ja;
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect(en[key].trim(), key).not.toBe('');
      expect(ja[key].trim(), key).not.toBe('');
      expect(holes(ja[key]), key).toEqual(holes(en[key]));
    }
  });

  it('the waiting badge reads naturally in both languages', () => {
    expect(pendingLabel(translator('en'), 3)).toBe('3 notes waiting to send');
    expect(pendingLabel(translator('en'), 1)).toBe('1 note waiting to send');
    expect(pendingLabel(translator('en'), 0)).toBe('All notes sent');
    expect(pendingLabel(translator('ja'), 3)).toBe('送信待ちの記録が3件あります');
  });

  it('the device language is used unless the observer chose one', () => {
    expect(pickLanguage(null, ['ja-JP', 'en-US'])).toBe('ja');
    expect(pickLanguage(null, ['fr-FR', 'en-GB'])).toBe('en');
    expect(pickLanguage(null, ['ko-KR'])).toBe('en');
    expect(pickLanguage('en', ['ja-JP'])).toBe('en');
    expect(pickLanguage('de', ['ja'])).toBe('ja');
  });
});

describe('joining', () => {
  const answer = { deviceId: '0b6e7c1a-6a5e-4f7e-9d43-1f5a0c2e9b11', deviceToken: 'x'.repeat(43) };
  const fetchReturning = (status: number, body: unknown) => {
    const sent: Array<{ url: string; body: unknown }> = [];
    const fetchJson: FetchLike = async (url, init) => {
      sent.push({ url, body: JSON.parse(init.body) });
      return { status, json: async () => body };
    };
    return { sent, fetchJson };
  };

  it('sends the typed code in the protocol’s form and returns the pass', async () => {
    // The capture door wraps its answer as every door does.
    const { sent, fetchJson } = fetchReturning(200, { ok: true, value: answer });
    expect(await joinLesson(fetchJson, { deviceName: ' Aiko’s iPad ', code: 'abc-dfg', language: 'ja' })).toEqual({ ok: true, answer });
    expect(sent).toEqual([{ url: '/join', body: { deviceName: 'Aiko’s iPad', language: 'ja', code: 'ABCDFG' } }]);
  });

  it('sends the QR secret instead of a code when the address has one', async () => {
    const { sent, fetchJson } = fetchReturning(200, answer);
    await joinLesson(fetchJson, { deviceName: 'Ben', secret: 'S3cret_secret-123', code: 'nonsense', language: 'en' });
    expect(sent[0].body).toEqual({ deviceName: 'Ben', language: 'en', secret: 'S3cret_secret-123' });
  });

  it('names each way joining fails', async () => {
    const input = { deviceName: 'Ben', code: 'ABCDFG', language: 'en' as const };
    expect(await joinLesson(fetchReturning(403, {}).fetchJson, input)).toEqual({ ok: false, reason: 'wrong-code' });
    expect(await joinLesson(fetchReturning(410, {}).fetchJson, input)).toEqual({ ok: false, reason: 'wrong-code' });
    expect(await joinLesson(fetchReturning(429, {}).fetchJson, input)).toEqual({ ok: false, reason: 'throttled' });
    expect(await joinLesson(fetchReturning(200, { ok: true, value: { deviceId: 'x' } }).fetchJson, input)).toEqual({
      ok: false,
      reason: 'server',
      detail: 'unexpected answer',
    });
    expect(await joinLesson(fetchReturning(400, { ok: false, error: { code: 'invalid', message: 'Name too long' } }).fetchJson, input)).toEqual({
      ok: false,
      reason: 'server',
      detail: 'Name too long',
    });
    const unreachable: FetchLike = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect(await joinLesson(unreachable, input)).toEqual({ ok: false, reason: 'unreachable' });
    expect(await joinLesson(unreachable, { ...input, deviceName: '  ' })).toEqual({ ok: false, reason: 'name-missing' });
    expect(await joinLesson(unreachable, { ...input, code: 'AB0O1I' })).toEqual({ ok: false, reason: 'code-format' });
  });

  it('reads the secret from the fragment and leaves the rest of it', () => {
    expect(joinSecretFromHash('#join=AbCdEfGhIjKlMnOp')).toBe('AbCdEfGhIjKlMnOp');
    expect(joinSecretFromHash('')).toBeUndefined();
    expect(hashWithoutSecret('#join=AbCdEfGhIjKlMnOp')).toBe('');
    expect(hashWithoutSecret('#join=AbCdEfGhIjKlMnOp&lang=ja')).toBe('#lang=ja');
  });
});

describe('device helpers', () => {
  it('photos are scaled so the longest side is at most 1600 px, never enlarged', () => {
    expect(fitWithin(4032, 3024)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(3024, 4032)).toEqual({ width: 1200, height: 1600 });
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 });
  });

  it('ids are v4 UUIDs made without crypto.randomUUID (missing over plain HTTP)', () => {
    expect(newId((b) => b.fill(0xff))).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    expect(newId((b) => b.fill(0))).toBe('00000000-0000-4000-8000-000000000000');
  });
});
