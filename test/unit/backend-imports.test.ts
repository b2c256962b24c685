import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

/*
 * The backend's modules are split by concept, and a concept depends on another in one
 * direction only: two modules that import each other (directly or round a circle) are
 * one concept cut in two by length. This test keeps electron/backend free of such circles.
 */

type ImportGraph = Map<string, string[]>;

// `import … from './x'`, `export … from './x'`, `import './x'`, over several lines too.
const RELATIVE_IMPORT = /^\s*(?:import|export)\b[^;'"]*?['"](\.{1,2}\/[^'"]+)['"]/gm;

/** The relative imports of every .ts file below `dir`, as paths relative to `dir`. */
const readImportGraph = async (dir: string): Promise<ImportGraph> => {
  const files = (await readdir(dir, { recursive: true })).filter((name) => name.endsWith('.ts')).map((name) => name.split(path.sep).join('/'));
  const known = new Set(files);
  const graph: ImportGraph = new Map();
  for (const file of files) {
    const text = await readFile(path.join(dir, file), 'utf8');
    const targets = [...text.matchAll(RELATIVE_IMPORT)]
      .map((match) => path.posix.normalize(path.posix.join(path.posix.dirname(file), match[1])))
      .flatMap((target) => [`${target}.ts`, `${target}/index.ts`].filter((candidate) => known.has(candidate)).slice(0, 1));
    graph.set(file, targets);
  }
  return graph;
};

/** One import circle as the files round it (first file repeated at the end), or null. */
const findCycle = (graph: ImportGraph): string[] | null => {
  const done = new Set<string>();
  const onPath: string[] = [];
  const visit = (file: string): string[] | null => {
    const at = onPath.indexOf(file);
    if (at >= 0) return [...onPath.slice(at), file];
    if (done.has(file)) return null;
    onPath.push(file);
    for (const target of graph.get(file) ?? []) {
      const cycle = visit(target);
      if (cycle) return cycle;
    }
    onPath.pop();
    done.add(file);
    return null;
  };
  for (const file of [...graph.keys()].sort()) {
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return null;
};

describe('the import checker', () => {
  let fixture: string | undefined;
  afterEach(async () => {
    if (fixture) await rm(fixture, { recursive: true, force: true });
    fixture = undefined;
  });

  it('finds a circle of three modules, one import spread over several lines', async () => {
    fixture = await mkdtemp(path.join(tmpdir(), 'backend-imports-'));
    await writeFile(path.join(fixture, 'designs.ts'), "import { createDesignFileService } from './designs-files';\n");
    await writeFile(path.join(fixture, 'designs-files.ts'), "import {\n  resolveVersionRef,\n  noDraft,\n} from './designs-versions';\n");
    await writeFile(path.join(fixture, 'designs-versions.ts'), "export { loadDesign } from './designs';\n");
    await writeFile(path.join(fixture, 'groups.ts'), "import type { BackendContext } from './designs';\n");

    expect(findCycle(await readImportGraph(fixture))).toEqual(['designs-files.ts', 'designs-versions.ts', 'designs.ts', 'designs-files.ts']);
  });

  it('finds a module that imports itself through a sub-folder and back', async () => {
    fixture = await mkdtemp(path.join(tmpdir(), 'backend-imports-'));
    await writeFile(path.join(fixture, 'host.ts'), "import { startHttpDoor } from './doors/http-door';\n");
    await mkdir(path.join(fixture, 'doors'));
    await writeFile(path.join(fixture, 'doors', 'http-door.ts'), "import { createHost } from '../host';\n");

    expect(findCycle(await readImportGraph(fixture))).toEqual(['doors/http-door.ts', 'host.ts', 'doors/http-door.ts']);
  });

  it('passes modules that depend one way only', async () => {
    fixture = await mkdtemp(path.join(tmpdir(), 'backend-imports-'));
    await writeFile(path.join(fixture, 'designs-service.ts'), "import { loadDesign } from './designs';\nimport { noDraft } from './designs-versions';\n");
    await writeFile(path.join(fixture, 'designs.ts'), "import { findVersion } from './designs-versions';\n");
    await writeFile(path.join(fixture, 'designs-versions.ts'), "import { z } from 'zod';\n");

    const graph = await readImportGraph(fixture);
    expect(graph.get('designs-service.ts')).toEqual(['designs.ts', 'designs-versions.ts']);
    expect(findCycle(graph)).toBeNull();
  });
});

describe('electron/backend', () => {
  it('has no import circle', async () => {
    const graph = await readImportGraph(path.resolve(__dirname, '../../electron/backend'));
    // The checker must see the real tree: the design service reaches the design document.
    expect(graph.get('designs-service.ts')).toContain('designs.ts');
    expect(findCycle(graph)).toBeNull();
  });
});
