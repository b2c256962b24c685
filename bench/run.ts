import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { printTable, type Row } from './measure';
import { nodeBenchmarks } from './node-benchmarks';

/**
 * `npm run bench`: every figure beside a baseline measured in the same run, medians
 * over repeated runs, ratios checked against their targets. Writes
 * bench/results/latest.json and prints the table.
 */
const main = async () => {
  const cacheDir = path.resolve('.tmp/bench-workspaces');
  await mkdir(cacheDir, { recursive: true });
  const rows: Row[] = [];
  const only = process.env.BENCH_ONLY;
  if (!only || only === 'node') rows.push(...(await nodeBenchmarks(cacheDir)));
  if (!only || only === 'report') {
    const { reportBenchmark } = await import('./report-benchmark');
    rows.push(...(await reportBenchmark(Number(process.env.BENCH_REPORT_RUNS ?? 15))));
  }
  if (!only || only === 'browser') {
    const { browserBenchmarks } = await import('./browser-benchmarks');
    rows.push(...(await browserBenchmarks()));
  }
  await mkdir(path.resolve('bench/results'), { recursive: true });
  await writeFile(
    path.resolve('bench/results/latest.json'),
    `${JSON.stringify(rows.map(({ name, value, unit, baseline, ratio, target }) => ({ name, value, unit, baseline, ratio, target })), null, 2)}\n`,
  );
  console.log(`\n${printTable(rows)}\n`);
  const missed = rows.filter((r) => r.target !== null && r.ratio !== null && r.ratio > r.target);
  console.log(missed.length ? `${missed.length} ratio(s) missed their target.` : 'Every ratio with a target met it.');
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
