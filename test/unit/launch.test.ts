/**
 * `npm start` (electron/launch.mjs) on each path a teacher can meet, with stand-ins for
 * the electron package, its downloader (@electron/get) and the binary — no network. The
 * stand-ins are real files resolved the way Node resolves the real package, so the
 * launcher's own resolution, download, unpack and spawn code runs.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { atLeast, electronBinary, launch, progressPrinter, type LaunchOptions } from '../../electron/launch.mjs';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

interface StandIn {
  /** Body of the stand-in `downloadArtifact(options)`; `options` and `fs`, `path` in scope. */
  download?: string;
  /** Shell script body of the stand-in Electron executable. */
  binary?: string;
  /** Already downloaded (path.txt and dist/ present). */
  installed?: boolean;
  /** No electron package in node_modules at all. */
  noPackage?: boolean;
}

const VERSION = '45.4.1';
const okBinary = 'echo "$@" > "$(dirname "$0")/../../../ran-with.txt"\nexit 0';

/** A project folder whose node_modules holds a stand-in electron package. */
const project = (standIn: StandIn = {}) => {
  const root = mkdtempSync(path.join(tmpdir(), 'launch-'));
  roots.push(root);
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'app', version: '0.0.0' }));
  if (standIn.noPackage) return root;
  const pkg = path.join(root, 'node_modules', 'electron');
  mkdirSync(pkg, { recursive: true });
  writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'electron', version: VERSION, main: 'index.js' }));
  writeFileSync(path.join(pkg, 'checksums.json'), '{}');
  const binaryScript = `#!/bin/sh\n${standIn.binary ?? okBinary}\n`;
  // install.js: unpack the "cached download" the way Electron's own install.js does.
  writeFileSync(
    path.join(pkg, 'install.js'),
    `const fs = require('fs'); const path = require('path');
     if (!fs.existsSync(path.join(__dirname, 'cache.zip'))) { console.error('no download in the cache'); process.exit(1); }
     fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true });
     fs.writeFileSync(path.join(__dirname, 'dist', 'electron'), ${JSON.stringify(binaryScript)}, { mode: 0o755 });
     fs.writeFileSync(path.join(__dirname, 'dist', 'version'), 'v${VERSION}');
     fs.writeFileSync(path.join(__dirname, 'path.txt'), 'electron');`,
  );
  const get = path.join(pkg, 'node_modules', '@electron', 'get');
  mkdirSync(get, { recursive: true });
  writeFileSync(path.join(get, 'package.json'), JSON.stringify({ name: '@electron/get', main: 'index.js' }));
  writeFileSync(
    path.join(get, 'index.js'),
    `const fs = require('fs'); const path = require('path');
     exports.downloadArtifact = async (options) => {
       fs.writeFileSync(path.join(__dirname, '..', '..', '..', 'asked.json'), JSON.stringify(options));
       ${standIn.download ?? `
       const total = 110 * 1024 * 1024;
       for (const percent of [0, 0.25, 0.5, 0.75, 1]) options.downloadOptions.getProgressCallback({ transferred: percent * total, total, percent });
       fs.writeFileSync(path.join(__dirname, '..', '..', '..', 'cache.zip'), 'zip');`}
     };`,
  );
  if (standIn.installed) {
    mkdirSync(path.join(pkg, 'dist'));
    writeFileSync(path.join(pkg, 'dist', 'electron'), binaryScript);
    chmodSync(path.join(pkg, 'dist', 'electron'), 0o755);
    writeFileSync(path.join(pkg, 'dist', 'version'), `v${VERSION}`);
    writeFileSync(path.join(pkg, 'path.txt'), 'electron');
  }
  return root;
};

const start = async (root: string, options: Partial<LaunchOptions> = {}) => {
  let out = '';
  let err = '';
  let built = 0;
  let served = 0;
  const code = await launch({
    root,
    nodeVersion: 'v22.12.0',
    env: { PATH: process.env.PATH },
    platform: 'linux',
    arch: 'x64',
    isTTY: false,
    out: (text) => void (out += text),
    err: (text) => void (err += text),
    build: () => {
      built += 1;
      return true;
    },
    // The browser fallback: a stand-in that says it served (the real one starts the HTTP door).
    serve: async () => {
      served += 1;
      return 0;
    },
    ...options,
  });
  return { code, out, err, built, served };
};

const electronDir = (root: string) => path.join(root, 'node_modules', 'electron');

describe('npm start (electron/launch.mjs)', () => {
  it('compares Node versions numerically', () => {
    expect(atLeast('v22.12.0', '22.12.0')).toBe(true);
    expect(atLeast('v22.11.9', '22.12.0')).toBe(false);
    expect(atLeast('v20.20.2', '22.12.0')).toBe(false);
    expect(atLeast('v23.0.0', '22.12.0')).toBe(true);
    expect(atLeast('v22.100.0', '22.12.0')).toBe(true);
    expect(atLeast('v100.0.0', '22.12.0')).toBe(true);
  });

  it('on Node 20 says which Node the desktop app needs, and opens the app in the browser instead', async () => {
    const root = project({ noPackage: true });
    const result = await start(root, { nodeVersion: 'v20.20.2' });
    expect(result.err).toContain('needs Node.js 22.12.0 or newer');
    expect(result.err).toContain('this is Node.js 20.20.2');
    expect(result.err).toContain('npm test');
    expect(result.err).toContain('lesson-study');
    expect(result.out).toContain('Starting Lesson Study in your browser instead');
    expect(result.built).toBe(1);
    expect(result.served).toBe(1);
    expect(result.code).toBe(0);
  });

  it('on a Node older than the tools need, only says which Node to install', async () => {
    const result = await start(project({ noPackage: true }), { nodeVersion: 'v18.20.4' });
    expect(result.code).toBe(1);
    expect(result.err).toContain('Lesson Study needs Node.js 20.19.0 or newer');
    expect(result.served).toBe(0);
  });

  it('says when npm left the electron package out, and what to run; meanwhile the browser', async () => {
    const result = await start(project({ noPackage: true }));
    expect(result.err).toContain('the "electron" package is not in node_modules');
    expect(result.err).toContain('Run "npm install"');
    expect(result.served).toBe(1);
  });

  it('LESSON_STUDY_BROWSER=1 opens the browser without looking for Electron', async () => {
    const root = project({ installed: true });
    const result = await start(root, { env: { PATH: process.env.PATH, LESSON_STUDY_BROWSER: '1' } });
    expect(result.served).toBe(1);
    expect(result.err).toBe('');
    expect(existsSync(path.join(root, 'ran-with.txt'))).toBe(false);
  });

  it('the build failing stops the browser fallback too', async () => {
    const result = await start(project({ noPackage: true }), { build: () => false });
    expect(result.code).toBe(1);
    expect(result.err).toContain('The build failed');
    expect(result.served).toBe(0);
  });

  it('downloads the binary on the first start with visible progress, unpacks it and opens the app', async () => {
    const root = project();
    expect(electronBinary(electronDir(root)).installed).toBe(false);
    const result = await start(root, { args: ['--lang', 'ja'] });
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain('Downloading Electron 45.4.1 for linux-x64');
    // One line per 10 % step in a log; sizes in MB.
    expect(result.out).toContain('  0 % (0 of 110 MB)');
    expect(result.out).toContain('  50 % (55 of 110 MB)');
    expect(result.out).toContain('  100 % (110 of 110 MB)');
    expect(result.out).toContain('Electron is ready.');
    // The downloader was asked for this package's version and checked against its checksums.
    const asked = JSON.parse(readFileSync(path.join(root, 'node_modules', 'electron', 'asked.json'), 'utf8'));
    expect(asked).toMatchObject({ version: '45.4.1', artifactName: 'electron', checksums: {} });
    expect(result.built).toBe(1);
    // Electron ran with the app folder and the arguments given to npm start.
    expect(readFileSync(path.join(root, 'ran-with.txt'), 'utf8').trim()).toBe('. --lang ja');
  });

  it('does not download again once the binary is there', async () => {
    const root = project({ installed: true });
    const result = await start(root);
    expect(result.code).toBe(0);
    expect(result.out).not.toContain('Downloading');
    expect(existsSync(path.join(electronDir(root), 'asked.json'))).toBe(false);
  });

  it('downloads again when the package was upgraded but the binary is an older version', async () => {
    const root = project({ installed: true });
    writeFileSync(path.join(electronDir(root), 'dist', 'version'), 'v44.0.0');
    const result = await start(root);
    expect(result.code).toBe(0);
    expect(result.out).toContain('Downloading Electron 45.4.1');
  });

  it('offline: says there is no connection, and what to run once it is back', async () => {
    const root = project({
      download: `throw Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('getaddrinfo ENOTFOUND github.com'), { code: 'ENOTFOUND' }) });`,
    });
    const result = await start(root);
    expect(result.err).toContain('there is no connection to its download host');
    expect(result.err).toContain('getaddrinfo ENOTFOUND github.com');
    expect(result.err).toContain('Once you are back online, run "npm start" again');
    // Meanwhile the same app, in the browser.
    expect(result.served).toBe(1);
  });

  it('a failed download (not a lost connection) is named with its error', async () => {
    const root = project({
      download: `throw new Error('Generated checksum for "electron-v45.4.1-linux-x64.zip" did not match expected checksum.');`,
    });
    const result = await start(root);
    expect(result.err).toContain('downloading Electron failed');
    expect(result.err).toContain('did not match expected checksum');
    expect(result.err).not.toContain('no connection');
    expect(result.served).toBe(1);
  });

  it('a download that unpacks nothing is reported, not started', async () => {
    // The downloader "succeeds" but leaves no zip in the cache for install.js.
    const root = project({ download: 'return;' });
    const result = await start(root);
    expect(result.err).toContain('could not unpack the download');
    expect(result.err).toContain('no download in the cache');
    expect(result.served).toBe(1);
  });

  it('a binary that cannot run names the missing system library', async () => {
    const root = project({
      installed: true,
      binary: `echo "electron: error while loading shared libraries: libnss3.so: cannot open shared object file: No such file or directory" >&2\nexit 127`,
    });
    const result = await start(root);
    expect(result.code).toBe(1);
    expect(result.err).toContain('Electron is installed');
    expect(result.err).toContain('failed to start: it exited with code 127');
    expect(result.err).toContain('The system library libnss3.so is missing');
    // A binary that is there but broken is a cause to fix, not a reason to switch.
    expect(result.served).toBe(0);
  });

  it('a binary that is not executable is reported with the error', async () => {
    const root = project({ installed: true });
    chmodSync(path.join(electronDir(root), 'dist', 'electron'), 0o644);
    const result = await start(root);
    expect(result.code).toBe(1);
    expect(result.err).toContain('failed to start');
    expect(result.err).toContain('EACCES');
  });

  it('names the Linux sandbox helper when Chromium refuses it', async () => {
    const root = project({
      installed: true,
      binary: `echo "FATAL: The SUID sandbox helper binary was found, but is not configured correctly." >&2\nkill -TRAP $$`,
    });
    const result = await start(root);
    expect(result.code).toBe(1);
    expect(result.err).toContain('stopped by SIGTRAP');
    expect(result.err).toContain('chmod 4755 node_modules/electron/dist/chrome-sandbox');
  });

  it('an app that reported its own failure (exit 1, dialog shown) gets no second message', async () => {
    const root = project({ installed: true, binary: 'exit 1' });
    const result = await start(root);
    expect(result.code).toBe(1);
    expect(result.err).toBe('');
  });

  it('does not start Electron when the build fails', async () => {
    const root = project({ installed: true });
    const result = await start(root, { build: () => false });
    expect(result.code).toBe(1);
    expect(result.err).toContain('The build failed');
    expect(existsSync(path.join(root, 'ran-with.txt'))).toBe(false);
  });

  it('clears ELECTRON_RUN_AS_NODE, which would make Electron plain Node', async () => {
    const root = project({ installed: true, binary: 'echo "run-as-node=[$ELECTRON_RUN_AS_NODE]" > "$(dirname "$0")/../../../env.txt"' });
    await start(root, { env: { PATH: process.env.PATH, ELECTRON_RUN_AS_NODE: '1' } });
    expect(readFileSync(path.join(root, 'env.txt'), 'utf8').trim()).toBe('run-as-node=[]');
  });

  it('on a terminal, rewrites one progress line in place', () => {
    let written = '';
    const print = progressPrinter((text) => void (written += text), true);
    print({ transferred: 0, total: 100 * 1024 * 1024, percent: 0 });
    print({ transferred: 30 * 1024 * 1024, total: 100 * 1024 * 1024, percent: 0.3 });
    print({ transferred: 100 * 1024 * 1024, total: 100 * 1024 * 1024, percent: 1 });
    expect(written).toBe('\r    0 % (0 of 100 MB)   \r   30 % (30 of 100 MB)   \r  100 % (100 of 100 MB)   \n');
  });
});
