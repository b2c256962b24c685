import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

// Packaging cannot run here (it needs the Electron binary), so the config is checked
// the way electron-builder checks it: against its own JSON schema.
const root = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
// js-yaml comes with electron-builder; it has no bundled types, hence require.
const yaml = require('js-yaml') as { load(text: string): unknown };

type BuilderConfig = {
  appId: string;
  electronVersion: string;
  asar: boolean;
  icon: string;
  files: string[];
  directories: { output: string };
  electronFuses: Record<string, boolean>;
  linux: { target: string[]; category: string; maintainer: string };
  win: { target: string[]; signtoolOptions: { signingHashAlgorithms: string[]; rfc3161TimeStampServer: string } };
  mac: { target: string[]; category: string; hardenedRuntime: boolean; entitlements: string; entitlementsInherit: string; notarize?: boolean };
};

const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  main: string;
  optionalDependencies?: Record<string, string>;
};

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's schema", () => {
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
    const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
    const validate = ajv.compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('sets the security fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
  });

  it('packs the bundles into an asar and leaves node_modules out', () => {
    expect(config.appId).toBe('org.lessonstudy.desktop');
    expect(config.asar).toBe(true);
    expect(config.directories.output).toBe('release');
    expect(config.files).toEqual(expect.arrayContaining(['dist/**/*', 'dist-electron/**/*', 'package.json', '!node_modules/**/*']));
    // The entry point electron loads must be one of the packed files.
    expect(packageJson.main.startsWith('dist-electron/')).toBe(true);
  });

  it('pins the Electron version the optional dependency resolves to', () => {
    const range = packageJson.optionalDependencies?.electron ?? '';
    expect(range.replace(/^[\^~]/, '').split('.')[0]).toBe(config.electronVersion.split('.')[0]);
  });

  it('builds installers for every desktop platform', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.linux.category).toBe('Education');
    expect(config.linux.maintainer).toMatch(/<.+@.+>/);
    expect(config.win.target).toContain('nsis');
    expect(config.mac.target).toContain('dmg');
    expect(config.mac.category).toBe('public.app-category.education');
  });

  it('is ready to sign and notarise: hardened runtime with only the JIT entitlements, SHA-256 timestamped Windows signatures', () => {
    expect(config.mac.hardenedRuntime).toBe(true);
    // Left unset, electron-builder notarises when the APPLE_* variables are present; false would switch it off.
    expect(config.mac.notarize).toBeUndefined();
    const entitlements = readFileSync(path.join(root, config.mac.entitlements), 'utf8');
    const keys = [...entitlements.matchAll(/<key>([^<]+)<\/key>/g)].map((match) => match[1]);
    expect(keys).toEqual(['com.apple.security.cs.allow-jit', 'com.apple.security.cs.allow-unsigned-executable-memory']);
    expect(config.mac.entitlementsInherit).toBe(config.mac.entitlements);
    expect(config.win.signtoolOptions.signingHashAlgorithms).toEqual(['sha256']);
    expect(config.win.signtoolOptions.rfc3161TimeStampServer).toMatch(/^https?:\/\//);
    // No certificate or password is ever committed: the identity comes from the environment.
    const text = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
    expect(text).not.toMatch(/^\s*(cscLink|cscKeyPassword|certificateFile|certificatePassword|identity)\s*:/m);
  });

  it('points at a 512×512 PNG icon', () => {
    const png = readFileSync(path.join(root, config.icon));
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512); // IHDR width
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(512); // IHDR height
  });
});
