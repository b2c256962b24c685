import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import type { UiPreferences } from '../../../shared/contract/app';
import { backend } from '../../api/client';
import { quietSave } from '../../ui/SaveStatus';
import { showLanguage } from '../../i18n';

export const preferencesKey = ['app', 'preferences'] as const;

export const preferencesQuery = queryOptions({ queryKey: preferencesKey, queryFn: () => backend.getPreferences({}), staleTime: Infinity });

export const usePreferences = () => useQuery(preferencesQuery);

/**
 * A preference is shown at once, then written. Preference writes are not lesson data, so
 * they do not flash "Saving…" in the save status on every route change (`quietSave`); a
 * write that fails puts the preference back as it was and says why there, with Retry.
 * The returned promise never rejects: it gives the saved preferences, or undefined.
 */
export const useUpdatePreferences = () => {
  const client = useQueryClient();
  const { mutateAsync } = useMutation({
    mutationKey: ['app', 'updatePreferences'],
    meta: quietSave,
    mutationFn: (changes: Partial<UiPreferences>) => backend.updatePreferences(changes),
    onMutate: (changes) => {
      const previous = client.getQueryData<UiPreferences>(preferencesKey);
      if (previous) client.setQueryData(preferencesKey, { ...previous, ...changes });
      return { previous };
    },
    onError: (_error, _changes, context) => {
      if (context?.previous) client.setQueryData(preferencesKey, context.previous);
    },
    onSuccess: (saved) => client.setQueryData(preferencesKey, saved),
  });
  return useCallback((changes: Partial<UiPreferences>) => mutateAsync(changes).catch(() => undefined), [mutateAsync]);
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
    void showLanguage(language);
  }, [language]);
};
