import { catalogueOf } from './catalogue';

/** The Japanese messages: a file of their own, fetched when Japanese is first shown. */
export const ja = catalogueOf(import.meta.glob<{ default: Record<string, unknown> }>('./locales/ja/*.json', { eager: true }));
