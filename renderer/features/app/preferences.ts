import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import type { UiPreferences } from '../../../shared/contract/app';
import { backend } from '../../api/client';
import { i18n } from '../../i18n';

export const preferencesKey = ['app', 'preferences'] as const;

export const usePreferences = () => useQuery({ queryKey: preferencesKey, queryFn: () => backend.getPreferences({}), staleTime: Infinity });

/**
 * Preference writes go straight to the backend, not through a mutation: they are not
 * lesson data, so they must not flash "Saving…" in the save status on every route change.
 */
export const useUpdatePreferences = () => {
  const client = useQueryClient();
  return useCallback(
    async (changes: Partial<UiPreferences>) => {
      const previous = client.getQueryData<UiPreferences>(preferencesKey);
      if (previous) client.setQueryData(preferencesKey, { ...previous, ...changes });
      const saved = await backend.updatePreferences(changes);
      client.setQueryData(preferencesKey, saved);
      return saved;
    },
    [client],
  );
};

/** `data-theme` on <html> (absent = follow the OS) and the UI language, applied as soon as they change. */
export const useApplyPreferences = (preferences: UiPreferences | undefined) => {
  const theme = preferences?.theme;
  const language = preferences?.uiLanguage;
  useEffect(() => {
    const root = document.documentElement;
    if (!theme || theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
  }, [theme]);
  useEffect(() => {
    if (!language) return;
    document.documentElement.lang = language;
    if (i18n.language !== language) void i18n.changeLanguage(language);
  }, [language]);
};
