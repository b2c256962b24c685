import { config } from 'zod';

/**
 * Imported first by each page. zod compiles a fast path for object schemas with
 * `new Function` unless told not to; the pages' Content-Security-Policy forbids eval, so
 * each page load made a refused eval (a CSP violation, seen as a `securitypolicyviolation`
 * event when the schemas load). The pages validate little, so the interpreted path costs
 * them nothing they would notice.
 */
config({ jitless: true });
