/**
 * An image attachment's thumbnail (JPEG, PNG, WebP, or a HEIC's converted preview) drawn at the tile's pixel size:
 * decoded by the browser (createImageBitmap, resized there with high quality, so the full-size bitmap is not kept),
 * fitted into the box without enlarging, as a PNG data URL — kept by the host like a PDF's first page
 * (thumbnails.ts), so the next view loads a few KB instead of the whole photo.
 */
import type { ThumbBox } from './pdf';

/** The thumbnail of image `bytes` (`mime`) fitted into `box` (CSS size × pixel ratio), or null when the browser cannot decode it. */
export async function imageThumbnail(bytes: Uint8Array, mime: string, box: ThumbBox): Promise<string | null> {
  if (typeof createImageBitmap !== 'function') return null;
  let full: ImageBitmap | null = null;
  let small: ImageBitmap | null = null;
  try {
    const blob = new Blob([bytes as BlobPart], { type: mime });
    full = await createImageBitmap(blob);
    const scale = Math.min((box.width * box.dpr) / full.width, (box.height * box.dpr) / full.height, 1);
    const width = Math.max(1, Math.floor(full.width * scale));
    const height = Math.max(1, Math.floor(full.height * scale));
    small = await createImageBitmap(full, { resizeWidth: width, resizeHeight: height, resizeQuality: 'high' });
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    canvas.getContext('2d')!.drawImage(small, 0, 0);
    return canvas.toDataURL('image/png');
  } catch (e) {
    console.warn('image thumbnail failed', e);
    return null;
  } finally {
    full?.close();
    small?.close();
  }
}
