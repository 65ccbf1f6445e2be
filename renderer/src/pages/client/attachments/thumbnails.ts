/**
 * Tiles' thumbnails (issue 18), made through the page's thumbnail queue (thumb-queue.ts: two at a time, tiles in view
 * first): a PDF's first page at the tile's pixel size (pdf.ts `pdfThumbnail`, pdf.js loaded with the first one),
 * an image's displayable bytes (attachments-store.ts `displayImage`: the file, or the host's HEIC preview). A PDF's
 * thumbnail is kept for the page's lifetime by hash and size (content never changes under a hash; at most 200), so a
 * tile mounted again shows it at once.
 */
import type { Attachment } from '../../../../../shared/contracts/attachments';
import { attachmentBytes, displayImage } from './attachments-store';
import type { ThumbBox } from './pdf';
import { thumbQueue, type QueuedJob } from './thumb-queue';

const made = new Map<string, QueuedJob<string | null>>();

/** The first page's thumbnail of PDF `a` fitted into `box` (a PNG data URL, or null when pdf.js cannot open it), queued. */
export function pdfThumbnailJob(a: Pick<Attachment, 'id' | 'sha256'>, box: ThumbBox): QueuedJob<string | null> {
  const key = `${a.sha256}:${box.width}x${box.height}@${box.dpr}`;
  let job = made.get(key);
  if (!job) {
    // The bytes and pdf.js's chunk (the first time) are fetched side by side.
    job = thumbQueue.add(() => Promise.all([attachmentBytes(a), import('./pdf')]).then(([bytes, pdf]) => pdf.pdfThumbnail(bytes, box)));
    made.set(key, job);
    job.promise.catch(() => made.delete(key)); // the bytes could not be read: asked again next time
    while (made.size > 200) made.delete(made.keys().next().value as string);
  }
  return job;
}

/** The bytes and type to show image `a` (JPEG/PNG/WebP as is, HEIC through the host's preview), queued. */
export function imageThumbnailJob(a: Pick<Attachment, 'id' | 'sha256' | 'kind' | 'mime'>): QueuedJob<{ bytes: Uint8Array; mime: string }> {
  return thumbQueue.add(() => displayImage(a));
}
