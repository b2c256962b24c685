import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend';
import { useBundledFixture } from './support/bundle';
import { tempDir } from './support/temp';

/**
 * A second PROCESS on one workspace is refused clearly (issue 8, "Faults"). A second
 * Electron instance is stopped earlier by `app.requestSingleInstanceLock()` in
 * electron/main.ts, which needs the Electron binary; this test covers the workspace lock
 * that also guards the CLI, a second app build, or a copy on another account.
 */

const bundle = useBundledFixture('test/fixtures/kill9/writer.ts');

const openInChild = (dir: string): Promise<{ code: number | null; out: string; err: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle.file, 'open', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });

describe('a second process on one workspace', () => {
  it('is refused with code "locked" and a message naming the holder, while the first has it open', async () => {
    const dir = await tempDir();
    const first = await createBackend({ workspaceDir: dir });
    const group = await first.service.createGroup({ name: 'Held', schools: [], subject: '', gradeBand: '', researchTheme: '', norms: [], members: [] });

    const second = await openInChild(dir);
    expect(second.err).toBe('');
    expect(second.code).toBe(3);
    const refusal = JSON.parse(second.out) as { code: string; message: string };
    expect(refusal.code).toBe('locked');
    expect(refusal.message).toMatch(/This workspace seems to be open on this computer since \d{4}-\d{2}-\d{2}T/);
    expect(refusal.message).toMatch(/Close it there first/);

    // The refused process changed nothing: the holder keeps working.
    expect((await first.service.getGroup({ groupId: group.id })).name).toBe('Held');
    await first.service.updateGroup({ groupId: group.id, fields: { name: 'Still mine', schools: [], subject: '', gradeBand: '', researchTheme: '', norms: [], members: [] } });
    await first.close();

    // Once the first process lets go, a new one opens it.
    const later = await openInChild(dir);
    expect(later.code).toBe(0);
    expect(later.out.trim()).toBe('opened');
    const reopened = await createBackend({ workspaceDir: dir });
    expect((await reopened.service.getGroup({ groupId: group.id })).name).toBe('Still mine');
    await reopened.close();
  });

  it('two backends in one process are refused too (the same window opening it twice)', async () => {
    const dir = await tempDir();
    const first = await createBackend({ workspaceDir: dir });
    await expect(createBackend({ workspaceDir: dir })).rejects.toMatchObject({ code: 'locked' });
    await first.close();
  });
});
