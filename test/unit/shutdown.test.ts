import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createBackend } from '../../electron/backend';
import { LOCK_FILE } from '../../electron/storage/lock';
import { createShutdown, type ShutdownDeps } from '../../electron/shutdown';
import { tempDir } from './support/temp';

/** A shutdown over a real workspace, recording what happened in order. */
const setUp = async () => {
  const dir = await tempDir();
  const backend = await createBackend({ workspaceDir: dir });
  const events: string[] = [];
  let finishClose: () => void = () => undefined;
  const deps: ShutdownDeps = {
    close: async () => {
      events.push('close started');
      // Held open until the test lets it finish, as a slow pending write would.
      await new Promise<void>((resolve) => (finishClose = resolve));
      await backend.close();
      events.push('closed');
    },
    releaseLockNow: () => {
      backend.releaseLockNow();
      events.push('lock released now');
    },
    quit: () => events.push('quit'),
    log: (message) => events.push(`log: ${message}`),
  };
  const prevented = () => {
    const event = { prevented: 0, preventDefault: () => void (event.prevented += 1) };
    return event;
  };
  return { dir, events, shutdown: createShutdown(deps), finish: () => finishClose(), prevented, lock: path.join(dir, LOCK_FILE) };
};

/** Waits for the state, never for a time: the close does real file work. */
const quitHappened = (events: string[]) => vi.waitFor(() => expect(events).toContain('quit'), { timeout: 10_000 });

describe('shutdown', () => {
  it('Quit holds the app until the workspace is closed and its lock released, then quits once', async () => {
    const { events, shutdown, finish, prevented, lock } = await setUp();
    const first = prevented();
    shutdown.onBeforeQuit(first);
    expect(first.prevented).toBe(1);
    // A second Quit while closing is held too, and does not close twice.
    const second = prevented();
    shutdown.onBeforeQuit(second);
    expect(second.prevented).toBe(1);
    expect(existsSync(lock)).toBe(true);
    finish();
    await quitHappened(events);
    expect(events).toEqual(['close started', 'closed', 'quit']);
    expect(existsSync(lock)).toBe(false);
    // The quit we asked for now goes ahead.
    const last = prevented();
    shutdown.onBeforeQuit(last);
    expect(last.prevented).toBe(0);
  });

  it('a system shutdown (Linux, macOS) is delayed until the workspace is closed', async () => {
    const { events, shutdown, finish, prevented, lock } = await setUp();
    const event = prevented();
    shutdown.onSystemShutdown(event);
    expect(event.prevented).toBe(1);
    finish();
    await quitHappened(events);
    expect(events).toEqual(['close started', 'closed', 'quit']);
    expect(existsSync(lock)).toBe(false);
  });

  it("Windows' session end releases the lock before the handler returns, then closes", async () => {
    const { events, shutdown, finish, lock } = await setUp();
    shutdown.onSessionEnd();
    // Synchronously: Windows may end the process right after this returns.
    expect(existsSync(lock)).toBe(false);
    expect(events).toEqual(['lock released now', 'close started']);
    finish();
    await quitHappened(events);
    expect(events).toEqual(['lock released now', 'close started', 'closed', 'quit']);
  });

  it('a failed close is logged and the app still quits', async () => {
    const events: string[] = [];
    const shutdown = createShutdown({
      close: () => Promise.reject(new Error('disk gone')),
      releaseLockNow: () => undefined,
      quit: () => events.push('quit'),
      log: (message) => events.push(`log: ${message}`),
    });
    shutdown.onBeforeQuit({ preventDefault: () => undefined });
    await quitHappened(events);
    expect(events).toEqual(['log: Closing the workspace failed', 'quit']);
  });

  it("releasing now leaves another process's lock alone", async () => {
    const dir = await tempDir();
    const backend = await createBackend({ workspaceDir: dir });
    const { writeFileSync, readFileSync } = await import('node:fs');
    const lock = path.join(dir, LOCK_FILE);
    // Another process took the folder over (say, after this one was thought dead).
    writeFileSync(lock, JSON.stringify({ pid: process.pid + 1, hostname: 'other-laptop', startedAt: '2026-03-01T10:00:00Z' }));
    backend.releaseLockNow();
    expect(JSON.parse(readFileSync(lock, 'utf8')).hostname).toBe('other-laptop');
  });
});
