import { i18n } from '../i18n';

/**
 * Dates and numbers in the language the user chose (not the OS locale, so a Japanese UI
 * on an English system still reads 2025/03/04). Call these at render time: a component
 * that uses `useTranslation()` re-renders when the language changes.
 */
const locale = (): string => (i18n.language === 'ja' ? 'ja-JP' : 'en-GB');

type DateInput = Date | string | number;
const toDate = (value: DateInput): Date | null => {
  // A bare `YYYY-MM-DD` is a calendar day, not midnight UTC: parse it as local so it never shifts a day.
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-').map(Number);
    return new Date(y, m - 1, d);
  }
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
};

/** "4 Mar 2025" / "2025/03/04". An unparseable value is shown as it is. */
export const formatDate = (value: DateInput, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string => {
  const date = toDate(value);
  return date ? new Intl.DateTimeFormat(locale(), options).format(date) : String(value);
};

/** "4 Mar 2025, 14:05" / "2025/03/04 14:05". */
export const formatDateTime = (value: DateInput): string => formatDate(value, { dateStyle: 'medium', timeStyle: 'short' });

/** "1,234.5" in both languages; options pass through to Intl.NumberFormat (e.g. percent). */
export const formatNumber = (value: number, options?: Intl.NumberFormatOptions): string =>
  new Intl.NumberFormat(locale(), options).format(value);
