/**
 * `npm run dist` for Linux (the .deb, which also leaves the unpacked app), run for real by electron-builder against a stand-in Electron
 * folder (`electronDist`): the Electron binary cannot be downloaded here, but everything
 * else about packaging — the config, the package metadata the .deb needs, the asar, the
 * fuses — is checked the way a release build would meet it. Needs `npm run build` first
 * (`npm test` builds before the unit tests).
 */
import { extractFile, listPackage } from '@electron/asar';
import { build, Platform } from 'electron-builder';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };

// @electron/fuses looks for this sentinel, then a version byte, a length byte and one
// byte per fuse ('0' off, '1' on); a stand-in binary carries the same wire.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSES = ['RunAsNode', 'EnableCookieEncryption', 'EnableNodeOptionsEnvironmentVariable', 'EnableNodeCliInspectArguments', 'EnableEmbeddedAsarIntegrityValidation', 'OnlyLoadAppFromAsar', 'LoadBrowserProcessSpecificV8Snapshot', 'GrantFileProtocolExtraPrivileges'];

let work: string;
let unpacked: string;
let fpmArgs: string[];

beforeAll(async () => {
  const mainBundle = path.join(root, 'dist-electron', 'main.mjs');
  if (!existsSync(mainBundle)) throw new Error(`Packaging needs the built app: run "npm run build" first (${mainBundle} is missing).`);
  work = mkdtempSync(path.join(tmpdir(), 'packaging-'));
  // A stand-in for the unpacked Electron zip: the executable (with every fuse on, as Electron ships them) and its licence.
  const electronDist = path.join(work, 'electron-dist');
  mkdirSync(path.join(electronDist, 'resources'), { recursive: true });
  writeFileSync(
    path.join(electronDist, 'electron'),
    Buffer.concat([Buffer.from('#!/bin/sh\nexit 0\n#'), Buffer.from(SENTINEL), Buffer.from([1, FUSES.length]), Buffer.from('1'.repeat(FUSES.length)), Buffer.from('\n')]),
  );
  chmodSync(path.join(electronDist, 'electron'), 0o755);
  writeFileSync(path.join(electronDist, 'LICENSE'), 'stand-in');
  writeFileSync(path.join(electronDist, 'version'), '45.4.1');
  // A stand-in fpm (the .deb builder electron-builder would download): records what it was asked to build.
  const bin = path.join(work, 'bin');
  mkdirSync(bin);
  writeFileSync(path.join(bin, 'fpm'), `#!/bin/sh\nprintf '%s\\n' "$@" > "${path.join(work, 'fpm-args.txt')}"\n`);
  chmodSync(path.join(bin, 'fpm'), 0o755);

  const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
  const saved = { PATH: process.env.PATH, USE_SYSTEM_FPM: process.env.USE_SYSTEM_FPM };
  process.env.PATH = `${bin}${path.delimiter}${process.env.PATH}`;
  process.env.USE_SYSTEM_FPM = 'true';
  try {
    await build({
      projectDir: root,
      targets: Platform.LINUX.createTarget('deb'),
      publish: 'never',
      // electron-builder reads electron-builder.yml itself and merges these over it.
      config: { electronDist, directories: { ...(config.directories as object), output: path.join(work, 'release') } },
    });
  } finally {
    process.env.PATH = saved.PATH;
    if (saved.USE_SYSTEM_FPM === undefined) delete process.env.USE_SYSTEM_FPM;
    else process.env.USE_SYSTEM_FPM = saved.USE_SYSTEM_FPM;
  }
  unpacked = path.join(work, 'release', 'linux-unpacked');
  fpmArgs = readFileSync(path.join(work, 'fpm-args.txt'), 'utf8').split('\n');
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const argAfter = (flag: string) => fpmArgs[fpmArgs.indexOf(flag) + 1];

describe('Linux packaging (electron-builder with a stand-in Electron)', () => {
  it('names the executable and ships the sample workspace beside the asar', () => {
    expect(existsSync(path.join(unpacked, 'lesson-study'))).toBe(true);
    expect(existsSync(path.join(unpacked, 'resources', 'app.asar'))).toBe(true);
    expect(existsSync(path.join(unpacked, 'resources', 'sample-workspace', 'groups'))).toBe(true);
  });

  it('the asar holds everything the app loads, no source maps, and of node_modules only sharp and its dependencies', () => {
    const asar = path.join(unpacked, 'resources', 'app.asar');
    const files = listPackage(asar, { isPack: false }).map((file) => file.replaceAll('\\', '/'));
    const packed = JSON.parse(extractFile(asar, 'package.json').toString('utf8')) as { main: string };
    // Electron starts the file package.json names; main.ts loads these two beside it.
    expect(files).toContain(`/${packed.main}`);
    expect(files).toContain('/dist-electron/preload.cjs');
    // The backend's utilityProcess, and the worker it makes reports in.
    expect(files).toContain('/dist-electron/backend.mjs');
    expect(files).toContain('/dist/renderer/index.html');
    // Every script and stylesheet the page asks for is in the archive.
    const html = extractFile(asar, 'dist/renderer/index.html').toString('utf8');
    const assets = [...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((match) => match[1]);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) expect(files, asset).toContain(`/dist/renderer/${asset}`);
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
    // The one module not bundled: sharp (native), with its dependencies — nothing else from node_modules.
    const modules = new Set(files.filter((file) => file.startsWith('/node_modules/')).map((file) => file.split('/').slice(2, file.startsWith('/node_modules/@') ? 4 : 3).join('/')));
    expect([...modules].sort()).toEqual(['@img', '@img/colour', '@img/sharp-libvips-linux-x64', '@img/sharp-linux-x64', 'detect-libc', 'semver', 'sharp']);
  });

  it('ships sharp unpacked beside the asar, whole: Node loads it from there and turns a photo upright', async () => {
    const unpackedModules = path.join(unpacked, 'resources', 'app.asar.unpacked', 'node_modules');
    expect(existsSync(path.join(unpackedModules, '@img', 'sharp-linux-x64', 'lib', 'sharp-linux-x64.node'))).toBe(true);
    const script = `
      const sharp = require(${JSON.stringify(path.join(unpackedModules, 'sharp'))});
      sharp({ create: { width: 40, height: 30, channels: 3, background: 'red' } }).jpeg().withMetadata({ orientation: 6 }).toBuffer()
        .then((b) => sharp(b).rotate().toBuffer({ resolveWithObject: true }))
        .then(({ info }) => process.stdout.write(info.width + 'x' + info.height));`;
    const { execFileSync } = await import('node:child_process');
    expect(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { PATH: process.env.PATH } })).toBe('30x40');
  });

  /** What a bundle in the asar imports (calls only: ajv keeps `require("ajv/dist/runtime/equal")` as text for code it generates, never runs it). */
  const importsOf = (bundle: string): Set<string> => {
    const code = extractFile(path.join(unpacked, 'resources', 'app.asar'), bundle).toString('utf8');
    return new Set([...code.matchAll(/(?:^|\n)\s*import\s[^'"]*?from\s*['"]([^'"]+)['"]/g), ...code.matchAll(/(?<![\w'"`.])require\(\s*['"]([^'"]+)['"]\s*\)/g), ...code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((match) => match[1]));
  };
  const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);

  it('the main bundle needs nothing outside the asar: only electron and Node built-ins', () => {
    const imported = importsOf('dist-electron/main.mjs');
    const outside = [...imported].filter((name) => name !== 'electron' && !builtins.has(name) && !name.startsWith('.'));
    expect(outside).toEqual([]);
    expect(imported).toContain('electron');
  });

  it('the backend process bundle is plain Node: Node built-ins and sharp only, not even electron', () => {
    const imported = importsOf('dist-electron/backend.mjs');
    // tsx appears only in the line that starts the report worker from TypeScript sources
    // (worker-client.ts), never taken by a bundle, which has report-worker.mjs beside it.
    // sharp is the one module outside the bundle (photos on import), shipped unpacked.
    expect([...imported].filter((name) => !builtins.has(name) && name !== 'tsx/esm/api')).toEqual(['sharp']);
    expect([...importsOf('dist-electron/report-worker.mjs')].filter((name) => !builtins.has(name))).toEqual(['sharp']);
    expect(listPackage(path.join(unpacked, 'resources', 'app.asar'), { isPack: false }).map((file) => file.replaceAll('\\', '/'))).toContain('/dist-electron/report-worker.mjs');
    expect(imported).toContain('node:fs/promises');
  });

  it('flips the security fuses in the packaged executable', () => {
    const binary = readFileSync(path.join(unpacked, 'lesson-study'));
    const at = binary.indexOf(SENTINEL) + SENTINEL.length;
    const wire = Object.fromEntries(FUSES.map((name, i) => [name, String.fromCharCode(binary[at + 2 + i])]));
    expect(wire).toMatchObject({
      RunAsNode: '0',
      EnableCookieEncryption: '1',
      EnableNodeOptionsEnvironmentVariable: '0',
      EnableNodeCliInspectArguments: '0',
      EnableEmbeddedAsarIntegrityValidation: '1',
      OnlyLoadAppFromAsar: '1',
    });
  });

  it('builds the .deb with the metadata Debian requires: maintainer, homepage, dependencies', () => {
    expect(argAfter('-t')).toBe('deb');
    expect(argAfter('--maintainer')).toBe('Lesson Study Desktop contributors <maintainers@lessonstudy.org>');
    expect(argAfter('--url')).toMatch(/^https:\/\//);
    expect(argAfter('--name')).toBe('lesson-study-desktop');
    expect(argAfter('--package')).toMatch(/lesson-study-desktop_0\.1\.0_amd64\.deb$/);
    expect(fpmArgs).toContain('libnss3');
  });
});
