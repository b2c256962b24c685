import { describe, expect, it, vi, type Mock } from 'vitest';
import { channelNames, contract, ipcChannel, type BackendService, type ChannelName } from '../../shared/contract';
import { handleInvoke, registerIpc, type IpcMainLike, type InvokeEvent } from '../../electron/ipc';

const appUrl = 'file:///opt/lesson-study/resources/app.asar/dist/renderer/index.html';

/** A service whose every function records calls; none should run for a rejected request. */
type FakeService = Record<ChannelName, Mock<(request: unknown) => Promise<unknown>>>;
const fakeService = (): FakeService =>
  Object.fromEntries(
    channelNames.map((name) => [name, vi.fn(async (_request: unknown): Promise<unknown> => null)]),
  ) as FakeService;
const asService = (fake: FakeService): BackendService => fake as unknown as BackendService;

const invalidPayloads: Array<[string, () => unknown]> = [
  ['undefined', () => undefined],
  ['a number', () => 42],
  ['a string', () => 'listGroups'],
  ['an array', () => [{}]],
  ['an object with a __proto__ key', () => JSON.parse('{"__proto__": {"isAdmin": true}}')],
  ['an object with an unknown key', () => ({ unexpectedKey: true })],
];

describe.each(channelNames)('channel %s', (name) => {
  it.each(invalidPayloads)('rejects %s without calling the backend', async (_label, payload) => {
    const service = fakeService();
    const result = await handleInvoke(asService(service), name, appUrl, appUrl, payload());
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(service[name]).not.toHaveBeenCalled();
  });

  it('rejects a request from a foreign frame before reading it', async () => {
    const service = fakeService();
    for (const sender of ['https://example.org/', 'file:///tmp/evil.html', 'about:blank', null]) {
      const result = await handleInvoke(asService(service), name, sender, appUrl, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(service[name]).not.toHaveBeenCalled();
  });

  it('declares a request schema that refuses unknown keys', () => {
    // A strict top-level object is what makes "an extra key" fail for every channel,
    // including those whose other fields would be valid.
    const def = (contract[name].request as unknown as { def: { type: string; catchall?: { def: { type: string } } } }).def;
    expect(def.type).toBe('object');
    expect(def.catchall?.def.type).toBe('never');
  });
});

describe('a valid request', () => {
  it('reaches the backend with the parsed payload and comes back wrapped', async () => {
    const service = fakeService();
    service.listGroups.mockResolvedValue([]);
    const result = await handleInvoke(asService(service), 'listGroups', appUrl, appUrl, {});
    expect(result).toEqual({ ok: true, value: [] });
    expect(service.listGroups).toHaveBeenCalledWith({});
  });

  it('passes the route through: a page on any hash route of the app is trusted', async () => {
    const service = fakeService();
    service.listGroups.mockResolvedValue([]);
    const result = await handleInvoke(asService(service), 'listGroups', `${appUrl}#/groups`, appUrl, {});
    expect(result.ok).toBe(true);
  });

  it('wraps a backend answer that breaks the contract as an internal error', async () => {
    const service = fakeService();
    service.listGroups.mockResolvedValue([{ not: 'a group summary' }]);
    const result = await handleInvoke(asService(service), 'listGroups', appUrl, appUrl, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe('unknown channels', () => {
  it.each(['invoke', 'constructor', '__proto__', 'toString'])('refuses %s', async (name) => {
    const result = await handleInvoke(asService(fakeService()), name, appUrl, appUrl, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });
});

describe('registerIpc', () => {
  it('registers exactly the contract channels and routes them through the checks', async () => {
    const handlers = new Map<string, (event: InvokeEvent, payload: unknown) => Promise<unknown>>();
    const ipcMain: IpcMainLike = { handle: (channel, listener) => void handlers.set(channel, listener) };
    const service = fakeService();
    service.listGroups.mockResolvedValue([]);
    registerIpc(ipcMain, () => asService(service), appUrl);

    expect([...handlers.keys()].sort()).toEqual(channelNames.map(ipcChannel).sort());

    const listGroups = handlers.get(ipcChannel('listGroups'))!;
    await expect(listGroups({ senderFrame: { url: appUrl } }, {})).resolves.toEqual({ ok: true, value: [] });
    await expect(listGroups({ senderFrame: null }, {})).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await expect(listGroups({ senderFrame: { url: 'https://example.org' } }, {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('treats a frame that was disposed mid-request as untrusted', async () => {
    const handlers = new Map<string, (event: InvokeEvent, payload: unknown) => Promise<unknown>>();
    registerIpc({ handle: (channel, listener) => void handlers.set(channel, listener) }, () => asService(fakeService()), appUrl);
    const disposed = {
      get senderFrame(): { url: string } {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    await expect(handlers.get(ipcChannel('listGroups'))!(disposed, {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});
