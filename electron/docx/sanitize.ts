/**
 * Text for a Word document, made safe for XML 1.0. A note pasted from another program
 * can carry control characters; one of them in document.xml makes Word refuse the whole
 * file ("unreadable content"), so every string goes through here before it becomes a run.
 *
 * Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) are
 * removed too. A right-to-left override in a name is never closed inside its run, so it
 * reversed everything after it on the line: the note's time, the observer, the codes.
 * Wrapping each string in an isolate (FSI … PDI) would also stop that, but only where
 * every piece of user text is wrapped, and the invisible marks would travel into every
 * copy and search of the document; removing the controls cannot be forgotten, and
 * Arabic or Hebrew text still reads right to left, as the Unicode bidi algorithm orders
 * it by its letters. (LRM/RLM marks stay: they change no order beyond their neighbours.)
 */

// C0 controls except tab (09), newline (0A) and carriage return (0D); the two non-characters; bidi embeddings, overrides and isolates.
// eslint-disable-next-line no-control-regex
const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\u202A-\u202E\u2066-\u2069]/g;
/** A high surrogate without a low one after it, or a low surrogate without a high one before. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Remove every character XML 1.0 forbids; keep tab, newline and CR. */
export const sanitizeXmlText = (text: string): string => text.replace(ILLEGAL, '').replace(LONE_SURROGATE, '');

/** Anything `sanitizedLines` has to act on; most strings have none, and are passed through as they are. */
// eslint-disable-next-line no-control-regex
const NEEDS_WORK = /[\u0000-\u001F\uD800-\uDFFF\uFFFE\uFFFF\u202A-\u202E\u2066-\u2069]/;

/** Lines of a multi-line field, sanitised, with Windows and old Mac line ends normalised. */
export const sanitizedLines = (text: string): string[] =>
  NEEDS_WORK.test(text) ? sanitizeXmlText(text).replace(/\r\n?/g, '\n').split('\n') : [text];

/** A field on one line (lines joined by a space), sanitised: for a heading, a property or a picture's alt text. */
export const oneLine = (text: string): string => sanitizedLines(text).join(' ');
