import { readdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend';
import type { GroupFields } from '../../shared/domain/group';
import { tempDir } from './support/temp';

const fields = (name: string): GroupFields => ({
  name, schools: [], subject: 'Math', gradeBand: '4', researchTheme: '', norms: [], members: [],
});

/** Damage that happens to real files: crashes, sync conflicts, hand edits, other versions. */
const damage: Record<string, (original: string) => string | Buffer> = {
  empty: () => '',
  truncated: (original) => original.slice(0, Math.floor(original.length / 2)),
  'NUL-filled': (original) => Buffer.alloc(original.length, 0),
  'invalid JSON': () => '{ this is not json',
  'schema-invalid': (original) => original.replace(/"name": "[^"]*"/, '"name": 42'),
  'not a document': () => '[1, 2, 3]',
  'missing schemaVersion': (original) => original.replace(/"schemaVersion": \d+,/, ''),
  '50 MB': () => Buffer.alloc(50 * 1024 * 1024, 0x20),
};

const setUp = async () => {
  const dir = await tempDir();
  let now = Date.parse('2026-03-01T10:00:00Z');
  const clock = () => new Date((now += 1000));
  const first = await createBackend({ workspaceDir: dir, clock, backupIntervalMs: 0 });
  const group = await first.service.createGroup(fields('Original name'));
  return { dir, clock, first, group, file: path.join(dir, 'groups', `${group.id}.json`) };
};

describe('corrupt-file matrix (group files)', () => {
  for (const [kind, corrupt] of Object.entries(damage)) {
    it(`${kind}: quarantined, never overwritten, the newest valid backup restored, with a message`, async () => {
      const { dir, clock, first, group, file } = await setUp();
      await first.service.updateGroup({ groupId: group.id, fields: fields('Newest valid name') });
      await first.close();
      const original = await readFile(file, 'utf8');
      const damaged = corrupt(original);
      await writeFile(file, damaged);

      const second = await createBackend({ workspaceDir: dir, clock });
      const restored = await second.service.getGroup({ groupId: group.id });
      expect(restored.name).toBe('Newest valid name');

      const aside = (await readdir(path.dirname(file))).filter((n) => n.startsWith(`${group.id}.json.corrupt-`));
      expect(aside).toHaveLength(1);
      const asideBytes = await readFile(path.join(dir, 'groups', aside[0]));
      expect(asideBytes.equals(Buffer.from(damaged))).toBe(true);

      const notices = await second.service.listNotices({});
      expect(notices).toHaveLength(1);
      expect(notices[0].kind).toBe('restored-from-backup');
      // Named by its title, not by its file id; the notice's `file` keeps the path.
      expect(notices[0].file).toBe(`groups/${group.id}.json`);
      expect(notices[0].message).toMatch(/^The group “Newest valid name” was damaged \(/);
      expect(notices[0].quarantinedAs).toBe(aside[0]);
      await second.close();
    });
  }

  it('without any backup: the file is moved aside, the group is not shown, and the user is told', async () => {
    const { dir, clock, first, group, file } = await setUp();
    await first.close();
    const { rm } = await import('node:fs/promises');
    await rm(path.join(dir, '.backups'), { recursive: true });
    await writeFile(file, '{"schemaVersion":1,');
    const second = await createBackend({ workspaceDir: dir, clock });
    expect(await second.service.listGroups({})).toEqual([]);
    const [notice] = await second.service.listNotices({});
    expect(notice.kind).toBe('quarantined');
    expect(notice.message).toMatch(/no valid copy of it exists/);
    const names = await readdir(path.join(dir, 'groups'));
    expect(names.some((n) => n.startsWith(`${group.id}.json.corrupt-`))).toBe(true);
    await second.close();
  });

  it('a file from a newer schema is refused with a clear message and left untouched', async () => {
    const { dir, clock, first, group, file } = await setUp();
    await first.close();
    const newer = (await readFile(file, 'utf8')).replace(/"schemaVersion": \d+/, '"schemaVersion": 99');
    await writeFile(file, newer);
    const second = await createBackend({ workspaceDir: dir, clock });
    const error = await second.service.getGroup({ groupId: group.id }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'newer-schema' });
    expect((error as Error).message).toMatch(/newer version of Lesson Study/);
    expect(await second.service.listGroups({})).toEqual([]);
    expect((await second.service.listNotices({}))[0].message).toMatch(/newer version/);
    await expect(second.service.updateGroup({ groupId: group.id, fields: fields('x') })).rejects.toMatchObject({ code: 'newer-schema' });
    expect(await readFile(file, 'utf8')).toBe(newer);
    await second.close();
  });

  it('a file with a UTF-8 byte-order mark (saved by a text editor) is read as it is', async () => {
    const { dir, clock, first, group, file } = await setUp();
    await first.close();
    await writeFile(file, `\uFEFF${await readFile(file, 'utf8')}`);
    const second = await createBackend({ workspaceDir: dir, clock });
    expect((await second.service.getGroup({ groupId: group.id })).name).toBe('Original name');
    expect(await second.service.listNotices({})).toEqual([]);
    await second.close();
  });

  it('a stale temp file from a killed write is ignored and swept; the real file is intact', async () => {
    const { dir, clock, first, group, file } = await setUp();
    await first.close();
    const before = await readFile(file, 'utf8');
    const stale = path.join(dir, 'groups', `.${group.id}.json.tmp-deadbeef0000`);
    await writeFile(stale, '{"schemaVersion":1,"group":{"na');
    // Left by a process killed a minute ago.
    const { utimes } = await import('node:fs/promises');
    await utimes(stale, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    const second = await createBackend({ workspaceDir: dir, clock });
    expect((await second.service.listGroups({})).map((g) => g.name)).toEqual(['Original name']);
    await second.swept;
    expect(await readdir(path.join(dir, 'groups'))).toEqual([`${group.id}.json`]);
    expect(await readFile(file, 'utf8')).toBe(before);
    await second.close();
  });
});

describe('temp files in the backups folder', () => {
  it('a backup write killed mid-way leaves a temp file that the next backup of that file removes', async () => {
    const { dir, clock, first, group } = await setUp();
    const folder = path.join(dir, '.backups', 'groups', `${group.id}.json`);
    const stale = path.join(folder, '.2026-01-01T00-00-00-000Z.json.tmp-0badc0ffee00');
    await writeFile(stale, '{"schemaVersion":1');
    await first.service.updateGroup({ groupId: group.id, fields: fields('Backed up again') });
    expect((await readdir(folder)).some((name) => name.includes('.tmp-'))).toBe(false);
    await first.close();
    void clock;
  });
});
