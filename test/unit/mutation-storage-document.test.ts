import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { backupsToDelete, defaultRetention, fromFileStamp, toFileStamp } from '../../electron/storage/backups';
import { DEFAULT_MAX_BYTES, decodeDocument, encodeDocument, type DocumentKind } from '../../electron/storage/document';
import { groupProtocolPlannedMinutes } from '../../electron/storage/migrations/0002-group-protocol-planned-minutes';

/**
 * Mutation tests (issue 13) of the pure parts of storage: the reason a damaged document
 * is set aside, the stored shape, file stamps and the backup retention at its edges.
 */

const Pin = z.object({ pin: z.object({ label: z.string() }) });
const pinKind: DocumentKind<z.infer<typeof Pin>> = {
  name: 'pin',
  version: 2,
  schema: Pin,
  migrations: [(body) => ({ pin: { label: String((body as { label?: unknown }).label) } })],
};

describe('decodeDocument', () => {
  it('gives the reason a file cannot be used, in the words the notice shows', () => {
    expect(decodeDocument(pinKind, '')).toEqual({ status: 'corrupt', reason: 'the file is empty' });
    expect(decodeDocument(pinKind, ' \n\t ')).toEqual({ status: 'corrupt', reason: 'the file is empty' });
    expect(decodeDocument(pinKind, '\uFEFF')).toEqual({ status: 'corrupt', reason: 'the file is empty' });
    expect(decodeDocument(pinKind, '{ nope')).toMatchObject({ status: 'corrupt', reason: expect.stringMatching(/^it is not valid JSON \(.+\)$/) });
    for (const text of ['[]', 'null', '42', '"text"']) {
      expect(decodeDocument(pinKind, text)).toEqual({ status: 'corrupt', reason: 'it does not hold a document object' });
    }
    for (const version of ['"2"', '0', '-1', '1.5', 'null']) {
      expect(decodeDocument(pinKind, `{"schemaVersion":${version},"pin":{"label":"a"}}`)).toEqual({ status: 'corrupt', reason: 'it has no valid schemaVersion' });
    }
    expect(decodeDocument(pinKind, '{"pin":{"label":"a"}}')).toEqual({ status: 'corrupt', reason: 'it has no valid schemaVersion' });
  });

  it('names where the content does not match, or not when the whole document is wrong', () => {
    expect(decodeDocument(pinKind, '{"schemaVersion":2,"pin":{"label":7}}')).toEqual({
      status: 'corrupt',
      reason: 'its content does not match the pin format at pin.label: Invalid input: expected string, received number',
    });
    const Root = z.string();
    const rootKind = { name: 'root', version: 1, schema: Root as unknown as z.ZodType<object>, migrations: [] };
    expect(decodeDocument(rootKind, '{"schemaVersion":1}')).toEqual({
      status: 'corrupt',
      reason: 'its content does not match the root format: Invalid input: expected string, received object',
    });
  });

  it('a version above the kind’s is "newer"; the kind’s own version is read without migration', () => {
    expect(decodeDocument(pinKind, '{"schemaVersion":3,"pin":{"label":"a"}}')).toEqual({ status: 'newer', version: 3 });
    expect(decodeDocument(pinKind, '{"schemaVersion":2,"pin":{"label":"a"}}')).toEqual({ status: 'ok', value: { pin: { label: 'a' } } });
    expect(decodeDocument(pinKind, '\uFEFF{"schemaVersion":2,"pin":{"label":"b"}}')).toEqual({ status: 'ok', value: { pin: { label: 'b' } } });
  });

  it('migrates an older body and says from which version; a missing step is damage', () => {
    expect(decodeDocument(pinKind, '{"schemaVersion":1,"label":"old"}')).toEqual({ status: 'ok', value: { pin: { label: 'old' } }, migratedFrom: 1 });
    const gap: DocumentKind<z.infer<typeof Pin>> = { ...pinKind, version: 3, migrations: [pinKind.migrations[0]] };
    expect(decodeDocument(gap, '{"schemaVersion":1,"label":"old"}')).toEqual({ status: 'corrupt', reason: 'no migration from schema 2' });
  });

  it('encodes the schema version first, two-space indented, with a final newline', () => {
    expect(encodeDocument(pinKind, { pin: { label: 'a' } })).toBe('{\n  "schemaVersion": 2,\n  "pin": {\n    "label": "a"\n  }\n}\n');
  });

  it('allows 32 MB by default', () => {
    expect(DEFAULT_MAX_BYTES).toBe(33_554_432);
  });
});

describe('file stamps', () => {
  it('replace ":" and "." so every OS accepts the name, and turn back into ISO', () => {
    expect(toFileStamp(new Date('2026-03-01T10:05:09.123Z'))).toBe('2026-03-01T10-05-09-123Z');
    expect(fromFileStamp('2026-03-01T10-05-09-123Z')).toBe('2026-03-01T10:05:09.123Z');
    expect(fromFileStamp('2026-03-01T10-05-09-123Z-extra')).toBe('2026-03-01T10:05:09.123Z');
    expect(fromFileStamp('last-saved')).toBe('last-saved');
    expect(fromFileStamp('x2026-03-01T10-05-09-123Z')).toBe('x2026-03-01T10-05-09-123Z');
  });
});

describe('backupsToDelete', () => {
  const now = new Date('2026-03-15T12:00:00.000Z');

  it('keeps 10 latest and one a day for 14 days by default', () => {
    expect(defaultRetention).toEqual({ keepLatest: 10, keepDaily: 14 });
  });

  it('keeps exactly keepLatest newest, whatever order the stamps come in', () => {
    const stamps = ['2026-03-15T10-00-00-000Z', '2026-03-15T11-00-00-000Z', '2026-03-15T09-00-00-000Z', '2026-03-15T08-00-00-000Z'];
    expect(backupsToDelete(stamps, now, { keepLatest: 2, keepDaily: 0 })).toEqual(['2026-03-15T09-00-00-000Z', '2026-03-15T08-00-00-000Z']);
    expect(backupsToDelete(stamps, now, { keepLatest: 4, keepDaily: 0 })).toEqual([]);
  });

  it('keeps the newest of each day back to exactly keepDaily days, not a millisecond more', () => {
    const stamps = [
      '2026-03-14T12-00-00-000Z',
      '2026-03-14T08-00-00-000Z',
      '2026-03-13T12-00-00-000Z', // exactly two days before now: kept
      '2026-03-13T11-59-59-999Z', // a millisecond older: same day, but only the newest of a day is kept anyway
      '2026-03-12T23-00-00-000Z', // older than two days
    ];
    expect(backupsToDelete(stamps, now, { keepLatest: 0, keepDaily: 2 })).toEqual([
      '2026-03-14T08-00-00-000Z',
      '2026-03-13T11-59-59-999Z',
      '2026-03-12T23-00-00-000Z',
    ]);
    expect(backupsToDelete(['2026-03-13T11-59-59-999Z'], now, { keepLatest: 0, keepDaily: 2 })).toEqual(['2026-03-13T11-59-59-999Z']);
    expect(backupsToDelete(['2026-03-13T12-00-00-000Z'], now, { keepLatest: 0, keepDaily: 2 })).toEqual([]);
  });

  it('a stamp that is not a time is never kept as a daily backup', () => {
    expect(backupsToDelete(['not-a-stamp', '2026-03-15T10-00-00-000Z'], now, { keepLatest: 0, keepDaily: 14 })).toEqual(['not-a-stamp']);
  });

  it('uses the default policy when none is given', () => {
    const stamps = Array.from({ length: 12 }, (_, i) => `2026-03-15T${String(i).padStart(2, '0')}-00-00-000Z`);
    expect(backupsToDelete(stamps, now)).toEqual(['2026-03-15T01-00-00-000Z', '2026-03-15T00-00-00-000Z']);
  });
});

describe('migration 0002 (group protocol plannedMinutes)', () => {
  it('passes on what is not a version-1 group body unchanged', () => {
    const noGroup = { other: 1 };
    expect(groupProtocolPlannedMinutes(noGroup)).toBe(noGroup);
    const arrayGroup = { group: [] };
    expect(groupProtocolPlannedMinutes(arrayGroup)).toBe(arrayGroup);
    const nullGroup = { group: null };
    expect(groupProtocolPlannedMinutes(nullGroup)).toBe(nullGroup);
    const noProtocol = { group: { name: 'A', discussionProtocol: 'x' } };
    expect(groupProtocolPlannedMinutes(noProtocol)).toBe(noProtocol);
  });

  it('renames minutes, keeps an entry already renamed, and leaves odd entries alone', () => {
    const body = { group: { name: 'A', discussionProtocol: [{ step: 'a', minutes: 5 }, { step: 'b', minutes: 3, plannedMinutes: 4 }, [1], null, 'text', { step: 'c' }] } };
    expect(groupProtocolPlannedMinutes(body)).toEqual({
      group: { name: 'A', discussionProtocol: [{ step: 'a', plannedMinutes: 5 }, { step: 'b', plannedMinutes: 4 }, [1], null, 'text', { step: 'c' }] },
    });
  });
});
