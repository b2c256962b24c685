import { readdirSync, readFileSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend';
import { createFileLog, LOG_FILE } from '../../electron/backend/log';
import { tempDir } from './support/temp';

describe('the app log', () => {
  it('records a recovery and a set-aside file by path and kind, with no text from the files', async () => {
    const logDir = await tempDir();
    const dir = await tempDir();
    const log = createFileLog({ dir: logDir, clock: () => new Date('2026-11-20T10:00:00.000Z') });
    let backend = await createBackend({ workspaceDir: dir, log });
    const group = await backend.service.createGroup({ name: 'Hana’s reading group', schools: [], subject: '', gradeBand: '', researchTheme: 'Yuki asks why', norms: [], members: [] });
    await backend.close();
    await writeFile(path.join(dir, 'groups', `${group.id}.json`), '{ broken');
    backend = await createBackend({ workspaceDir: dir, log });
    await backend.service.getGroup({ groupId: group.id });
    await backend.close();

    const text = readFileSync(path.join(logDir, LOG_FILE), 'utf8');
    const events = text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events.map((e) => e.event)).toEqual(['workspace-opened', 'workspace-opened', 'storage-restored-from-backup']);
    expect(events[2]).toMatchObject({ at: '2026-11-20T10:00:00.000Z', file: `groups/${group.id}.json` });
    expect(String(events[2].setAsideAs)).toMatch(/\.json\.corrupt-/);
    expect(text).not.toContain('Hana');
    expect(text).not.toContain('Yuki');
    expect(statSync(path.join(logDir, LOG_FILE)).mode & 0o777).toBe(0o600);
  });

  it('rotates: the current file stays under its limit and at most `keep` old files are kept', async () => {
    const logDir = await tempDir();
    const log = createFileLog({ dir: logDir, maxBytes: 200, keep: 2 });
    for (let i = 0; i < 30; i++) log.event('tick', { i });
    expect(readdirSync(logDir).sort()).toEqual([LOG_FILE, `${LOG_FILE}.1`, `${LOG_FILE}.2`]);
    for (const name of readdirSync(logDir)) expect(statSync(path.join(logDir, name)).size).toBeLessThanOrEqual(200);
    // The newest event is in the current file, the oldest kept ones in .2.
    const current = readFileSync(path.join(logDir, LOG_FILE), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { i: number });
    expect(current.at(-1)!.i).toBe(29);
    const oldest = readFileSync(path.join(logDir, `${LOG_FILE}.2`), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { i: number });
    expect(oldest[0].i).toBeLessThan(current[0].i);
  });

  it('a log that cannot be written never stops the app', async () => {
    const parent = await tempDir();
    const blocker = path.join(parent, 'not-a-folder');
    await writeFile(blocker, 'x');
    const log = createFileLog({ dir: blocker });
    expect(() => log.event('app-started')).not.toThrow();
  });
});
