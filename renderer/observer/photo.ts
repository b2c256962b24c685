import { MAX_PHOTO_BYTES } from '../../shared/domain/observation';

/**
 * Photos of student work are downscaled on the device and re-encoded as JPEG through a
 * canvas: the longest side becomes at most 1600 px, the EXIF orientation is applied to the
 * pixels, and nothing of the original file's metadata (GPS, camera owner) survives.
 */

export const MAX_PHOTO_SIDE = 1600;

/** The size to draw at: the same shape, longest side at most `max`, never enlarged. */
export const fitWithin = (width: number, height: number, max = MAX_PHOTO_SIDE): { width: number; height: number } => {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
};

const decode = async (file: Blob): Promise<{ image: CanvasImageSource; width: number; height: number; release(): void }> => {
  try {
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    return { image: bitmap, width: bitmap.width, height: bitmap.height, release: () => bitmap.close() };
  } catch {
    // Older Safari: an <img> applies the EXIF orientation itself (image-orientation: from-image).
    const url = URL.createObjectURL(file);
    const img = new Image();
    img.src = url;
    await img.decode();
    return { image: img, width: img.naturalWidth, height: img.naturalHeight, release: () => URL.revokeObjectURL(url) };
  }
};

const toBase64 = async (blob: Blob): Promise<string> => {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
};

export const preparePhoto = async (file: Blob): Promise<{ dataBase64: string; bytes: number }> => {
  const source = await decode(file);
  try {
    const size = fitWithin(source.width, source.height);
    const canvas = document.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d canvas');
    context.drawImage(source.image, 0, 0, size.width, size.height);
    for (const quality of [0.85, 0.7, 0.5]) {
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
      if (!blob) throw new Error('the photo could not be encoded');
      if (blob.size <= MAX_PHOTO_BYTES) return { dataBase64: await toBase64(blob), bytes: blob.size };
    }
    throw new Error('the photo is too large');
  } finally {
    source.release();
  }
};
