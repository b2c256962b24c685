/**
 * How the app ends, on every way a session can end. Kept free of Electron so each path is
 * unit-tested; main.ts only wires the events to it:
 * - `app` 'before-quit' (window closed, Quit, Ctrl+C in the terminal);
 * - `powerMonitor` 'shutdown' (Linux, macOS): preventDefault delays the system's shutdown
 *   until the app quits;
 * - `BrowserWindow` 'session-end' (Windows shutdown, restart or log-off), where
 *   'before-quit' never fires and the process can end as soon as the handler returns.
 * Every write was durable when it was acknowledged, so what a shutdown must not skip is
 * closing the workspace: pending writes finish and its lock is released, so the next
 * start (or another computer on a shared folder) is not refused.
 */
export interface ShutdownDeps {
  /** Finish pending writes and release the workspace lock. */
  close(): Promise<void>;
  /** Release the lock synchronously, for a session end that will not wait. */
  releaseLockNow(): void;
  /** Quit for real once the workspace is closed (`app.quit`). */
  quit(): void;
  log(message: string, error: unknown): void;
}

export interface PreventableQuit {
  preventDefault(): void;
}

export interface Shutdown {
  onBeforeQuit(event: PreventableQuit): void;
  onSystemShutdown(event: PreventableQuit): void;
  onSessionEnd(): void;
}

export const createShutdown = (deps: ShutdownDeps): Shutdown => {
  let state: 'open' | 'closing' | 'closed' = 'open';
  const closeThenQuit = () => {
    state = 'closing';
    deps
      .close()
      .catch((error: unknown) => deps.log('Closing the workspace failed', error))
      .finally(() => {
        state = 'closed';
        deps.quit();
      });
  };
  const holdUntilClosed = (event: PreventableQuit) => {
    // Once closed, the quit we asked for goes ahead.
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'open') closeThenQuit();
  };
  return {
    onBeforeQuit: holdUntilClosed,
    onSystemShutdown: holdUntilClosed,
    onSessionEnd: () => {
      if (state === 'closed') return;
      deps.releaseLockNow();
      if (state === 'open') closeThenQuit();
    },
  };
};
