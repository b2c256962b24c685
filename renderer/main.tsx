// First: before any schema is built (see the module).
import './zod-jitless';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { HashRouter } from 'react-router';
import { API_GLOBAL } from '../shared/contract/names';
import type { BackendEventSource } from '../shared/contract/app';
import { installHttpTransport } from './api/http-transport';
import { followBackendEvents } from './api/live-updates';
import { App } from './app/App';
import { createAppQueryClient } from './app/query-client';
import { embeddedStartAnswers, loadStartData, seedStartAnswers, startPatienceMs, startQueryKeys } from './app/start-data';
import { showLanguage } from './i18n';
import './styles/app.css';

const queryClient = createAppQueryClient();
const root = document.getElementById('root')!;
const tree = (
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <HashRouter>
        <App />
      </HashRouter>
    </QueryClientProvider>
  </StrictMode>
);

// In a browser (no preload) the backend is reached over its HTTP door; in Electron this returns at once.
await installHttpTransport();
// Once for the page's life: changes made elsewhere refetch what this page shows.
followBackendEvents(queryClient, (window as unknown as Record<string, Partial<BackendEventSource> | undefined>)[API_GLOBAL]);

const embedded = embeddedStartAnswers(document, window.location.hash);
if (embedded) {
  // The backend rendered the start screen into this page, and it is already painted: React takes over that markup with the same answers.
  seedStartAnswers(queryClient, embedded);
  await showLanguage(embedded.preferences.uiLanguage);
  root.dataset.startData = 'embedded';
  hydrateRoot(root, tree, {
    // The page no longer matched what React drew (React has drawn it again): seen by tests, never silent.
    onRecoverableError: (error) => {
      root.dataset.hydration = 'redrawn';
      console.error('The start page did not match the app and was drawn again:', error);
    },
  });
  // What changed between the backend's render and this page's event line is asked for again, in the background.
  for (const queryKey of startQueryKeys) void queryClient.invalidateQueries({ queryKey, exact: true });
} else {
  // The first screen's answers first, so the window is drawn once with the list in it; a slow backend gets the shell after 300 ms.
  const start = await loadStartData(queryClient, new Promise((resolve) => setTimeout(resolve, startPatienceMs(window))));
  // Whether this window was first drawn with its answers or without (a slow backend), for whoever looks at it.
  root.dataset.startData = start;
  createRoot(root).render(tree);
}
