/**
 * Converted previews of attachments the browser cannot show itself (issue 18 §1): HEIC/HEIF photos (iPhones' default;
 * Chromium has no decoder). The host decodes the file with heic-decode (libheif compiled to WebAssembly: no native
 * code), scales it to at most {@link PREVIEW_MAX_PX} on the long side and writes a PNG into
 * `<data folder>/previews/<sha256>.png` — a cache keyed by content, made once per file, not part of backups (it can
 * always be made again), removed with the file.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { AppError } from '../../shared/errors';
import { placeFile, writeAll } from './store';

/** The cache folder inside the data folder. */
export const PREVIEWS_DIR = 'previews';
/** Long side of a preview in pixels: enough for the viewer at screen size, small enough to send quickly. */
export const PREVIEW_MAX_PX = 1600;

/** Where the preview of the file with hash `sha` is cached. */
export function previewPath(dataDir: string, sha: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha)) throw new AppError('VALIDATION', '文件标识无效', { sha });
  return path.join(dataDir, PREVIEWS_DIR, `${sha}.png`);
}

/**
 * Scales RGBA pixels down so the long side is at most `max` (area average: each output pixel is the mean of the
 * input pixels it covers), dropping alpha. Returns RGB bytes and the new size; never scales up.
 */
export function scaleToRgb(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number, max: number): { rgb: Uint8Array; width: number; height: number } {
  const f = Math.max(1, Math.max(width, height) / max);
  const w = Math.max(1, Math.round(width / f));
  const h = Math.max(1, Math.round(height / f));
  const rgb = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    const y0 = Math.floor((y * height) / h);
    const y1 = Math.max(y0 + 1, Math.floor(((y + 1) * height) / h));
    for (let x = 0; x < w; x++) {
      const x0 = Math.floor((x * width) / w);
      const x1 = Math.max(x0 + 1, Math.floor(((x + 1) * width) / w));
      let r = 0, g = 0, b = 0;
      for (let yy = y0; yy < y1; yy++) {
        for (let xx = x0, i = (yy * width + x0) * 4; xx < x1; xx++, i += 4) { r += rgba[i]; g += rgba[i + 1]; b += rgba[i + 2]; }
      }
      const n = (y1 - y0) * (x1 - x0);
      const o = (y * w + x) * 3;
      rgb[o] = Math.round(r / n); rgb[o + 1] = Math.round(g / n); rgb[o + 2] = Math.round(b / n);
    }
  }
  return { rgb, width: w, height: h };
}

/** A PNG (8-bit RGB, no filter) of `rgb` pixels (PNG spec, ISO/IEC 15948: signature, IHDR, IDAT zlib, IEND; CRC-32 per chunk). */
export function encodePng(rgb: Uint8Array, width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(data, zlib.crc32(head.subarray(4))) >>> 0, 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type 2 (RGB), deflate, no filter method, no interlace
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) raw.set(rgb.subarray(y * width * 3, (y + 1) * width * 3), y * (width * 3 + 1) + 1); // filter byte 0
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * The PNG preview of a HEIC/HEIF file with hash `sha` (bytes given by `read`, called only when not cached).
 * @throws AppError('BAD_FILE') when the file cannot be decoded (a damaged file, or an image coding libheif's
 *   WebAssembly build lacks) — the page then offers to open it with the system app
 */
export async function heicPreview(dataDir: string, sha: string, read: () => Uint8Array): Promise<Buffer> {
  const file = previewPath(dataDir, sha);
  if (fs.existsSync(file)) return fs.readFileSync(file);
  let png: Buffer;
  try {
    const { default: decode } = await import('heic-decode');
    const img = await decode({ buffer: read() });
    const s = scaleToRgb(img.data, img.width, img.height, PREVIEW_MAX_PX);
    png = encodePng(s.rgb, s.width, s.height);
  } catch (e) {
    if (e instanceof AppError) throw e; // the stored file missing or altered
    throw new AppError('BAD_FILE', `HEIC 无法预览（${e instanceof Error ? e.message : String(e)}），可用系统应用打开`, { sha });
  }
  placeFile(file, (fd) => writeAll(fd, png));
  return png;
}

/** Removes the cached preview of `sha`, if any. */
export function removePreview(dataDir: string, sha: string): void {
  fs.rmSync(previewPath(dataDir, sha), { force: true });
}

/** Removes cached previews whose file no row references any more (at start, with the store's sweep). Returns how many. */
export function sweepPreviews(dataDir: string, isReferenced: (sha: string) => boolean): number {
  const dir = path.join(dataDir, PREVIEWS_DIR);
  if (!fs.existsSync(dir)) return 0;
  let removed = 0;
  for (const f of fs.readdirSync(dir)) {
    const m = /^([0-9a-f]{64})\.png$/.exec(f);
    if (!m || !isReferenced(m[1])) { fs.rmSync(path.join(dir, f), { force: true }); removed++; }
  }
  return removed;
}
