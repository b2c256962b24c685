import { access, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend';
import { dispatch } from '../../electron/dispatch';
import { stampObservation } from '../../shared/observe/stamp';
import { seedLesson } from './observ-seed';
import { tempDir } from './support/temp';

/**
 * Issue 13, bug 9: a link planted inside the workspace must never be followed. Each
 * test plants one, points it at a file outside the workspace, and checks that the
 * outside file is neither changed nor read out.
 */

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** What an attacker wants: no trailing newline, so a "torn line" repair would cut it. */
const SECRET = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU=\n-----END OPENSSH PRIVATE KEY-----';

const outsideFile = async (content: string) => {
  const file = path.join(await tempDir('ls-outside-'), 'id_ed25519');
  await writeFile(file, content);
  return file;
};

const setup = async () => {
  const dir = await tempDir();
  const save: string[] = [];
  const effects = { chooseSavePath: async () => save.shift() ?? null };
  const backend = await createBackend({ workspaceDir: dir, effects });
  const seed = await seedLesson(backend);
  const note = (text: string) =>
    stampObservation(
      { text, target: { kind: 'class' }, codeIds: [], photos: [] },
      { id: backend.context.newId(), cycleId: seed.cycle.id, observerId: seed.group.members[0].id, clockMs: 1000, now: new Date() },
    );
  return { dir, save, effects, backend, seed, note };
};

const exists = (file: string) => access(file).then(() => true, () => false);

describe('links planted inside the workspace are never followed', () => {
  it('a journal replaced by a link: adding a note neither appends to nor truncates the linked file, and says why', async () => {
    const { dir, effects, backend, seed, note } = await setup();
    await backend.service.saveObservation({ observation: note('before the link') });
    const journal = path.join(dir, 'observations', seed.cycle.id, 'journal-1.jsonl');
    const target = await outsideFile(SECRET);
    await rm(journal);
    await symlink(target, journal);

    // While the lesson is open (its journal known): the append refuses the link.
    const live = await dispatch(backend.service, 'saveObservation', { observation: note('appended to the key?') });
    expect(live).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/journal-1\.jsonl.*link/) } });
    expect(await readFile(target, 'utf8')).toBe(SECRET);
    await backend.close();

    // Opened again: reading the journal refuses the link instead of cutting its "torn" last line.
    const again = await createBackend({ workspaceDir: dir, effects });
    const reopened = await dispatch(again.service, 'saveObservation', { observation: note('after reopening') });
    expect(reopened).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/journal-1\.jsonl.*link/) } });
    expect(await readFile(target, 'utf8')).toBe(SECRET);
    await again.close();
  });

  it('a link planted at the write probe: opening the workspace leaves the linked file as it was', async () => {
    const dir = await tempDir();
    const target = await outsideFile(SECRET);
    await symlink(target, path.join(dir, `.write-probe-${process.pid}`));

    const backend = await createBackend({ workspaceDir: dir });
    expect(await readFile(target, 'utf8')).toBe(SECRET);
    // The workspace still opened for writing, and the planted link (not its target) is gone.
    expect(backend.context.store.readOnly).toBe(false);
    expect(await exists(path.join(dir, `.write-probe-${process.pid}`))).toBe(false);
    await backend.close();
  });

  it('a photo replaced by a link to a private key: neither showing the photo nor exporting a pack reads out the key', async () => {
    const { dir, save, backend, seed, note } = await setup();
    const photo = await backend.service.attachPhotoBytes({ cycleId: seed.cycle.id, name: 'board.png', dataBase64: PNG.toString('base64') });
    await backend.service.saveObservation({ observation: { ...note('with a photo'), photos: [photo] } });
    const stored = path.join(dir, 'photos', `${photo.hash}.png`);
    const target = await outsideFile(SECRET);
    await rm(stored);
    await symlink(target, stored);

    const shown = await dispatch(backend.service, 'getPhotoDataUrl', { hash: photo.hash });
    expect(shown).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/photo.*link/) } });

    const packFile = path.join(await tempDir('ls-exports-'), 'mine.lsobs.json');
    save.push(packFile);
    const exported = await dispatch(backend.service, 'exportObservationPack', { cycleId: seed.cycle.id, observerId: seed.group.members[0].id });
    expect(exported).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/photo.*link/) } });
    expect(await exists(packFile)).toBe(false);
    expect(await readFile(target, 'utf8')).toBe(SECRET);
    await backend.close();
  });

  it('a photo whose bytes were changed is refused, and attaching the picture again repairs it', async () => {
    const { dir, backend, seed } = await setup();
    const photo = await backend.service.attachPhotoBytes({ cycleId: seed.cycle.id, name: 'board.png', dataBase64: PNG.toString('base64') });
    const stored = path.join(dir, 'photos', `${photo.hash}.png`);
    const altered = Buffer.from(PNG);
    altered[altered.length - 20] ^= 0xff;
    await writeFile(stored, altered);

    const shown = await dispatch(backend.service, 'getPhotoDataUrl', { hash: photo.hash });
    expect(shown).toMatchObject({ ok: false, error: { code: 'corrupt-file', message: expect.stringMatching(/photo.*changed/) } });

    await backend.service.attachPhotoBytes({ cycleId: seed.cycle.id, name: 'board.png', dataBase64: PNG.toString('base64') });
    expect(await readFile(stored)).toEqual(PNG);
    expect(await readdir(path.join(dir, 'photos'))).toEqual([`${photo.hash}.png`]);
    expect(await backend.service.getPhotoDataUrl({ hash: photo.hash })).toEqual({ dataUrl: `data:image/png;base64,${PNG.toString('base64')}` });
    await backend.close();
  });
});
