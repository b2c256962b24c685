import { createHash, randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/backend/index';
import { OBSERVATION_PACK_FORMAT, type Observation, type ObservationPack } from '../../shared/domain/observation';
import { seedLesson } from './observ-seed';
import { tempDir } from './support/temp';

/**
 * Every way a photo enters a workspace (the attach dialog, dropped or captured bytes, an
 * observation pack) stores it without the data cameras hide in it, and upright.
 */

const GPS = { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 0/1' };

/** A phone photo: stored 400 × 300 with "rotate 90° clockwise to show" (orientation 6), a GPS position and the camera owner. */
const phonePhoto = (): Promise<Buffer> =>
  sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 30, g: 120, b: 200 } } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExif({ IFD0: { Artist: 'Maya Tanaka', ImageDescription: 'Maya and Leo at table 3' }, IFD3: GPS })
    .toBuffer();

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

let dir: string;
let backend: Backend;
let cycleId: string;
let observerId: string;
let openPaths: string[][];

beforeEach(async () => {
  dir = await tempDir();
  openPaths = [];
  backend = await createBackend({ workspaceDir: path.join(dir, 'workspace'), effects: { chooseOpenPaths: async () => openPaths.shift() ?? [] } });
  // A cycle being observed: a closed one takes no more notes from packs.
  const { cycle, group } = await seedLesson(backend);
  cycleId = cycle.id;
  observerId = group.members[1].id;
});
afterEach(() => backend?.close());

/** The stored file of a photo reference, checked to be named by the hash of its own bytes. */
const stored = async (ref: { hash: string; ext: string }): Promise<Buffer> => {
  const bytes = await readFile(path.join(dir, 'workspace', 'photos', `${ref.hash}.${ref.ext}`));
  expect(sha256(bytes)).toBe(ref.hash);
  return bytes;
};

/** No EXIF, XMP or IPTC; upright: 300 wide and 400 high, with no orientation left to apply. */
const expectStripped = async (bytes: Buffer) => {
  const meta = await sharp(bytes).metadata();
  expect({ format: meta.format, width: meta.width, height: meta.height, orientation: meta.orientation, exif: meta.exif, xmp: meta.xmp, iptc: meta.iptc }).toEqual({
    format: 'jpeg',
    width: 300,
    height: 400,
    orientation: undefined,
    exif: undefined,
    xmp: undefined,
    iptc: undefined,
  });
  expect(bytes.includes('Maya')).toBe(false);
};

describe('photos lose their hidden data on the way in', () => {
  it('the test photo really carries GPS, an Artist and orientation 6', async () => {
    const meta = await sharp(await phonePhoto()).metadata();
    expect(meta.orientation).toBe(6);
    expect(meta.exif?.includes('Maya Tanaka')).toBe(true);
    expect([meta.width, meta.height]).toEqual([400, 300]);
  });

  it('dropped or captured bytes (attachPhotoBytes)', async () => {
    const original = await phonePhoto();
    const ref = await backend.service.attachPhotoBytes({ cycleId, name: 'IMG_0042.jpg', dataBase64: original.toString('base64') });
    expect(ref.ext).toBe('jpg');
    expect(ref.hash).not.toBe(sha256(original));
    const bytes = await stored(ref);
    expect(ref.bytes).toBe(bytes.length);
    await expectStripped(bytes);
  });

  it('the attach dialog', async () => {
    const file = path.join(dir, 'IMG_0043.jpg');
    await writeFile(file, await phonePhoto());
    openPaths.push([file]);
    const [ref] = await backend.service.attachPhotosFromDialog({ cycleId });
    await expectStripped(await stored(ref));
  });

  it('an observation pack: the photo is stored stripped and its note points at the stored file', async () => {
    const original = await phonePhoto();
    const at = new Date().toISOString();
    const note: Observation = {
      id: randomUUID(),
      cycleId,
      observerId,
      clockMs: 60_000,
      wallTime: at,
      target: { kind: 'class' },
      codeIds: [],
      text: 'Table 3 drew the strips',
      photos: [{ hash: sha256(original), ext: 'jpg', name: 'IMG_0044.jpg', bytes: original.length }],
      pointToNoticeIds: [],
      anticipatedResponseIds: [],
      createdAt: at,
      updatedAt: at,
    };
    const pack: ObservationPack = {
      format: OBSERVATION_PACK_FORMAT,
      formatVersion: 1,
      cycleId,
      exportedAt: new Date().toISOString(),
      observations: [note],
      classModes: [],
      photos: [{ hash: sha256(original), ext: 'jpg', dataBase64: original.toString('base64') }],
    };
    const file = path.join(dir, 'older-laptop.lsobs.json');
    await writeFile(file, JSON.stringify(pack));
    openPaths.push([file]);
    expect(await backend.service.importObservationPacks({ cycleId })).toMatchObject({ added: 1 });
    const imported = (await backend.service.getObservationSession({ cycleId })).observations.find((o) => o.id === note.id)!;
    expect(imported.photos).toHaveLength(1);
    expect(imported.photos[0].hash).not.toBe(sha256(original));
    expect(imported.photos[0].name).toBe('IMG_0044.jpg');
    await expectStripped(await stored(imported.photos[0]));
  });

  it('a photo with nothing hidden is stored byte for byte, so its hash survives a pack round trip', async () => {
    const clean = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 0, g: 0, b: 0 } } }).png().toBuffer();
    const ref = await backend.service.attachPhotoBytes({ cycleId, name: 'board.png', dataBase64: clean.toString('base64') });
    expect(ref.hash).toBe(sha256(clean));
    expect((await stored(ref)).equals(clean)).toBe(true);
  });

  it('a PNG with a text chunk naming a student loses it', async () => {
    const tagged = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 0, g: 0, b: 0 } } })
      .png()
      .withMetadata()
      .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Maya Tanaka</dc:title></rdf:Description></rdf:RDF></x:xmpmeta>')
      .toBuffer();
    expect(tagged.includes('Maya Tanaka')).toBe(true);
    const ref = await backend.service.attachPhotoBytes({ cycleId, name: 'work.png', dataBase64: tagged.toString('base64') });
    const bytes = await stored(ref);
    expect(bytes.includes('Maya')).toBe(false);
    expect((await sharp(bytes).metadata()).xmp).toBeUndefined();
  });

  it('a damaged picture is refused with a clear message', async () => {
    const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 7)]);
    await expect(backend.service.attachPhotoBytes({ cycleId, name: 'broken.jpg', dataBase64: broken.toString('base64') })).rejects.toMatchObject({
      code: 'invalid-request',
      message: expect.stringContaining('“broken.jpg” could not be read as an image'),
    });
  });
});
