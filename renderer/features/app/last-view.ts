import { useEffect, useRef, useState } from 'react';
import { matchRoutes, useLocation, useNavigate, type RouteObject } from 'react-router';
import type { UiPreferences } from '../../../shared/contract/app';
import { backend } from '../../api/client';
import { routeContext } from './menu-context';

/**
 * The app window opens without a route (Electron loads index.html with no hash); only
 * then is the last view restored. Read once, before the router normalises the hash to
 * `#/`, so a reload or a link into a screen is never overridden.
 */
const startedWithoutRoute = typeof window !== 'undefined' && (window.location.hash === '' || window.location.hash === '#');

/** A saved path that names no screen but the groups list (or none): nothing to restore. */
export const nothingToRestore = (lastView: string, routes: RouteObject[]): boolean =>
  !lastView.startsWith('/') || lastView === '/' || !matchRoutes(routes, lastView);

/** Does this saved path still lead somewhere: a known route, and the group/cycle/design it names still exists? */
export const resolveLastView = async (lastView: string, routes: RouteObject[]): Promise<string> => {
  if (nothingToRestore(lastView, routes)) return '/';
  const ids = routeContext(lastView);
  try {
    if (ids.groupId) await backend.getGroup({ groupId: ids.groupId });
    if (ids.cycleId) await backend.getCycle({ cycleId: ids.cycleId });
    if (ids.designId) await backend.getDesign({ designId: ids.designId });
  } catch {
    return '/';
  }
  return lastView;
};

/**
 * Restores the last open view on start and remembers each view the user moves to.
 * Returns false until the restore has been decided, so nothing is written before.
 */
export const useLastView = (
  preferences: UiPreferences | undefined,
  routes: RouteObject[],
  save: (changes: Partial<UiPreferences>) => Promise<unknown>,
): boolean => {
  const location = useLocation();
  const navigate = useNavigate();
  // With the preferences already read (main.tsx asks for them before the first render) and
  // no screen to restore, the first render is the groups list, not an empty shell.
  const [settled, setSettled] = useState(() => !startedWithoutRoute || (preferences !== undefined && nothingToRestore(preferences.lastView, routes)));
  const started = useRef(false);

  useEffect(() => {
    if (settled || !preferences || started.current) return;
    started.current = true;
    void resolveLastView(preferences.lastView, routes).then((target) => {
      if (target !== '/') void navigate(target, { replace: true });
      setSettled(true);
    });
  }, [settled, preferences, routes, navigate]);

  const path = location.pathname;
  const loaded = preferences !== undefined;
  useEffect(() => {
    if (!settled || !preferences || path.length > 200 || preferences.lastView === path) return;
    save({ lastView: path }).catch(() => undefined);
    // preferences is read for the comparison only; writing on its every change would loop.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settled, loaded, path]);

  return settled;
};
