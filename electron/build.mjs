// Bundles the main process, the preload, the browser server, the report worker and (when present) the CLI with esbuild.
// Everything is bundled except sharp, so the packaged app ships no other node_modules.
import { build } from 'esbuild';
import { chmodSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const at = (...parts) => path.join(root, ...parts);

// Bundled CommonJS dependencies call require() for Node built-ins; an ES module has no
// require, so give the bundle one.
const requireShim = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

const common = {
  bundle: true,
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
  // electron: provided by the Electron runtime. sharp: a native module (libvips) that loads
  // its platform's binary from node_modules/@img at run time, so it cannot be bundled;
  // electron-builder.yml packs it (and its dependencies) unpacked beside the asar.
  external: ['electron', 'sharp'],
};

/** An ES-module bundle for Node (main, the CLI, the browser server). */
const nodeBundle = (entry, outfile, target, banner = requireShim) =>
  build({ ...common, entryPoints: [at(entry)], outfile: at(outfile), format: 'esm', platform: 'node', target, banner: { js: banner } });

// The worker thread that makes report .docx files (electron/docx/report/worker.ts): the
// bundles that export reports (the backend process, the browser server) start it from
// beside themselves as report-worker.mjs; electron-builder packs dist-electron whole.
const reportWorker = (outDir, target) => nodeBundle('electron/docx/report/worker.ts', `${outDir}/report-worker.mjs`, target);

const jobs = [
  nodeBundle('electron/main.ts', 'dist-electron/main.mjs', 'node22'),
  // The backend process (an Electron utilityProcess) that owns the workspace.
  nodeBundle('electron/backend/process/entry.ts', 'dist-electron/backend.mjs', 'node22'),
  reportWorker('dist-electron', 'node22'),
  // A sandboxed preload runs in the renderer with only a few modules ('electron',
  // 'events', 'timers', 'url'): a browser build makes esbuild refuse any other Node
  // built-in at build time rather than at run time.
  build({
    ...common,
    entryPoints: [at('electron/preload.ts')],
    outfile: at('dist-electron/preload.cjs'),
    format: 'cjs',
    platform: 'browser',
    target: 'chrome130',
  }),
];

const cliEntry = at('electron/cli/main.ts');
const cliOut = at('dist-cli/lesson-study.mjs');
if (existsSync(cliEntry)) {
  jobs.push(nodeBundle('electron/cli/main.ts', 'dist-cli/lesson-study.mjs', 'node20', `#!/usr/bin/env node\n${requireShim}`).then(() => chmodSync(cliOut, 0o755)));
}

// The backend as a plain Node process with its HTTP door: the app in a browser where
// Electron cannot run (see electron/backend/server-main.ts).
jobs.push(nodeBundle('electron/backend/server-main.ts', 'dist-server/lesson-study-server.mjs', 'node20'), reportWorker('dist-server', 'node20'));

try {
  await Promise.all(jobs);
} catch {
  // esbuild has already printed the errors with their locations.
  process.exitCode = 1;
}
