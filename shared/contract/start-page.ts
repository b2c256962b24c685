import type { ResponseOf } from './index';

/**
 * The start page: the app's index.html with the start screen already in it, rendered by
 * the backend (electron/backend/start-page.ts) and hydrated by the window (renderer/main.tsx).
 */

/** The answers the start screen is drawn from, as the window would ask for them first. */
export interface StartAnswers {
  workspace: ResponseOf<'getWorkspace'>;
  preferences: ResponseOf<'getPreferences'>;
  groups: ResponseOf<'listGroups'>;
}

/** The `<script type="application/json">` that carries the answers into the page (data, never run). */
export const START_ANSWERS_ID = 'start-answers';

/** The app's empty root in index.html, which the start page fills. */
export const EMPTY_ROOT = '<div id="root" data-app-state="loading"></div>';

/** The page's root element in index.html, which the start page gives the user's language and theme. */
export const PAGE_ELEMENT = '<html lang="en">';
