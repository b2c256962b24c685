import { execFile } from 'node:child_process';
import * as fsp from 'node:fs/promises';
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend';
import { main } from '../../electron/cli/main';
import { validateWorkspace, type ValidateFs } from '../../electron/cli/validate';
import { stampObservation } from '../../shared/observe/stamp';
import { errno } from './support/recording-fs';
import { tempDir } from './support/temp';

/**
 * Issue 13: `lesson-study validate` passes a workspace the app has written, names every
 * real problem on a line of its own, and always finishes — whatever sits where a data
 * file should be.
 */

const cli = async (...argv: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, lines: out.join('\n').split('\n'), err: err.join('\n') };
};

// A 1×1 PNG.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const PHOTO_LINE = /^ok {9}photos\/[0-9a-f]{64}\.png$/;
const NEW_ID = '5a0e8d4e-1f3b-4c2a-9d6e-7b8c9d0e1f2a';

/** A group, a lesson design, a cycle and two notes (one with a photo), written through the app. */
const openWorkspace = async () => {
  const dir = await tempDir();
  const backend = await createBackend({ workspaceDir: dir });
  const { service, context } = backend;
  const group = await service.createGroup({
    name: 'Maple Math', schools: [], subject: 'Mathematics', gradeBand: '4', researchTheme: '', norms: [],
    members: [{ id: context.newId(), name: 'Aiko Tanaka', role: 'observer' }],
  });
  const design = await service.createDesign({ groupId: group.id, title: 'Fractions on a number line' });
  const cycle = await service.createCycle({ groupId: group.id, title: 'Cycle 1', researchQuestion: '' });
  const photo = await service.attachPhotoBytes({ cycleId: cycle.id, name: 'board.png', dataBase64: PNG });
  for (const [text, photos] of [['Splits the bar into 4', [photo]], ['Asks “is it fair?”', []]] as const) {
    await service.saveObservation({
      observation: stampObservation(
        { text, target: { kind: 'class' }, codeIds: [], photos: [...photos] },
        { id: context.newId(), cycleId: cycle.id, observerId: group.members[0].id, clockMs: 60_000, now: new Date() },
      ),
    });
  }
  const at = (rel: string) => path.join(dir, ...rel.split('/'));
  return { dir, backend, group, design, cycle, at };
};

const closedWorkspace = async () => {
  const workspace = await openWorkspace();
  await workspace.backend.close();
  return workspace;
};

describe('lesson-study validate', () => {
  it('passes a workspace the app has written: the catalogue, journal, photo and backups are its own files', async () => {
    const { dir, group, design, cycle } = await closedWorkspace();
    const result = await cli('validate', dir);
    expect(result.lines).toEqual([
      'ok         catalogue.json',
      `ok         cycles/${cycle.id}.json`,
      `ok         designs/${design.id}.json`,
      `ok         groups/${group.id}.json`,
      `ok         observations/${cycle.id}/journal-1.jsonl`,
      expect.stringMatching(PHOTO_LINE),
      'All 6 files are valid.',
    ]);
    expect(result.code).toBe(0);
  });

  it('passes it while the app has it open (its lock is not a problem)', async () => {
    const { dir, backend } = await openWorkspace();
    try {
      const result = await cli('validate', dir);
      expect(result.lines.at(-1)).toBe('All 6 files are valid.');
      expect(result.code).toBe(0);
    } finally {
      await backend.close();
    }
  });

  it('a copy the app set aside, and a catalogue from a newer version or damaged, are notes, not failures', async () => {
    const { dir, group, at } = await closedWorkspace();
    // Damage the group file and let the app find it: it keeps the damaged file aside and restores a copy.
    await writeFile(at(`groups/${group.id}.json`), '{"schemaVersion": 1, "group": ');
    const app = await createBackend({ workspaceDir: dir });
    expect((await app.service.getGroup({ groupId: group.id })).name).toBe('Maple Math');
    await app.close();
    await writeFile(at('catalogue.json'), JSON.stringify({ schemaVersion: 2, files: {}, groups: [], cycles: [], shelves: [] }));

    const newer = await cli('validate', dir);
    expect(newer.lines).toContainEqual(expect.stringMatching(new RegExp(`^note {7}groups/${group.id}\\.json\\.corrupt-[^:]+: a damaged copy the app set aside`)));
    expect(newer.lines).toContainEqual(expect.stringMatching(/^note {7}catalogue\.json: written by a newer version of the app \(format 2\); it is a cache/));
    expect(newer.lines.at(-1)).toBe('No problems in 7 files (2 notes above).');
    expect(newer.code).toBe(0);

    await writeFile(at('catalogue.json'), '{"schemaVersion":1,"groups":');
    const damaged = await cli('validate', dir);
    expect(damaged.lines).toContainEqual(expect.stringMatching(/^note {7}catalogue\.json: damaged; it is a cache/));
    expect(damaged.code).toBe(0);
  });

  it('lists every problem on a line of its own naming the file, a folder in place of a file included', async () => {
    const { dir, design, at } = await closedWorkspace();
    await writeFile(at(`designs/${design.id}.json`), '{"schemaVersion": 1, oops');
    await mkdir(at(`groups/${NEW_ID}.json`));
    await writeFile(at('notes.txt'), 'hello');

    const result = await cli('validate', dir);
    expect(result.lines.filter((line) => !line.startsWith('ok '))).toEqual([
      expect.stringMatching(new RegExp(`^corrupt {4}designs/${design.id}\\.json: it is not valid JSON`)),
      `unreadable groups/${NEW_ID}.json: a folder where the group file should be; it was not opened`,
      'unknown    notes.txt: not a file the app writes',
      '3 of 8 files need attention.',
    ]);
    expect(result.code).toBe(1);
  });

  it.skipIf(process.platform === 'win32')('never opens a named pipe, where a data file should be or anywhere else', async () => {
    const { dir, cycle, at } = await closedWorkspace();
    await rm(at(`cycles/${cycle.id}.json`));
    // A pipe has no end of file: reading one waits for a writer that never comes.
    await promisify(execFile)('mkfifo', [at(`cycles/${cycle.id}.json`), at('inbox.pipe')]);

    const result = await cli('validate', dir);
    expect(result.lines.filter((line) => !line.startsWith('ok '))).toEqual([
      `unreadable cycles/${cycle.id}.json: a named pipe (FIFO) where the cycle file should be; it was not opened`,
      'unknown    inbox.pipe: a named pipe (FIFO); it was not opened',
      '2 of 7 files need attention.',
    ]);
    expect(result.code).toBe(1);
  }, 15_000);

  it('lists a file or folder it may not read, and still checks everything else', async () => {
    const { dir, group, cycle, design, at } = await closedWorkspace();
    const denied = [at(`groups/${group.id}.json`), at(`observations/${cycle.id}`), at('catalogue.json')];
    let fs: ValidateFs = fsp;
    if (process.getuid?.() === 0) {
      // chmod 000 does not stop root, so the refusal an ordinary user gets is injected.
      const refuse = (target: unknown) => {
        if (denied.includes(path.resolve(String(target)))) throw errno('EACCES', `EACCES: permission denied, '${String(target)}'`);
      };
      fs = {
        open: (async (file: string, flags?: number) => (refuse(file), fsp.open(file, flags))) as ValidateFs['open'],
        readdir: (async (folder: string, options?: object) => (refuse(folder), fsp.readdir(folder, options as never))) as ValidateFs['readdir'],
      };
    } else {
      for (const target of denied) await chmod(target, 0o000);
    }
    try {
      const report = await validateWorkspace(dir, fs);
      expect(report.files.filter((f) => f.status !== 'ok' && f.status !== 'note')).toEqual([
        { file: `groups/${group.id}.json`, status: 'unreadable', reason: 'it cannot be read (permission denied)' },
        { file: `observations/${cycle.id}/`, status: 'unreadable', reason: 'the folder cannot be read (permission denied), so nothing in it was checked' },
      ]);
      // A cache the app rebuilds: not being able to read it is worth a note, no more.
      expect(report.files.find((f) => f.file === 'catalogue.json')).toMatchObject({ status: 'note', reason: expect.stringMatching(/^it cannot be read \(permission denied\); it is a cache/) });
      expect(report.files.filter((f) => f.status === 'ok').map((f) => f.file)).toEqual([
        `cycles/${cycle.id}.json`,
        `designs/${design.id}.json`,
        expect.stringMatching(/^photos\/[0-9a-f]{64}\.png$/),
      ]);
      expect(report.ok).toBe(false);
    } finally {
      for (const target of denied) await chmod(target, 0o700);
    }
  });
});
