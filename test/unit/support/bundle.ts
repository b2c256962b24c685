import { build } from 'esbuild';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');

/**
 * Bundle a TypeScript entry (a child-process fixture) into one ESM file that plain
 * `node` runs: spawning `tsx` costs ~1 s per child, a bundle ~0.1 s, which is what
 * lets the fault tests start a hundred children in a minute.
 */
export const bundleFixture = async (entry: string): Promise<{ file: string; dir: string }> => {
  const dir = await mkdtemp(path.join(tmpdir(), 'ls-fixture-'));
  const file = path.join(dir, `${path.basename(entry, '.ts')}.mjs`);
  await build({
    entryPoints: [path.join(root, entry)],
    outfile: file,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'error',
    // Smaller to parse: each child starts faster.
    minify: true,
    external: ['electron'],
    // Bundled CommonJS dependencies call require(); an ES module has none.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return { file, dir };
};

/** The bundled fixture for the tests of this file: built once before them, removed after. Read `.file` inside a test. */
export const useBundledFixture = (entry: string): { readonly file: string } => {
  let bundle: { file: string; dir: string } | undefined;
  beforeAll(async () => {
    bundle = await bundleFixture(entry);
  }, 60_000);
  afterAll(async () => {
    if (bundle) await rm(bundle.dir, { recursive: true, force: true });
  });
  return {
    get file() {
      if (!bundle) throw new Error(`${entry} is not bundled yet`);
      return bundle.file;
    },
  };
};
