import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Observation } from '../../shared/domain/observation';
import { CSV_BOM, csvCell, observationsCsv } from '../../shared/observe/csv';

describe('CSV escaping', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+1 more', "'+1 more"],
    ['-5 is less', "'-5 is less"],
    ['@mention', "'@mention"],
    ['\tindented', "'\tindented"],
    ['plain text', 'plain text'],
    ['3 - 2 = 1', '3 - 2 = 1'],
  ])('neutralises a formula start: %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });
  it('quotes commas, quotes and newlines per RFC 4180', () => {
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('she said "half"')).toBe('"she said ""half"""');
    expect(csvCell('line 1\nline 2')).toBe('"line 1\nline 2"');
    expect(csvCell('\rcarriage')).toBe(`"'\rcarriage"`);
    expect(csvCell('=1+1, "x"')).toBe(`"'=1+1, ""x"""`);
  });

  it('writes a BOM, a header and one row per live note that a CSV parser reads back exactly', () => {
    const base = {
      cycleId: '00000000-0000-4000-8000-000000000001',
      observerId: '00000000-0000-4000-8000-000000000002',
      wallTime: '2025-05-01T10:00:00.000Z',
      target: { kind: 'class' as const },
      codeIds: [],
      photos: [],
      pointToNoticeIds: [],
      createdAt: '2025-05-01T10:00:00.000Z',
      updatedAt: '2025-05-01T10:00:00.000Z',
    };
    const notes: Observation[] = [
      { ...base, id: '00000000-0000-4000-8000-000000000011', clockMs: 125_000, text: '=HYPERLINK("http://x")' },
      { ...base, id: '00000000-0000-4000-8000-000000000012', clockMs: 5_000, text: 'Said "two halves",\nthen drew it', photos: [{ hash: 'a'.repeat(64), ext: 'png', name: 'Table 3 work.png', bytes: 3 }, { hash: 'b'.repeat(64), ext: 'jpg', name: ' ', bytes: 3 }] },
      { ...base, id: '00000000-0000-4000-8000-000000000013', clockMs: 6_000, text: 'deleted', deletedAt: base.updatedAt },
    ];
    const csv = observationsCsv(notes, {
      cycleTitle: 'Cycle, 1',
      stepTitle: () => 'Step 1',
      observerName: () => 'Aiko',
      targetLabel: () => 'Whole class',
      codeLabel: () => '',
    });
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    const parsed = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data[0]).toEqual(['Cycle', 'Step', 'Clock time', 'Wall time', 'Observer', 'Target', 'Codes', 'Text', 'Photos']);
    expect(parsed.data).toHaveLength(3);
    expect(parsed.data[1]).toEqual(['Cycle, 1', 'Step 1', '0:05', base.wallTime, 'Aiko', 'Whole class', '', 'Said "two halves",\nthen drew it', `Table 3 work.png; ${'b'.repeat(64)}.jpg`]);
    expect(parsed.data[2][2]).toBe('2:05');
    expect(parsed.data[2][7]).toBe(`'=HYPERLINK("http://x")`);
  });
});
