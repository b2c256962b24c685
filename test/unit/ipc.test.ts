import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi, type Mock } from 'vitest';
import { channelNames, contract, type BackendService, type ChannelName } from '../../shared/contract';
import { createPortClient, type PortEndpoint } from '../../shared/contract/port-client';
import type { Result } from '../../shared/result';
import { servePort, type ServerPort } from '../../electron/backend/process/port-door';
import { PORT_REQUEST_CHANNEL, registerPortHandoff, type ConnectEvent } from '../../electron/ipc';

const appUrl = 'file:///opt/lesson-study/resources/app.asar/dist/renderer/index.html';

/** A service whose every function records calls; none should run for a rejected request. */
type FakeService = Record<ChannelName, Mock<(request: unknown) => Promise<unknown>>>;
const fakeService = (): FakeService =>
  Object.fromEntries(
    channelNames.map((name) => [name, vi.fn(async (_request: unknown): Promise<unknown> => null)]),
  ) as FakeService;
const asService = (fake: FakeService): BackendService => fake as unknown as BackendService;

const openPorts: Array<{ close(): void }> = [];
afterEach(() => {
  for (const port of openPorts.splice(0)) port.close();
});

/**
 * One request the way the window sends it: the preload's port client on one end of a
 * MessagePort, the backend process's port door on the other (Node's MessagePort stands
 * in for Electron's; both clone what they carry).
 */
const viaWindowPort = (service: BackendService, name: string, payload: unknown): Promise<Result<unknown>> => {
  const { port1, port2 } = new MessageChannel();
  openPorts.push(port1, port2);
  servePort(port1 as unknown as ServerPort, () => service);
  const client = createPortClient();
  client.attach(port2 as unknown as PortEndpoint);
  return client.call(name, payload);
};

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
    const result = await viaWindowPort(asService(service), name, payload());
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
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
    const result = await viaWindowPort(asService(service), 'listGroups', {});
    expect(result).toEqual({ ok: true, value: [] });
    expect(service.listGroups).toHaveBeenCalledWith({});
  });

  it('wraps a backend answer that breaks the contract as an internal error', async () => {
    const service = fakeService();
    service.listGroups.mockResolvedValue([{ not: 'a group summary' }]);
    const result = await viaWindowPort(asService(service), 'listGroups', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe('unknown channels', () => {
  it.each(['invoke', 'constructor', '__proto__', 'toString'])('refuses %s', async (name) => {
    const result = await viaWindowPort(asService(fakeService()), name, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });
});

describe('registerPortHandoff', () => {
  const handoff = () => {
    const listeners = new Map<string, (event: ConnectEvent<string>) => void>();
    const handedTo: string[] = [];
    registerPortHandoff<string>({ on: (channel, listener) => void listeners.set(channel, listener) }, appUrl, (sender) => void handedTo.push(sender));
    return { listeners, handedTo };
  };

  it('listens on the one connect channel and hands the app page its port, on any route', () => {
    const { listeners, handedTo } = handoff();
    expect([...listeners.keys()]).toEqual(['lesson-study:connect']);
    listeners.get(PORT_REQUEST_CHANNEL)!({ senderFrame: { url: appUrl }, sender: 'window' });
    listeners.get(PORT_REQUEST_CHANNEL)!({ senderFrame: { url: `${appUrl}#/groups` }, sender: 'window on a route' });
    expect(handedTo).toEqual(['window', 'window on a route']);
  });

  it('gives a foreign or vanished frame nothing', () => {
    const { listeners, handedTo } = handoff();
    for (const url of ['https://example.org/', 'file:///tmp/evil.html', 'about:blank']) {
      listeners.get(PORT_REQUEST_CHANNEL)!({ senderFrame: { url }, sender: url });
    }
    listeners.get(PORT_REQUEST_CHANNEL)!({ senderFrame: null, sender: 'navigated away' });
    const disposed = {
      get senderFrame(): { url: string } {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
      sender: 'disposed',
    };
    listeners.get(PORT_REQUEST_CHANNEL)!(disposed);
    expect(handedTo).toEqual([]);
  });
});
