import { XMLValidator } from 'fast-xml-parser';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { comparisonDocx, comparisonLabels } from '../../electron/docx/comparison';
import { lessonPlanDocx, lessonPlanLabels } from '../../electron/docx/lesson-plan';
import { sanitizeXmlText, sanitizedLines } from '../../electron/docx/sanitize';
import { TABLE_STYLE_ID } from '../../electron/docx/styles';
import { diffDesign } from '../../shared/diff';
import { DesignContent } from '../../shared/domain/design';
import { sampleContent } from './design-fixtures';

/** Unzip a .docx and parse every XML part strictly; returns the parts' text. */
const strictParts = async (bytes: Buffer): Promise<Record<string, string>> => {
  const zip = await JSZip.loadAsync(bytes);
  const parts: Record<string, string> = {};
  for (const name of Object.keys(zip.files)) {
    if (!/\.(xml|rels)$/.test(name)) continue;
    const xml = await zip.file(name)!.async('string');
    const valid = XMLValidator.validate(xml);
    expect(valid, `${name} is well-formed XML`).toBe(true);
    parts[name] = xml;
  }
  expect(parts['word/document.xml']).toBeTruthy();
  return parts;
};

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('sanitizeXmlText', () => {
  it('removes characters XML 1.0 forbids and keeps tab, newline, CR and real surrogate pairs', () => {
    expect(sanitizeXmlText('a\u0000b\u0008c\u000Bd\u001Fe\uFFFEf\uFFFFg')).toBe('abcdefg');
    expect(sanitizeXmlText('tab\there\nnew\rcr')).toBe('tab\there\nnew\rcr');
    expect(sanitizeXmlText('lone \uD800 high, lone \uDC00 low, pair 😀 ok')).toBe('lone  high, lone  low, pair 😀 ok');
    expect(sanitizeXmlText('算数 — 分数')).toBe('算数 — 分数');
  });

  it('splits fields into sanitised lines, with CRLF and CR line ends normalised; plain text passes as it is', () => {
    expect(sanitizedLines('one\r\ntwo\rthree\nfour')).toEqual(['one', 'two', 'three', 'four']);
    expect(sanitizedLines('bad\u0007 \uD800char')).toEqual(['bad char']);
    expect(sanitizedLines('pair 😀 and\ttab')).toEqual(['pair 😀 and\ttab']);
    expect(sanitizedLines('算数 — 分数')).toEqual(['算数 — 分数']);
    expect(sanitizedLines('')).toEqual(['']);
  });

  it('removes bidi embeddings, overrides and isolates, so a name cannot reverse the rest of its line; keeps RTL letters and LRM/RLM', () => {
    expect(sanitizeXmlText('\u202EMaya\u202C · 12:05')).toBe('Maya · 12:05');
    expect(sanitizedLines('Leo\u202E · Observer\u2066x\u2069\u202A\u202B\u202D')).toEqual(['Leo · Observerx']);
    expect(sanitizeXmlText('مرحبا \u200Fשלום\u200E')).toBe('مرحبا \u200Fשלום\u200E');
  });
});

describe('lesson plan .docx', () => {
  const content = DesignContent.parse({
    ...sampleContent(),
    // Hostile text a paste from elsewhere can bring: control characters and a lone surrogate.
    materials: 'Fraction strips\u0007, worksheet \uD83D and 定規',
    unitSequence: [
      { id: crypto.randomUUID(), title: 'What is a fraction?', isThisLesson: false },
      { id: crypto.randomUUID(), title: 'Comparing fractions', isThisLesson: true },
    ],
    observationPlan: [{ id: crypto.randomUUID(), groupLabel: 'Table 3', lookFor: 'Who uses the strips to justify?' }],
  });

  it('is valid XML in every part, has a landscape flow table with a repeated header row, and reads back as the source', async () => {
    const bytes = await lessonPlanDocx({ content, versionNumber: 2, labels: lessonPlanLabels.en });
    const parts = await strictParts(bytes);
    const doc = parts['word/document.xml'];
    expect(doc).toContain('w:orient="landscape"');
    // A wrapped title's lines keep their distance in LibreOffice: the line spacing has its rule.
    expect(parts['word/styles.xml']).toMatch(/w:styleId="Title">(?:(?!<\/w:style>).)*<w:spacing [^>]*w:line="264" w:lineRule="auto"/s);
    // Every page has "Page n of m" in its footer.
    const footers = Object.entries(parts).filter(([name]) => /^word\/footer\d+\.xml$/.test(name));
    expect(footers.length).toBeGreaterThan(0);
    for (const [, xml] of footers) expect(xml).toMatch(/PAGE[^]*NUMPAGES/);
    expect(doc.match(/<w:footerReference /g)?.length).toBe(doc.match(/<w:sectPr/g)?.length);
    expect(doc).toMatch(/<w:tblHeader\s*\/>|<w:tblHeader w:val="(true|1)"\/>/);
    expect(doc.match(/<w:tbl>/g)?.length).toBeGreaterThanOrEqual(3); // title block, flow table, observation plan
    expect(doc).not.toMatch(/<w:pStyle[^>]*\/><w:pStyle/);
    // Every table is fixed-layout with a full grid, and its first row states each cell's
    // width (what Word's fixed layout reads); later rows carry no widths of their own.
    for (const table of doc.match(/<w:tbl>.*?<\/w:tbl>/gs) ?? []) {
      expect(table).toContain('<w:tblLayout w:type="fixed"/>');
      // Cell text takes its size and spacing from the table style, not a style per paragraph.
      expect(table).toContain(`<w:tblStyle w:val="${TABLE_STYLE_ID}"/>`);
      expect(table).not.toContain('<w:pStyle w:val="LsCell"');
      const grid = [...table.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
      const rows = table.match(/<w:tr>.*?<\/w:tr>/gs) ?? [];
      const firstRowWidths = [...(rows[0] ?? '').matchAll(/<w:tcW w:type="dxa" w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
      expect(firstRowWidths).toEqual(grid);
      expect(grid.every((w) => w > 300)).toBe(true);
      for (const row of rows.slice(1)) expect(row).not.toContain('<w:tcW');
    }
    expect(parts['word/styles.xml']).toContain('w:eastAsia="Yu Gothic"');
    expect(parts['word/styles.xml']).toMatch(/w:styleId="Heading1"/);
    expect(parts['word/styles.xml']).toMatch(new RegExp(`<w:style w:type="table" w:styleId="${TABLE_STYLE_ID}">.*?<w:sz w:val="19"/>.*?</w:style>`));

    const { value: text } = await mammoth.extractRawText({ buffer: bytes });
    const flat = normalise(text);
    for (const expected of [
      'Research lesson plan · Version 2',
      content.title,
      content.goals.lesson,
      'Last year many students compared only numerators.',
      'Fraction strips, worksheet and 定規',
      'Comparing fractions (this lesson)',
      'Lesson flow',
      'Planned steps: 45 of 45 minutes',
      'Step and minutes',
      'Learning activities and key questions',
      'Anticipated student responses',
      'Teacher support',
      'Points to notice and evaluation',
      'Board plan',
      'Who uses the strips to justify?',
    ]) {
      expect(flat, expected).toContain(expected);
    }
    content.steps.forEach((step, i) => {
      expect(flat).toContain(`${i + 1}. ${step.title}`);
      expect(flat).toContain(normalise(step.activities));
      expect(flat).toContain(normalise(step.teacherSupport));
      for (const item of [...step.anticipatedResponses, ...step.pointsToNotice]) expect(flat).toContain(item.text);
    });
    // The steps appear in their order.
    const positions = content.steps.map((s, i) => flat.indexOf(`${i + 1}. ${s.title}`));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('uses Japanese headings for a Japanese document', async () => {
    const bytes = await lessonPlanDocx({ content, versionNumber: 1, labels: lessonPlanLabels.ja });
    await strictParts(bytes);
    const { value } = await mammoth.extractRawText({ buffer: bytes });
    for (const heading of ['学習指導案', '本時の目標', '本時の展開', '予想される児童の反応', '指導上の留意点・支援', '板書計画']) expect(value).toContain(heading);
  });

  it('writes a comparison with both versions side by side', async () => {
    const next = DesignContent.parse({
      ...content,
      steps: content.steps.map((s, i) => (i === 1 ? { ...s, activities: `${s.activities} Then compare with a partner.` } : s)),
    });
    const comparison = {
      designId: crypto.randomUUID(),
      from: { ref: crypto.randomUUID(), number: 1, createdAt: new Date().toISOString(), summary: '', authors: [], taughtInCycleIds: [], content },
      to: { ref: crypto.randomUUID(), number: 2, createdAt: new Date().toISOString(), summary: '', authors: [], taughtInCycleIds: [], content: next },
      diff: diffDesign(content, next),
      changeNotes: [{ id: crypto.randomUUID(), stepId: content.steps[1].id, summary: 'Add partner talk', rationale: 'Quiet students did not share\u0001', evidence: [], versionNumber: 2 }],
    };
    const bytes = await comparisonDocx(comparison, comparisonLabels.en);
    const parts = await strictParts(bytes);
    expect(parts['word/styles.xml']).toMatch(/w:styleId="Title">(?:(?!<\/w:style>).)*w:lineRule="auto"/s);
    expect(Object.keys(parts).filter((name) => /^word\/footer\d+\.xml$/.test(name)).map((name) => parts[name])).toEqual([expect.stringMatching(/PAGE[^]*NUMPAGES/)]);
    // Inserted words are underlined, not only coloured; no paragraph carries two styles.
    expect(parts['word/document.xml']).toMatch(/<w:u w:val="single"\/>[^]*Then compare/);
    expect(parts['word/document.xml']).not.toMatch(/<w:pStyle[^>]*\/><w:pStyle/);
    const { value } = await mammoth.extractRawText({ buffer: bytes });
    expect(normalise(value)).toContain('1 step changed');
    expect(value).toContain('Add partner talk');
    expect(value).toContain('Then compare with a partner.');
  });

  it('prints the cited evidence as the finding, and the note with its time, observer and target — never an id', async () => {
    const [finding, noteId, gone, unknown] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    const cycleId = crypto.randomUUID();
    const comparison = {
      designId: crypto.randomUUID(),
      from: { ref: crypto.randomUUID(), number: 1, createdAt: new Date().toISOString(), summary: '', authors: [], taughtInCycleIds: [], content },
      to: { ref: crypto.randomUUID(), number: 2, createdAt: new Date().toISOString(), summary: '', authors: [], taughtInCycleIds: [], content },
      diff: diffDesign(content, content),
      changeNotes: [
        {
          id: crypto.randomUUID(),
          summary: 'Plan for different-sized wholes',
          rationale: '',
          evidence: [
            { kind: 'finding' as const, cycleId, id: finding },
            { kind: 'observation' as const, cycleId, id: noteId },
            { kind: 'observation' as const, cycleId, id: gone },
            { kind: 'finding' as const, cycleId, id: unknown },
          ],
          versionNumber: 2,
        },
      ],
    };
    const evidence = [
      { kind: 'finding' as const, id: finding, status: 'present' as const, text: 'Students compared fractions of different wholes', source: '' },
      { kind: 'observation' as const, id: noteId, status: 'present' as const, text: '“The big one wins”', source: '12:05 · Ben Ortiz · Table 3' },
      { kind: 'observation' as const, id: gone, status: 'deleted' as const, text: '', source: '' },
    ];
    const bytes = await comparisonDocx(comparison, comparisonLabels.en, evidence);
    const { value } = await mammoth.extractRawText({ buffer: bytes });
    expect(value).toContain('→ Finding: Students compared fractions of different wholes');
    expect(value).toContain('→ Observation: “The big one wins” — 12:05 · Ben Ortiz · Table 3');
    expect(value).toContain('→ Evidence removed since (the finding or note was deleted)');
    // A citation the backend could not resolve is named by its kind alone.
    expect(value).toMatch(/→ Finding\n/);
    for (const id of [finding, noteId, gone, unknown]) expect(value).not.toContain(id.slice(0, 8));
  });
});
