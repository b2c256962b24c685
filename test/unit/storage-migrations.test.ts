import { readdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeDocument, type DocumentKind } from '../../electron/storage/document';
import { nodeFs } from '../../electron/storage/fs-port';
import { WorkspaceStore } from '../../electron/storage/workspace-store';
import { tempDir } from './support/temp';

/**
 * The migration machinery, on a kind with a real-looking history: v1 stored one school
 * as a string, v2 a list of schools, v3 added a colour. Each step is a pure function.
 */
const toV2 = (body: Record<string, unknown>) => {
  const { school, ...rest } = body.team as Record<string, unknown>;
  return { team: { ...rest, schools: school ? [school] : [] } };
};
const toV3 = (body: Record<string, unknown>) => ({ team: { ...(body.team as object), colour: 'green' } });

const Team = z.object({ team: z.object({ name: z.string(), schools: z.array(z.string()), colour: z.string() }) });
const teamKind: DocumentKind<z.infer<typeof Team>> = { name: 'team', version: 3, schema: Team, migrations: [toV2, toV3] };

describe('migrations', () => {
  it('v1 → v2 turns one school into a list', () => {
    expect(toV2({ team: { name: 'A', school: 'Oak' } })).toEqual({ team: { name: 'A', schools: ['Oak'] } });
    expect(toV2({ team: { name: 'A' } })).toEqual({ team: { name: 'A', schools: [] } });
  });

  it('v2 → v3 adds the default colour', () => {
    expect(toV3({ team: { name: 'A', schools: [] } })).toEqual({ team: { name: 'A', schools: [], colour: 'green' } });
  });

  it('runs the steps in order from the stored version', () => {
    const decoded = decodeDocument(teamKind, JSON.stringify({ schemaVersion: 1, team: { name: 'A', school: 'Oak' } }));
    expect(decoded).toEqual({ status: 'ok', migratedFrom: 1, value: { team: { name: 'A', schools: ['Oak'], colour: 'green' } } });
    const fromTwo = decodeDocument(teamKind, JSON.stringify({ schemaVersion: 2, team: { name: 'B', schools: [] } }));
    expect(fromTwo).toMatchObject({ status: 'ok', migratedFrom: 2 });
  });

  it('backs the file up before migrating, rewrites it at the new version and says so', async () => {
    const dir = await tempDir();
    const original = JSON.stringify({ schemaVersion: 1, team: { name: 'A', school: 'Oak' } });
    await writeFile(path.join(dir, 'team.json'), original);
    const store = new WorkspaceStore(dir, { fs: nodeFs, clock: () => new Date('2026-01-01T00:00:00Z') });
    const value = await store.read(teamKind, 'team.json');
    expect(value?.team.schools).toEqual(['Oak']);
    const stored = JSON.parse(await readFile(path.join(dir, 'team.json'), 'utf8'));
    expect(stored.schemaVersion).toBe(3);
    // One timed backup (the file as it was before migrating) beside the last saved copy (as it is now).
    const backups = (await readdir(path.join(dir, '.backups', 'team.json'))).filter((name) => name !== 'last-saved.json');
    expect(backups).toHaveLength(1);
    expect(JSON.parse(await readFile(path.join(dir, '.backups', 'team.json', 'last-saved.json'), 'utf8')).schemaVersion).toBe(3);
    expect(await readFile(path.join(dir, '.backups', 'team.json', backups[0]), 'utf8')).toBe(original);
    expect(store.notices[0]).toMatchObject({ kind: 'migrated', file: 'team.json' });
  });
});
