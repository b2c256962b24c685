// First: before any schema is built (see the module).
import './zod-jitless';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { HashRouter } from 'react-router';
import { API_GLOBAL } from '../shared/contract/names';
import type { BackendEventSource } from '../shared/contract/app';
import { installHttpTransport } from './api/http-transport';
import { followBackendEvents } from './api/live-updates';
import { App } from './app/App';
import { loadStartData, startPatienceMs } from './app/start-data';
import './i18n';
import './styles/app.css';

const queryClient = new QueryClient({
  defaultOptions: {
    // Local files, one user: data changes only through this app, so no background refetch storms.
    queries: { refetchOnWindowFocus: false, retry: false, staleTime: 30_000 },
    mutations: { retry: false },
  },
});

// In a browser (no preload) the backend is reached over its HTTP door; in Electron this returns at once.
await installHttpTransport();
// Once for the page's life: changes made elsewhere refetch what this page shows.
followBackendEvents(queryClient, (window as unknown as Record<string, Partial<BackendEventSource> | undefined>)[API_GLOBAL]);
// The first screen's answers first, so the window is drawn once with the list in it; a slow backend gets the shell after 300 ms.
const start = await loadStartData(queryClient, new Promise((resolve) => setTimeout(resolve, startPatienceMs(window))));
// Whether this window was first drawn with its answers or without (a slow backend), for whoever looks at it.
document.getElementById('root')!.dataset.startData = start;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <HashRouter>
        <App />
      </HashRouter>
    </QueryClientProvider>
  </StrictMode>,
);
