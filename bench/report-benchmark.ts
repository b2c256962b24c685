import { AlignmentType, Document, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, WidthType, type FileChild } from 'docx';
import { XMLParser } from 'fast-xml-parser';
import JSZip from 'jszip';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { deflateSync } from 'node:zlib';
import { paired, row, type Row } from './measure';
import { cycleWithNotes } from './node-benchmarks';

const run = promisify(execFile);

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

/** What a document body holds, with no formatting: paragraphs (text, or a picture) and tables of paragraph texts. */
type Block = { kind: 'text'; text: string } | { kind: 'picture' } | { kind: 'table'; rows: string[][][] };

type XmlNode = Record<string, XmlNode[] | string | Record<string, string>>;
const childrenOf = (node: XmlNode, tag: string): XmlNode[] => (node[tag] as XmlNode[] | undefined) ?? [];
const tagOf = (node: XmlNode): string => Object.keys(node).find((key) => key !== ':@') ?? '';
const textOf = (nodes: XmlNode[]): string =>
  nodes.map((node) => (tagOf(node) === '#text' ? String(node['#text']) : Array.isArray(node[tagOf(node)]) ? textOf(node[tagOf(node)] as XmlNode[]) : '')).join('');
const contains = (nodes: XmlNode[], tag: string): boolean =>
  nodes.some((node) => tagOf(node) === tag || (Array.isArray(node[tagOf(node)]) && contains(node[tagOf(node)] as XmlNode[], tag)));

/** The paragraphs, pictures and tables of a .docx's body, in order (contents controls opened up). */
export const bodyBlocks = async (docx: Uint8Array): Promise<Block[]> => {
  const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
  const parsed = new XMLParser({ preserveOrder: true, ignoreAttributes: true, trimValues: false }).parse(xml) as XmlNode[];
  const body = childrenOf(parsed.find((n) => tagOf(n) === 'w:document')!, 'w:document').find((n) => tagOf(n) === 'w:body')!;
  const walk = (nodes: XmlNode[]): Block[] =>
    nodes.flatMap((node): Block[] => {
      const tag = tagOf(node);
      const inner = childrenOf(node, tag);
      if (tag === 'w:p') return [contains(inner, 'w:drawing') ? { kind: 'picture' } : { kind: 'text', text: textOf(inner) }];
      if (tag === 'w:tbl') {
        const named = (nodes: XmlNode[], name: string) => nodes.filter((n) => tagOf(n) === name);
        const paragraphTexts = (tc: XmlNode) => named(childrenOf(tc, 'w:tc'), 'w:p').map((p) => textOf(childrenOf(p, 'w:p')));
        const rows = named(inner, 'w:tr').map((tr) => named(childrenOf(tr, 'w:tr'), 'w:tc').map(paragraphTexts));
        return [{ kind: 'table', rows }];
      }
      if (tag === 'w:sdt' || tag === 'w:sdtContent') return walk(inner);
      return [];
    });
  return walk(childrenOf(body, 'w:body'));
};

/** The same blocks as a bare docx document: one section, default styles, no project code. */
export const plainDocument = (blocks: Block[], pictures: Buffer[]): Document => {
  let picture = 0;
  const children = blocks.map((block): FileChild => {
    if (block.kind === 'text') return new Paragraph(block.text);
    if (block.kind === 'picture') {
      const data = pictures[picture++ % pictures.length];
      return new Paragraph({ alignment: AlignmentType.CENTER, children: [new ImageRun({ type: 'png', data, transformation: { width: 600, height: 450 } })] });
    }
    return new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: block.rows.map((cells, i) => new TableRow({ tableHeader: i === 0, children: cells.map((texts) => new TableCell({ children: texts.map((text) => new Paragraph(text)) })) })),
    });
  });
  return new Document({ sections: [{ children }] });
};

/** One export in a fresh Node process (see report-peak.ts); its peak RSS growth in bytes. */
const peakInFreshProcess = async (workspaceDir: string, cycleId: string, out: string): Promise<number> => {
  const script = path.join(import.meta.dirname, 'report-peak.ts');
  const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', script, workspaceDir, cycleId, out]);
  return (JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { growthBytes: number }).growthBytes;
};

/**
 * Report export for a cycle with 1,000 notes and 4 photos, against a document of the same
 * paragraphs and tables built with docx directly (no project code, no styling): the
 * report is exported once, untimed, and every paragraph, picture and table cell of its
 * body is read back and rebuilt plainly — the baseline holds exactly the report's text.
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
  const exportReport = async () => {
    setup.savePaths.push(out);
    const saved = await service.exportCycleReport({ cycleId: setup.cycle.id, ...options });
    if (!saved) throw new Error('the report was not saved');
  };
  await exportReport();
  const blocks = await bodyBlocks(await readFile(out));
  const appendixRows = blocks.filter((b) => b.kind === 'table').reduce((most, b) => Math.max(most, b.rows.length), 0);
  if (appendixRows !== 1001 || blocks.filter((b) => b.kind === 'picture').length !== 4) throw new Error('the report does not hold the 1,000-row appendix and 4 photos');
  const baseline = () => Packer.toBuffer(plainDocument(blocks, photos)).then((bytes) => writeFile(out, bytes));

  const timing = await paired(runs, exportReport, baseline);
  await setup.backend.close();
  const peak = await peakInFreshProcess(setup.dir, setup.cycle.id, out);
  await rm(setup.dir, { recursive: true, force: true });
  await rm(out, { force: true });
  return [
    row('export the cycle report (1,000 notes, 4 photos)', timing.subject, 'docx of the same paragraphs and tables, no project code', timing.baseline, 1.5),
    { ...row('peak memory while exporting the report (peak RSS over the level before, fresh process)', [peak / 1048576], '', null, null, 'MB'), spread: '—' },
  ];
};
