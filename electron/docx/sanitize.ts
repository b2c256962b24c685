/**
 * Text for a Word document, made safe for XML 1.0. A note pasted from another program
 * can carry control characters; one of them in document.xml makes Word refuse the whole
 * file ("unreadable content"), so every string goes through here before it becomes a run.
 */

// C0 controls except tab (09), newline (0A) and carriage return (0D); the two non-characters.
// eslint-disable-next-line no-control-regex
const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
/** A high surrogate without a low one after it, or a low surrogate without a high one before. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Remove every character XML 1.0 forbids; keep tab, newline and CR. */
export const sanitizeXmlText = (text: string): string => text.replace(ILLEGAL, '').replace(LONE_SURROGATE, '');

/** Anything `sanitizedLines` has to act on; most strings have none, and are passed through as they are. */
// eslint-disable-next-line no-control-regex
const NEEDS_WORK = /[\u0000-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Lines of a multi-line field, sanitised, with Windows and old Mac line ends normalised. */
export const sanitizedLines = (text: string): string[] =>
  NEEDS_WORK.test(text) ? sanitizeXmlText(text).replace(/\r\n?/g, '\n').split('\n') : [text];
