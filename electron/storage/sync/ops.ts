import { z } from 'zod';
import { parseHlc } from './hlc';

/**
 * One change to one place in one document, as one line of `devices/<id>/ops-<n>.jsonl`:
 *
 *   {"hlc":"2026-11-26T19:25:13.550Z-0000-8f3a09c2d1e4b7a6","kind":"design","doc":"<uuid>",
 *    "path":["draft","content","steps","#<stepId>","title"],"op":"set","value":"Compare",
 *    "base":["2026-11-20T08:01:00.000Z-0000-1b2c3d4e5f6a7b8c"]}
 *
 * - `hlc` is the op's id and its place in time (hlc.ts).
 * - `path` names the place: object keys as they are, an element of a list of records by
 *   `#<its id>` (a key that itself starts with "#" or "~" is written with a "~" before it).
 * - `op`: `set` a plain value (text, number, a list of words…); `add` a record here (its
 *   fields follow as their own ops); `list` the order of a list of records (value: the ids);
 *   `del` a tombstone — nothing here any more. A delete is always an op, never a missing file.
 * - `base`: the ops this one replaces, as its writer saw them: the ops then current at
 *   `path` and, for `set`/`add`/`del`, below it. An op that nobody's base names is current;
 *   two current ops at one place are concurrent edits — a conflict, kept, never dropped.
 * - `save`, `of`: the ops of one save that wrote several (the first op's stamp, their
 *   number). A save is applied whole or not yet: a log synced up to the middle of a save
 *   never shows half a plan.
 */

export const OP_KINDS = ['set', 'add', 'list', 'del'] as const;
export type OpKind = (typeof OP_KINDS)[number];

const Stamp = z.string().refine((s) => parseHlc(s) !== null, 'not a clock stamp');

export const Op = z
  .object({
    hlc: Stamp,
    kind: z.string().regex(/^[a-z][a-z-]{0,39}$/),
    doc: z.string().min(1).max(200),
    path: z.array(z.string().min(1).max(400)).max(40),
    op: z.enum(OP_KINDS),
    value: z.unknown().optional(),
    base: z.array(Stamp).max(100_000),
    /** Ops of one save that wrote more than one: the first op's stamp and how many there are. */
    save: Stamp.optional(),
    of: z.number().int().min(2).max(1_000_000).optional(),
  })
  .superRefine((op, ctx) => {
    if (op.op === 'set' && op.value === undefined) ctx.addIssue({ code: 'custom', message: 'a set op needs a value' });
    if (op.op === 'list' && !(Array.isArray(op.value) && op.value.every((id) => typeof id === 'string'))) {
      ctx.addIssue({ code: 'custom', message: 'a list op needs the list of ids' });
    }
  });
export type Op = z.infer<typeof Op>;

export const elementSegment = (id: string): string => `#${id}`;
export const isElementSegment = (segment: string): boolean => segment.startsWith('#');
export const escapeKey = (key: string): string => (key.startsWith('#') || key.startsWith('~') ? `~${key}` : key);
export const unescapeKey = (segment: string): string => (segment.startsWith('~') ? segment.slice(1) : segment);

/** JSON with object keys sorted: equal values give equal text, whoever wrote them. */
export const canonicalJson = (value: unknown): string => JSON.stringify(sortKeys(value));
const sortKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
  return out;
};

export const opsFileName = (generation: number): string => `ops-${generation}.jsonl`;
export const OPS_FILE = /^ops-(\d{1,9})\.jsonl$/;
export const DEVICE_FILE = 'device.json';
export const devicesDir = 'devices';
export const deviceDir = (deviceId: string): string => `${devicesDir}/${deviceId}`;

export interface ParsedOps {
  ops: Op[];
  /** Complete lines that are not JSON or not an op: damage, reported, never fatal. */
  badLines: number;
  /** Bytes after the last newline: a line still arriving (or a crash mid-append). Ignored until complete. */
  pendingBytes: number;
}

/**
 * Read an op file's text. The text after the last newline is a line still being synced
 * (or torn by a crash) and is left for a later read; the file is another device's, so
 * it is never cut or rewritten here.
 */
export const parseOpLines = (text: string): ParsedOps => {
  const end = text.lastIndexOf('\n') + 1;
  const ops: Op[] = [];
  const stamps = new Set<string>();
  let badLines = 0;
  for (const line of text.slice(0, end).split('\n')) {
    if (line.trim() === '') continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      badLines += 1;
      continue;
    }
    const op = checkOp(raw, stamps);
    if (op) ops.push(op);
    else badLines += 1;
  }
  return { ops, badLines, pendingBytes: Buffer.byteLength(text.slice(end)) };
};

const KIND = /^[a-z][a-z-]{0,39}$/;
const isStampIn = (cache: Set<string>) => (value: unknown): value is string => {
  if (typeof value !== 'string') return false;
  if (cache.has(value)) return true;
  if (parseHlc(value) === null) return false;
  cache.add(value);
  return true;
};

/**
 * The `Op` schema's check, written out: an op file of a school year holds tens of
 * thousands of lines, and a zod parse of each took ten times the JSON parse. Accepts and
 * returns exactly what `Op.safeParse` does (ops-fast-check.test.ts compares the two);
 * `stamps` remembers stamps already checked, since every op's `base` repeats earlier ones.
 */
export const checkOp = (raw: unknown, stamps: Set<string> = new Set()): Op | null => {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const r = raw as Record<string, unknown>;
  const isStamp = isStampIn(stamps);
  if (!isStamp(r.hlc) || typeof r.kind !== 'string' || !KIND.test(r.kind)) return null;
  if (typeof r.doc !== 'string' || r.doc.length < 1 || r.doc.length > 200) return null;
  if (!Array.isArray(r.path) || r.path.length > 40 || !r.path.every((s) => typeof s === 'string' && s.length >= 1 && s.length <= 400)) return null;
  if (typeof r.op !== 'string' || !(OP_KINDS as readonly string[]).includes(r.op)) return null;
  if (!Array.isArray(r.base) || r.base.length > 100_000 || !r.base.every(isStamp)) return null;
  if (r.save !== undefined && !isStamp(r.save)) return null;
  if (r.of !== undefined && !(typeof r.of === 'number' && Number.isInteger(r.of) && r.of >= 2 && r.of <= 1_000_000)) return null;
  if (r.op === 'set' && r.value === undefined) return null;
  if (r.op === 'list' && !(Array.isArray(r.value) && r.value.every((id) => typeof id === 'string'))) return null;
  const op: Op = { hlc: r.hlc as string, kind: r.kind, doc: r.doc, path: r.path as string[], op: r.op as OpKind, base: r.base as string[] };
  if (r.value !== undefined) op.value = r.value;
  if (r.save !== undefined) op.save = r.save as string;
  if (r.of !== undefined) op.of = r.of as number;
  return op;
};

/** The text appended for these ops: one line each, keys in a fixed order (absent ones left out by JSON). */
export const encodeOpLines = (ops: readonly Op[]): string =>
  ops
    .map(({ hlc, kind, doc, path, op, value, base, save, of }) => JSON.stringify({ hlc, kind, doc, path, op, value, base, save, of }))
    .map((line) => `${line}\n`)
    .join('');
