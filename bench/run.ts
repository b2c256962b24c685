import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { printTable, verdict, type Row } from './measure';
import { nodeBenchmarks } from './node-benchmarks';

/** `--only <group>` on the command line (`npm run bench -- --only responsiveness`), else BENCH_ONLY. */
const onlyGroup = (): string | undefined => {
  const at = process.argv.indexOf('--only');
  return at >= 0 ? process.argv[at + 1] : process.env.BENCH_ONLY;
};

/** `--quick`: the long benchmarks (live capture's two minutes) run shorter, for a check rather than a figure. */
const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';

/**
 * `npm run bench`: every figure beside a baseline measured in the same run, medians
 * over repeated runs, ratios checked against their targets (and a few times against an
 * absolute limit). Writes bench/results/latest.json (latest-<group>.json for one group) and prints the table. Groups: node,
 * report, responsiveness, capture, sync, browser.
 */
const main = async () => {
  const cacheDir = path.resolve('.tmp/bench-workspaces');
  await mkdir(cacheDir, { recursive: true });
  const rows: Row[] = [];
  const only = onlyGroup();
  if (!only || only === 'node') rows.push(...(await nodeBenchmarks(cacheDir)));
  if (!only || only === 'report') {
    const { reportBenchmark } = await import('./report-benchmark');
    rows.push(...(await reportBenchmark(Number(process.env.BENCH_REPORT_RUNS ?? 15))));
  }
  if (!only || only === 'responsiveness') {
    const { responsivenessBenchmarks } = await import('./responsiveness-benchmark');
    rows.push(...(await responsivenessBenchmarks()));
  }
  if (!only || only === 'capture') {
    const { captureBenchmark } = await import('./capture-benchmark');
    const { captureTypingBenchmark } = await import('./capture-typing-benchmark');
    const durationMs = Number(process.env.BENCH_CAPTURE_MS ?? (quick ? 15_000 : 120_000));
    rows.push(...(await captureBenchmark({ durationMs })));
    // Needs the built renderer (npm run bench builds it).
    rows.push(...(await captureTypingBenchmark({ durationMs })));
  }
  if (!only || only === 'sync') {
    const { syncBenchmarks } = await import('./sync-benchmark');
    rows.push(...(await syncBenchmarks(cacheDir, quick)));
  }
  if (!only || only === 'browser') {
    const { browserBenchmarks } = await import('./browser-benchmarks');
    rows.push(...(await browserBenchmarks()));
    const { startupBenchmark } = await import('./startup-benchmark');
    rows.push(...(await startupBenchmark()));
  }
  await mkdir(path.resolve('bench/results'), { recursive: true });
  await writeFile(
    // A partial run leaves the full run's figures alone.
    path.resolve(`bench/results/${only ? `latest-${only}` : 'latest'}.json`),
    `${JSON.stringify(rows.map(({ name, value, unit, baseline, ratio, target, max, limit }) => ({ name, value, unit, baseline, ratio, target, max, limit })), null, 2)}\n`,
  );
  console.log(`\n${printTable(rows)}\n`);
  const missed = rows.filter((r) => verdict(r) === 'MISSED');
  console.log(missed.length ? `${missed.length} figure(s) missed their target.` : 'Every figure with a target met it.');
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
