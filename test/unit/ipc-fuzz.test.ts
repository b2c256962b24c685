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
import { channelNames, contract, type ChannelName } from '../../shared/contract';
import { errorCodes } from '../../shared/result';
import { invalidParts, unpackDocx } from '../fixtures/sample/report-helpers';
import { fuzzedChannels, readSide, type Seeds } from './support/fuzz-requests';
import { exposeInternalValidation, filesOfSide, seedFuzzWorkspace, type FuzzIds } from './support/fuzz-workspace';
import { refusedPayload } from './support/refused-payloads';
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

describe('IPC fuzz with requests the contract accepts, carrying hostile content', () => {
  let dir: string;
  let exportsDir: string;
  let backend: Backend;
  let ids: FuzzIds;
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
    ({ ids, photos } = await seedFuzzWorkspace(backend));
    await backend.close();
    groupBFiles = await filesOfSide(dir, ids.b);
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
