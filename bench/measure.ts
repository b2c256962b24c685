/** Median and spread of repeated timings; each figure is compared with a baseline from the same run. */
export interface Row {
  name: string;
  value: number;
  unit: string;
  baseline: number | null;
  ratio: number | null;
  /** Upper bound for `ratio`, where one is set. */
  target: number | null;
  spread: string;
  baselineName: string;
  /** The slowest sample, where a limit is checked against it. */
  max?: number;
  /** An absolute bound (in `unit`) on the slowest sample, where the aim is a time rather than a ratio. */
  limit?: number;
}

/** Whether a row met its target: its ratio, or its slowest sample against its limit. */
export const verdict = (r: Row): 'ok' | 'MISSED' | '' => {
  if (r.limit !== undefined) return (r.max ?? r.value) <= r.limit ? 'ok' : 'MISSED';
  if (r.target === null || r.ratio === null) return '';
  return r.ratio <= r.target ? 'ok' : 'MISSED';
};

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** The sample at quantile `q` (0.9 = p90) of unsorted samples. */
export const quantile = (samples: number[], q: number): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};

export const spreadOf = (values: number[]): string => {
  const sorted = [...values].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return `${q(0.25).toFixed(2)}–${q(0.75).toFixed(2)} (IQR)`;
};

/** Time `run` `times` times (after `warmup` runs), in milliseconds. */
export const timeIt = async (times: number, run: (i: number) => Promise<unknown> | unknown, warmup = 1): Promise<number[]> => {
  for (let i = 0; i < warmup; i++) await run(-1 - i);
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await run(i);
    samples.push(performance.now() - start);
  }
  return samples;
};

/** Interleave a measurement and its baseline so machine noise hits both alike. */
export const paired = async (
  times: number,
  subject: (i: number) => Promise<unknown> | unknown,
  baseline: (i: number) => Promise<unknown> | unknown,
): Promise<{ subject: number[]; baseline: number[] }> => {
  await subject(-1);
  await baseline(-1);
  // With --expose-gc (npm run bench passes it), each timed call starts from a collected
  // heap, so neither side pays for the garbage the other left behind.
  const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < times; i++) {
    collect();
    let start = performance.now();
    await subject(i);
    a.push(performance.now() - start);
    collect();
    start = performance.now();
    await baseline(i);
    b.push(performance.now() - start);
  }
  return { subject: a, baseline: b };
};

export const row = (
  name: string,
  samples: number[],
  baselineName: string,
  baselineSamples: number[] | null,
  target: number | null = null,
  unit = 'ms',
): Row => {
  const value = median(samples);
  const baseline = baselineSamples ? median(baselineSamples) : null;
  return {
    name,
    value: Number(value.toFixed(3)),
    unit,
    baseline: baseline === null ? null : Number(baseline.toFixed(3)),
    ratio: baseline ? Number((value / baseline).toFixed(2)) : null,
    target,
    spread: spreadOf(samples),
    baselineName,
  };
};

export const printTable = (rows: Row[]): string => {
  const header = ['measurement', 'median', 'spread', 'baseline', 'baseline median', 'ratio', 'target', ''];
  const lines = rows.map((r) => [
    r.name,
    `${r.value} ${r.unit}`,
    r.spread,
    r.baselineName,
    r.baseline === null ? '—' : `${r.baseline} ${r.unit}`,
    r.ratio === null ? '—' : String(r.ratio),
    r.limit !== undefined ? `max ≤ ${r.limit} ${r.unit}` : r.target === null ? '—' : `≤ ${r.target}`,
    verdict(r),
  ]);
  const all = [header, ...lines];
  const widths = header.map((_, i) => Math.max(...all.map((line) => line[i].length)));
  const format = (line: string[]) => `| ${line.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [format(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...lines.map(format)].join('\n');
};
