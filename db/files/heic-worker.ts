/**
 * The HEIC decoder's worker thread (db/files/heic-decode-worker.ts runs it): decodes one HEIC/HEIF file with
 * heic-decode's decoder over libheif (LGPL-3.0, WebAssembly), scales it to a preview and encodes a PNG, off the
 * host's main thread. libheif is not bundled: it is loaded at run time from its own files (libheif.js + libheif.wasm,
 * `dist/vendor/libheif/` in a build, else node_modules/libheif-js/libheif-wasm), so it stays a separate, replaceable
 * library as the LGPL expects, and is read only when a HEIC preview is asked for.
 * Message in: `{ bytes: Uint8Array, maxPx: number, libheifDir: string }`; out: `{ ok: true, png: Uint8Array }` or
 * `{ ok: false, message }`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import heicDecoder from 'heic-decode/lib.js';
import { encodePng, scaleToRgb } from './png';

interface Job { bytes: Uint8Array; maxPx: number; libheifDir: string }

const job = workerData as Job;

async function run(): Promise<Uint8Array> {
  const load = createRequire(path.join(job.libheifDir, 'x.js'));
  const factory = load(path.join(job.libheifDir, 'libheif.js')) as (opts: { wasmBinary: Uint8Array }) => unknown;
  const libheif = factory({ wasmBinary: fs.readFileSync(path.join(job.libheifDir, 'libheif.wasm')) });
  const { one } = heicDecoder(libheif);
  const img = await one({ buffer: job.bytes });
  const s = scaleToRgb(img.data, img.width, img.height, job.maxPx);
  return new Uint8Array(encodePng(s.rgb, s.width, s.height)); // its own buffer (a Buffer may be a slice of the pool): transferable
}

run().then(
  (png) => parentPort!.postMessage({ ok: true, png }, [png.buffer as ArrayBuffer]),
  (e: unknown) => parentPort!.postMessage({ ok: false, message: e instanceof Error ? e.message : String(e) }),
);
