import { QueryClient } from '@tanstack/react-query';

/** The window's query cache; the start page is rendered in the backend with the same defaults, so both draw the same screen. */
export const createAppQueryClient = (): QueryClient =>
  new QueryClient({
    defaultOptions: {
      // Local files, one user: data changes only through this app, so no background refetch storms.
      queries: { refetchOnWindowFocus: false, retry: false, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });
