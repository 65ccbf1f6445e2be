/**
 * Stored thumbnails of attachments (issue 18 §2, "a thumbnail per file"): the first page of a PDF, or an image
 * (JPEG, PNG, WebP, a HEIC's preview) made small, drawn once — by pdf.js or the browser's image decoder in the page,
 * usually right after the file was attached — and
 * kept by the host, so every later view of the tile (another session, another client holding the same file, the
 * desktop app after a restart) draws a small PNG instead of loading pdf.js and rendering the page again.
 * `<data folder>/thumbs/<sha256>-<w>x<h>.png`: keyed by the file's content and the tile's pixel box (the page's size
 * × device pixel ratio), so a thumbnail is never stale; written like every stored file (temporary name, fsync,
 * rename; 0600 in 0700). A cache, as the HEIC previews are: not in backups (made again on demand), removed with the
 * file, and swept at start when no row references the file. Nothing in the database: the folder is the record.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { msg } from '../../shared/messages';
import { placeFile, writeAll } from './store';

/** The cache folder inside the data folder. */
export const THUMBS_DIR = 'thumbs';
/** A stored thumbnail's size limit in bytes (a 192 × 240 page is 10–60 KB as PNG). */
export const THUMB_MAX_BYTES = 512 * 1024;

/** A thumbnail's pixel box: each side 16–512, checked by the contract (a 64 × 80 tile at up to 3× pixel ratio is 192 × 240). */
export interface ThumbBox { width: number; height: number }

const NAME = /^([0-9a-f]{64})-(\d{1,3})x(\d{1,3})\.png$/;

/** Where the thumbnail of the file with hash `sha` for `box` is kept. */
export function thumbPath(dataDir: string, sha: string, box: ThumbBox): string {
  if (!/^[0-9a-f]{64}$/.test(sha)) throw new AppError('VALIDATION', msg('attachment_file_id_invalid'), { sha });
  return path.join(dataDir, THUMBS_DIR, `${sha}-${box.width}x${box.height}.png`);
}

/** The stored thumbnail of `sha` for `box`, or null when none was stored. */
export function readThumb(dataDir: string, sha: string, box: ThumbBox): Buffer | null {
  try {
    return fs.readFileSync(thumbPath(dataDir, sha, box));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/**
 * The size of a PNG from its IHDR (PNG spec: signature, then the IHDR chunk — width and height, 4 bytes each), or
 * null when `bytes` is not a PNG.
 */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 33 || sig.some((b, i) => bytes[i] !== b)) return null;
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/**
 * Keeps `png` as the thumbnail of `sha` for `box`. Refused (VALIDATION thumb_invalid, nothing written) unless it is a
 * PNG of at most {@link THUMB_MAX_BYTES} that fits in the box (one side may fall short: the page is fitted into it).
 * An existing thumbnail is left as it is (the same content gives the same picture).
 */
export function storeThumb(dataDir: string, sha: string, box: ThumbBox, png: Uint8Array): void {
  const size = pngSize(png);
  if (png.length > THUMB_MAX_BYTES || !size || size.width < 1 || size.height < 1 || size.width > box.width || size.height > box.height) {
    throw AppError.field('VALIDATION', 'base64', msg('thumb_invalid'));
  }
  const file = thumbPath(dataDir, sha, box);
  if (fs.existsSync(file)) return;
  placeFile(file, (fd) => writeAll(fd, png));
}

/** Removes every stored thumbnail of `sha`. */
export function removeThumbs(dataDir: string, sha: string): void {
  const dir = path.join(dataDir, THUMBS_DIR);
  if (!fs.existsSync(dir)) return;
  for (const f of fs.readdirSync(dir)) if (f.startsWith(`${sha}-`)) fs.rmSync(path.join(dir, f), { force: true });
}

/** Removes thumbnails whose file no row references any more, and anything else in the folder (a crash's temporary file). Returns how many. */
export function sweepThumbs(dataDir: string, isReferenced: (sha: string) => boolean): number {
  const dir = path.join(dataDir, THUMBS_DIR);
  if (!fs.existsSync(dir)) return 0;
  let removed = 0;
  for (const f of fs.readdirSync(dir)) {
    const m = NAME.exec(f);
    if (!m || !isReferenced(m[1]!)) { fs.rmSync(path.join(dir, f), { force: true }); removed++; }
  }
  return removed;
}
