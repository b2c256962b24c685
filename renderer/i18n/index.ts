import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { catalogueOf, type Catalogue } from './catalogue';

export const languages = ['en', 'ja'] as const;
export type Language = (typeof languages)[number];

/**
 * One message catalogue per language: `locales/<language>/<feature>.json`, one namespace
 * per feature, so each feature owns its own strings. A unit test fails when a key is
 * missing in either language. English (also every missing key's fallback) comes with the
 * app's first file; Japanese is a file of its own, fetched before it is first shown, so a
 * window in English never loads it.
 */
const en = catalogueOf(import.meta.glob<{ default: Record<string, unknown> }>('./locales/en/*.json', { eager: true }));
const loaders: Record<Exclude<Language, 'en'>, () => Promise<Catalogue>> = {
  ja: () => import('./ja').then((m) => m.ja),
};

export const namespaces = Object.keys(en);

void i18next.use(initReactI18next).init({
  resources: { en },
  lng: 'en',
  fallbackLng: 'en',
  ns: namespaces,
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export const i18n = i18next;

/** The language asked for last: a switch back while a catalogue is on its way wins. */
let wanted: Language = 'en';

/**
 * Shows the app in `language`, its catalogue fetched first if this window has not shown
 * it yet, so no screen is drawn half in English. Resolves once the switch is done.
 */
export const showLanguage = async (language: Language): Promise<void> => {
  wanted = language;
  if (language !== 'en' && !i18next.hasResourceBundle(language, 'common')) {
    const catalogue = await loaders[language]();
    for (const [namespace, messages] of Object.entries(catalogue)) i18next.addResourceBundle(language, namespace, messages, true, true);
  }
  if (wanted === language && i18next.language !== language) await i18next.changeLanguage(language);
};
