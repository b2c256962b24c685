import fc from 'fast-check';

/**
 * Payloads no strict request schema accepts, for the gate half of the request fuzz
 * (ipc-fuzz.test.ts, http-fuzz.test.ts).
 */

const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.anything({ maxDepth: 3, maxKeys: 5 }), weight: 6 },
  { arbitrary: fc.constantFrom(Number.NaN, Infinity, -0, 2 ** 64, '', 'null', '../../etc/passwd'), weight: 2 },
  // Shared constants: generating fresh megabytes every run would test the generator, not the app.
  { arbitrary: fc.constantFrom('x'.repeat(9_000_000), Array.from({ length: 100_000 }, (_, i) => i)), weight: 1 },
);

/** Not an object, or an object with a key no strict request schema has. */
export const refusedPayload = (knownKeys: string[]): fc.Arbitrary<unknown> =>
  fc.oneof(
    anyValue.filter((value) => typeof value !== 'object' || value === null || Array.isArray(value)),
    fc
      .record({
        known: fc.dictionary(fc.constantFrom(...(knownKeys.length ? knownKeys : ['x'])), anyValue, { maxKeys: 3 }),
        extra: anyValue,
        key: fc.constantFrom('__proto__', 'constructor', 'x_unexpected', 'prototype'),
      })
      .map(({ known, extra, key }) => {
        // JSON.parse makes "__proto__" an own key, as a payload arriving over IPC would have.
        const payload = JSON.parse(JSON.stringify(known) ?? '{}') as Record<string, unknown>;
        Object.defineProperty(payload, key, { value: extra ?? 1, enumerable: true, configurable: true, writable: true });
        return payload;
      }),
  );
