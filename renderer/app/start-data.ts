import type { QueryClient } from '@tanstack/react-query';
import { preferencesQuery } from '../features/app/preferences';
import { workspaceQuery } from '../features/app/workspace-query';
import { groupsQuery } from '../features/groups/queries';
import { showLanguage } from '../i18n';

/** How long a window waits for the first screen's answers before it is drawn without them. */
export const START_PATIENCE_MS = 300;

/**
 * The window's patience: {@link START_PATIENCE_MS}, unless the page was given another
 * (`lessonStudyStartPatienceMs`, a number of milliseconds) before the app loaded. The e2e
 * tests give a long one, so that a busy machine does not decide whether the first frame
 * has its answers in it.
 */
export const startPatienceMs = (page: object): number => {
  const given = (page as { lessonStudyStartPatienceMs?: unknown }).lessonStudyStartPatienceMs;
  return typeof given === 'number' && Number.isFinite(given) && given >= 0 ? given : START_PATIENCE_MS;
};

/**
 * Asks for the first screen's answers before React's first render and waits for them, or
 * for `patience` if the backend is slow. The window is then drawn once with the groups
 * list in it, instead of an empty shell, a layout, and the list in a second render and a
 * second layout. A failed answer is kept in the cache and shown by its screen as before.
 * The user's language comes with the preferences, so a Japanese window is drawn in
 * Japanese from its first frame. Says whether the answers came in time (`'answered'`) or
 * the window was drawn without them (`'late'`).
 */
export const loadStartData = (client: QueryClient, patience: Promise<void>): Promise<'answered' | 'late'> =>
  Promise.race([
    // The answers the first screen is drawn from: the workspace, the preferences and the groups list.
    Promise.all([
      client.prefetchQuery(workspaceQuery),
      client.fetchQuery(preferencesQuery).then(
        (preferences) => showLanguage(preferences.uiLanguage),
        () => undefined, // kept in the cache; the app says why
      ),
      client.prefetchQuery(groupsQuery),
    ]).then(() => 'answered' as const),
    patience.then(() => 'late' as const),
  ]);
