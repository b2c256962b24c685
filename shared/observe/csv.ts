import type { Observation, ObservationTarget } from '../domain/observation';
import { formatClock } from './clock';

/**
 * Spreadsheet apps run a cell that starts with one of these as a formula (CSV
 * injection, OWASP). A leading apostrophe makes them show the text instead.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: formula-safe, then quoted per RFC 4180 when it must be. */
export const csvCell = (value: string): string => {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export const csvLine = (cells: readonly string[]): string => cells.map(csvCell).join(',');

/** UTF-8 byte order mark: without it Excel reads UTF-8 as the local code page. */
export const CSV_BOM = '\uFEFF';

export interface CsvLookups {
  cycleTitle: string;
  stepTitle: (stepId: string | undefined) => string;
  observerName: (observerId: string) => string;
  targetLabel: (target: ObservationTarget) => string;
  codeLabel: (codeId: string) => string;
}

/**
 * Who wrote a note, by name: a member of the group, or a guest observer the facilitator
 * named while approving a device during live capture (the cycle's `guestObservers`).
 */
export const observerNameLookup =
  (members: ReadonlyArray<{ id: string; name: string }>, guests: ReadonlyArray<{ id: string; name: string }> = [], unknown = '') =>
  (observerId: string): string =>
    members.find((m) => m.id === observerId)?.name ?? guests.find((g) => g.id === observerId)?.name ?? unknown;

export const CSV_HEADER = ['Cycle', 'Step', 'Clock time', 'Wall time', 'Observer', 'Target', 'Codes', 'Text', 'Photos'] as const;

export const photoFileName = (photo: { hash: string; ext: string }): string => `${photo.hash}.${photo.ext}`;

/** A photo as the teacher knows it: the name it had when it was taken in; the stored file name when it had none. */
export const photoCsvName = (photo: { hash: string; ext: string; name: string }): string => photo.name.trim() || photoFileName(photo);

/** The rows of a cycle's CSV: one per live note, in clock order. */
export const observationRows = (observations: readonly Observation[], look: CsvLookups): string[][] =>
  observations
    .filter((o) => !o.deletedAt)
    .sort((a, b) => a.clockMs - b.clockMs || a.wallTime.localeCompare(b.wallTime))
    .map((o) => [
      look.cycleTitle,
      look.stepTitle(o.stepId),
      formatClock(o.clockMs),
      o.wallTime,
      look.observerName(o.observerId),
      look.targetLabel(o.target),
      o.codeIds.map(look.codeLabel).join('; '),
      o.text,
      o.photos.map(photoCsvName).join('; '),
    ]);

/** The whole file: BOM, header, CRLF line ends (RFC 4180). */
export const observationsCsv = (
  observations: readonly Observation[],
  look: CsvLookups,
  header: readonly string[] = CSV_HEADER,
): string => `${CSV_BOM}${[header, ...observationRows(observations, look)].map(csvLine).join('\r\n')}\r\n`;
