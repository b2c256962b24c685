import { useEffect, useRef } from 'react';

/**
 * Commands that the native menu and the command palette start but a feature carries out
 * (it owns the dialog). A feature registers a handler while its screen is shown:
 *
 *   useAppCommand('export-report', () => setExportOpen(true));
 *
 * With no handler registered, the app falls back to opening the screen that has the
 * command's button and pressing it (see `pressButtonWhenReady`).
 */
export type AppCommand = 'new-group' | 'new-cycle' | 'export-report' | 'export-lesson-plan';

const handlers = new Map<AppCommand, Array<() => void>>();

export const useAppCommand = (command: AppCommand, handler: () => void) => {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    const call = () => latest.current();
    handlers.set(command, [...(handlers.get(command) ?? []), call]);
    return () => {
      handlers.set(command, (handlers.get(command) ?? []).filter((h) => h !== call));
    };
  }, [command]);
};

/** Runs the most recently registered handler; false when no screen handles the command. */
export const runAppCommand = (command: AppCommand): boolean => {
  const handler = handlers.get(command)?.at(-1);
  if (!handler) return false;
  handler();
  return true;
};

/**
 * Wait (up to `timeoutMs`) for a button with exactly this text to appear in the main
 * area, then press it: how a menu command reaches a feature's own button after the app
 * navigated to its screen. Resolves false if it never appears. The screen's code and
 * answers can take seconds on a busy school laptop, so the wait is generous.
 */
export const pressButtonWhenReady = (label: string, timeoutMs = 20_000): Promise<boolean> =>
  new Promise((resolve) => {
    const find = () =>
      [...document.querySelectorAll<HTMLButtonElement>('#main button')].find(
        (button) => !button.disabled && (button.textContent ?? '').trim() === label,
      );
    const attempt = () => {
      const button = find();
      if (!button) return false;
      observer.disconnect();
      clearTimeout(timer);
      button.focus();
      button.click();
      resolve(true);
      return true;
    };
    const observer = new MutationObserver(() => void attempt());
    const timer = setTimeout(() => {
      observer.disconnect();
      resolve(false);
    }, timeoutMs);
    if (!attempt()) observer.observe(document.body, { childList: true, subtree: true });
  });
