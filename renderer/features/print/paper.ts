/** The paper sizes a lesson study group prints on. */
export const papers = ['a4', 'letter'] as const;
export type Paper = (typeof papers)[number];

// Regions whose offices stock US Letter; everywhere else prints on A4 (ISO 216).
const LETTER_REGIONS = new Set(['US', 'CA', 'MX', 'PH', 'CL', 'CO', 'VE', 'PR', 'GT', 'CR', 'PA', 'SV', 'DO', 'NI']);

/**
 * The paper a locale expects: Letter for en-US (and the Americas that use it), A4
 * otherwise. A locale without a region (plain "en", "ja") gets A4, as most of the world does.
 */
export const defaultPaper = (locale: string | undefined): Paper => {
  if (!locale) return 'a4';
  let region: string | undefined;
  try {
    region = new Intl.Locale(locale).maximize().region;
  } catch {
    return 'a4';
  }
  // maximize() guesses US for a bare "en": only a region the user chose counts.
  const explicit = /[-_]([A-Za-z]{2}|\d{3})(?:$|[-_])/.test(locale);
  return explicit && region && LETTER_REGIONS.has(region.toUpperCase()) ? 'letter' : 'a4';
};

/** A `paper` search parameter as a paper size, or the locale's when absent or unknown. */
export const paperFrom = (value: string | null, locale: string | undefined): Paper =>
  value === 'a4' || value === 'letter' ? value : defaultPaper(locale);

/** The `@page` rule for a paper: its size and margins that every printer can reach. */
export const pageRule = (paper: Paper): string => `@page { size: ${paper === 'a4' ? 'A4' : 'letter'} portrait; margin: 14mm 12mm 16mm; }`;
