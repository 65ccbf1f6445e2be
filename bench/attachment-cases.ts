/**
 * Attachment cases of the benchmark (issue 18 targets), in a data folder of their own (bench/out/files-data, one
 * client) so the register's figures are not disturbed:
 * - attaching N files of 2 MB through `attachments.add` as the page sends them (base64 in the request): time per file
 *   and the process's resident memory before / after / peak (N = 100; --ci: 20);
 * - the thumbnail of a 20-page scanned PDF (each page a 150 dpi A4 JPEG): `attachments.get` (read, hash check,
 *   base64) plus pdf.js rendering the first page 120 px wide. The app renders thumbnails in the renderer (pdf.js in a
 *   Web Worker, Chromium's canvas); here the same pdf.js (legacy build) runs in Node on @napi-rs/canvas — the host's
 *   part is exact, the drawing an approximation. The first render includes loading pdf.js's worker code;
 * - a backup of a data folder with `baseMb` of files of which `newMb` new since the last backup: time and the bytes
 *   copied into the backups' file store (only the new files should be). Full run: 2 GB + 50 MB; --ci: 100 MB + 10 MB;
 *   `--files-mb N` sets the base size.
 * Never asserts time; figures go into the table.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { createCanvas } from '@napi-rs/canvas';
import { PDFDocument } from 'pdf-lib';
import { dispatch } from '../db/dispatch';
import { closeDataFolder } from '../db/backup/clean-shutdown';
import { openDataFolder } from '../db/backup/open-folder';
import { backupsDir } from '../db/backup/create';
import { BACKUP_FILES_DIR } from '../db/files/backup-files';
import { writeBlob } from '../db/files/store';
import type { ServiceContext } from '../db/service/context';
import type { CaseResult } from './service-cases';
import { summarize } from './stats';
import { usccCheckChar } from '../shared/domain/uscc';
import os from 'node:os';
import http from 'node:http';
import { startWebHost } from '../electron/web-host';
import { thumbnailInChromium } from './attachment-browser';

const RENDERER_DIR = path.resolve(import.meta.dirname, '..', 'dist', 'renderer');

/** One request to the host over loopback (a separate socket, as the page's fetch): status, body, bytes, session cookie. */
function rawPost(port: number, p: string, headers: Record<string, string>, body: Buffer | null, method = 'POST'): Promise<{ status: number; body: string; bytes: Buffer; cookie: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: p, headers: { Host: `127.0.0.1:${port}`, ...headers, ...(body ? { 'Content-Length': String(body.length) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, body: bytes.length < 1e6 ? bytes.toString('utf8') : '', bytes, cookie: (res.headers['set-cookie']?.[0] ?? '').split(';')[0] });
      });
    });
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

const MB = 1024 * 1024;

async function ok(ctx: ServiceContext, method: string, input: unknown): Promise<unknown> {
  const r = await dispatch(ctx, method as never, input as never);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

/** A file of `size` bytes that no check refuses (a text header, then random bytes: incompressible, like a scan). */
const payload = (tag: string, size: number) => {
  const head = Buffer.from(`ICPDESK bench ${tag}\n`);
  return Buffer.concat([head, crypto.randomBytes(size - head.length)]);
};

/** Total size in bytes of the files under `dir` (0 when absent). */
function folderBytes(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let n = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    n += e.isDirectory() ? folderBytes(p) : fs.statSync(p).size;
  }
  return n;
}

/** A 20-page "scanned" PDF: each page an A4 JPEG at 150 dpi (1240 × 1754) with lines of dark strokes, like text. */
async function scannedPdf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) {
    const c = createCanvas(1240, 1754);
    const g = c.getContext('2d');
    g.fillStyle = '#fbfaf7';
    g.fillRect(0, 0, 1240, 1754);
    g.fillStyle = '#222';
    for (let y = 120; y < 1650; y += 38) g.fillRect(110, y, 300 + ((y * (i + 7)) % 700), 16);
    const img = await doc.embedJpg(await c.encode('jpeg', 80));
    doc.addPage([595.28, 841.89]).drawImage(img, { x: 0, y: 0, width: 595.28, height: 841.89 });
  }
  return doc.save();
}

/** Renders the first page of `bytes` fitted into 64×80 px with pdf.js in Node, as the renderer's pdfThumbnail does (device pixel ratio 1); returns the PNG size. */
async function thumbnail(bytes: Uint8Array): Promise<number> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({ data: bytes.slice(), verbosity: 0 });
  try {
    const doc = await task.promise;
    const page = await doc.getPage(1);
    const natural = page.getViewport({ scale: 1 });
    const viewport = page.getViewport({ scale: Math.min(64 / natural.width, 80 / natural.height) });
    const canvas = createCanvas(Math.floor(viewport.width), Math.floor(viewport.height));
    await page.render({ canvas: canvas as never, viewport, annotationMode: pdfjs.AnnotationMode.DISABLE }).promise;
    return (await canvas.encode('png')).length;
  } finally {
    await task.destroy();
  }
}

const rssMb = () => process.memoryUsage().rss / MB;
const peakRssMb = () => process.resourceUsage().maxRSS / 1024; // kilobytes on Linux and macOS

/**
 * `k` more clients, each with its own copy of `pdf` on A01 (a comment line appended: another hash, so the page caches
 * nothing between them).
 */
async function pdfClients(ctx: ServiceContext, pdf: Uint8Array, k: number): Promise<{ clientId: number; attachmentId: number }[]> {
  const out = [];
  for (let i = 0; i < k; i++) {
    const { client } = await ok(ctx, 'clients.create', { client: { name: `太原缩略图测试${i + 1}号网络科技有限公司`, uscc: `91140100MA${String(i + 9_000_000).padStart(7, '0')}${usccCheckChar(`91140100MA${String(i + 9_000_000).padStart(7, '0')}`)}`, city: '太原市' } }) as { client: { id: number } };
    const [a01] = await ok(ctx, 'materials.list', { clientId: client.id }) as { id: number }[];
    const copy = Buffer.concat([Buffer.from(pdf), Buffer.from(`\n%bench copy ${i}\n%%EOF\n`)]);
    const { attachment } = await ok(ctx, 'attachments.add', { materialId: a01.id, fileName: '租赁合同-扫描件.pdf', base64: copy.toString('base64') }) as { attachment: { id: number } };
    out.push({ clientId: client.id, attachmentId: attachment.id });
  }
  return out;
}

/** Runs the attachment cases in `dir` (emptied first). */
export async function attachmentCases(dir: string, opt: { ci: boolean; filesMb?: number; attachFiles?: number; log: (s: string) => void }): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const now = () => new Date('2026-11-27T02:00:00Z');
  const opened = await openDataFolder({ dataDir: dir, now });
  const ctx: ServiceContext = { db: opened.db, dbPath: opened.dbPath, dataDir: dir, version: 'bench', now };
  try {
    const { client } = await ok(ctx, 'clients.create', { client: { name: '太原晋祠兴旅游服务有限公司', uscc: '91140106MA1QN6K440', city: '太原市' } }) as { client: { id: number } };
    const materials = await ok(ctx, 'materials.list', { clientId: client.id }) as { id: number }[];

    // 1. Attaching N × 2 MB, one request per file as the page makes them: the streamed upload (POST /host/attachments,
    //    raw body) through the browser-mode host over loopback, and — for comparison — the old way, base64 in the
    //    JSON API (`attachments.add` dispatched in-process, so without HTTP).
    const n = opt.attachFiles ?? (opt.ci ? 20 : 100);
    const host = await startWebHost({ ctx, rendererDir: RENDERER_DIR });
    const cookie = (await rawPost(host.port, new URL(host.launchUrl).pathname + new URL(host.launchUrl).search, {}, null, 'GET')).cookie;
    for (const way of ['streamed', 'base64'] as const) {
      const files = Array.from({ length: n }, (_, i) => payload(`attach ${way} ${i}`, 2 * MB));
      const rss0 = rssMb();
      const per: number[] = [];
      const t0 = performance.now();
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        const materialId = materials[i % materials.length].id;
        if (way === 'streamed') {
          const r = await rawPost(host.port, `/host/attachments?materialId=${materialId}&fileName=${encodeURIComponent(`扫描件-${i + 1}.jpg`)}`, { Cookie: cookie, 'X-ICPDesk-Token': host.token }, files[i]);
          if (!(JSON.parse(r.body) as { ok: boolean }).ok) throw new Error(`upload: ${r.body}`);
        } else {
          await ok(ctx, 'attachments.add', { materialId, fileName: `扫描件-${i + 1}.jpg`, base64: files[i].toString('base64') });
        }
        per.push(performance.now() - t);
      }
      const total = performance.now() - t0;
      files.length = 0;
      const label = way === 'streamed' ? 'streamed upload (POST /host/attachments over HTTP)' : 'base64 in the JSON API (before; in-process, no HTTP)';
      results.push({
        group: 'attachments', name: `attach ${n} files of 2 MB, ${label} (per file; all ${n}: ${(total / 1000).toFixed(1)} s)`, service: summarize(per), bare: null,
        note: `target: 100 files ≤ 10 s; RSS ${rss0.toFixed(0)} → ${rssMb().toFixed(0)} MB, peak ${peakRssMb().toFixed(0)} MB (whole bench process); load ${os.loadavg()[0].toFixed(1)}`,
      });
      opt.log(`  attached ${n} × 2 MB ${way} in ${(total / 1000).toFixed(1)} s; RSS ${rss0.toFixed(0)} → ${rssMb().toFixed(0)} MB, peak ${peakRssMb().toFixed(0)} MB; load ${os.loadavg()[0].toFixed(1)}`);
    }

    // 2. The thumbnail of a 20-page scanned PDF.
    const pdf = await scannedPdf(20);
    const { attachment } = await ok(ctx, 'attachments.add', { materialId: materials[0].id, fileName: '租赁合同-扫描件.pdf', base64: Buffer.from(pdf).toString('base64') }) as { attachment: { id: number; pages: number } };
    const get: number[] = [];
    const render: number[] = [];
    let cold = 0;
    const runs = opt.ci ? 5 : 15;
    for (let i = 0; i <= runs; i++) {
      let t = performance.now();
      const r = await rawPost(host.port, `/files/${attachment.id}?t=${host.token}`, { Cookie: cookie }, null, 'GET');
      const bytes = new Uint8Array(r.bytes);
      const tg = performance.now() - t;
      t = performance.now();
      await thumbnail(bytes);
      const tr = performance.now() - t;
      if (i === 0) cold = tg + tr;
      else { get.push(tg); render.push(tr); }
    }
    results.push({
      group: 'attachments', name: `thumbnail of a ${attachment.pages}-page scanned PDF (${(pdf.length / MB).toFixed(1)} MB), Node: GET /files + first page`, service: summarize(get.map((g, i) => g + render[i])), bare: summarize(render),
      target: { p95Ms: 500 },
      note: `bare = pdf.js render alone (Node legacy build, @napi-rs/canvas, JPEG decoded in JavaScript); the app renders in Chromium: see the next row; first one cold: ${cold.toFixed(0)} ms`,
    });
    // The same thumbnail where the app makes it: the renderer in Chromium, the client page opened afresh each time.
    results.push(...(await thumbnailInChromium({ url: host.url, cookie, pdfs: await pdfClients(ctx, pdf, runs + 1), attach: { n, materialIds: materials.map((m) => m.id) }, log: opt.log })));
    await host.close();

    // 3. A backup of a folder with baseMb of files, then newMb more: only the new ones copied.
    const baseMb = opt.filesMb ?? (opt.ci ? 100 : 2048);
    const newMb = opt.ci && opt.filesMb === undefined ? 10 : 50;
    opt.log(`  generating ${baseMb} MB of stored files for the backup case…`);
    const fileMb = 8;
    const insert = ctx.db.prepare(`INSERT INTO attachments (client_id, material_id, file_name, size, sha256, kind, mime, sort, added_at) VALUES (?, ?, ?, ?, ?, 'other', 'application/octet-stream', ?, ?)`);
    for (let i = 0; i * fileMb < baseMb; i++) {
      const bytes = payload(`base ${i}`, Math.min(fileMb, baseMb - i * fileMb) * MB);
      const sha = writeBlob(dir, bytes);
      insert.run(client.id, materials[i % materials.length].id, `底稿-${i}.dat`, bytes.length, sha, 1000 + i, now().toISOString());
    }
    const store = path.join(backupsDir(dir), BACKUP_FILES_DIR);
    let t = performance.now();
    await ok(ctx, 'backup.create', {});
    const firstMs = performance.now() - t;
    const before = folderBytes(store);
    for (let i = 0; i * 2 < newMb; i++) await ok(ctx, 'attachments.add', { materialId: materials[i % materials.length].id, fileName: `新扫描件-${i}.jpg`, base64: payload(`new ${i}`, 2 * MB).toString('base64') });
    t = performance.now();
    await ok(ctx, 'backup.create', {});
    const nextMs = performance.now() - t;
    const copiedMb = (folderBytes(store) - before) / MB;
    results.push({
      group: 'attachments', name: `backup with ${(before / MB / 1024).toFixed(2)} GB of files, ${newMb} MB new: copied ${copiedMb.toFixed(1)} MB`, service: summarize([nextMs]), bare: summarize([firstMs]),
      note: `target: copies ≤ 60 MB; bare = the first backup, which copies every file`,
    });
    opt.log(`  backup: first ${(firstMs / 1000).toFixed(1)} s (all files), next ${(nextMs / 1000).toFixed(1)} s copying ${copiedMb.toFixed(1)} MB`);
  } finally {
    closeDataFolder(ctx.db, ctx.dbPath);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
