import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/backend';
import { contract } from '../../shared/contract';
import { errorCodes, LessonStudyError } from '../../shared/result';
import { stampObservation, stampClassMode } from '../../shared/observe/stamp';
import { tempDir } from './support/temp';
import { walk } from './support/validate-workspace';

/**
 * Imports fuzzed (issue 8, "Bad input"): lesson design files (importDesignFile) and
 * observation packs (importObservationPacks), each given through the host's open dialog
 * as a real file. Random JSON, and valid exports with random damage (a key deleted, a
 * wrong type, a huge string, a `__proto__` key, another cycle's or group's id, duplicated
 * ids, binary garbage, truncation): every one is imported validly or refused with a typed
 * LessonStudyError — never another exception — and a refused import changes no file.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

const HUGE = 'x'.repeat(2_000_000);
const PNG_1x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path into a JSON value (keys and array indexes). */
const pathsOf = (value: Json, at: Array<string | number> = []): Array<Array<string | number>> => {
  const out = [at];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...at, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...at, k]));
  return out;
};

const parentOf = (root: Json, at: Array<string | number>) => {
  let node = root as Record<string | number, Json>;
  for (const key of at.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  return node;
};

type Mutation =
  | { op: 'delete' | 'huge' | 'proto'; pick: number }
  | { op: 'wrong-type'; pick: number; value: Json }
  | { op: 'foreign-id' | 'duplicate' }
  | { op: 'truncate'; pick: number }
  | { op: 'binary'; bytes: Uint8Array }
  | { op: 'random-json'; value: Json };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constantFrom('delete' as const, 'huge' as const, 'proto' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('wrong-type' as const), pick: fc.nat(), value: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json> }),
  fc.record({ op: fc.constantFrom('foreign-id' as const, 'duplicate' as const) }),
  fc.record({ op: fc.constant('truncate' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('binary' as const), bytes: fc.uint8Array({ maxLength: 400 }) }),
  fc.record({ op: fc.constant('random-json' as const), value: fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<Json> }),
);

/** Apply one mutation to a valid exported file; returns the bytes to import. */
const apply = (base: Json, m: Mutation, foreign: (doc: Json) => void, duplicate: (doc: Json) => void): string | Buffer => {
  if (m.op === 'binary') return Buffer.from(m.bytes);
  if (m.op === 'random-json') return JSON.stringify(m.value);
  const text = JSON.stringify(base, null, 2);
  if (m.op === 'truncate') return text.slice(0, m.pick % text.length);
  const doc = JSON.parse(text) as Json;
  if (m.op === 'foreign-id') foreign(doc);
  else if (m.op === 'duplicate') duplicate(doc);
  else {
    const paths = pathsOf(doc).filter((p) => p.length > 0);
    const at = paths[(m as { pick: number }).pick % paths.length];
    const parent = parentOf(doc, at);
    const key = at[at.length - 1];
    if (m.op === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
    } else if (m.op === 'huge') parent[key] = HUGE;
    else if (m.op === 'wrong-type') parent[key] = m.value;
    else if (m.op === 'proto') {
      // As JSON.parse would deliver it from a file: an own "__proto__" key.
      const target = parent[key] && typeof parent[key] === 'object' && !Array.isArray(parent[key]) ? parent[key] : parent;
      Object.defineProperty(target, '__proto__', { value: { polluted: true, schemaVersion: 99 }, enumerable: true, configurable: true, writable: true });
    }
  }
  return JSON.stringify(doc);
};

/** File list + content hash of a whole workspace. */
const fingerprint = async (dir: string): Promise<Map<string, string>> => {
  const out = new Map<string, string>();
  for (const rel of await walk(dir)) out.set(rel, createHash('sha256').update(await readFile(path.join(dir, rel))).digest('hex'));
  return out;
};

const expectTypedRefusal = (error: unknown) => {
  expect(error, String((error as Error)?.stack ?? error)).toBeInstanceOf(LessonStudyError);
  expect(errorCodes).toContain((error as LessonStudyError).code);
  expect((error as LessonStudyError).message).toMatch(/\S/);
};

const setUp = async () => {
  const dir = await tempDir();
  const exchange = await tempDir('ls-exchange-');
  let openPaths: string[] = [];
  let savePath: string | null = null;
  const backend: Backend = await createBackend({
    workspaceDir: dir,
    effects: { chooseOpenPaths: async () => openPaths, chooseSavePath: async () => savePath },
  });
  const { service, context } = backend;
  const group = await service.createGroup({
    name: 'Fuzz', schools: [], subject: 'Math', gradeBand: '4', researchTheme: '', norms: [],
    members: [{ id: context.newId(), name: 'Observer', role: 'observer' }],
  });
  const other = await service.createGroup({ name: 'Other', schools: [], subject: '', gradeBand: '', researchTheme: '', norms: [], members: [] });
  return {
    dir, exchange, backend, group, other,
    exportTo: async <T>(name: string, run: () => Promise<T>) => {
      savePath = path.join(exchange, name);
      await run();
      savePath = null;
      return JSON.parse(await readFile(path.join(exchange, name), 'utf8')) as Json;
    },
    importFile: (file: string) => (openPaths = [file]),
  };
};

/**
 * One fuzzed import: either `importAndCheck` succeeds (a valid import), or the import is
 * refused with a typed error and the workspace is byte-identical to before. Either way a
 * "__proto__" key in the file never reaches the prototype of every object.
 */
const importedOrRefused = async (dir: string, tally: { imported: number; refused: number }, importAndCheck: () => Promise<void>) => {
  const before = await fingerprint(dir);
  try {
    await importAndCheck();
    tally.imported++;
  } catch (error) {
    expectTypedRefusal(error);
    expect(await fingerprint(dir)).toEqual(before);
    tally.refused++;
  }
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
};

describe('fuzzing imports', () => {
  it(`lesson design files: ${RUNS} random and damaged files — imported validly or refused typed, a refusal writes nothing`, async () => {
    const { dir, exchange, backend, group, other, exportTo, importFile } = await setUp();
    const { service } = backend;
    const design = await service.createDesign({ groupId: group.id, title: 'Fractions on a number line' });
    const content = design.draft!.content;
    await service.saveDraft({
      designId: design.id,
      content: { ...content, steps: [1, 2].map((n) => ({ id: backend.context.newId(), title: `Step ${n}`, minutes: 10, activities: 'Work', anticipatedResponses: [], teacherSupport: '', pointsToNotice: [] })) },
      changeNotes: [],
    });
    await service.saveVersion({ designId: design.id, summary: 'First', authors: ['A'] });
    const base = await exportTo('base.lessonstudy.json', () => service.exportDesignFile({ designId: design.id }));
    const tally = { imported: 0, refused: 0 };

    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const file = path.join(exchange, 'in.json');
        await writeFile(file, apply(
          base, m,
          (doc) => void ((doc as { design: { groupId: string } }).design.groupId = other.id),
          (doc) => {
            const versions = (doc as { design: { versions: Json[] } }).design.versions;
            versions.push(versions[0]);
          },
        ));
        importFile(file);
        await importedOrRefused(dir, tally, async () => {
          const imported = await service.importDesignFile({ groupId: group.id });
          contract.importDesignFile.response.parse(imported);
          expect(imported!.groupId).toBe(group.id);
          expect(imported!.id).not.toBe(design.id);
          // It reads back from disk as it was returned.
          expect(await service.getDesign({ designId: imported!.id })).toEqual(imported);
        });
      }),
      { numRuns: RUNS },
    );
    console.log(`design-file fuzz: ${JSON.stringify(tally)}`);
    expect(tally.refused).toBeGreaterThan(0);
    expect(tally.imported).toBeGreaterThan(0);
    // The workspace is still whole: the original design untouched, no damage notices.
    expect((await service.getDesign({ designId: design.id })).versions).toHaveLength(1);
    expect(await service.listNotices({})).toEqual([]);
    await backend.close();
  }, 120_000);

  it(`observation packs: ${RUNS} random and damaged packs — imported validly or refused typed, a refusal writes nothing`, async () => {
    const { dir, exchange, backend, group, exportTo, importFile } = await setUp();
    const { service, context } = backend;
    const cycle = await service.createCycle({ groupId: group.id, title: 'Cycle', researchQuestion: '' });
    const otherCycle = await service.createCycle({ groupId: group.id, title: 'Another cycle', researchQuestion: '' });
    const photo = await service.attachPhotoBytes({ cycleId: cycle.id, name: 'board.png', dataBase64: PNG_1x1.toString('base64') });
    for (const [i, text] of ['Kenji counts on', 'Mia draws a strip', 'Leo compares numerators'].entries()) {
      await service.saveObservation({
        observation: stampObservation(
          { text, target: { kind: 'class' }, codeIds: [group.codebook[0].id], photos: i === 0 ? [photo] : [] },
          { id: context.newId(), cycleId: cycle.id, observerId: group.members[0].id, clockMs: i * 60_000, now: new Date() },
        ),
      });
    }
    await service.saveClassMode({ change: stampClassMode('pairs', { id: context.newId(), cycleId: cycle.id, observerId: group.members[0].id, clockMs: 5000, now: new Date() }) });
    const base = await exportTo('base.lsobs.json', () => service.exportObservationPack({ cycleId: cycle.id }));
    const tally = { imported: 0, refused: 0 };

    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const file = path.join(exchange, 'in.lsobs.json');
        await writeFile(file, apply(
          base, m,
          (doc) => {
            const pack = doc as { cycleId: string; observations: Array<{ cycleId: string }> };
            if (m.op === 'foreign-id' && pack.observations.length) pack.observations[1].cycleId = otherCycle.id;
          },
          (doc) => {
            const pack = doc as { observations: Array<{ text: string }> };
            pack.observations.push({ ...pack.observations[0], text: 'same id, other text' });
          },
        ));
        importFile(file);
        await importedOrRefused(dir, tally, async () => {
          const summary = await service.importObservationPacks({ cycleId: cycle.id });
          contract.importObservationPacks.response.parse(summary);
          const session = await service.getObservationSession({ cycleId: cycle.id });
          contract.getObservationSession.response.parse(session);
          expect(session.observations.every((o) => o.cycleId === cycle.id)).toBe(true);
        });
      }),
      { numRuns: RUNS },
    );
    console.log(`observation-pack fuzz: ${JSON.stringify(tally)}`);
    expect(tally.refused).toBeGreaterThan(0);
    expect(tally.imported).toBeGreaterThan(0);
    // Another backend reads the same workspace cleanly.
    await backend.close();
    const reopened = await createBackend({ workspaceDir: dir });
    const session = await reopened.service.getObservationSession({ cycleId: cycle.id });
    expect(session.observations.length).toBeGreaterThanOrEqual(3);
    expect(await reopened.service.listNotices({})).toEqual([]);
    await reopened.close();
  }, 120_000);
});
