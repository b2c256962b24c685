/**
 * Photos made ready for the report with sharp (libvips): turned upright as their EXIF
 * orientation says (a phone photo taken in portrait is stored sideways with a tag that
 * says so, which Word and LibreOffice do not all honour), sized from the upright image,
 * and re-encoded without metadata. Word needs the size in the document, and a photo
 * drawn at the wrong aspect ratio makes student work unreadable.
 */

export type EmbeddableType = 'png' | 'jpg' | 'gif';

export interface EmbeddablePhoto {
  type: EmbeddableType;
  width: number;
  height: number;
  data: Uint8Array;
}

/** Upright bytes and pixel size of a PNG, JPEG, GIF or WebP photo; null when sharp cannot read it. */
export const embeddablePhoto = async (bytes: Uint8Array): Promise<EmbeddablePhoto | null> => {
  // Loaded when a report has photos: a native module that failed to load costs the photos, not the backend.
  const { default: sharp } = await import('sharp');
  try {
    const meta = await sharp(bytes).metadata();
    // Word cannot show WebP: it goes in as PNG. An animated GIF keeps its frames (it has no orientation to apply).
    if (meta.format === 'gif') {
      const upright = meta.pages && meta.pages > 1 ? await sharp(bytes, { animated: true }).gif().toBuffer({ resolveWithObject: true }) : await sharp(bytes).gif().toBuffer({ resolveWithObject: true });
      return { type: 'gif', width: upright.info.width, height: upright.info.pageHeight ?? upright.info.height, data: upright.data };
    }
    const type: EmbeddableType = meta.format === 'jpeg' ? 'jpg' : 'png';
    const pipeline = sharp(bytes).rotate();
    const upright = await (type === 'jpg' ? pipeline.jpeg({ quality: 90 }) : pipeline.png()).toBuffer({ resolveWithObject: true });
    return { type, width: upright.info.width, height: upright.info.height, data: upright.data };
  } catch {
    return null;
  }
};

/** Every photo of `photoBytes` made embeddable, by hash; null for one sharp cannot read. */
export const embeddablePhotos = async (photoBytes: ReadonlyMap<string, Uint8Array>): Promise<Map<string, EmbeddablePhoto | null>> => {
  const ready = new Map<string, EmbeddablePhoto | null>();
  for (const [hash, bytes] of photoBytes) ready.set(hash, await embeddablePhoto(bytes));
  return ready;
};

/**
 * Display size in pixels (docx's ImageRun unit, 96 per inch) that fits `maxWidth` ×
 * `maxHeight` and keeps the aspect ratio. Small images are not blown up.
 */
export const fitImage = (size: { width: number; height: number }, maxWidth: number, maxHeight: number): { width: number; height: number } => {
  if (size.width <= 0 || size.height <= 0) return { width: maxWidth, height: Math.round(maxWidth * 0.75) };
  const scale = Math.min(1, maxWidth / size.width, maxHeight / size.height);
  return { width: Math.max(1, Math.round(size.width * scale)), height: Math.max(1, Math.round(size.height * scale)) };
};
