/**
 * Issue "Never lose an acknowledged write": each silent-loss path found on the earlier
 * main, reproduced through the real backend and storage on a real disk, with faults
 * injected only where a real one cannot be made on demand.
 */
import { execFileSync } from 'node:child_process';
import * as fsp from 'node:fs/promises';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createBackend, type Backend } from '../../electron/backend';
import { ensureDir, renameRetry, writeFileDurably } from '../../electron/storage/durable-write';
import { nodeFs, type FsPort } from '../../electron/storage/fs-port';
import { WorkspaceStore } from '../../electron/storage/workspace-store';
import { stampObservation } from '../../shared/observe/stamp';
import { errno, recordingFs } from './support/recording-fs';
import { tempDir } from './support/temp';
import { validateWorkspace, walk } from './support/validate-workspace';

const fields = (name: string) => ({ name, schools: [], subject: 'Math', gradeBand: '5', researchTheme: '', norms: [], members: [] });

/** A group with one observer, a cycle, and a way to make notes for it. */
const seed = async (backend: Backend) => {
  const { service, context } = backend;
  const group = await service.createGroup({ ...fields('Maple Grove'), members: [{ id: context.newId(), name: 'Aiko', role: 'observer' }] });
  const cycle = await service.createCycle({ groupId: group.id, title: 'Comparing fractions', researchQuestion: '' });
  const note = (text: string) =>
    stampObservation(
      { text, target: { kind: 'class' }, codeIds: [], photos: [] },
      { id: context.newId(), cycleId: cycle.id, observerId: group.members[0].id, clockMs: 60_000, now: new Date() },
    );
  return { group, cycle, note };
};

const notesOf = async (backend: Backend, cycleId: string) =>
  (await backend.service.getObservationSession({ cycleId })).observations.map((o) => o.text).sort();

const numbered = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `note ${String(from + i).padStart(3, '0')}`);

describe('acknowledged writes are never lost', () => {
  it('1. a full disk while the notes journal is folded into the snapshot loses none of 560 notes', async () => {
    const dir = await tempDir();
    // The disk fills just as the snapshot's backup copy is written (the snapshot itself
    // fit); from then on no snapshot fits, while a note's few bytes still do.
    let full = false;
    const { fs } = recordingFs({
      failWrite: (file) => {
        if (!file.includes('snapshot')) return null;
        if (file.includes(`${path.sep}.backups${path.sep}`)) full = true;
        return full ? errno('ENOSPC') : null;
      },
    });
    let backend = await createBackend({ workspaceDir: dir, fs });
    const { cycle, note } = await seed(backend);
    for (const text of numbered(0, 560)) await backend.service.saveObservation({ observation: note(text) });
    await backend.close();

    backend = await createBackend({ workspaceDir: dir });
    expect(await notesOf(backend, cycle.id)).toEqual(numbered(0, 560));
    await backend.close();
  });

  it('1b. a snapshot that reached the disk although its write reported an error does not swallow later notes', async () => {
    const dir = await tempDir();
    let first = true;
    // The first snapshot's rename succeeds, then the step after it fails (as an fsync of
    // the folder can); later snapshots fail before reaching the disk.
    const fs: FsPort = {
      ...nodeFs,
      rename: async (from, to) => {
        if (!String(to).endsWith('snapshot.json')) return fsp.rename(from, to);
        if (!first) throw errno('EIO', 'EIO: i/o error, write');
        first = false;
        await fsp.rename(from, to);
        throw errno('EIO', 'EIO: i/o error, fsync');
      },
    };
    let backend = await createBackend({ workspaceDir: dir, fs });
    const { cycle, note } = await seed(backend);
    for (const text of numbered(0, 560)) await backend.service.saveObservation({ observation: note(text) });
    await backend.close();

    backend = await createBackend({ workspaceDir: dir });
    expect(await notesOf(backend, cycle.id)).toEqual(numbered(0, 560));
    await backend.close();
  });

  it('2. a backup that fails after the file was saved is a warning, not an error: no false "nothing changed", no duplicate on retry', async () => {
    const dir = await tempDir();
    const { fs } = recordingFs({ failWrite: (file) => (file.includes(`${path.sep}.backups${path.sep}`) ? errno('ENOSPC') : null) });
    let backend = await createBackend({ workspaceDir: dir, fs, backupIntervalMs: 0 });
    const group = await backend.service.createGroup(fields('Cedar Lesson Study'));
    expect(group.name).toBe('Cedar Lesson Study');
    const updated = await backend.service.updateGroup({ groupId: group.id, fields: fields('Cedar Lesson Study Group') });
    expect(updated.name).toBe('Cedar Lesson Study Group');
    expect((await backend.service.getGroup({ groupId: group.id })).name).toBe('Cedar Lesson Study Group');
    const notices = await backend.service.listNotices({});
    expect(notices.map((n) => n.kind)).toContain('backup-failed');
    const warning = notices.find((n) => n.kind === 'backup-failed')!;
    expect(warning.message).toContain('was saved');
    expect(warning.message).toContain('the disk is full');
    expect(warning.message).not.toContain('Nothing was changed');
    await backend.close();

    backend = await createBackend({ workspaceDir: dir });
    const groups = await backend.service.listGroups({});
    expect(groups.map((g) => g.name)).toEqual(['Cedar Lesson Study Group']);
    await backend.close();
  });

  it('3. deleting a group moves every file, the unfolded notes journal included, into a dated trash', async () => {
    const dir = await tempDir();
    const clock = () => new Date('2026-11-20T15:30:00.000Z');
    const backend = await createBackend({ workspaceDir: dir, clock });
    const { group, cycle, note } = await seed(backend);
    for (const text of numbered(0, 12)) await backend.service.saveObservation({ observation: note(text) });
    await backend.service.deleteGroup({ groupId: group.id });
    expect(await backend.service.listGroups({})).toEqual([]);
    await backend.close();

    const trash = path.join(dir, '.trash', '2026-11-20T15-30-00-000Z');
    const kept = await walk(trash);
    expect(kept).toContain(`groups/${group.id}.json`);
    expect(kept).toContain(`cycles/${cycle.id}.json`);
    const journals = kept.filter((rel) => rel.startsWith(`observations/${cycle.id}/journal-`));
    expect(journals).toHaveLength(1);
    const lines = (await readFile(path.join(trash, journals[0]), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(12);
    expect(lines.map((line) => (JSON.parse(line) as { v: { text: string } }).v.text)).toEqual(numbered(0, 12));
    // Nothing of the group is left in the live folders.
    expect((await walk(dir)).filter((rel) => !rel.startsWith('.trash/') && !rel.startsWith('.backups/') && rel.includes(cycle.id))).toEqual([]);
  });

  it('4. a damaged file comes back as it was last saved, not as the backup of an hour ago', async () => {
    const dir = await tempDir();
    let now = new Date('2026-11-20T09:00:00.000Z');
    let backend = await createBackend({ workspaceDir: dir, clock: () => now });
    const group = await backend.service.createGroup(fields('Birch Grade 5'));
    // An hour of edits; timed backups are at most one per 10 minutes, so the last ones have none.
    for (let minute = 1; minute <= 60; minute += 1) {
      now = new Date(now.getTime() + 60_000);
      await backend.service.updateGroup({ groupId: group.id, fields: { ...fields('Birch Grade 5'), researchTheme: `theme after ${minute} minutes` } });
    }
    await backend.close();
    // One bad character.
    const file = path.join(dir, 'groups', `${group.id}.json`);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('"researchTheme"', '"researchTheme\u0001'));

    backend = await createBackend({ workspaceDir: dir, clock: () => now });
    expect((await backend.service.getGroup({ groupId: group.id })).researchTheme).toBe('theme after 60 minutes');
    const [notice] = await backend.service.listNotices({});
    expect(notice.kind).toBe('restored-from-backup');
    expect(notice.message).toContain('The last saved copy was restored');
    expect(notice.message).toContain('Nothing saved in the app was lost.');
    // The damaged file is kept aside, readable by the user only.
    const aside = (await readdir(path.join(dir, 'groups'))).filter((name) => name.includes('.corrupt-'));
    expect(aside).toHaveLength(1);
    expect((await stat(path.join(dir, 'groups', aside[0]))).mode & 0o777).toBe(0o600);
    await backend.close();
  });

  it('4b. with no last saved copy, the newest valid backup is restored and the notice says what could not be recovered', async () => {
    const dir = await tempDir();
    let backend = await createBackend({ workspaceDir: dir });
    const group = await backend.service.createGroup(fields('Oak'));
    await backend.close();
    await fsp.rm(path.join(dir, '.backups', 'groups', `${group.id}.json`, 'last-saved.json'));
    await writeFile(path.join(dir, 'groups', `${group.id}.json`), '{ "schemaVersion": 1, "group": ');
    backend = await createBackend({ workspaceDir: dir });
    expect((await backend.service.getGroup({ groupId: group.id })).name).toBe('Oak');
    const [notice] = await backend.service.listNotices({});
    expect(notice.message).toMatch(/The backup of \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC was restored/);
    expect(notice.message).toContain('Changes made after that copy could not be recovered');
    await backend.close();
  });

  it('6. one size limit: a document that reading would refuse is refused when written, and nothing is written', async () => {
    const dir = await tempDir();
    const kind = { name: 'note card', version: 1, schema: z.object({ text: z.string() }), migrations: [], maxBytes: 1000 };
    const store = new WorkspaceStore(dir, { fs: nodeFs, clock: () => new Date() });
    // 950 characters: under the limit as a value, over it once stored indented with its envelope.
    const failure = await store.write(kind, 'cards/a.json', { text: 'x'.repeat(990) }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'too-large' });
    expect((failure as Error).message).toContain('Nothing was changed');
    expect(await walk(dir)).toEqual([]);
    // Under the limit: written, and read back as it was (not set aside as damaged).
    await store.write(kind, 'cards/b.json', { text: 'y'.repeat(900) });
    const reopened = new WorkspaceStore(dir, { fs: nodeFs, clock: () => new Date() });
    expect(await reopened.read(kind, 'cards/b.json')).toEqual({ text: 'y'.repeat(900) });
    expect(reopened.notices).toEqual([]);
  });

  it('10. a process killed while restoring a damaged file leaves the file to be recovered again, never nothing', async () => {
    const dir = await tempDir();
    let backend = await createBackend({ workspaceDir: dir });
    const group = await backend.service.createGroup(fields('Willow'));
    await backend.close();
    const file = path.join(dir, 'groups', `${group.id}.json`);
    await writeFile(file, 'not json at all');
    // "Killed" at the moment the restored copy would replace the damaged file.
    const crash = new Error('process killed');
    const fs: FsPort = {
      ...nodeFs,
      rename: async (from, to) => {
        if (String(to) === file) throw crash;
        return fsp.rename(from, to);
      },
    };
    const dying = await createBackend({ workspaceDir: dir, fs });
    await expect(dying.service.listGroups({}).then(() => dying.service.getGroup({ groupId: group.id }))).rejects.toBeDefined();
    // No close: the process is gone. Its lock is stale; the next start takes it over.
    dying.releaseLockNow();

    backend = await createBackend({ workspaceDir: dir });
    expect((await backend.service.getGroup({ groupId: group.id })).name).toBe('Willow');
    await backend.close();
    // The group file is whole again; what remains to mention are the damaged copies set aside.
    const problems = await validateWorkspace(dir);
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) expect(problem).toMatch(new RegExp(`^groups/${group.id}\\.json\\.corrupt-[\\dT-]+Z: quarantined$`));
  });

  it('11. a newly created folder is made durable: its parent is fsync\'d', async () => {
    const dir = await tempDir();
    const { fs, events } = recordingFs();
    const syncs: string[] = [];
    const recording: FsPort = {
      ...fs,
      open: (async (file: string, flags?: string | number, mode?: number) => {
        const handle = await fs.open(file, flags, mode);
        return new Proxy(handle, {
          get(target, prop, receiver) {
            if (prop === 'sync') return async () => { syncs.push(String(file)); await target.sync(); };
            const value = Reflect.get(target, prop, receiver);
            return typeof value === 'function' ? value.bind(target) : value;
          },
        });
      }) as FsPort['open'],
    };
    await ensureDir(recording, path.join(dir, 'a', 'b', 'c'));
    expect(syncs).toEqual([dir]);
    // An existing folder: nothing to make durable.
    syncs.length = 0;
    await ensureDir(recording, path.join(dir, 'a', 'b'));
    expect(syncs).toEqual([]);
    expect(events.filter((event) => event.op === 'unlink')).toEqual([]);
  });

  it('12. a rename blocked for a moment (antivirus, backup tool) is retried before the folder is called read-only', async () => {
    const dir = await tempDir();
    const waits: number[] = [];
    const saved = { ...renameRetry };
    renameRetry.wait = async (ms) => void waits.push(ms);
    try {
      let blocked = 2;
      const fs: FsPort = {
        ...nodeFs,
        rename: async (from, to) => {
          if (blocked-- > 0) throw errno('EPERM', 'EPERM: operation not permitted, rename');
          return fsp.rename(from, to);
        },
      };
      await writeFileDurably(fs, path.join(dir, 'plan.json'), '{"ok":true}');
      expect(await readFile(path.join(dir, 'plan.json'), 'utf8')).toBe('{"ok":true}');
      expect(waits).toEqual([10, 20]);

      // Still blocked after every retry: reported, and the previous file is untouched.
      waits.length = 0;
      const alwaysBlocked: FsPort = { ...nodeFs, rename: async () => Promise.reject(errno('EBUSY', 'EBUSY: resource busy')) };
      const failure = await writeFileDurably(alwaysBlocked, path.join(dir, 'plan.json'), '{"ok":false}').catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(Error);
      expect(waits).toEqual([10, 20, 40, 80, 120, 160, 200, 250, 300, 350, 400]);
      expect(await readFile(path.join(dir, 'plan.json'), 'utf8')).toBe('{"ok":true}');
      expect((await readdir(dir)).filter((name) => name.includes('.tmp-'))).toEqual([]);
    } finally {
      Object.assign(renameRetry, saved);
    }
  });

  it('9. a FIFO or a link standing where a data file should be is refused with a clear error, never opened or followed', async () => {
    const dir = await tempDir();
    const backend = await createBackend({ workspaceDir: dir });
    const fifoGroup = await backend.service.createGroup(fields('Pipe'));
    const linkGroup = await backend.service.createGroup(fields('Link'));
    await backend.close();
    const outside = path.join(await tempDir(), 'private.json');
    await writeFile(outside, JSON.stringify({ schemaVersion: 1, group: { secret: true } }));
    await fsp.rm(path.join(dir, 'groups', `${fifoGroup.id}.json`));
    execFileSync('mkfifo', [path.join(dir, 'groups', `${fifoGroup.id}.json`)]);
    await fsp.rm(path.join(dir, 'groups', `${linkGroup.id}.json`));
    await fsp.symlink(outside, path.join(dir, 'groups', `${linkGroup.id}.json`));

    const reopened = await createBackend({ workspaceDir: dir });
    await expect(reopened.service.getGroup({ groupId: fifoGroup.id })).rejects.toMatchObject({ code: 'corrupt-file', message: expect.stringContaining('a special file stands in its place') });
    await expect(reopened.service.getGroup({ groupId: linkGroup.id })).rejects.toMatchObject({ code: 'corrupt-file', message: expect.stringContaining('a link stands in its place') });
    await reopened.close();
    expect(await readFile(outside, 'utf8')).toBe(JSON.stringify({ schemaVersion: 1, group: { secret: true } }));
  });

  it('a recovery notice stays until dismissed, also across a restart', async () => {
    const dir = await tempDir();
    let backend = await createBackend({ workspaceDir: dir });
    const group = await backend.service.createGroup(fields('Hazel'));
    await backend.close();
    await writeFile(path.join(dir, 'groups', `${group.id}.json`), 'damaged');
    backend = await createBackend({ workspaceDir: dir });
    await backend.service.getGroup({ groupId: group.id });
    const [notice] = await backend.service.listNotices({});
    expect(notice.message).toContain('The group “Hazel” was damaged');
    await backend.close();

    backend = await createBackend({ workspaceDir: dir });
    expect((await backend.service.listNotices({})).map((n) => n.id)).toEqual([notice.id]);
    await backend.service.dismissNotice({ id: notice.id });
    await backend.close();
    backend = await createBackend({ workspaceDir: dir });
    expect(await backend.service.listNotices({})).toEqual([]);
    await backend.close();
  });
});
