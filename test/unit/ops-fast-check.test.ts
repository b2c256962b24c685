import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkOp, Op } from '../../electron/storage/sync/ops';

/**
 * The op files' fast check must accept exactly what the `Op` schema accepts, and give the
 * same op: a line one of them refuses and the other takes would make two laptops compute
 * different workspaces.
 */

/** Mostly right, sometimes wrong: each field valid four times in five, so whole ops pass too. */
const mostly = <T, U>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) => fc.oneof({ arbitrary: good, weight: 4 }, { arbitrary: bad, weight: 1 });
const anything = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.constant(null), fc.boolean(), fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }), fc.array(fc.integer(), { maxLength: 2 }), fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2 }));
const stamp = mostly(
  fc.constantFrom('2026-03-02T09:00:01.000Z-0000-aaaaaaaaaaaaaaaa', '2026-03-02T09:00:01.000Z-00ff-bbbbbbbbbbbbbbbb', '2026-12-31T23:59:59.999Z-ffff-0123456789abcdef'),
  // Wrong in one place each: a day that does not exist, a short device, upper case, no counter; or not a stamp at all.
  fc.oneof(fc.constantFrom('2026-02-30T09:00:01.000Z-0000-aaaaaaaaaaaaaaaa', '2026-03-02T09:00:01.000Z-0000-aaaa', '2026-03-02T09:00:01.000Z-0000-AAAAAAAAAAAAAAAA', '2026-03-02T09:00:01.000Z-aaaaaaaaaaaaaaaa'), anything),
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const candidate = fc.record(
  {
    hlc: stamp,
    kind: mostly(fc.constantFrom('groups', 'designs', 'cycles', 'analysis', 'a-b'), fc.oneof(fc.constantFrom('Groups', '', '1x', 'a'.repeat(41)), anything)),
    doc: mostly(fc.string({ minLength: 1, maxLength: 8 }), fc.oneof(fc.constantFrom('', 'x'.repeat(201)), anything)),
    path: mostly(fc.array(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 5 }), fc.oneof(fc.constant(['ok', '']), fc.array(fc.constant('p'), { minLength: 41, maxLength: 41 }), anything)),
    op: mostly(fc.constantFrom('set', 'add', 'list', 'del'), anything),
    value: maybe(mostly(fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }), anything)),
    base: mostly(fc.array(stamp, { maxLength: 4 }), anything),
    save: maybe(stamp),
    of: maybe(mostly(fc.integer({ min: 2, max: 5 }), fc.oneof(fc.integer({ min: -2, max: 1 }), fc.double(), fc.constant(1_000_001)))),
    extra: maybe(anything),
  },
  { requiredKeys: ['hlc', 'kind', 'doc', 'path', 'op', 'base'] },
);

describe('the op files\' fast check', () => {
  it('accepts exactly what the Op schema accepts, and returns the same op', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(candidate, anything), (raw) => {
        // Through JSON, as a line of a file is.
        const line = JSON.parse(JSON.stringify(raw ?? null)) as unknown;
        const schema = Op.safeParse(line);
        const fast = checkOp(line);
        if (schema.success) accepted += 1;
        expect(fast).toEqual(schema.success ? schema.data : null);
      }),
      { numRuns: 4000 },
    );
    // The generator reaches both answers, so the comparison means something.
    expect(accepted).toBeGreaterThan(50);
  });

  it('refuses, by hand, what a damaged line holds', () => {
    const good = { hlc: '2026-03-02T09:00:01.000Z-0000-aaaaaaaaaaaaaaaa', kind: 'groups', doc: 'g1', path: ['group', 'name'], op: 'set', value: 'Maple', base: [] };
    expect(checkOp(good)).toEqual(good);
    expect(checkOp({ ...good, op: 'set', value: undefined })).toBeNull();
    expect(checkOp({ ...good, op: 'list', value: ['a', 1] })).toBeNull();
    expect(checkOp({ ...good, base: ['2026-02-30T09:00:01.000Z-0000-aaaaaaaaaaaaaaaa'] })).toBeNull();
    expect(checkOp({ ...good, of: 1 })).toBeNull();
    expect(checkOp({ ...good, extra: 'dropped' })).toEqual(good);
  });
});
