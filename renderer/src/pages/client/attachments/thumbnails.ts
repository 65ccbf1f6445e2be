/**
 * Tiles' thumbnails (issue 18). A PDF's first page is drawn once per file content and kept by the host
 * (`attachments.thumbnail` / `attachments.setThumbnail`, db/files/thumbs.ts): a tile first asks for the stored one —
 * a small PNG, drawn at once, outside the queue — and only when there is none yet is the page drawn by pdf.js at the
 * tile's pixel size (pdf.ts `pdfThumbnail`, through the thumbnail queue: two at a time, tiles in view first), shown,
 * and handed to the host to keep. Right after attaching, the file's bytes are still in memory
 * (attachments-store.ts), so that first drawing reads nothing back. Images show their displayable bytes
 * (attachments-store.ts `displayImage`: the file, or the host's HEIC preview). Within a page session a thumbnail is
 * also kept by hash and size (at most 200), so a tile mounted again shows it without asking.
 */
import type { Attachment } from '../../../../../shared/contracts/attachments';
import { call } from '../../../api';
import { attachmentBytes, displayImage } from './attachments-store';
import type { ThumbBox } from './pdf';
import { thumbQueue, type QueuedJob } from './thumb-queue';

const made = new Map<string, QueuedJob<string | null>>();

/** The box in device pixels the thumbnail is stored for (the tile's CSS size × pixel ratio, as pdf.ts fits the page). */
export const pixelBox = (box: ThumbBox) => ({ width: Math.round(box.width * box.dpr), height: Math.round(box.height * box.dpr) });

/**
 * The first page's thumbnail of PDF `a` fitted into `box` (a PNG data URL, or null when pdf.js cannot open it): the
 * host's stored one, else drawn here (queued) and stored.
 */
export function pdfThumbnailJob(a: Pick<Attachment, 'id' | 'sha256'>, box: ThumbBox): QueuedJob<string | null> {
  const key = `${a.sha256}:${box.width}x${box.height}@${box.dpr}`;
  let job = made.get(key);
  if (!job) {
    const px = pixelBox(box);
    let queued: QueuedJob<string | null> | null = null;
    let seen = false;
    const draw = () => {
      // The bytes and pdf.js's chunk (the first time) are fetched side by side.
      queued = thumbQueue.add(() => Promise.all([attachmentBytes(a), import('./pdf')]).then(([bytes, pdf]) => pdf.pdfThumbnail(bytes, box)));
      if (seen) queued.seen();
      return queued.promise.then((url) => {
        // Kept by the host for every later view; a failure to keep it costs only a redraw next time.
        if (url) void call('attachments.setThumbnail', { id: a.id, ...px, base64: url.slice(url.indexOf(',') + 1) }).catch(() => undefined);
        return url;
      });
    };
    // A host that cannot answer (or an older one) is no reason to show nothing: the page draws it then.
    const stored = call('attachments.thumbnail', { id: a.id, ...px }).then((r) => r.base64).catch(() => null);
    const promise = stored.then((b) => (b ? `data:image/png;base64,${b}` : draw()));
    job = { promise, seen: () => { seen = true; queued?.seen(); } };
    made.set(key, job);
    promise.catch(() => made.delete(key)); // the bytes could not be read: asked again next time
    while (made.size > 200) made.delete(made.keys().next().value as string);
  }
  return job;
}

/** The bytes and type to show image `a` (JPEG/PNG/WebP as is, HEIC through the host's preview), queued. */
export function imageThumbnailJob(a: Pick<Attachment, 'id' | 'sha256' | 'kind' | 'mime'>): QueuedJob<{ bytes: Uint8Array; mime: string }> {
  return thumbQueue.add(() => displayImage(a));
}
