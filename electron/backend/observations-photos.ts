import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { MAX_PHOTO_BYTES, type PhotoRef } from '../../shared/domain/observation';
import { LessonStudyError } from '../../shared/result';
import { ensureDir, storageError, writeFileDurably } from '../storage/durable-write';
import { isErrno, type FsPort } from '../storage/fs-port';
import type { BackendContext } from './context';

/**
 * Photos of student work or the board, stored once under their content hash:
 * `photos/<sha256>.<ext>`. The same picture attached twice is one file. Every photo is
 * stored without its metadata (see `withoutMetadata`), whichever way it came in.
 */

export type PhotoExt = PhotoRef['ext'];
const EXTS: readonly PhotoExt[] = ['png', 'jpg', 'gif', 'webp'];
const MIME: Record<PhotoExt, string> = { png: 'image/png', jpg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  signature.every((b, i) => bytes[offset + i] === b);

/** The image type from the file's first bytes; a file name can say anything. */
export const detectImageType = (bytes: Uint8Array): PhotoExt | null => {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpg';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61) return 'gif';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  return null;
};

const megabytes = (n: number) => `${(n / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;

export const photoPath = (hash: string, ext: PhotoExt): string => `photos/${hash}.${ext}`;

/** The same limit for picked and dropped photos: dropped bytes travel as base64 in an 8 MB request. */
export const checkPhotoSize = (size: number, name: string): void => {
  if (size > MAX_PHOTO_BYTES) {
    throw new LessonStudyError(
      'too-large',
      `“${name || 'The photo'}” is ${megabytes(size)}; a photo can be at most ${megabytes(MAX_PHOTO_BYTES)}. Save a smaller copy (e.g. lower resolution) and attach that.`,
    );
  }
};

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * The bytes of `photos/<hash>.<ext>`, or null when there is no such file. Refused unless
 * it is a regular file (never a link: one to a private key would be shown and shipped in
 * packs) whose content still hashes to its name.
 */
const readStoredPhoto = async (fs: FsPort, abs: string, rel: string, hash: string): Promise<Buffer | null> => {
  let bytes: Buffer;
  try {
    const info = await fs.lstat(abs);
    if (!info.isFile()) {
      const what = info.isSymbolicLink() ? 'a link to another file' : 'something that is not a file';
      throw new LessonStudyError(
        'forbidden',
        `The photo "${rel}" was replaced by ${what}, so it is not shown or exported. Attaching the original picture again repairs it.`,
      );
    }
    // Larger than any photo that can be attached: changed, and not worth reading in.
    bytes = info.size > MAX_PHOTO_BYTES ? Buffer.alloc(0) : ((await fs.readFile(abs)) as Buffer);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return null;
    throw storageError(error, rel);
  }
  if (sha256(bytes) !== hash) {
    throw new LessonStudyError(
      'corrupt-file',
      `The photo "${rel}" was changed since it was attached (its content is no longer that picture), so it is not shown or exported. Attaching the original picture again repairs it.`,
    );
  }
  return bytes;
};

/**
 * The picture without the data a camera or editor hides in it — EXIF (GPS position,
 * camera owner, "Artist", date), XMP and IPTC (titles and keywords, which can name the
 * students in the picture), PNG text chunks — and upright: the EXIF orientation is
 * applied to the pixels, as it would be lost with the tag. Re-encoded in its own format
 * (JPEG at quality 92); the colour profile is kept. A picture that carries none of that
 * is kept byte for byte, so a photo from a pack exported here keeps its hash (and is not
 * re-compressed on every round trip).
 */
export const withoutMetadata = async (bytes: Uint8Array, ext: PhotoExt, label: string): Promise<Uint8Array> => {
  // Loaded on the first photo: a native module that failed to load costs photos, not the backend.
  const { default: sharp } = await import('sharp');
  const unreadable = () => new LessonStudyError('invalid-request', `“${label}” could not be read as an image (the file may be damaged), so it was not attached.`);
  let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
  try {
    meta = await sharp(bytes).metadata();
  } catch {
    throw unreadable();
  }
  const turned = meta.orientation !== undefined && meta.orientation !== 1;
  if (!meta.exif && !meta.xmp && !meta.iptc && !meta.comments?.length && !turned) return bytes;
  try {
    // A GIF has no orientation to apply, and may be animated: all its frames are kept.
    const pipeline = ext === 'gif' ? sharp(bytes, { animated: true }) : sharp(bytes).rotate();
    pipeline.keepIccProfile();
    const encoded = ext === 'jpg' ? pipeline.jpeg({ quality: 92 }) : ext === 'png' ? pipeline.png() : ext === 'gif' ? pipeline.gif() : pipeline.webp({ quality: 92 });
    return await encoded.toBuffer();
  } catch {
    throw unreadable();
  }
};

export const storePhoto = async (ctx: BackendContext, original: Uint8Array, name: string): Promise<PhotoRef> => {
  const label = name || 'The photo';
  checkPhotoSize(original.length, name);
  const ext = detectImageType(original);
  if (!ext) {
    throw new LessonStudyError('invalid-request', `“${label}” is not a PNG, JPEG, GIF or WebP image, so it was not attached.`);
  }
  ctx.store.assertWritable();
  // The hash names the stored (stripped) bytes: the metadata never reaches the workspace.
  const bytes = await withoutMetadata(original, ext, label);
  const hash = sha256(bytes);
  const rel = photoPath(hash, ext);
  const abs = ctx.store.abs(rel);
  const fs = ctx.store.deps.fs;
  const intact = await readStoredPhoto(fs, abs, rel, hash).then(
    (stored) => stored !== null,
    () => false,
  );
  if (!intact) {
    // Missing, or a link or changed bytes in its place: the rename replaces that name itself, never a link's target.
    await ensureDir(fs, path.dirname(abs));
    await writeFileDurably(fs, abs, bytes);
  }
  return { hash, ext, name: path.basename(name).slice(0, 260), bytes: bytes.length };
};

/** The stored bytes of a photo, or null when the workspace does not hold it; refused when replaced or changed. */
export const readPhoto = async (ctx: BackendContext, hash: string): Promise<{ ext: PhotoExt; bytes: Buffer } | null> => {
  if (!/^[0-9a-f]{64}$/.test(hash)) throw new LessonStudyError('invalid-request', 'Not a photo reference.');
  for (const ext of EXTS) {
    const rel = photoPath(hash, ext);
    const bytes = await readStoredPhoto(ctx.store.deps.fs, ctx.store.abs(rel), rel, hash);
    if (bytes) return { ext, bytes };
  }
  return null;
};

export const photoDataUrl = (ext: PhotoExt, bytes: Uint8Array): string =>
  `data:${MIME[ext]};base64,${Buffer.from(bytes).toString('base64')}`;
