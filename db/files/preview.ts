/**
 * Converted previews of attachments the browser cannot show itself (issue 18 §1): HEIC/HEIF photos (iPhones' default;
 * Chromium has no decoder). The host decodes the file in a worker thread (heic-worker.ts: heic-decode over libheif
 * compiled to WebAssembly, no native code, loaded from its own files at run time — not bundled), scales it to at most {@link PREVIEW_MAX_PX} on the long side and writes a PNG into
 * `<data folder>/previews/<sha256>.png` — a cache keyed by content, made once per file, not part of backups (it can
 * always be made again), removed with the file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../shared/errors';
import { msg } from '../../shared/messages';
import { placeFile, writeAll } from './store';
import { encodePng, scaleToRgb } from './png';
import { workerScript } from '../worker-script';

export { encodePng, scaleToRgb };

/** The cache folder inside the data folder. */
export const PREVIEWS_DIR = 'previews';
/** Long side of a preview in pixels: enough for the viewer at screen size, small enough to send quickly. */
export const PREVIEW_MAX_PX = 1600;

/** Where the preview of the file with hash `sha` is cached. */
export function previewPath(dataDir: string, sha: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha)) throw new AppError('VALIDATION', msg('attachment_file_id_invalid'), { sha });
  return path.join(dataDir, PREVIEWS_DIR, `${sha}.png`);
}

/**
 * The PNG preview of a HEIC/HEIF file with hash `sha` (bytes given by `read`, called only when not cached). The
 * decoding runs in a worker thread ({@link decodeHeicInWorker}): a 48-megapixel photo takes seconds of WebAssembly,
 * and the host keeps answering other requests meanwhile.
 * @throws AppError('BAD_FILE') when the file cannot be decoded (a damaged file, or an image coding libheif's
 *   WebAssembly build lacks) — the page then offers to open it with the system app
 */
export async function heicPreview(dataDir: string, sha: string, read: () => Uint8Array): Promise<Buffer> {
  const file = previewPath(dataDir, sha);
  if (fs.existsSync(file)) return fs.readFileSync(file);
  const png = Buffer.from(await decodeHeicInWorker(read(), sha));
  placeFile(file, (fd) => writeAll(fd, png));
  return png;
}

/** At most this many HEIC decodes run at once (each a worker with its own libheif); more wait their turn. */
const MAX_DECODES = 2;
let running = 0;
const waiting: (() => void)[] = [];

/** How many HEIC decodes are running in workers now (tests: a request is answered while one runs). */
export const heicDecodesRunning = () => running;

/**
 * The folder holding libheif's own files (libheif.js, libheif.wasm, LICENSE): `dist/vendor/libheif` beside the
 * bundles (scripts/build-node.mjs copies it; unpacked from the asar), else the libheif-js package (tests, tsx).
 * `ICPDESK_LIBHEIF_DIR` replaces it (the LGPL's "replace the library": a user may point the app at their own build).
 */
export function libheifDir(): string {
  const own = process.env.ICPDESK_LIBHEIF_DIR;
  if (own && fs.existsSync(path.join(own, 'libheif.js'))) return own;
  const built = path.join(import.meta.dirname, '..', 'vendor', 'libheif').replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
  if (fs.existsSync(path.join(built, 'libheif.js'))) return built;
  return path.join(path.dirname(createRequire(path.join(import.meta.dirname, 'x.js')).resolve('libheif-js/package.json')), 'libheif-wasm');
}

/**
 * Decodes HEIC `bytes` to a preview PNG in a worker thread (db/files/heic-worker.ts), which loads libheif only now.
 * The worker has a heap limit and is ended after its one job; a crash or out-of-memory becomes BAD_FILE.
 * @throws AppError('BAD_FILE', heic_preview_failed)
 */
export async function decodeHeicInWorker(bytes: Uint8Array, sha = ''): Promise<Uint8Array> {
  if (running >= MAX_DECODES) await new Promise<void>((r) => waiting.push(r));
  running++;
  const fail = (detail: string) => new AppError('BAD_FILE', msg('heic_preview_failed', { detail }), { sha });
  try {
    const { file, execArgv } = workerScript('heic-worker', import.meta.dirname, 'heic-worker.ts');
    const copy = new Uint8Array(bytes); // transferred to the worker
    return await new Promise<Uint8Array>((resolve, reject) => {
      const worker = new Worker(file, {
        execArgv, workerData: { bytes: copy, maxPx: PREVIEW_MAX_PX, libheifDir: libheifDir() }, transferList: [copy.buffer as ArrayBuffer],
        resourceLimits: { maxOldGenerationSizeMb: 1024 },
      });
      worker.once('message', (m: { ok: true; png: Uint8Array } | { ok: false; message: string }) => {
        if (m.ok) resolve(m.png);
        else reject(fail(m.message));
        void worker.terminate();
      });
      worker.once('error', (e) => reject(fail(e.message || e.name)));
      worker.once('exit', (code) => reject(fail(`worker exited (${code})`)));
    });
  } finally {
    running--;
    waiting.shift()?.();
  }
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
