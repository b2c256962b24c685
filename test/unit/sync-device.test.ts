import { describe, expect, it } from 'vitest';
import { reconcileIdentity, type DeviceRecord, type IdentityInput, type LocalIdentity } from '../../electron/storage/sync/device';

const ID = '1111111111111111';
const NEW_ID = '2222222222222222';
const HOST = 'ana-laptop|ana|C:/Users/ana/AppData/Roaming/Lesson Study';
const NOW = new Date('2026-11-26T10:00:00.000Z');

const local = (over: Partial<LocalIdentity> = {}): LocalIdentity => ({
  deviceId: ID,
  host: HOST,
  createdAt: '2026-09-01T08:00:00.000Z',
  nonces: ['aaaa000000000002', 'aaaa000000000001'],
  writtenAt: '2026-11-20T08:00:00.000Z',
  ...over,
});
const record = (nonce: string, writtenAt: string): DeviceRecord => ({ deviceId: ID, nonce, writtenAt, label: "Ana's laptop" });

const decide = (over: Partial<IdentityInput>) =>
  reconcileIdentity({
    local: local(),
    host: HOST,
    records: [],
    now: NOW,
    label: "Ana's laptop",
    starting: true,
    newDeviceId: () => NEW_ID,
    newNonce: () => 'ffff000000000009',
    ...over,
  });

describe('device identity', () => {
  it('a first start makes an id and a record', () => {
    const d = decide({ local: null });
    expect(d).toMatchObject({ action: 'new', reason: 'first-start', identity: { deviceId: NEW_ID, nonces: ['ffff000000000009'] } });
    expect(d.record).toEqual({ deviceId: NEW_ID, nonce: 'ffff000000000009', writtenAt: '2026-11-26T10:00:00.000Z', label: "Ana's laptop" });
  });

  it('an ordinary start keeps the id and writes a fresh nonce', () => {
    const d = decide({ records: [record('aaaa000000000002', '2026-11-20T08:00:00.000Z')] });
    expect(d.action).toBe('claim');
    expect(d.identity.deviceId).toBe(ID);
    expect(d.identity.nonces).toEqual(['ffff000000000009', 'aaaa000000000002', 'aaaa000000000001']);
  });

  it('a later look at an unchanged record changes nothing', () => {
    const d = decide({ starting: false, records: [record('aaaa000000000002', '2026-11-20T08:00:00.000Z')] });
    expect(d).toEqual({ action: 'keep', identity: local() });
  });

  it('an older nonce of our own (a conflict copy of our record) is not another installation', () => {
    const d = decide({ starting: false, records: [record('aaaa000000000002', '2026-11-20T08:00:00.000Z'), record('aaaa000000000001', '2026-11-01T08:00:00.000Z')] });
    expect(d.action).toBe('keep');
  });

  it('a profile copied to another computer takes a new id at once', () => {
    const d = decide({ host: 'ben-laptop|ben|C:/Users/ben/AppData/Roaming/Lesson Study' });
    expect(d).toMatchObject({ action: 'new', reason: 'copied-profile', previousId: ID, identity: { deviceId: NEW_ID } });
  });

  it('a cloned installation that wrote after us under our id: we are the one to move', () => {
    const d = decide({ records: [record('cccc000000000001', '2026-11-21T08:00:00.000Z')] });
    expect(d).toMatchObject({ action: 'new', reason: 'shared-id', previousId: ID, identity: { deviceId: NEW_ID } });
  });

  it('a cloned installation that wrote before us: we keep the id and write our record again so that it moves', () => {
    const d = decide({ starting: false, records: [record('aaaa000000000002', '2026-11-20T08:00:00.000Z'), record('cccc000000000001', '2026-11-19T08:00:00.000Z')] });
    expect(d.action).toBe('claim');
    expect(d.identity.deviceId).toBe(ID);
    expect(d.record?.writtenAt).toBe('2026-11-26T10:00:00.000Z');
  });

  it('of two installations with one id, exactly one moves, whichever looks first', () => {
    const first = local({ nonces: ['aaaa000000000002'], writtenAt: '2026-11-20T08:00:00.000Z' });
    const clone = local({ nonces: ['cccc000000000001'], writtenAt: '2026-11-20T08:00:00.000Z' });
    const records = [record('aaaa000000000002', '2026-11-20T08:00:00.000Z'), record('cccc000000000001', '2026-11-20T08:00:00.000Z')];
    const a = decide({ local: first, records, starting: false });
    const c = decide({ local: clone, records, starting: false });
    // Same time: the smaller nonce counts as older and moves; the other writes its record again.
    expect([a.action, c.action]).toEqual(['new', 'claim']);
  });

  it('refuses a device id that is not 16 hex characters', () => {
    expect(() => decide({ local: null, newDeviceId: () => 'laptop' })).toThrow(/16 lowercase hex/);
  });
});
