import { useSyncExternalStore } from 'react';

const darkQuery = () => (typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null);

/** Dark when the user chose it (data-theme on <html>), or chose nothing and the OS is dark. */
const isDark = (): boolean => {
  const chosen = document.documentElement.dataset.theme;
  return chosen ? chosen === 'dark' : Boolean(darkQuery()?.matches);
};

const subscribe = (onChange: () => void) => {
  const query = darkQuery();
  query?.addEventListener('change', onChange);
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => {
    query?.removeEventListener('change', onChange);
    observer.disconnect();
  };
};

/**
 * Whether the app is in its dark theme now, for what CSS cannot colour: SVG charts take
 * their colours as attributes, where `light-dark()` and variables do not apply.
 */
export const useDarkTheme = (): boolean => useSyncExternalStore(subscribe, isDark, () => false);
