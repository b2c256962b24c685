import { API_GLOBAL } from '../../shared/contract/names';
import type { BrowserShell } from '../../shared/contract/names';

/**
 * The browser transport's additions, or null in the desktop window (and the e2e bridge),
 * so a screen can leave out what only the desktop can do ("Show in folder") and use the
 * page's own dialogs and menu bar instead of native ones.
 */
export const browserShell = (): BrowserShell | null => {
  // The backend renders the start screen without a window: that page is the desktop window's.
  if (typeof window === 'undefined') return null;
  const api = (window as unknown as Record<string, Partial<BrowserShell> | undefined>)[API_GLOBAL];
  return api?.shell === 'browser' ? (api as BrowserShell) : null;
};

export const isBrowserShell = (): boolean => browserShell() !== null;
