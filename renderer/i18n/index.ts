import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

export const languages = ['en', 'ja'] as const;
export type Language = (typeof languages)[number];

/**
 * One message catalogue: `locales/<language>/<feature>.json`, one namespace per feature,
 * so each feature owns its own strings. A unit test fails when a key is missing in
 * either language.
 */
const files = import.meta.glob<{ default: Record<string, unknown> }>('./locales/*/*.json', { eager: true });

const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [file, module] of Object.entries(files)) {
  const match = /\.\/locales\/(\w+)\/([\w-]+)\.json$/.exec(file);
  if (!match) continue;
  const [, language, namespace] = match;
  resources[language] ??= {};
  resources[language][namespace] = module.default;
}

export const namespaces = Object.keys(resources.en ?? {});

void i18next.use(initReactI18next).init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  ns: namespaces,
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export const i18n = i18next;
