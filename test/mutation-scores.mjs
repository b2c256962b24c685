// `npm run mutate` (issue 13): runs StrykerJS once per area (see stryker.config.mjs) and
// prints one mutation score per area, read from Stryker's JSON report.
//
//   node test/mutation-scores.mjs                  both areas
//   node test/mutation-scores.mjs shared           one area
//   node test/mutation-scores.mjs --report-only    scores of the last run, without running
//   node test/mutation-scores.mjs --survivors      also list the surviving mutants
//   node test/mutation-scores.mjs -- --incremental anything after -- goes to `stryker run`
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const TARGET = 85;
const AREAS = { shared: 'shared/', storage: 'electron/storage/' };

const argv = process.argv.slice(2);
const dashDash = argv.indexOf('--');
const ours = dashDash === -1 ? argv : argv.slice(0, dashDash);
const strykerArgs = dashDash === -1 ? [] : argv.slice(dashDash + 1);
const reportOnly = ours.includes('--report-only');
const listSurvivors = ours.includes('--survivors');
const unknown = ours.filter((a) => a.startsWith('-') && a !== '--report-only' && a !== '--survivors');
const named = ours.filter((a) => !a.startsWith('-'));
const wrongArea = named.find((a) => !(a in AREAS));
if (unknown.length > 0 || wrongArea) {
  console.error(`Unknown ${wrongArea ? `area "${wrongArea}"` : `option ${unknown.join(' ')}`}. Areas: ${Object.keys(AREAS).join(', ')}.`);
  process.exit(2);
}
const areas = named.length > 0 ? named : Object.keys(AREAS);

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
// The package's exports hide bin/, so find it next to its package.json.
const strykerBin = path.join(path.dirname(createRequire(import.meta.url).resolve('@stryker-mutator/core/package.json')), 'bin', 'stryker.js');

const minutes = (ms) => `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;

/** Stryker's own definition: detected (killed, timed out) over valid mutants; a mutant that
 * does not compile or crashes the runner, or is ignored, is not counted either way. */
function score(report) {
  const counts = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, CompileError: 0, RuntimeError: 0, Ignored: 0 };
  const survivors = [];
  for (const [file, { mutants }] of Object.entries(report.files)) {
    for (const m of mutants) {
      counts[m.status] = (counts[m.status] ?? 0) + 1;
      if (m.status === 'Survived' || m.status === 'NoCoverage') {
        const at = `${file}:${m.location.start.line}:${m.location.start.column}`;
        survivors.push(`${m.status === 'NoCoverage' ? 'no coverage' : 'survived'}  ${at}  ${m.mutatorName}  ${JSON.stringify(m.replacement ?? '')}`);
      }
    }
  }
  const detected = counts.Killed + counts.Timeout;
  const valid = detected + counts.Survived + counts.NoCoverage;
  return { percent: valid === 0 ? NaN : (100 * detected) / valid, counts, survivors };
}

const results = [];
let failed = false;
for (const area of areas) {
  const reportFile = path.join(root, '.tmp', 'mutation', `${area}.json`);
  let elapsed = null;
  if (!reportOnly) {
    const started = Date.now();
    const run = spawnSync(process.execPath, [strykerBin, 'run', ...strykerArgs], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, MUTATION_AREA: area },
    });
    elapsed = Date.now() - started;
    if (run.status !== 0) {
      console.error(`\nStryker failed for ${AREAS[area]} (exit ${run.status ?? run.signal}).`);
      failed = true;
      continue;
    }
  }
  if (!existsSync(reportFile)) {
    console.error(`No report for ${AREAS[area]} at ${path.relative(root, reportFile)}; run without --report-only first.`);
    failed = true;
    continue;
  }
  results.push({ area, elapsed, ...score(JSON.parse(readFileSync(reportFile, 'utf8'))) });
}

console.log('\nMutation scores (target %d %% each):', TARGET);
for (const { area, elapsed, percent, counts, survivors } of results) {
  const verdict = percent >= TARGET ? 'meets the target' : 'below the target';
  console.log(
    `  ${AREAS[area].padEnd(18)} ${percent.toFixed(2).padStart(6)} %  ${verdict}` +
      `  (killed ${counts.Killed}, timeout ${counts.Timeout}, survived ${counts.Survived}, no coverage ${counts.NoCoverage};` +
      ` not counted: ${counts.Ignored} ignored (static), ${counts.CompileError + counts.RuntimeError} errors` +
      `${elapsed === null ? '' : `; ran ${minutes(elapsed)}`})`,
  );
  if (listSurvivors) for (const line of survivors) console.log(`      ${line}`);
}
process.exit(failed ? 1 : 0);
