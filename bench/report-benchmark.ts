import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { deflateSync } from 'node:zlib';
import { paired, row, type Row } from './measure';
import { cycleWithNotes } from './node-benchmarks';

/** A solid-colour PNG of w×h pixels, made with zlib only, so the four photos differ. */
export const solidPng = (w: number, h: number, rgb: [number, number, number]): Buffer => {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(w, 0);
  header.writeUInt32BE(h, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rowBytes = Buffer.alloc(1 + w * 3);
  for (let x = 0; x < w; x++) rowBytes.set(rgb, 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: h }, () => rowBytes));
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
};

const cell = (text: string) => new TableCell({ children: [new Paragraph(text)], width: { size: 20, type: WidthType.PERCENTAGE } });
const table = (rows: string[][]) =>
  new Table({ rows: rows.map((cells, i) => new TableRow({ tableHeader: i === 0, children: cells.map(cell) })), width: { size: 100, type: WidthType.PERCENTAGE } });

/**
 * Report export for a cycle with 1,000 notes and 4 photos, against a document with the
 * same paragraphs and tables built with the docx library directly (no project code):
 * the notes as quotes and as the appendix table, the flow table, the step × code table
 * and the four photos.
 */
export const reportBenchmark = async (runs: number): Promise<Row[]> => {
  const out = path.join(tmpdir(), `ls-bench-report-${process.pid}.docx`);
  const setup = await cycleWithNotes(1000);
  const { service } = setup.backend;
  const photos: Array<{ png: Buffer; ref: Awaited<ReturnType<typeof service.attachPhotoBytes>> }> = [];
  for (const [i, rgb] of ([[200, 60, 60], [60, 160, 90], [40, 90, 200], [220, 180, 40]] as const).entries()) {
    const png = solidPng(1200, 900, [...rgb]);
    photos.push({ png, ref: await service.attachPhotoBytes({ cycleId: setup.cycle.id, name: `work-${i}.png`, dataBase64: png.toString('base64') }) });
  }
  const session = await service.getObservationSession({ cycleId: setup.cycle.id });
  for (const [i, photo] of photos.entries()) {
    await service.saveObservation({ observation: { ...session.observations[i * 100], photos: [photo.ref] } });
  }
  const notes = (await service.getObservationSession({ cycleId: setup.cycle.id })).observations;
  const steps = session.steps;
  const codes = session.group.codebook;

  const baseline = () =>
    Packer.toBuffer(
      new Document({
        sections: [
          {
            children: [
              new Paragraph({ text: 'Cycle report', heading: HeadingLevel.TITLE }),
              table([['Step', 'Minutes', 'Activities', 'Anticipated responses', 'Points to notice'], ...steps.map((s) => [s.title, String(s.minutes), s.activities, s.anticipatedResponses.map((r) => r.text).join('\n'), s.pointsToNotice.map((p) => p.text).join('\n')])]),
              table([['Step', ...codes.map((c) => c.label)], ...steps.map((s) => [s.title, ...codes.map((c) => String(notes.filter((n) => n.stepId === s.id && n.codeIds.includes(c.id)).length))])]),
              ...notes.map((n) => new Paragraph({ children: [new TextRun({ text: n.text, italics: true })] })),
              ...photos.map((p) => new Paragraph({ alignment: AlignmentType.CENTER, children: [new ImageRun({ type: 'png', data: p.png, transformation: { width: 600, height: 450 } })] })),
              table([['Clock', 'Step', 'Observer', 'Target', 'Note'], ...notes.map((n) => [String(n.clockMs), n.stepId ?? '', n.observerId, n.target.kind, n.text])]),
            ],
          },
        ],
      }),
    ).then((bytes) => writeFile(out, bytes));

  let peak = 0;
  const exportReport = async () => {
    const before = process.memoryUsage().rss;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss - before)), 5);
    try {
      setup.savePaths.push(out);
      const saved = await service.exportCycleReport({ cycleId: setup.cycle.id, anonymize: false, includeAppendix: true, includePhotos: true, language: 'en' });
      if (!saved) throw new Error('the report was not saved');
    } finally {
      clearInterval(timer);
    }
  };
  const timing = await paired(runs, exportReport, baseline);
  await setup.backend.close();
  await rm(setup.dir, { recursive: true, force: true });
  await rm(out, { force: true });
  return [
    row('export the cycle report (1,000 notes, 4 photos)', timing.subject, 'docx of the same paragraphs and tables, no project code', timing.baseline, 1.5),
    { ...row('peak memory while exporting the report (RSS growth)', [peak / 1048576], '', null, null, 'MB'), spread: '—' },
  ];
};
