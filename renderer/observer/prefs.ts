import type { Language } from './i18n';

/**
 * Small preferences the device remembers between lessons. localStorage may be missing or
 * full (private browsing): then the page simply asks again.
 */
const LANGUAGE_KEY = 'lesson-study-observer.language';
const NAME_KEY = 'lesson-study-observer.device-name';

const read = (key: string): string | null => {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
};
const write = (key: string, value: string) => {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Not remembered this time; nothing of the lesson depends on it.
  }
};

export const savedLanguage = (): string | null => read(LANGUAGE_KEY);
export const saveLanguage = (language: Language) => write(LANGUAGE_KEY, language);
export const savedDeviceName = (): string => read(NAME_KEY) ?? '';
export const saveDeviceName = (name: string) => write(NAME_KEY, name);
