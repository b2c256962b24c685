// `npm start`: build, then run the desktop app — or, where the Electron binary could
// not be installed, say so plainly instead of failing with a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));

/**
 * The Electron executable, or null when it is not installed. We do not
 * `require('electron')`: when the binary is missing, that tries to download it, which
 * hangs or fails noisily on a machine without access to the download host.
 */
export const findElectronBinary = () => {
  let packageDir;
  try {
    packageDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
};

const explainMissingElectron = () => {
  console.error(
    [
      'Lesson Study Desktop cannot start here: the Electron binary is not installed.',
      'Electron is an optional dependency whose install step downloads a prebuilt binary,',
      'and npm skips it when that download fails — here, because this machine has no network access to its download host.',
      'To fix it, on a computer with internet access run "npm install" again (npm 11 runs only',
      'approved install scripts; this project approves electron\'s), or, if node_modules/electron',
      'exists without its binary, run "node node_modules/electron/install.js"; then "npm start".',
      'Everything else works without it: "npm test" builds the app and runs all unit tests and',
      'the end-to-end tests in Chromium; the Electron-only end-to-end test is skipped with a note.',
    ].join(' '),
  );
};

const run = (command, args) => spawnSync(command, args, { cwd: root, stdio: 'inherit' });

const buildApp = () => {
  // Under `npm start`, npm tells us where its own CLI is; this avoids spawning npm.cmd
  // through a shell on Windows.
  const npmCli = process.env.npm_execpath;
  const result = npmCli
    ? run(process.execPath, [npmCli, 'run', 'build'])
    : spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  return result.status === 0;
};

const main = () => {
  const electron = findElectronBinary();
  if (!electron) {
    explainMissingElectron();
    process.exit(1);
  }
  if (!buildApp()) {
    console.error('The build failed (see above), so the app was not started.');
    process.exit(1);
  }
  // A leftover ELECTRON_RUN_AS_NODE would make Electron behave as plain Node.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(electron, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('error', (error) => {
    console.error(`Electron could not be started: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
};

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main();
}
