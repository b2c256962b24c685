// Mutation testing (issue 13): how well do the unit tests pin the pure domain code in
// shared/ and the storage layer in electron/storage/? Not part of CI — a run takes tens of
// minutes on a 2-core machine. Run it with `npm run mutate`, which runs each area on its own
// (test/mutation-scores.mjs sets MUTATION_AREA) and prints one score per area.
//
// Each area is run against the test files that exercise it directly, not the whole suite:
// the suite takes ~6 minutes, and a mutant covered by the slow end-to-end backend tests would
// cost seconds each. Per-test coverage then runs only the tests that reach a mutant.

/** @type {Record<string, { mutate: string[]; testFiles: string[] }>} */
const areas = {
  shared: {
    mutate: ['shared/**/*.ts'],
    testFiles: [
      'test/unit/analysis-aggregations.test.ts',
      'test/unit/anonymize.test.ts',
      'test/unit/csv.test.ts',
      'test/unit/diff-design.test.ts',
      'test/unit/ipc.test.ts',
      'test/unit/merge.test.ts',
      'test/unit/observe-capture.test.ts',
      'test/unit/workflow-phases.test.ts',
      'test/unit/mutation-shared-*.test.ts',
    ],
  },
  storage: {
    mutate: ['electron/storage/**/*.ts'],
    testFiles: [
      'test/unit/storage-*.test.ts',
      'test/unit/journal.test.ts',
      'test/unit/acknowledged-writes.test.ts',
      'test/unit/file-modes.test.ts',
      'test/unit/fault-disk-full.test.ts',
      'test/unit/fault-second-instance.test.ts',
      'test/unit/catalogue-newer.test.ts',
      'test/unit/shutdown.test.ts',
      'test/unit/mutation-storage-*.test.ts',
      // The shared workspace (electron/storage/sync/): merge core, device, files, and the
      // wiring (not the real-Syncthing test: seconds per mutant, and the two-folder tests cover it).
      'test/unit/sync-device.test.ts',
      'test/unit/sync-files.test.ts',
      'test/unit/sync-host.test.ts',
      'test/unit/sync-local-device.test.ts',
      'test/unit/sync-merge.test.ts',
      'test/unit/sync-shared-workspace.test.ts',
      'test/unit/sync-simulator.test.ts',
      'test/unit/ops-fast-check.test.ts',
    ],
  },
};

const area = process.env.MUTATION_AREA ?? 'shared';
if (!(area in areas)) {
  throw new Error(`MUTATION_AREA must be one of ${Object.keys(areas).join(', ')}, not "${area}"`);
}

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.config.ts', related: false },
  coverageAnalysis: 'perTest',
  // A static mutant only runs when a module loads (mostly the zod schemas in shared/contract
  // and shared/domain): each one reruns every test, which made ~40 % of the mutants take ~95 %
  // of a 3½-hour run. They are reported as Ignored and left out of the score; the schemas are
  // pinned by ipc.test.ts and the storage/fuzz tests instead.
  ignoreStatic: true,
  // The machine has 2 cores shared with other work.
  concurrency: 1,
  mutate: areas[area].mutate,
  testFiles: areas[area].testFiles,
  // .tmp/ is already ignored by git, ESLint and tsc, so a run leaves nothing to commit.
  tempDirName: '.tmp/stryker',
  ignorePatterns: ['/.tmp', '/dist', '/dist-electron', '/dist-cli', '/release', '/test-results', '/playwright-report'],
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: `.tmp/mutation/${area}.json` },
  htmlReporter: { fileName: `.tmp/mutation/${area}.html` },
  incrementalFile: `.tmp/mutation/${area}-incremental.json`,
  // The clear-text table lists every file; the survivors themselves are in the JSON/HTML report.
  clearTextReporter: { reportMutants: false },
  thresholds: { high: 85, low: 70, break: null },
  timeoutMS: 10_000,
};
