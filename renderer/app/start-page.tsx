import { QueryClientProvider } from '@tanstack/react-query';
import { renderToString } from 'react-dom/server';
import { createPath, Router, type Navigator } from 'react-router';
import { showLanguage } from '../i18n';
import { App } from './App';
import { createAppQueryClient } from './query-client';
import { opensOnStartScreen, seedStartAnswers, type StartAnswers } from './start-data';

/** Links as the window's HashRouter writes them (`#/groups/…`); nothing navigates on the server. */
const hashLinks: Navigator = {
  createHref: (to) => `#${typeof to === 'string' ? to : createPath(to)}`,
  go: () => undefined,
  push: () => undefined,
  replace: () => undefined,
};

/**
 * The start screen (the groups list) as HTML, rendered in the backend from the answers the
 * window would ask for first, so the window paints the list as soon as it has read its page
 * and React then hydrates that markup instead of drawing it again. Built by Vite as its own
 * bundle for Node (`vite build --ssr`, see vite.config.ts). Null when the window will not
 * open on the start screen (a last view to restore): the window then draws itself as before.
 */
export const renderStartScreen = async (answers: StartAnswers): Promise<string | null> => {
  if (!opensOnStartScreen(answers.preferences)) return null;
  const client = createAppQueryClient();
  seedStartAnswers(client, answers);
  await showLanguage(answers.preferences.uiLanguage);
  // renderToString is synchronous: nothing can switch the shared i18n language between the line above and this one.
  return renderToString(
    <QueryClientProvider client={client}>
      <Router location="/" navigator={hashLinks} static>
        <App />
      </Router>
    </QueryClientProvider>,
  );
};
