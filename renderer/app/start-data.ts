import type { QueryClient } from '@tanstack/react-query';
import type { UiPreferences } from '../../shared/contract/app';
import { START_ANSWERS_ID, type StartAnswers } from '../../shared/contract/start-page';
import { nothingToRestore } from '../features/app/last-view';
import { preferencesQuery } from '../features/app/preferences';
import { workspaceQuery } from '../features/app/workspace-query';
import { groupsQuery } from '../features/groups/queries';
import { showLanguage } from '../i18n';
import { routes } from './routes';

export type { StartAnswers };

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

/** Does a window opened without a route show the start screen (no last view to restore)? */
export const opensOnStartScreen = (preferences: UiPreferences): boolean => nothingToRestore(preferences.lastView, routes);

/** The queries the start screen's answers fill. */
export const startQueryKeys = [workspaceQuery.queryKey, preferencesQuery.queryKey, groupsQuery.queryKey] as const;

/** Puts the start screen's answers in the cache, where its queries find them. */
export const seedStartAnswers = (client: QueryClient, answers: StartAnswers): void => {
  client.setQueryData(workspaceQuery.queryKey, answers.workspace);
  client.setQueryData(preferencesQuery.queryKey, answers.preferences);
  client.setQueryData(groupsQuery.queryKey, answers.groups);
};

/**
 * The answers a start page carries (the backend rendered the start screen into it), or null
 * for the plain index.html, one whose answers cannot be read, or a window opened on another
 * screen's route (a reload), which must not be hydrated as the start screen.
 */
export const embeddedStartAnswers = (page: Pick<Document, 'getElementById'>, hash: string): StartAnswers | null => {
  if (hash !== '' && hash !== '#' && hash !== '#/') return null;
  const text = page.getElementById(START_ANSWERS_ID)?.textContent;
  if (!text) return null;
  try {
    const answers = JSON.parse(text) as Partial<StartAnswers> | null;
    return answers && answers.workspace && answers.preferences && Array.isArray(answers.groups) ? (answers as StartAnswers) : null;
  } catch {
    return null;
  }
};
