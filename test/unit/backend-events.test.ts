/**
 * The backend's pushed events: which kinds of document changed (never what they say),
 * one event per burst, `workspace-switched` when another workspace is opened; the page's
 * event line that comes back after a drop; the renderer refetching what it shows.
 */
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/backend';
import { changedKindOf, createBackendEvents, type BackendEvents } from '../../electron/backend/events';
import { toBackendEvent, type BackendEvent } from '../../shared/contract/backend-events';
import { stampObservation } from '../../shared/observe/stamp';
import { followBackendEvents } from '../../renderer/api/live-updates';
import { openEventLine, type EventSocket } from '../../renderer/api/http-transport';
import { tempDir } from './support/temp';

const NOTE = 'Riku said “a half is bigger because 2 is small”';
const fields = (name: string) => ({
  name,
  schools: [],
  subject: 'Math',
  gradeBand: '5',
  researchTheme: '',
  norms: [],
  members: [{ id: '0b7c1a52-5a0e-4c1d-9a55-1f1b1f7e0a03', name: 'Chika', role: 'observer' as const }],
});

/** A scheduler the test runs by hand: each flush waits until `runAll`. */
const manualScheduler = () => {
  const waiting: Array<() => void> = [];
  return {
    schedule: (flush: () => void) => void waiting.push(flush),
    scheduled: () => waiting.length,
    runAll: () => {
      for (const flush of waiting.splice(0)) flush();
    },
  };
};

const watched = async (): Promise<{ backend: Backend; events: BackendEvents; heard: BackendEvent[]; scheduler: ReturnType<typeof manualScheduler> }> => {
  const scheduler = manualScheduler();
  const events = createBackendEvents({ schedule: scheduler.schedule });
  const heard: BackendEvent[] = [];
  events.subscribe((event) => void heard.push(event));
  const backend = await createBackend({ workspaceDir: await tempDir() });
  events.follow(backend.context.store, false);
  return { backend, events, heard, scheduler };
};

describe('the backend event source', () => {
  it('names the kind of each workspace folder and nothing for files no page shows', () => {
    expect(changedKindOf('groups/g1.json')).toBe('groups');
    expect(changedKindOf('designs/d1.json')).toBe('designs');
    expect(changedKindOf('cycles/c1.json')).toBe('cycles');
    expect(changedKindOf('observations/c1/journal-1.jsonl')).toBe('observations');
    expect(changedKindOf('observations/c1/snapshot.json')).toBe('observations');
    expect(changedKindOf('analysis/c1.json')).toBe('analyses');
    expect(changedKindOf('catalogue.json')).toBeNull();
    expect(changedKindOf('notices.json')).toBeNull();
    expect(changedKindOf('constructor/x.json')).toBeNull();
  });

  it('gathers a burst of writes into one event naming each kind once, in a fixed order', async () => {
    const { backend, heard, scheduler } = await watched();
    const group = await backend.service.createGroup(fields('Cedar'));
    await backend.service.createDesign({ groupId: group.id, title: 'Comparing fractions' });
    await backend.service.updateGroup({ groupId: group.id, fields: fields('Cedar Grade 5') });
    expect(heard).toEqual([]);
    expect(scheduler.scheduled()).toBe(1);
    scheduler.runAll();
    expect(heard).toEqual([{ type: 'changed', kinds: ['groups', 'designs'] }]);
    // Nothing new: the next flush says nothing.
    scheduler.runAll();
    expect(heard).toHaveLength(1);
    await backend.close();
  });

  it('reports a note as observations, without its text, and a deletion and its restore with every kind they touch', async () => {
    const { backend, heard, scheduler } = await watched();
    const { service, context } = backend;
    const group = await service.createGroup(fields('Cedar'));
    const cycle = await service.createCycle({ groupId: group.id, title: 'Comparing fractions', researchQuestion: '' });
    scheduler.runAll();
    expect(heard).toEqual([{ type: 'changed', kinds: ['groups', 'cycles'] }]);

    await service.saveObservation({
      observation: stampObservation(
        { text: NOTE, target: { kind: 'class' }, codeIds: [], photos: [] },
        { id: context.newId(), cycleId: cycle.id, observerId: group.members[0].id, clockMs: 1000, now: new Date() },
      ),
    });
    scheduler.runAll();
    expect(heard[1]).toEqual({ type: 'changed', kinds: ['observations'] });

    await service.deleteGroup({ groupId: group.id });
    scheduler.runAll();
    expect(heard[2]).toEqual({ type: 'changed', kinds: ['groups', 'cycles', 'observations'] });

    const [deletion] = await service.listTrash({});
    await service.restoreFromTrash({ id: deletion.id });
    scheduler.runAll();
    expect(heard[3]).toEqual({ type: 'changed', kinds: ['groups', 'cycles'] });
    expect(heard).toHaveLength(4);
    expect(JSON.stringify(heard)).not.toContain('Riku');
    expect(JSON.stringify(heard)).not.toContain('Cedar');
    await backend.close();
  });

  it('says workspace-switched for another workspace, and no longer reports the one closed', async () => {
    const { backend, events, heard, scheduler } = await watched();
    await backend.service.createGroup(fields('Cedar'));
    const other = await createBackend({ workspaceDir: await tempDir() });
    events.follow(other.context.store, true);
    // A write finishing on the old workspace after the switch.
    await backend.service.createGroup(fields('Late'));
    scheduler.runAll();
    expect(heard).toEqual([{ type: 'workspace-switched' }]);
    await backend.service.createGroup(fields('Later still'));
    scheduler.runAll();
    expect(heard).toHaveLength(1);
    await other.service.createGroup(fields('Birch'));
    scheduler.runAll();
    expect(heard).toEqual([{ type: 'workspace-switched' }, { type: 'changed', kinds: ['groups'] }]);
    await backend.close();
    await other.close();
  });

  it('keeps delivering to the other listeners when one throws, and stops for one that unsubscribed', async () => {
    const { backend, events, heard, scheduler } = await watched();
    const gone: BackendEvent[] = [];
    events.subscribe(() => {
      throw new Error('a closed port');
    });
    const unsubscribe = events.subscribe((event) => void gone.push(event));
    unsubscribe();
    await backend.service.createGroup(fields('Cedar'));
    scheduler.runAll();
    expect(heard).toEqual([{ type: 'changed', kinds: ['groups'] }]);
    expect(gone).toEqual([]);
    await backend.close();
  });
});

describe('toBackendEvent (what the preload and the page accept)', () => {
  it('keeps known events and kinds, drops anything else', () => {
    expect(toBackendEvent({ type: 'changed', kinds: ['groups', 'secrets', 'groups', 3] })).toEqual({ type: 'changed', kinds: ['groups'] });
    expect(toBackendEvent({ type: 'changed', kinds: ['secrets'] })).toBeNull();
    expect(toBackendEvent({ type: 'changed', kinds: 'groups' })).toBeNull();
    expect(toBackendEvent({ type: 'workspace-switched', path: '/home/x' })).toEqual({ type: 'workspace-switched' });
    expect(toBackendEvent({ type: 'reconnected' })).toEqual({ type: 'reconnected' });
    expect(toBackendEvent({ type: 'note-added' })).toBeNull();
    expect(toBackendEvent(null)).toBeNull();
    expect(toBackendEvent([{ type: 'workspace-switched' }])).toBeNull();
  });
});

/** A socket the test opens, feeds and closes by hand. */
class FakeSocket implements EventSocket {
  private readonly listeners = new Map<string, Array<(event: { data: unknown }) => void>>();
  addEventListener(type: string, listener: (event: { data: unknown }) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  emit(type: 'open' | 'close' | 'message', data?: unknown): void {
    for (const listener of this.listeners.get(type) ?? []) listener({ data });
  }
}

describe("the page's event line", () => {
  const line = () => {
    const sockets: FakeSocket[] = [];
    const timers: Array<{ run: () => void; ms: number }> = [];
    const delivered: BackendEvent[] = [];
    openEventLine({
      open: () => {
        const socket = new FakeSocket();
        sockets.push(socket);
        return socket;
      },
      deliver: (event) => void delivered.push(event),
      later: (run, ms) => void timers.push({ run, ms }),
    });
    const runTimer = () => timers.shift()!.run();
    return { sockets, timers, delivered, runTimer };
  };

  it('delivers checked events and ignores what is not one', () => {
    const { sockets, delivered } = line();
    sockets[0].emit('open');
    sockets[0].emit('message', JSON.stringify({ type: 'changed', kinds: ['designs'] }));
    sockets[0].emit('message', 'not json');
    sockets[0].emit('message', JSON.stringify({ type: 'unknown' }));
    expect(delivered).toEqual([{ type: 'changed', kinds: ['designs'] }]);
  });

  it('tries again after a drop, waiting longer while refused, and says reconnected once back', () => {
    const { sockets, timers, delivered, runTimer } = line();
    sockets[0].emit('open');
    sockets[0].emit('close');
    expect(timers.map((t) => t.ms)).toEqual([500]);
    runTimer();
    // The server is away: each refused try waits longer, up to the last delay.
    for (let i = 1; i <= 6; i += 1) {
      sockets[i].emit('close');
      runTimer();
    }
    expect(sockets).toHaveLength(8);
    expect(delivered).toEqual([]);
    sockets[7].emit('open');
    expect(delivered).toEqual([{ type: 'reconnected' }]);
    sockets[7].emit('close');
    expect(timers.map((t) => t.ms)).toEqual([500]);
  });

  it('waits 0.5 s after a drop, then 1, 2, 5 and 10 seconds between refused tries', () => {
    const { sockets, timers, runTimer } = line();
    sockets[0].emit('open');
    const waits: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      sockets[i].emit('close');
      waits.push(timers[0].ms);
      runTimer();
    }
    expect(waits).toEqual([500, 1000, 2000, 5000, 10_000, 10_000]);
  });
});

describe('the renderer following the events', () => {
  const cached = () => {
    const client = new QueryClient();
    for (const key of [['groups'], ['group', 'g1'], ['designs', 'g1'], ['cycle', 'c1'], ['observations', 'c1'], ['cycle-evidence', 'c1'], ['photo', 'h1'], ['recovery', 'trash']]) {
      client.setQueryData(key, 'cached');
    }
    const invalidated = () =>
      client
        .getQueryCache()
        .getAll()
        .filter((query) => query.state.isInvalidated)
        .map((query) => query.queryKey.join(':'))
        .sort();
    return { client, invalidated };
  };
  const sourceOf = () => {
    let listener: ((event: BackendEvent) => void) | undefined;
    return { onBackendEvent: (l: (event: BackendEvent) => void) => ((listener = l), () => (listener = undefined)), send: (event: BackendEvent) => listener?.(event) };
  };

  it('invalidates only the queries that show a changed kind', () => {
    const { client, invalidated } = cached();
    const source = sourceOf();
    followBackendEvents(client, source);
    // Notes alone: their screens only, not the recovery lists or the workspace.
    source.send({ type: 'changed', kinds: ['observations'] });
    expect(invalidated()).toEqual(['cycle-evidence:c1', 'observations:c1']);
    source.send({ type: 'changed', kinds: ['groups'] });
    expect(invalidated()).toEqual(['cycle-evidence:c1', 'group:g1', 'groups', 'observations:c1', 'recovery:trash']);
  });

  it('leaves every query alone for a capture event: the invite panel follows it itself, and a device note also comes as changed', () => {
    const { client, invalidated } = cached();
    const source = sourceOf();
    followBackendEvents(client, source);
    source.send({ type: 'capture-changed', cycleId: 'c1' });
    expect(invalidated()).toEqual([]);
  });

  it('invalidates everything after a workspace switch or a reconnect, and nothing once unsubscribed', () => {
    const first = cached();
    const source = sourceOf();
    const stop = followBackendEvents(first.client, source);
    source.send({ type: 'workspace-switched' });
    expect(first.invalidated()).toHaveLength(8);
    stop();
    const second = cached();
    followBackendEvents(second.client, undefined);
    source.send({ type: 'reconnected' });
    expect(second.invalidated()).toEqual([]);
  });
});
