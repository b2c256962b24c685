// `npm start`: make sure Electron can run (downloading its binary the first time), build,
// then open the desktop app. When something stands in the way, say exactly what and what
// to do — never a stack trace — and, where Electron cannot run at all, open the same app
// in the system browser (LESSON_STUDY_BROWSER=1 asks for that directly).
//
// Why we download Electron ourselves: Electron 45 has no install script. Its package
// downloads the binary lazily, the first time `require('electron')` resolves the
// executable. Doing that here, with @electron/get's progress callback, lets the first
// start show a progress line, and lets us tell "offline" apart from "download failed".
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Electron 45's own `engines` (node >= 22.12): npm leaves the optional package out on older Node. */
export const DESKTOP_NODE = '22.12.0';
/** What the tests, the CLI and the build need (package.json engines). */
export const TOOLS_NODE = '20.19.0';

const parseVersion = (text) => String(text).replace(/^v/, '').split('.').map((part) => Number.parseInt(part, 10) || 0);

/** Is `version` (e.g. "v20.20.2") at least `minimum` (e.g. "22.12.0")? */
export const atLeast = (version, minimum) => {
  const have = parseVersion(version);
  const need = parseVersion(minimum);
  for (let i = 0; i < 3; i += 1) {
    if ((have[i] ?? 0) !== (need[i] ?? 0)) return (have[i] ?? 0) > (need[i] ?? 0);
  }
  return true;
};

/** Error codes that mean "no connection", as opposed to a download that went wrong. */
const OFFLINE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET']);

/** The code of an error or of any error in its `cause` chain (fetch wraps the socket error). */
const errorCodes = (error) => {
  const codes = [];
  for (let current = error, depth = 0; current && depth < 5; current = current.cause, depth += 1) {
    if (typeof current.code === 'string') codes.push(current.code);
  }
  return codes;
};

export const isOfflineError = (error) => errorCodes(error).some((code) => OFFLINE_CODES.has(code));

const describeError = (error) => {
  const parts = [];
  for (let current = error, depth = 0; current && depth < 5; current = current.cause, depth += 1) {
    const text = current instanceof Error ? current.message : String(current);
    const code = typeof current.code === 'string' && !text.includes(current.code) ? ` (${current.code})` : '';
    if (text) parts.push(`${text}${code}`);
  }
  return parts.join(': ') || 'unknown error';
};

/** Where the electron package is, or null when npm did not install it. */
export const resolveElectronPackage = (root) => {
  try {
    return path.dirname(createRequire(path.join(root, 'package.json')).resolve('electron/package.json'));
  } catch {
    return null;
  }
};

/**
 * The executable the package would run, and whether it is there. Mirrors the package's
 * own index.js (path.txt under dist/, or ELECTRON_OVERRIDE_DIST_PATH), plus the version
 * check its install.js makes, so an upgrade of the package downloads the matching binary.
 */
export const electronBinary = (packageDir, env = process.env) => {
  const version = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')).version;
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const binary = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
    return { version, binary, installed: existsSync(binary) };
  }
  if (!relative) return { version, binary: null, installed: false };
  const binary = path.join(packageDir, 'dist', relative);
  let distVersion = null;
  try {
    distVersion = readFileSync(path.join(packageDir, 'dist', 'version'), 'utf8').trim().replace(/^v/, '');
  } catch {
    // An extracted binary without its version file: trust the binary if it is there.
  }
  const installed = existsSync(binary) && (distVersion === null || distVersion === version);
  return { version, binary, installed };
};

const MB = 1024 * 1024;

/**
 * A progress printer: one line rewritten in place on a terminal, a line per 10 % in a
 * log (CI, an IDE's output pane), so the first start never looks stuck.
 */
export const progressPrinter = (write, isTTY) => {
  let lastDecile = -1;
  return ({ transferred = 0, total = null, percent = 0 }) => {
    const whole = Math.floor(Math.min(1, Math.max(0, percent)) * 100);
    const size = total ? ` (${Math.round(transferred / MB)} of ${Math.round(total / MB)} MB)` : '';
    if (isTTY) {
      write(`\r  ${String(whole).padStart(3)} %${size}   `);
      if (whole === 100) write('\n');
      return;
    }
    const decile = Math.floor(whole / 10);
    if (decile === lastDecile) return;
    lastDecile = decile;
    write(`  ${whole} %${size}\n`);
  };
};

const runNode = (args, options) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'pipe'], ...options });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    child.on('error', (error) => resolve({ code: 1, stderr: error.message }));
    child.on('close', (code) => resolve({ code: code ?? 1, stderr }));
  });

/**
 * The real download: @electron/get (a dependency of the electron package) fetches the zip
 * into its cache, checked against the package's own checksums, reporting progress; then
 * the package's install.js finds it in the cache, extracts it and writes path.txt.
 */
export const downloadElectron = async ({ packageDir, version, onProgress }) => {
  const requireFromPackage = createRequire(path.join(packageDir, 'package.json'));
  const get = await import(pathToFileURL(requireFromPackage.resolve('@electron/get')).href);
  const downloadArtifact = get.downloadArtifact ?? get.default?.downloadArtifact;
  const checksumsFile = path.join(packageDir, 'checksums.json');
  await downloadArtifact({
    version,
    artifactName: 'electron',
    platform: process.env.ELECTRON_INSTALL_PLATFORM || process.env.npm_config_platform || process.platform,
    arch: process.env.ELECTRON_INSTALL_ARCH || process.env.npm_config_arch || process.arch,
    checksums: existsSync(checksumsFile) ? JSON.parse(readFileSync(checksumsFile, 'utf8')) : undefined,
    downloadOptions: { quiet: true, getProgressCallback: onProgress },
  });
  const installed = await runNode([path.join(packageDir, 'install.js')], { cwd: packageDir });
  if (installed.code !== 0) {
    throw new Error(`Electron's install.js could not unpack the download: ${installed.stderr.trim().split('\n').slice(-3).join(' ') || `exit code ${installed.code}`}`);
  }
};

/** Runs Electron with the app, passing output through and keeping the end of stderr to explain a failure. */
export const spawnElectron = (binary, args, { cwd, env }) =>
  new Promise((resolve) => {
    let child;
    try {
      child = spawn(binary, args, { cwd, env, stdio: ['inherit', 'inherit', 'pipe'] });
    } catch (error) {
      resolve({ error });
      return;
    }
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      process.stderr.write(chunk);
      stderr = (stderr + chunk).slice(-4000);
    });
    // Ctrl+C in the terminal stops the app the way closing its window does.
    let stopped = false;
    for (const signal of ['SIGINT', 'SIGTERM']) {
      process.once(signal, () => {
        stopped = true;
        child.kill(signal);
      });
    }
    child.on('error', (error) => resolve({ error, stderr }));
    child.on('close', (code, signal) => resolve({ code, signal, stderr, stopped }));
  });

/**
 * The app in the system browser, where Electron cannot run: the backend with its HTTP
 * door (electron/backend/server-main.ts, built to dist-server/). It prints one line with
 * the address and opens the browser; Ctrl+C stops it cleanly.
 */
export const serveInBrowser = (root, { env }) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'dist-server', 'lesson-study-server.mjs')], { cwd: root, env, stdio: 'inherit' });
    let stopped = false;
    for (const signal of ['SIGINT', 'SIGTERM']) {
      process.once(signal, () => {
        stopped = true;
        child.kill(signal);
      });
    }
    child.on('error', () => resolve(1));
    child.on('close', (code) => resolve(stopped ? 0 : (code ?? 1)));
  });

const defaultBuild = (root) => {
  // Under `npm start`, npm tells us where its own CLI is; this avoids spawning npm.cmd
  // through a shell on Windows.
  const npmCli = process.env.npm_execpath;
  const result = npmCli
    ? spawnSync(process.execPath, [npmCli, 'run', 'build'], { cwd: root, stdio: 'inherit' })
    : spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  return result.status === 0;
};

export const messages = {
  nodeTooOld: (version) =>
    [
      `Lesson Study Desktop needs Node.js ${DESKTOP_NODE} or newer to run as a desktop app; this is Node.js ${version.replace(/^v/, '')}.`,
      `Electron 45 requires it, and npm leaves Electron out of "npm install" on older Node.`,
      `Install Node.js 22 LTS or newer (https://nodejs.org), then run "npm install" and "npm start" again.`,
      `With this Node.js (${TOOLS_NODE} or newer) you can still run the app in your browser (below), the tests ("npm test") and the lesson-study command-line tool ("npx lesson-study --help").`,
    ].join('\n'),
  nodeFarTooOld: (version) =>
    `Lesson Study needs Node.js ${TOOLS_NODE} or newer (${DESKTOP_NODE} or newer for the desktop window); this is Node.js ${version.replace(/^v/, '')}. Install Node.js 22 LTS or newer from https://nodejs.org, then run "npm install" and "npm start" again.`,
  inBrowser: () => 'Starting Lesson Study in your browser instead: the same app, served on this computer only (127.0.0.1).',
  packageMissing: () =>
    [
      'Lesson Study Desktop cannot start: the "electron" package is not in node_modules.',
      'It is an optional dependency, so npm leaves it out when it was installed with an older Node.js, with --omit=optional, or when it was removed.',
      'Run "npm install" (with internet access), then "npm start".',
    ].join('\n'),
  downloading: (version, platform, arch) =>
    `Downloading Electron ${version} for ${platform}-${arch} (about 100 MB, only before the first start)…`,
  offline: (error) =>
    [
      'Lesson Study Desktop cannot start yet: Electron has not been downloaded, and there is no connection to its download host (github.com).',
      `  ${describeError(error)}`,
      'Once you are back online, run "npm start" again: it downloads Electron and opens the app.',
      'Behind a proxy, set ELECTRON_GET_USE_PROXY=1 and HTTPS_PROXY; with a local mirror, set ELECTRON_MIRROR.',
    ].join('\n'),
  downloadFailed: (error) =>
    [
      'Lesson Study Desktop cannot start: downloading Electron failed.',
      `  ${describeError(error)}`,
      'Run "npm start" again to retry. If it keeps failing, delete node_modules/electron, run "npm install", then "npm start".',
    ].join('\n'),
  buildFailed: () => 'The build failed (see above), so the app was not started.',
  cannotRun: (binary, detail, hint) =>
    [
      `Electron is installed (${binary}) but failed to start: ${detail}.`,
      ...(hint ? [hint] : []),
      'If this persists, delete node_modules/electron and run "npm install" and "npm start" again.',
    ].join('\n'),
};

/** A hint for the failures of a binary that cannot run at all, recognised from its stderr. */
export const explainStartFailure = (stderr = '', platform = process.platform) => {
  const library = /error while loading shared libraries: ([^\s:]+)/.exec(stderr);
  if (library) {
    return `The system library ${library[1]} is missing. On Debian or Ubuntu: sudo apt install libnss3 libgtk-3-0 libgbm1 libasound2 (the package that provides ${library[1]}).`;
  }
  if (/SUID sandbox helper binary/.test(stderr)) {
    return 'Linux refuses Electron\'s sandbox helper. Run: sudo chown root node_modules/electron/dist/chrome-sandbox && sudo chmod 4755 node_modules/electron/dist/chrome-sandbox';
  }
  if (/Missing X server|cannot open display/i.test(stderr)) {
    return 'There is no graphical display (no X server or Wayland session) to open a window on.';
  }
  if (platform === 'darwin' && /damaged|quarantine/i.test(stderr)) {
    return 'macOS blocked the downloaded binary. Run: xattr -dr com.apple.quarantine node_modules/electron/dist';
  }
  return null;
};

/** Exit codes with which the app itself reports a failure it has already shown in a dialog. */
const APP_REPORTED_EXIT = new Set([1]);

/**
 * `npm start`, with every side effect passed in so each path is tested with stand-ins.
 * Resolves to the process exit code.
 */
export const launch = async ({
  root,
  args = [],
  nodeVersion = process.version,
  env = process.env,
  platform = process.platform,
  arch = process.arch,
  out = (text) => process.stdout.write(text),
  err = (text) => process.stderr.write(text),
  isTTY = Boolean(process.stdout.isTTY),
  findPackage = resolveElectronPackage,
  download = downloadElectron,
  build = defaultBuild,
  run = spawnElectron,
  serve = serveInBrowser,
}) => {
  const say = (text) => err(`${text}\n`);
  if (!atLeast(nodeVersion, TOOLS_NODE)) {
    say(messages.nodeFarTooOld(nodeVersion));
    return 1;
  }
  // Where Electron cannot run, the cause is said, then the same app opens in the browser.
  const inBrowser = async (cause) => {
    if (cause) say(cause);
    out(`${messages.inBrowser()}\n`);
    if (!build(root)) {
      say(messages.buildFailed());
      return 1;
    }
    return serve(root, { env });
  };
  if (env.LESSON_STUDY_BROWSER === '1') return inBrowser(null);
  if (!atLeast(nodeVersion, DESKTOP_NODE)) return inBrowser(messages.nodeTooOld(nodeVersion));
  const packageDir = findPackage(root);
  if (!packageDir) return inBrowser(messages.packageMissing());
  let electron = electronBinary(packageDir, env);
  if (!electron.installed) {
    out(`${messages.downloading(electron.version, platform, arch)}\n`);
    try {
      await download({ packageDir, version: electron.version, onProgress: progressPrinter(out, isTTY) });
    } catch (error) {
      if (isTTY) out('\n');
      return inBrowser(isOfflineError(error) ? messages.offline(error) : messages.downloadFailed(error));
    }
    electron = electronBinary(packageDir, env);
    if (!electron.installed) {
      return inBrowser(messages.downloadFailed(new Error(`the download finished but ${electron.binary ?? 'path.txt'} is not there`)));
    }
    out('Electron is ready.\n');
  }
  if (!build(root)) {
    say(messages.buildFailed());
    return 1;
  }
  // A leftover ELECTRON_RUN_AS_NODE would make Electron behave as plain Node.
  const childEnv = { ...env };
  delete childEnv.ELECTRON_RUN_AS_NODE;
  const result = await run(electron.binary, ['.', ...args], { cwd: root, env: childEnv });
  if (result.error) {
    say(messages.cannotRun(electron.binary, describeError(result.error), explainStartFailure(result.stderr, platform)));
    return 1;
  }
  if (result.code === 0 || result.stopped) return 0;
  const hint = explainStartFailure(result.stderr, platform);
  if (hint || result.signal || !APP_REPORTED_EXIT.has(result.code)) {
    const detail = result.signal ? `it was stopped by ${result.signal}` : `it exited with code ${result.code}`;
    say(messages.cannotRun(electron.binary, detail, hint));
  }
  return 1;
};

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  launch({ root: path.resolve(here, '..'), args: process.argv.slice(2) }).then((code) => process.exit(code));
}
