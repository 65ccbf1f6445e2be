/**
 * 导出申报材料包 (issue 18 §4): the submission package of one client as a .zip — one folder per material group
 * ("A-基础身份材料" … "D-合规材料"), each file named after its checklist item in checklist order
 * ("A01-增值电信业务经营许可证申请表.pdf"; several files of one item "-1", "-2"), plus 材料目录.pdf on A4 (item, file
 * names, pages, status, 全/准/清). Read-only: nothing in the database changes. Bytes are hash-verified on read.
 */
import { zipSync } from 'fflate';
import type { Out, Parsed } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { msg } from '../../shared/messages';
import { MATERIAL_DONE_STATUSES, MATERIAL_GROUPS, MATERIAL_STATUS_ZH, type MaterialStatus } from '../../shared/domain/materials';
import { chinaToday } from '../../shared/domain/weeks';
import { readBlob } from '../files/store';
import { CjkText } from '../pdf/cjk-text';
import { loadPdfLib } from '../lazy-libs';
import type { ServiceContext } from './context';
import { stmt } from './stmt';

interface Item { id: number; item_key: string; group_key: string; title: string; status: MaterialStatus; check_complete: number; check_accurate: number; check_legible: number }
interface File { id: number; material_id: number; file_name: string; sha256: string; kind: string; pages: number | null }
/** One file of the package: its zip path, bytes (filled when built) and page count for the catalogue. */
interface Entry { path: string; name: string; pages: number | null; make: () => Promise<Uint8Array> }

const A4: [number, number] = [595.28, 841.89];
/** Characters not allowed in file names on Windows, and the path separators. */
const safe = (s: string) => s.replace(/[\\/]+/g, '_').replace(/[\u0000-\u001f<>:"|?*]/g, '_').trim();
const extOf = (name: string, kind: string) => /\.[A-Za-z0-9]{1,6}$/.exec(name)?.[0].toLowerCase() ?? ({ pdf: '.pdf', jpeg: '.jpg', png: '.png', webp: '.webp', heic: '.heic', ofd: '.ofd' } as Record<string, string>)[kind] ?? '';

/** The item's images (JPEG, PNG) on A4 portrait pages, one per page, scaled to fit within 36 pt margins, in order. */
async function imagesToPdf(images: { kind: string; bytes: Uint8Array }[]): Promise<Uint8Array> {
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

/** 材料目录.pdf: a table of the included items on A4 pages (title, client, date, then one row per item). */
async function catalogue(clientName: string, today: string, rows: { item: Item; names: string[]; pages: number | null }[], missing: Out<'attachments.package'>['missing']): Promise<Uint8Array> {
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
    const itemLines = await text.wrap(`${r.item.item_key} ${r.item.title}`, 9, cols[1] - cols[0] - 8);
    const fileLines = (await Promise.all(r.names.map((n) => text.wrap(n, 9, cols[2] - cols[1] - 8)))).flat();
    const h = Math.max(itemLines.length, fileLines.length) * 12;
    if (y - h < M) { newPage(); await header(); }
    for (const [i, l] of itemLines.entries()) await text.draw(page, l, cols[0], y - i * 12, 9);
    for (const [i, l] of fileLines.entries()) await text.draw(page, l, cols[1], y - i * 12, 9);
    await text.draw(page, r.pages == null ? '—' : String(r.pages), cols[2], y, 9);
    await text.draw(page, MATERIAL_STATUS_ZH[r.item.status], cols[3], y, 9);
    await text.draw(page, [r.item.check_complete, r.item.check_accurate, r.item.check_legible].map((c) => (c ? '✓' : '—')).join(' / '), cols[4], y, 9);
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

export async function exportAttachmentPackage(ctx: ServiceContext, input: Parsed<'attachments.package'>): Promise<Out<'attachments.package'>> {
  const client = stmt(ctx.db, 'SELECT name FROM clients WHERE id = ?').get(input.clientId) as { name: string } | undefined;
  if (!client) throw new AppError('NOT_FOUND', msg('package_client_not_found'), { id: input.clientId });
  const items = stmt(ctx.db, 'SELECT id, item_key, group_key, title, status, check_complete, check_accurate, check_legible FROM materials WHERE client_id = ? ORDER BY sort, id').all(input.clientId) as Item[];
  const files = stmt(ctx.db, 'SELECT id, material_id, file_name, sha256, kind, pages FROM attachments WHERE client_id = ? ORDER BY sort, id').all(input.clientId) as File[];
  const byItem = new Map<number, File[]>();
  for (const f of files) byItem.set(f.material_id, [...(byItem.get(f.material_id) ?? []), f]);

  const entries: Entry[] = [];
  const rows: { item: Item; names: string[]; pages: number | null }[] = [];
  const missing: Out<'attachments.package'>['missing'] = [];
  for (const item of items) {
    const own = byItem.get(item.id) ?? [];
    if (!own.length) { missing.push({ itemKey: item.item_key, title: item.title, status: item.status, reason: 'noFiles' }); continue; }
    if (!input.includeAll && !MATERIAL_DONE_STATUSES.includes(item.status)) { missing.push({ itemKey: item.item_key, title: item.title, status: item.status, reason: 'notChecked' }); continue; }
    const group = MATERIAL_GROUPS.find((g) => g.key === item.group_key);
    const folder = group ? `${group.key}-${group.zh}` : safe(item.group_key);
    // Each output: one stored file, or (mergeImages) the item's JPEG/PNG images together, placed at the first image.
    const images = input.mergeImages ? own.filter((f) => f.kind === 'jpeg' || f.kind === 'png') : [];
    const outputs: { ext: string; pages: number | null; make: () => Promise<Uint8Array> }[] = [];
    for (const f of own) {
      if (images.length > 1 && images.includes(f)) {
        if (f !== images[0]) continue;
        outputs.push({ ext: '.pdf', pages: images.length, make: () => imagesToPdf(images.map((i) => ({ kind: i.kind, bytes: new Uint8Array(readBlob(ctx.dataDir, i.sha256)) }))) });
      } else {
        outputs.push({ ext: extOf(f.file_name, f.kind), pages: f.kind === 'pdf' ? f.pages : ['jpeg', 'png', 'webp', 'heic'].includes(f.kind) ? 1 : null, make: async () => new Uint8Array(readBlob(ctx.dataDir, f.sha256)) });
      }
    }
    const base = `${item.item_key}-${safe(item.title)}`;
    const names: string[] = [];
    let pages: number | null = 0;
    outputs.forEach((o, i) => {
      const name = `${base}${outputs.length > 1 ? `-${i + 1}` : ''}${o.ext}`;
      names.push(name);
      pages = pages == null || o.pages == null ? null : pages + o.pages;
      entries.push({ path: `${folder}/${name}`, name, pages: o.pages, make: o.make });
    });
    rows.push({ item, names, pages });
  }
  const today = chinaToday(ctx.now());
  const fileName = `${safe(client.name)}-申报材料包-${today}.zip`;
  const paths = ['材料目录.pdf', ...entries.map((e) => e.path)];
  if (input.dryRun) return { fileName, base64: null, entries: paths, missing };

  const zip: Record<string, Uint8Array> = { '材料目录.pdf': await catalogue(client.name, today, rows, missing) };
  for (const e of entries) zip[e.path] = await e.make();
  const bytes = zipSync(zip, { level: 6, mtime: ctx.now() });
  return { fileName, base64: Buffer.from(bytes).toString('base64'), entries: paths, missing };
}
