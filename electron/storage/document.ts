import type { z } from 'zod';

/**
 * A kind of workspace file: its current schema version, the zod schema of its body and
 * the ordered migrations that bring an older body up to date. On disk a document is
 * `{ "schemaVersion": n, ...body }`.
 */
export interface DocumentKind<T extends object> {
  name: string;
  version: number;
  schema: z.ZodType<T>;
  /** `migrations[i]` turns a version i+1 body into a version i+2 body. Pure functions. */
  migrations: ReadonlyArray<(body: Record<string, unknown>) => Record<string, unknown>>;
  /** Files larger than this are refused as damaged rather than parsed. */
  maxBytes?: number;
}

export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

export type Decoded<T> =
  | { status: 'ok'; value: T; migratedFrom?: number }
  | { status: 'corrupt'; reason: string }
  | { status: 'newer'; version: number };

const BOM = '\uFEFF';

/** Parse, check the version, migrate and validate one file's text. Pure. */
export const decodeDocument = <T extends object>(kind: DocumentKind<T>, text: string): Decoded<T> => {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  if (body.trim() === '') return { status: 'corrupt', reason: 'the file is empty' };
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (error) {
    return { status: 'corrupt', reason: `it is not valid JSON (${(error as Error).message})` };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { status: 'corrupt', reason: 'it does not hold a document object' };
  }
  return decodeBody(kind, raw as Record<string, unknown>);
};

/** Check the version, migrate and validate a parsed document (a file's, or a shared document's merged value). Pure. */
export const decodeBody = <T extends object>(kind: DocumentKind<T>, raw: Record<string, unknown>): Decoded<T> => {
  const { schemaVersion, ...rest } = raw;
  if (typeof schemaVersion !== 'number' || !Number.isInteger(schemaVersion) || schemaVersion < 1) {
    return { status: 'corrupt', reason: 'it has no valid schemaVersion' };
  }
  if (schemaVersion > kind.version) return { status: 'newer', version: schemaVersion };
  let migrated: Record<string, unknown> = rest;
  for (let v = schemaVersion; v < kind.version; v++) {
    const step = kind.migrations[v - 1];
    if (!step) return { status: 'corrupt', reason: `no migration from schema ${v}` };
    migrated = step(migrated);
  }
  const parsed = kind.schema.safeParse(migrated);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? ` at ${first.path.join('.')}` : '';
    return { status: 'corrupt', reason: `its content does not match the ${kind.name} format${where}: ${first?.message}` };
  }
  return schemaVersion < kind.version
    ? { status: 'ok', value: parsed.data, migratedFrom: schemaVersion }
    : { status: 'ok', value: parsed.data };
};

export const encodeDocument = <T extends object>(kind: DocumentKind<T>, value: T): string =>
  `${JSON.stringify({ schemaVersion: kind.version, ...value }, null, 2)}\n`;
