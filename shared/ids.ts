import { z } from 'zod';

/** Every record has a stable UUID so data from several laptops merges idempotently. */
export const Id = z.uuid();
export type Id = z.infer<typeof Id>;

/** ISO-8601 timestamp with offset, as written by `Date.prototype.toISOString`. */
export const Timestamp = z.iso.datetime({ offset: true });
export type Timestamp = z.infer<typeof Timestamp>;

/** Short single-line text such as a name or a title. */
export const Line = (max = 200) => z.string().trim().max(max);
/** Free text such as a note or a rationale. Generous but bounded. */
export const Text = (max = 20_000) => z.string().max(max);
