/**
 * Building 导出申报材料包 (issue 18 §4) from a plan made on the host's thread (db/service/attachment-package.ts
 * `planPackage`): every file read from the store and hash-verified, an item's images merged into one A4 PDF when asked
 * (pdf-lib), 材料目录.pdf added (drawn by the host: {@link catalogue}), then the zip (fflate). Pure Node, no database: it runs in a
 * worker thread (worker.ts), so the thread answering requests stays free however large the package is.
 */
import fs from 'node:fs';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { MATERIAL_STATUS_ZH, type MaterialStatus } from '../../shared/domain/materials';
import { readBlob } from '../files/store';
import { CjkText } from '../pdf/cjk-text';
import { loadPdfLib } from '../lazy-libs';

/** One item of the catalogue: its key, title, status and checks, the names its files have in the zip, and its pages (null: unknown). */
export interface CatalogueRow {
  itemKey: string; title: string; status: MaterialStatus; checks: [boolean, boolean, boolean];
  names: string[]; pages: number | null;
}
/** An item left out of the package and why (`noFiles`, `notChecked`). */
export interface MissingItem { itemKey: string; title: string; status: string; reason: 'noFiles' | 'notChecked' }
/** One file of the zip: its path, and the stored files (SHA-256, kind) it is made of — one as it is, or several images merged into a PDF. */
export interface PlannedEntry { path: string; sources: { sha: string; kind: string }[]; merge: boolean }

/**
 * Everything the build needs, structured-cloneable (sent to the worker). `mtime`: the zip entries' time, an ISO
 * instant. `outFile`: where the zip is written (db/package/downloads.ts `newPackagePath`), set by run.ts. `catalogueBytes`: 材料目录.pdf when already drawn (the host draws it on its own thread, where the font is
 * readable even from inside the app's asar archive); else the build draws it from `rows` and `missing`.
 */
export interface PackagePlan {
  dataDir: string; clientName: string; today: string; mtime: string;
  rows: CatalogueRow[]; missing: MissingItem[]; entries: PlannedEntry[];
  catalogueBytes?: Uint8Array;
  outFile?: string;
}

/** Where a build is: `done` steps of `total` (one per zip entry, the catalogue, and the zip itself). */
export interface BuildProgress { done: number; total: number }

const IMAGE_KINDS = new Set(['jpeg', 'png', 'webp', 'heic']);
const A4: [number, number] = [595.28, 841.89];

/** The item's images (JPEG, PNG) on A4 portrait pages, one per page, scaled to fit within 36 pt margins, in order. */
export async function imagesToPdf(images: { kind: string; bytes: Uint8Array }[]): Promise<Uint8Array> {
  const { PDFDocument } = await loadPdfLib();
  const doc = await PDFDocument.create();
  for (const img of images) {
    const embedded = img.kind === 'png' ? await doc.embedPng(img.bytes) : await doc.embedJpg(img.bytes);
    const page = doc.addPage(A4);
    const scale = Math.min((A4[0] - 72) / embedded.width, (A4[1] - 72) / embedded.height, 1);
    const w = embedded.width * scale;
    const h = embedded.height * scale;
    page.drawImage(embedded, { x: (A4[0] - w) / 2, y: A4[1] - 36 - h, width: w, height: h });
  }
  return doc.save();
}

/** 材料目录.pdf: a table of the included items on A4 pages (title, client, date, then one row per item; the left-out items after). */
export async function catalogue(clientName: string, today: string, rows: CatalogueRow[], missing: MissingItem[]): Promise<Uint8Array> {
  const { PDFDocument, rgb } = await loadPdfLib();
  const doc = await PDFDocument.create();
  doc.setTitle(`${clientName} 材料目录`);
  const text = new CjkText(doc);
  const M = 40;
  const cols = [M, M + 150, M + 370, M + 410, M + 460]; // item, files, pages, status, 全/准/清
  let page = doc.addPage(A4);
  let y = A4[1] - M;
  const newPage = () => { page = doc.addPage(A4); y = A4[1] - M; };
  await text.draw(page, '材料目录', M, y - 14, 16);
  y -= 34;
  await text.draw(page, `${clientName}　导出日期 ${today}`, M, y, 10, rgb(0.3, 0.3, 0.3));
  y -= 22;
  const header = async () => {
    for (const [i, h] of ['材料项', '文件', '页数', '状态', '全/准/清'].entries()) await text.draw(page, h, cols[i], y, 9, rgb(0.3, 0.3, 0.3));
    y -= 6;
    page.drawLine({ start: { x: M, y }, end: { x: A4[0] - M, y }, thickness: 0.5 });
    y -= 12;
  };
  await header();
  for (const r of rows) {
    const itemLines = await text.wrap(`${r.itemKey} ${r.title}`, 9, cols[1] - cols[0] - 8);
    const fileLines = (await Promise.all(r.names.map((n) => text.wrap(n, 9, cols[2] - cols[1] - 8)))).flat();
    const h = Math.max(itemLines.length, fileLines.length) * 12;
    if (y - h < M) { newPage(); await header(); }
    for (const [i, l] of itemLines.entries()) await text.draw(page, l, cols[0], y - i * 12, 9);
    for (const [i, l] of fileLines.entries()) await text.draw(page, l, cols[1], y - i * 12, 9);
    await text.draw(page, r.pages == null ? '—' : String(r.pages), cols[2], y, 9);
    await text.draw(page, MATERIAL_STATUS_ZH[r.status], cols[3], y, 9);
    await text.draw(page, r.checks.map((c) => (c ? '✓' : '—')).join(' / '), cols[4], y, 9);
    y -= h;
    page.drawLine({ start: { x: M, y: y + 8 }, end: { x: A4[0] - M, y: y + 8 }, thickness: 0.25, color: rgb(0.8, 0.8, 0.8) });
    y -= 4;
  }
  if (missing.length) {
    if (y - 40 < M) newPage();
    y -= 12;
    await text.draw(page, `未包含的材料（${missing.length} 项）`, M, y, 10);
    y -= 16;
    for (const m of missing) {
      if (y < M) newPage();
      await text.draw(page, `${m.itemKey} ${m.title}（${MATERIAL_STATUS_ZH[m.status as MaterialStatus] ?? m.status}${m.reason === 'noFiles' ? '，无文件' : '，未核对'}）`, M, y, 9, rgb(0.35, 0.35, 0.35));
      y -= 12;
    }
  }
  return doc.save();
}

/**
 * Builds the package's zip into `outFile` (created 0600; replaced if present): 材料目录.pdf first, then every entry in
 * order; `onProgress` after each step. The zip is streamed to the file entry by entry (fflate's Zip), so at most one
 * entry's bytes are in memory, never the whole zip. Resolves to the zip's size in bytes. On failure the file is removed.
 * @throws AppError NOT_FOUND / BAD_FILE when a stored file is missing or no longer matches its hash (db/files/store.ts `readBlob`)
 */
export async function buildPackage(plan: PackagePlan, outFile: string, onProgress: (p: BuildProgress) => void = () => undefined): Promise<number> {
  const total = plan.entries.length + 2;
  let done = 0;
  const step = () => onProgress({ done: ++done, total });
  const mtime = new Date(plan.mtime);
  const fd = fs.openSync(outFile, 'w', 0o600);
  let size = 0;
  let failure: Error | null = null;
  try {
    const zip = new Zip((err, chunk) => {
      if (err) { failure = err; return; }
      fs.writeSync(fd, chunk);
      size += chunk.length;
    });
    // Images are compressed already: stored as they are (deflating a JPEG again costs time and gains nothing).
    const add = (name: string, bytes: Uint8Array, store: boolean) => {
      const f = store ? new ZipPassThrough(name) : new ZipDeflate(name, { level: 6 });
      f.mtime = mtime;
      zip.add(f);
      f.push(bytes, true);
      if (failure) throw failure;
    };
    add('材料目录.pdf', plan.catalogueBytes ?? await catalogue(plan.clientName, plan.today, plan.rows, plan.missing), false);
    step();
    for (const e of plan.entries) {
      const read = (sha: string) => new Uint8Array(readBlob(plan.dataDir, sha));
      if (e.merge) add(e.path, await imagesToPdf(e.sources.map((s) => ({ kind: s.kind, bytes: read(s.sha) }))), false);
      else add(e.path, read(e.sources[0]!.sha), IMAGE_KINDS.has(e.sources[0]!.kind));
      step();
    }
    zip.end();
    if (failure) throw failure;
    fs.fsyncSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    fs.rmSync(outFile, { force: true });
    throw e;
  }
  fs.closeSync(fd);
  step();
  return size;
}
