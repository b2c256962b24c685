import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend';
import { createRepository } from '../../electron/backend/repository';
import { nodeFs, type FsPort } from '../../electron/storage/fs-port';
import { LessonStudyError } from '../../shared/result';
import { tempDir } from './support/temp';

/*
 * The generic document repository on a kind of its own ("card"), so what it does is
 * seen apart from any one feature: where a document is stored and in what shape, the
 * not-found wording, the updatedAt stamp, the change guard, and what a listing goes past.
 */

const Card = z.object({ id: z.string(), title: z.string(), updatedAt: z.string() });
type Card = z.infer<typeof Card>;
const CardDocument = z.object({ card: Card });

const cards = createRepository({
  kind: { name: 'card', version: 1, schema: CardDocument, migrations: [] },
  field: 'card',
  dir: 'cards',
  idOf: (card) => card.id,
  notFound: 'That card no longer exists in this workspace.',
  check: (before, after) => {
    if (after.title === '') throw new LessonStudyError('invalid-request', `The card “${before.title}” needs a title.`);
  },
});

const NOW = new Date('2026-03-04T05:06:07.000Z');
const card: Card = { id: 'c1', title: 'Fractions', updatedAt: '2026-01-01T00:00:00.000Z' };

const setup = async (fs: FsPort = nodeFs) => {
  const dir = await tempDir();
  const backend = await createBackend({ workspaceDir: dir, fs, clock: () => NOW });
  return { dir, ctx: backend.context, backend };
};

describe('the document repository', () => {
  it('saves a value under <dir>/<id>.json as { schemaVersion, <field> } and loads it back', async () => {
    const { dir, ctx } = await setup();
    await cards.save(ctx, card);

    expect(cards.path('c1')).toBe('cards/c1.json');
    expect(JSON.parse(await readFile(path.join(dir, 'cards', 'c1.json'), 'utf8'))).toEqual({
      schemaVersion: 1,
      card: { id: 'c1', title: 'Fractions', updatedAt: '2026-01-01T00:00:00.000Z' },
    });
    expect(await cards.load(ctx, 'c1')).toEqual(card);
  });

  it('finds nothing where nothing was saved, and loading or changing it is not-found in the kind’s words', async () => {
    const { ctx } = await setup();
    expect(await cards.find(ctx, 'missing')).toBeNull();
    await expect(cards.load(ctx, 'missing')).rejects.toMatchObject({ code: 'not-found', message: 'That card no longer exists in this workspace.' });
    await expect(cards.change(ctx, 'missing', (c) => c)).rejects.toMatchObject({ code: 'not-found', message: 'That card no longer exists in this workspace.' });
    await expect(cards.update(ctx, 'missing', (c) => c, { notFound: 'The card of this lesson is gone.' })).rejects.toMatchObject({
      code: 'not-found',
      message: 'The card of this lesson is gone.',
    });
  });

  it('stamps updatedAt on a change, not on an update, and changes a value given for a missing one', async () => {
    const { ctx } = await setup();
    await cards.save(ctx, card);

    expect(await cards.update(ctx, 'c1', (c) => ({ ...c, title: 'Ratios' }))).toEqual({ id: 'c1', title: 'Ratios', updatedAt: '2026-01-01T00:00:00.000Z' });
    expect(await cards.change(ctx, 'c1', (c) => ({ ...c, title: 'Area' }))).toEqual({ id: 'c1', title: 'Area', updatedAt: '2026-03-04T05:06:07.000Z' });
    const fresh = { id: 'c2', title: 'New', updatedAt: '2026-02-02T00:00:00.000Z' };
    expect(await cards.change(ctx, 'c2', (c) => ({ ...c, title: 'New card' }), { orElse: fresh })).toEqual({
      id: 'c2',
      title: 'New card',
      updatedAt: '2026-03-04T05:06:07.000Z',
    });
    expect(await cards.load(ctx, 'c2')).toEqual({ id: 'c2', title: 'New card', updatedAt: '2026-03-04T05:06:07.000Z' });
  });

  it('refuses a change its check refuses, and the file keeps what it had', async () => {
    const { dir, ctx } = await setup();
    await cards.save(ctx, card);

    await expect(cards.change(ctx, 'c1', (c) => ({ ...c, title: '' }))).rejects.toMatchObject({
      code: 'invalid-request',
      message: 'The card “Fractions” needs a title.',
    });
    expect(JSON.parse(await readFile(path.join(dir, 'cards', 'c1.json'), 'utf8')).card.title).toBe('Fractions');
  });

  it('lists past a newer file, naming it in a notice unless told not to, and removes into the trash', async () => {
    const { dir, ctx } = await setup();
    await cards.save(ctx, card);
    await cards.save(ctx, { id: 'c2', title: 'Ratios', updatedAt: '2026-01-02T00:00:00.000Z' });
    await writeFile(path.join(dir, 'cards', 'c3.json'), JSON.stringify({ schemaVersion: 9, card: {} }));

    expect((await cards.listAll(ctx, { notice: false })).map((c) => c.title)).toEqual(['Fractions', 'Ratios']);
    expect(ctx.store.notices.filter((n) => n.file === 'cards/c3.json')).toEqual([]);

    expect((await cards.listAll(ctx)).map((c) => c.title)).toEqual(['Fractions', 'Ratios']);
    expect(ctx.store.notices.filter((n) => n.file === 'cards/c3.json').map((n) => n.kind)).toEqual(['quarantined']);

    await cards.remove(ctx, 'c1');
    expect(await cards.find(ctx, 'c1')).toBeNull();
    expect((await cards.listAll(ctx, { notice: false })).map((c) => c.id)).toEqual(['c2']);
  });

  it('fails a listing on a read refused for a moment, unless asked to go past any unreadable file', async () => {
    let refuse = false;
    const flakyFs: FsPort = {
      ...nodeFs,
      readFile: (async (file: Parameters<typeof nodeFs.readFile>[0], options?: Parameters<typeof nodeFs.readFile>[1]) => {
        if (refuse && String(file).endsWith(path.join('cards', 'c2.json'))) {
          throw Object.assign(new Error('i/o error'), { code: 'EIO' });
        }
        return nodeFs.readFile(file, options);
      }) as FsPort['readFile'],
    };
    const { dir, ctx, backend } = await setup(flakyFs);
    await cards.save(ctx, card);
    await cards.save(ctx, { id: 'c2', title: 'Ratios', updatedAt: '2026-01-02T00:00:00.000Z' });
    await backend.close();
    refuse = true;
    // Reopened, so the documents are read from disk and not from the store's handles.
    const reopened = await createBackend({ workspaceDir: dir, fs: flakyFs, clock: () => NOW });
    await expect(cards.listAll(reopened.context)).rejects.toMatchObject({ code: 'io' });
    expect((await cards.listAll(reopened.context, { goPast: 'unreadable' })).map((c) => c.id)).toEqual(['c1']);
    expect(reopened.context.store.notices.filter((n) => n.file === 'cards/c2.json').map((n) => n.kind)).toEqual(['quarantined']);
  });
});
