// Before `tsc`: make sure Electron's own type definitions are in node_modules/electron, so
// main.ts, preload.ts and the shell are type-checked against the real API everywhere.
//
// Why this is needed: electron is an optional dependency whose `engines` says Node 22.12,
// and npm leaves it out on older Node (this project's tests and CI run on Node 20) —
// even `npm install --no-save electron` is skipped while package.json lists it as
// optional. The package itself is small (its binary is downloaded separately, on the
// first `npm start`), so its files are unpacked from the registry with `npm pack`.
// Where npm did install it, this does nothing.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(root, 'node_modules', 'electron');

if (!existsSync(path.join(target, 'electron.d.ts'))) {
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
  const version = lock.packages?.['node_modules/electron']?.version;
  if (!version) throw new Error('package-lock.json does not pin electron; run "npm install" first.');
  const work = mkdtempSync(path.join(tmpdir(), 'electron-types-'));
  try {
    const npm = process.env.npm_execpath;
    const args = ['pack', `electron@${version}`, '--silent', '--pack-destination', work];
    const tarball = (npm ? execFileSync(process.execPath, [npm, ...args], { cwd: work }) : execFileSync('npm', args, { cwd: work, shell: process.platform === 'win32' }))
      .toString()
      .trim()
      .split('\n')
      .at(-1);
    execFileSync('tar', ['-xzf', path.join(work, tarball), '-C', work]);
    // Only what the compiler reads; no path.txt, so `npm start` still knows the binary is absent.
    cpSync(path.join(work, 'package'), target, { recursive: true });
    console.log(`Electron ${version} type definitions unpacked into node_modules/electron (no binary).`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
