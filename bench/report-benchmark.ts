import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { deflateSync } from 'node:zlib';
import { paired, row, type Row } from './measure';
import { loadReportSources } from '../electron/backend/reports';
import { reportLabels } from '../electron/docx/report/labels';
import { buildReportModel } from '../shared/report/model';
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

const cell = (text: string) => new TableCell({ children: text.split('\n').map((line) => new Paragraph(line)) });
const table = (rows: string[][]) =>
  new Table({ rows: rows.map((cells, i) => new TableRow({ tableHeader: i === 0, children: cells.map(cell) })), width: { size: 100, type: WidthType.PERCENTAGE } });

/**
 * Report export for a cycle with 1,000 notes and 4 photos, against a document with the
 * same paragraphs and tables built with the docx library directly (no project code, no
 * styling): the report's flow table, step × code table, key quotes, four photos and the
 * six-column appendix, with the very strings the report shows. The report model gives
 * those strings; it is built once, before timing.
 */
export const reportBenchmark = async (runs: number): Promise<Row[]> => {
  const out = path.join(tmpdir(), `ls-bench-report-${process.pid}.docx`);
  const setup = await cycleWithNotes(1000);
  const { service } = setup.backend;
  const photos: Buffer[] = [];
  for (const [i, rgb] of ([[200, 60, 60], [60, 160, 90], [40, 90, 200], [220, 180, 40]] as const).entries()) {
    const png = solidPng(1200, 900, [...rgb]);
    photos.push(png);
    const ref = await service.attachPhotoBytes({ cycleId: setup.cycle.id, name: `work-${i}.png`, dataBase64: png.toString('base64') });
    const { observations } = await service.getObservationSession({ cycleId: setup.cycle.id });
    await service.saveObservation({ observation: { ...observations[i * 100], photos: [ref] } });
  }
  const options = { anonymize: false, includeAppendix: true, includePhotos: true, language: 'en' as const };
  const model = buildReportModel(await loadReportSources(setup.backend.context, setup.cycle.id), options, reportLabels.en.words);
  const steps = model.lesson?.content.steps ?? [];
  const { heatmap, keyQuotes } = model.observations;
  if ((model.appendix?.length ?? 0) !== 1000 || model.photos.length !== 4) throw new Error('the benchmark cycle is not what the report should hold');

  const baseline = () =>
    Packer.toBuffer(
      new Document({
        sections: [
          {
            children: [
              new Paragraph({ text: model.title, heading: HeadingLevel.TITLE }),
              table([['Step', 'Activities', 'Anticipated responses', 'Teacher support', 'Points to notice'], ...steps.map((s) => [`${s.title}\n${s.minutes} min`, s.activities, s.anticipatedResponses.map((r) => r.text).join('\n'), s.teacherSupport, s.pointsToNotice.map((p) => p.text).join('\n')])]),
              table([['Step', ...heatmap.columns, 'Total'], ...heatmap.rows.map((r) => [r.label, ...r.counts.map(String), String(r.total)])]),
              ...keyQuotes.flatMap((group) => [new Paragraph({ text: group.step, heading: HeadingLevel.HEADING_3 }), ...group.quotes.map((q) => new Paragraph({ children: [new TextRun({ text: q.text, italics: true }), new TextRun(` — ${q.observer}, ${q.clock}`)] }))]),
              ...photos.map((png) => new Paragraph({ alignment: AlignmentType.CENTER, children: [new ImageRun({ type: 'png', data: png, transformation: { width: 600, height: 450 } })] })),
              table([['Time', 'Step', 'Observer', 'About', 'Codes', 'Note'], ...(model.appendix ?? []).map((n) => [n.clock, n.step, n.observer, n.target, n.codes.join(', '), n.text])]),
            ],
          },
        ],
      }),
    ).then((bytes) => writeFile(process.env.KEEP_BASELINE ?? out, bytes));

  let peak = 0;
  const exportReport = async () => {
    const before = process.memoryUsage().rss;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss - before)), 5);
    try {
      setup.savePaths.push(out);
      const saved = await service.exportCycleReport({ cycleId: setup.cycle.id, ...options });
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
