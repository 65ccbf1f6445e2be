/**
 * Tiles' thumbnails (issue 18). A PDF's first page is drawn once per file content and kept by the host
 * (`attachments.thumbnail` / `attachments.setThumbnail`, db/files/thumbs.ts): a tile first asks for the stored one —
 * a small PNG, drawn at once, outside the queue — and only when there is none yet is the page drawn by pdf.js at the
 * tile's pixel size (pdf.ts `pdfThumbnail`, through the thumbnail queue: two at a time, tiles in view first), shown,
 * and handed to the host to keep. Right after attaching, the file's bytes are still in memory
 * (attachments-store.ts), so that first drawing reads nothing back. Images (JPEG/PNG/WebP, HEIC through the host's
 * preview) are kept the same way: drawn small once (image-thumb.ts) and stored, so a page of 40 photos loads 40 small
 * PNGs, not 40 photos; only when the browser cannot draw one does its tile show the image itself. Within a page session a thumbnail is
 * also kept by hash and size (at most 200), so a tile mounted again shows it without asking.
 */
import type { Attachment } from '../../../../../shared/contracts/attachments';
import { call } from '../../../api';
import { attachmentBytes, displayImage } from './attachments-store';
import type { ThumbBox } from './pdf';
import { thumbQueue, type QueuedJob } from './thumb-queue';

const made = new Map<string, QueuedJob<string | null>>();

/** The tile's thumbnail box in CSS pixels (the image or the PDF's page is fitted into it). */
export const THUMB_BOX = { width: 64, height: 80 };
/** The tile's box on this screen (pixel ratio capped at 3). */
export const tileBox = (): ThumbBox => ({ ...THUMB_BOX, dpr: Math.min(3, window.devicePixelRatio || 1) });

/** Stored thumbnails fetched for the client on screen, by `<sha>:<w>x<h>` (data URLs; at most 500 kept). */
const stored = new Map<string, string>();
/** The fetch of the client's stored thumbnails in flight (tiles wait for it before asking one by one). */
let batch: Promise<void> | null = null;

/**
 * Fetches every stored thumbnail of client `clientId`'s PDFs and images for the tile's box in one request
 * (`attachments.thumbnails`), side by side with the list, so the tiles show them as soon as they appear. A failure
 * only means each tile asks for its own.
 */
export function prefetchStoredThumbnails(clientId: number): Promise<void> {
  const px = pixelBox(tileBox());
  batch = call('attachments.thumbnails', { clientId, ...px })
    .then((rows) => {
      for (const r of rows) stored.set(`${r.sha256}:${px.width}x${px.height}`, `data:image/png;base64,${r.base64}`);
      while (stored.size > 500) stored.delete(stored.keys().next().value as string);
    })
    .catch(() => undefined);
  return batch;
}

/** The box in device pixels the thumbnail is stored for (the tile's CSS size × pixel ratio, as pdf.ts fits the page). */
export const pixelBox = (box: ThumbBox) => ({ width: Math.round(box.width * box.dpr), height: Math.round(box.height * box.dpr) });

/**
 * The first page's thumbnail of PDF `a` fitted into `box` (a PNG data URL, or null when pdf.js cannot open it): the
 * host's stored one, else drawn here (queued) and stored.
 */
export function pdfThumbnailJob(a: Pick<Attachment, 'id' | 'sha256'>, box: ThumbBox): QueuedJob<string | null> {
  return storedThumbnailJob(a, box, () => Promise.all([attachmentBytes(a), import('./pdf')]).then(([bytes, pdf]) => pdf.pdfThumbnail(bytes, box)));
}

/**
 * The thumbnail of image `a` (JPEG/PNG/WebP, HEIC through the host's preview) fitted into `box`, kept by the host as a
 * PDF's is: the stored one (a few KB), else the image fetched once, drawn small here (image-thumb.ts, queued) and
 * stored. Null when the browser cannot draw it (the tile then shows the image itself: {@link imageThumbnailJob}).
 */
export function storedImageThumbnailJob(a: Pick<Attachment, 'id' | 'sha256' | 'kind' | 'mime'>, box: ThumbBox): QueuedJob<string | null> {
  return storedThumbnailJob(a, box, () => Promise.all([displayImage(a), import('./image-thumb')]).then(([img, m]) => m.imageThumbnail(img.bytes, img.mime, box)));
}

/** A thumbnail of `a` for `box`: the client's stored ones, else its own asked for, else `drawIt` (queued) and handed to the host to keep. */
function storedThumbnailJob(a: Pick<Attachment, 'id' | 'sha256'>, box: ThumbBox, drawIt: () => Promise<string | null>): QueuedJob<string | null> {
  const key = `${a.sha256}:${box.width}x${box.height}@${box.dpr}`;
  let job = made.get(key);
  if (!job) {
    const px = pixelBox(box);
    let queued: QueuedJob<string | null> | null = null;
    let seen = false;
    const draw = () => {
      // The bytes and the drawing code's chunk (the first time) are fetched side by side.
      queued = thumbQueue.add(drawIt);
      if (seen) queued.seen();
      return queued.promise.then((url) => {
        // Kept by the host for every later view; a failure to keep it costs only a redraw next time.
        if (url) void call('attachments.setThumbnail', { id: a.id, ...px, base64: url.slice(url.indexOf(',') + 1) }).catch(() => undefined);
        return url;
      });
    };
    // The client's stored thumbnails (fetched with the list), else this one asked for (a file attached since), else
    // drawn here. A host that cannot answer is no reason to show nothing: the page draws it then.
    const own = () => call('attachments.thumbnail', { id: a.id, ...px }).then((r) => (r.base64 ? `data:image/png;base64,${r.base64}` : null)).catch(() => null);
    const promise = (batch ?? Promise.resolve())
      .then(() => stored.get(`${a.sha256}:${px.width}x${px.height}`) ?? own())
      .then((url) => url ?? draw());
    job = { promise, seen: () => { seen = true; queued?.seen(); } };
    made.set(key, job);
    promise.catch(() => made.delete(key)); // the bytes could not be read: asked again next time
    while (made.size > 200) made.delete(made.keys().next().value as string);
  }
  return job;
}

/** The bytes and type to show image `a` whole (JPEG/PNG/WebP as is, HEIC through the host's preview), queued: the fallback when no thumbnail can be drawn. */
export function imageThumbnailJob(a: Pick<Attachment, 'id' | 'sha256' | 'kind' | 'mime'>): QueuedJob<{ bytes: Uint8Array; mime: string }> {
  return thumbQueue.add(() => displayImage(a));
}
