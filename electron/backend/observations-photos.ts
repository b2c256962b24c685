import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { MAX_PHOTO_BYTES, type PhotoRef } from '../../shared/domain/observation';
import { LessonStudyError } from '../../shared/result';
import { ensureDir, storageError, writeFileDurably } from '../storage/durable-write';
import { isErrno } from '../storage/fs-port';
import type { BackendContext } from './context';

/**
 * Photos of student work or the board, stored once under their content hash:
 * `photos/<sha256>.<ext>`. The same picture attached twice is one file.
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

export const storePhoto = async (ctx: BackendContext, bytes: Uint8Array, name: string): Promise<PhotoRef> => {
  const label = name || 'The photo';
  checkPhotoSize(bytes.length, name);
  const ext = detectImageType(bytes);
  if (!ext) {
    throw new LessonStudyError('invalid-request', `“${label}” is not a PNG, JPEG, GIF or WebP image, so it was not attached.`);
  }
  ctx.store.assertWritable();
  const hash = createHash('sha256').update(bytes).digest('hex');
  const abs = ctx.store.abs(photoPath(hash, ext));
  const fs = ctx.store.deps.fs;
  try {
    await fs.stat(abs);
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw storageError(error, abs);
    await ensureDir(fs, path.dirname(abs));
    await writeFileDurably(fs, abs, bytes);
  }
  return { hash, ext, name: path.basename(name).slice(0, 260), bytes: bytes.length };
};

/** The stored bytes of a photo, or null when the workspace does not hold it. */
export const readPhoto = async (ctx: BackendContext, hash: string): Promise<{ ext: PhotoExt; bytes: Buffer } | null> => {
  if (!/^[0-9a-f]{64}$/.test(hash)) throw new LessonStudyError('invalid-request', 'Not a photo reference.');
  for (const ext of EXTS) {
    try {
      const bytes = (await ctx.store.deps.fs.readFile(ctx.store.abs(photoPath(hash, ext)))) as Buffer;
      return { ext, bytes };
    } catch (error) {
      if (!isErrno(error, 'ENOENT')) throw storageError(error, photoPath(hash, ext));
    }
  }
  return null;
};

export const photoDataUrl = (ext: PhotoExt, bytes: Uint8Array): string =>
  `data:${MIME[ext]};base64,${Buffer.from(bytes).toString('base64')}`;
