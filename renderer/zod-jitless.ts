import { config } from 'zod';

/**
 * Imported first by each page. zod compiles a fast path for every object schema with
 * `new Function` unless told not to; the pages' Content-Security-Policy forbids that, so
 * each attempt was a refused eval whose report made Chromium re-parse every script on the
 * stack for its source positions — about 400 ms of a 1.3 s start. The pages validate
 * little, so the interpreted path costs them nothing they would notice.
 */
config({ jitless: true });
