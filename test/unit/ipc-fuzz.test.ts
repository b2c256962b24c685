import fc from 'fast-check';
import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noEffects } from '../../electron/backend/context';
import { createHost, type Host } from '../../electron/backend/host';
import { dispatch } from '../../electron/dispatch';
import { createMemoryStore, createSettings } from '../../electron/settings';
import { channelNames, contract } from '../../shared/contract';
import { errorCodes } from '../../shared/result';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';

/**
 * 1,000 hostile payloads per channel through the same dispatch Electron uses, against the
 * real backend: every one must be refused with a typed error, nothing may throw, and
 * nothing may be written to disk.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);

const hugeString = fc.constantFrom('x'.repeat(300_000), '\u0000\uFFFE\uD800'.repeat(10_000), '🙂'.repeat(50_000));
const binaryString = fc.uint8Array({ maxLength: 200 }).map((bytes) => String.fromCharCode(...bytes));

/** Values of any shape, including ones that commonly crash parsers. */
const hugeArray = Array.from({ length: 100_000 }, (_, i) => i);
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.anything({ maxDepth: 3, maxKeys: 5 }), weight: 6 },
  { arbitrary: binaryString, weight: 2 },
  { arbitrary: fc.constantFrom(Number.NaN, Infinity, -0, 2 ** 64, '', 'null', '../../etc/passwd', '/etc/passwd'), weight: 2 },
  // Huge values are shared constants: generating fresh megabytes 85,000 times would test the generator, not the app.
  { arbitrary: hugeString, weight: 1 },
  { arbitrary: fc.constant(hugeArray), weight: 1 },
);

/** Payloads no strict request schema can accept: not an object, or an object with a forbidden key. */
const hostilePayload = (knownKeys: string[]): fc.Arbitrary<unknown> =>
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
        const payload = JSON.parse(JSON.stringify(known)) as Record<string, unknown>;
        Object.defineProperty(payload, key, { value: extra ?? 1, enumerable: true, configurable: true, writable: true });
        return key === '__proto__' ? JSON.parse(`{"__proto__": ${JSON.stringify(extra ?? 1) ?? '1'}}`) : payload;
      }),
  );

const snapshot = async (dir: string): Promise<string[]> => {
  const out: string[] = [];
  const walk = async (folder: string) => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) await walk(full);
      else out.push(`${path.relative(dir, full)}:${(await stat(full)).mtimeMs}`);
    }
  };
  await walk(dir);
  return out.sort();
};

describe('every IPC channel rejects hostile payloads', () => {
  let host: Host;
  let root: string;
  let userData: string;

  beforeAll(async () => {
    // One workspace for the whole file: the point is that nothing in it ever changes.
    userData = await mkdtemp(path.join(tmpdir(), 'ls-fuzz-'));
    host = await createHost({
      settings: createSettings(createMemoryStore()),
      effects: noEffects,
      defaultWorkspaceDir: path.join(userData, 'workspace'),
      samplesDir: path.join(userData, 'samples'),
      sampleSourceDir: path.join(userData, 'no-sample'),
    });
    root = userData;
  });
  afterAll(async () => {
    await host.close();
    await rm(userData, { recursive: true, force: true });
  });

  for (const name of channelNames) {
    it(name, async () => {
      const shape = (contract[name].request as unknown as { shape?: Record<string, unknown> }).shape ?? {};
      const before = await snapshot(root);
      await fc.assert(
        fc.asyncProperty(hostilePayload(Object.keys(shape)), async (payload) => {
          const result = await dispatch(host.service, name, payload);
          expect(result.ok).toBe(false);
          if (!result.ok) {
            expect(errorCodes).toContain(result.error.code);
            expect(['invalid-request', 'too-large']).toContain(result.error.code);
            expect(typeof result.error.message).toBe('string');
          }
        }),
        { numRuns: RUNS },
      );
      expect(await snapshot(root)).toEqual(before);
    }, 120_000);
  }
});
