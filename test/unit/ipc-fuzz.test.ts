import fc from 'fast-check';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/backend/index';
import { noEffects } from '../../electron/backend/context';
import { createHost, type Host } from '../../electron/backend/host';
import { dispatch } from '../../electron/dispatch';
import { createMemoryStore, createSettings } from '../../electron/settings';
import { channelNames, contract, type ChannelName, type WorkspaceService } from '../../shared/contract';
import { errorCodes, LessonStudyError } from '../../shared/result';
import { invalidParts, unpackDocx } from '../fixtures/sample/report-helpers';
import { seedAnalyzedLesson } from './analysis-seed';
import { fuzzedChannels, PNG_1X1, PNG_CUT, readSide, type Seeds, type Side } from './support/fuzz-requests';
import { validateWorkspace, walk } from './support/validate-workspace';

/**
 * IPC fuzz that reaches the backend. Every payload is built from real ids of a seeded
 * workspace and PASSES its channel's request schema (checked first, so the fuzz cannot
 * quietly stop at the gate); only string contents and id choices are hostile: text at the
 * schema's length limit, Unicode that XML/JSON/RTL/normalisation trip on, ids of group B's
 * records inside group A's requests, and duplicated ids in lists.
 *
 * After every run: the answer is `{ ok: true }` with a valid response or a typed error
 * other than 'internal'; nothing was quarantined; every file validates; the workspace
 * reopens; and not one byte of group B's files changed.
 */
/** Runs per channel; FUZZ_RUNS=40 for a deeper search (about five minutes). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 6);
const SLOW_RUNS = Math.max(1, Math.round(RUNS / 4));

/**
 * A ZodError the backend throws on its own data, after the contract accepted the
 * request, is a crash; dispatch would report it as 'invalid-request'. Rethrown as a plain
 * Error, dispatch reports it as 'internal' and this test names it.
 */
const exposeInternalValidation = (service: WorkspaceService): WorkspaceService =>
  new Proxy(service, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return async (request: unknown) => {
        try {
          return await (value as (r: unknown) => Promise<unknown>).call(target, request);
        } catch (error) {
          if (error && typeof error === 'object' && 'issues' in error && !(error instanceof LessonStudyError)) {
            const issues = JSON.stringify((error as { issues: unknown }).issues).slice(0, 400);
            throw new Error(`backend's own validation failed after the contract accepted the request: ${issues}`, { cause: error });
          }
          throw error;
        }
      };
    },
  });

describe('IPC fuzz with requests the contract accepts, carrying hostile content', () => {
  let dir: string;
  let exportsDir: string;
  let backend: Backend;
  let ids: { a: Pick<Side, 'groupId' | 'cycleId' | 'designId'> & { planCycleId: string }; b: Pick<Side, 'groupId' | 'cycleId' | 'designId'> };
  let groupBFiles: string[];
  let groupBBefore: Map<string, string>;
  let photos: string[];
  let exported = 0;

  const open = () =>
    createBackend({
      workspaceDir: dir,
      effects: { ...noEffects, chooseSavePath: async () => path.join(exportsDir, `export-${exported++}`) },
    });

  const readGroupB = async (): Promise<Map<string, string>> =>
    new Map(await Promise.all(groupBFiles.map(async (rel) => [rel, await readFile(path.join(dir, rel), 'utf8')] as const)));

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ls-fuzz-'));
    exportsDir = await mkdtemp(path.join(tmpdir(), 'ls-fuzz-out-'));
    backend = await open();
    const { service } = backend;
    const seeded = [await seedAnalyzedLesson(backend), await seedAnalyzedLesson(backend)];
    for (const seed of seeded) {
      const notes = Object.values(seed.notes).map((n) => n.id);
      await service.createFinding({ cycleId: seed.cycle.id, fields: { statement: 'Tables helped', impliesRevision: false, stepId: null, supportingObservationIds: notes.slice(0, 2), contradictingObservationIds: notes.slice(2, 3) } });
      await service.saveMeeting({ cycleId: seed.cycle.id, meeting: { date: '2025-04-20', attendeeIds: [seed.members.facilitator.id], agenda: 'Plan', notes: '', decisions: '', followUps: '' } });
      await service.saveClassMode({ change: { id: backend.context.newId(), cycleId: seed.cycle.id, observerId: seed.members.observer.id, clockMs: 0, wallTime: '2025-05-01T10:00:00.000Z', mode: 'pairs', updatedAt: '2025-05-01T10:00:00.000Z' } });
    }
    const [a, b] = seeded;
    // Two photos in the workspace, one of them a PNG cut off after its signature; a note of each group shows them.
    photos = [];
    for (const bytes of [PNG_1X1, PNG_CUT]) {
      photos.push((await service.attachPhotoBytes({ cycleId: a.cycle.id, name: 'board.png', dataBase64: bytes.toString('base64') })).hash);
    }
    for (const seed of seeded) {
      const { mayaCounts } = seed.notes;
      const refs = photos.map((hash, i) => ({ hash, ext: 'png' as const, name: `photo ${i}.png`, bytes: 1 }));
      await service.saveObservation({ observation: { ...mayaCounts, photos: seed === a ? refs : refs.slice(0, 1) } });
    }
    // Group A also has a draft (saveDraft needs one) and a cycle still in plan (chooseVersion needs one).
    await service.reviseFromVersion({ designId: a.design.id, versionId: a.version.id, replaceDraft: false });
    const planCycle = await service.createCycle({ groupId: a.group.id, title: 'Reteach', researchQuestion: '' });
    ids = {
      a: { groupId: a.group.id, cycleId: a.cycle.id, designId: a.design.id, planCycleId: planCycle.id },
      b: { groupId: b.group.id, cycleId: b.cycle.id, designId: b.design.id },
    };
    await readSide(service, ids.b); // B's analysis file exists before the snapshot: reading it never writes.
    await backend.close();
    groupBFiles = (await walk(dir)).filter(
      (rel) =>
        [`groups/${b.group.id}.json`, `designs/${b.design.id}.json`, `cycles/${b.cycle.id}.json`, `analysis/${b.cycle.id}.json`].includes(rel) ||
        rel.startsWith(`observations/${b.cycle.id}/`),
    );
    expect(groupBFiles.length).toBeGreaterThanOrEqual(5);
    groupBBefore = await readGroupB();
    backend = await open();
  }, 60_000);

  afterAll(async () => {
    await backend?.close();
    await rm(dir, { recursive: true, force: true });
    await rm(exportsDir, { recursive: true, force: true });
  });

  for (const [name, spec] of Object.entries(fuzzedChannels) as Array<[ChannelName, { slow?: true; payload: (s: Seeds) => fc.Arbitrary<unknown> }]>) {
    it(name, async () => {
      const seeds: Seeds = {
        a: { ...(await readSide(backend.service, ids.a)), planCycleId: ids.a.planCycleId },
        b: await readSide(backend.service, ids.b),
        photos,
      };
      await fc.assert(
        fc.asyncProperty(spec.payload(seeds), async (payload) => {
          const gate = contract[name].request.safeParse(payload);
          expect(gate.success, `the generator built a payload the contract refuses: ${gate.error?.issues[0]?.message}`).toBe(true);

          const result = await dispatch(exposeInternalValidation(backend.service), name, payload);
          if (result.ok) {
            expect(contract[name].response.safeParse(result.value).success).toBe(true);
          } else {
            expect(errorCodes).toContain(result.error.code);
            expect(result.error.code, `an unhandled crash: ${result.error.message}`).not.toBe('internal');
          }
          const damaged = (await backend.service.listNotices({})).filter((n) => n.kind === 'quarantined' || n.kind === 'restored-from-backup');
          expect(damaged).toEqual([]);

          await backend.close();
          expect(await validateWorkspace(dir, { backups: false })).toEqual([]);
          expect(await readGroupB()).toEqual(groupBBefore);
          backend = await open();
        }),
        // Every run reopens the workspace, so shrinking a failure is slow: it stops after 40 s with the smallest case so far.
        { numRuns: spec.slow ? SLOW_RUNS : RUNS, interruptAfterTimeLimit: 40_000 },
      );
    }, 60_000);
  }

  it('reads everything written back, exports it as valid Word XML, and keeps every backup valid', async () => {
    const { service } = backend;
    const evidence = await service.getCycleEvidence({ cycleId: ids.a.cycleId });
    expect(evidence.cycle.id).toBe(ids.a.cycleId);
    for (const anonymize of [false, true]) {
      const saved = await service.exportCycleReport({ cycleId: ids.a.cycleId, anonymize, includeAppendix: true, includePhotos: true, language: 'en' });
      const docx = await unpackDocx(await readFile(path.join(exportsDir, saved!.fileName)));
      expect(invalidParts(docx.parts)).toEqual([]);
    }
    expect(await validateWorkspace(dir)).toEqual([]);
    expect(await readGroupB()).toEqual(groupBBefore);
  }, 60_000);
});

// ── The gate: payloads no request schema accepts are refused before any backend code ──

const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.anything({ maxDepth: 3, maxKeys: 5 }), weight: 6 },
  { arbitrary: fc.constantFrom(Number.NaN, Infinity, -0, 2 ** 64, '', 'null', '../../etc/passwd'), weight: 2 },
  // Shared constants: generating fresh megabytes every run would test the generator, not the app.
  { arbitrary: fc.constantFrom('x'.repeat(9_000_000), Array.from({ length: 100_000 }, (_, i) => i)), weight: 1 },
);

/** Not an object, or an object with a key no strict request schema has. */
const refusedPayload = (knownKeys: string[]): fc.Arbitrary<unknown> =>
  fc.oneof(
    anyValue.filter((value) => typeof value !== 'object' || value === null || Array.isArray(value)),
    fc
      .record({
        known: fc.dictionary(fc.constantFrom(...(knownKeys.length ? knownKeys : ['x'])), anyValue, { maxKeys: 3 }),
        extra: anyValue,
        key: fc.constantFrom('__proto__', 'constructor', 'x_unexpected', 'prototype'),
      })
      .map(({ known, extra, key }) => {
        // JSON.parse makes "__proto__" an own key, as a payload arriving over IPC would have.
        const payload = JSON.parse(JSON.stringify(known) ?? '{}') as Record<string, unknown>;
        Object.defineProperty(payload, key, { value: extra ?? 1, enumerable: true, configurable: true, writable: true });
        return payload;
      }),
  );

describe('every IPC channel refuses, at the gate, payloads its schema cannot accept', () => {
  let host: Host;
  let userData: string;

  beforeAll(async () => {
    userData = await mkdtemp(path.join(tmpdir(), 'ls-fuzz-gate-'));
    host = await createHost({
      settings: createSettings(createMemoryStore()),
      effects: noEffects,
      defaultWorkspaceDir: path.join(userData, 'workspace'),
      samplesDir: path.join(userData, 'samples'),
      sampleSourceDir: path.join(userData, 'no-sample'),
    });
  });
  afterAll(async () => {
    await host.close();
    await rm(userData, { recursive: true, force: true });
  });

  const snapshot = async () =>
    Promise.all((await walk(userData)).map(async (rel) => `${rel}:${(await stat(path.join(userData, rel))).mtimeMs}`));

  it('with a typed error and nothing written', async () => {
    const before = await snapshot();
    for (const name of channelNames) {
      const shape = (contract[name].request as unknown as { shape?: Record<string, unknown> }).shape ?? {};
      await fc.assert(
        fc.asyncProperty(refusedPayload(Object.keys(shape)), async (payload) => {
          expect(contract[name].request.safeParse(payload).success).toBe(false);
          const result = await dispatch(host.service, name, payload);
          expect(result.ok).toBe(false);
          if (!result.ok) expect(['invalid-request', 'too-large']).toContain(result.error.code);
        }),
        { numRuns: 5 },
      );
    }
    expect(await snapshot()).toEqual(before);
  }, 60_000);
});
