import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend';
import { listObservations } from '../../electron/backend/observations';
import { stampObservation } from '../../shared/observe/stamp';
import { seedLesson } from './observ-seed';
import { tempDir } from './support/temp';

// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

describe('a deleted note leaves the laptop only as a tombstone', () => {
  it('travels in a pack with its id and deletion, without text, photos, codes or student', async () => {
    const dir = await tempDir();
    const save: string[] = [];
    const open: string[][] = [];
    const backend = await createBackend({ workspaceDir: dir, effects: { chooseSavePath: async () => save.shift() ?? null } });
    const seed = await seedLesson(backend);
    const note = (text: string) =>
      stampObservation(
        { text, target: { kind: 'student', studentId: seed.students[0].id }, codeIds: [seed.group.codebook[0].id], photos: [] },
        { id: backend.context.newId(), cycleId: seed.cycle.id, observerId: seed.group.members[0].id, clockMs: 60_000, now: new Date(), stepId: seed.steps[0].id },
      );
    const photo = await backend.service.attachPhotoBytes({ cycleId: seed.cycle.id, name: 'Mia real name.png', dataBase64: PNG.toString('base64') });
    const mistake = await backend.service.saveObservation({ observation: { ...note('Mia Garcia (real name, written by mistake)'), photos: [photo] } });
    await backend.service.deleteObservation({ cycleId: seed.cycle.id, observationId: mistake.id });
    const kept = await backend.service.saveObservation({ observation: note('Splits the bar into 4') });

    const packFile = path.join(dir, '..', `${path.basename(dir)}-tombstone.lsobs.json`);
    save.push(packFile);
    await backend.service.exportObservationPack({ cycleId: seed.cycle.id, observerId: seed.group.members[0].id });
    const text = await readFile(packFile, 'utf8');
    expect(text).not.toContain('Mia');
    const pack = JSON.parse(text);
    const tombstone = pack.observations.find((o: { id: string }) => o.id === mistake.id);
    expect(tombstone).toMatchObject({ id: mistake.id, deletedAt: expect.any(String), text: '', photos: [], codeIds: [], pointToNoticeIds: [], target: { kind: 'class' } });
    expect(pack.observations.find((o: { id: string }) => o.id === kept.id)).toMatchObject({ text: 'Splits the bar into 4', codeIds: [seed.group.codebook[0].id] });
    expect(pack.photos).toEqual([]);
    await backend.close();

    // The delete still reaches another laptop: the note arrives deleted, never live.
    const otherDir = await tempDir();
    const other = await createBackend({ workspaceDir: otherDir, effects: { chooseOpenPaths: async () => open.shift() ?? [] } });
    for (const rel of [`groups/${seed.group.id}.json`, `designs/${seed.design.id}.json`, `cycles/${seed.cycle.id}.json`]) {
      await other.context.store.writeRaw(rel, await readFile(path.join(dir, rel), 'utf8'));
    }
    open.push([packFile]);
    expect(await other.service.importObservationPacks({ cycleId: seed.cycle.id })).toMatchObject({ added: 2 });
    expect((await listObservations(other.context, seed.cycle.id)).map((o) => o.text)).toEqual(['Splits the bar into 4']);
    await other.close();
  });
});
