/**
 * 导出申报材料包 (issue 18 §4): folder per group, files named and numbered in checklist order, 已核对-or-later by
 * default (includeAll takes the rest), what is missing listed, images merged into one A4 PDF per item, and the
 * 材料目录.pdf text lists every file.
 */
import { unzipSync } from 'fflate';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import fs from 'node:fs';
import path from 'node:path';
import { dispatch } from '../../db/dispatch';
import type { ServiceContext } from '../../db/service/context';
import { PACKAGES_DIR, packageFile, registerPackage, removePackage, sweepPackages } from '../../db/package/downloads';
import { attachmentFixture, call as ok } from '../helpers/attachments';
import { makePng } from '../helpers/png';

async function onePagePdf(label: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([595.28, 841.89]).drawText(label, { x: 50, y: 700 });
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

async function pdfText(bytes: Uint8Array): Promise<string> {
  const doc = await getDocument({ data: bytes.slice(), verbosity: 0, disableFontFace: true }).promise;
  let out = '';
  for (let i = 1; i <= doc.numPages; i++) out += (await (await doc.getPage(i)).getTextContent()).items.map((t) => ('str' in t ? t.str : '')).join('') + '\n';
  await doc.loadingTask.destroy();
  return out;
}

/** The zip the build left in the data folder for download `id` (db/package/downloads.ts), read from disk. */
function zipOf(ctx: ServiceContext, id: string | null): Record<string, Uint8Array> {
  const pkg = packageFile(ctx, id!);
  expect(pkg).not.toBeNull();
  return unzipSync(new Uint8Array(fs.readFileSync(pkg!.file)));
}

describe('attachments.package', () => {
  const { setUp: baseSetUp } = attachmentFixture('icpdesk-pkg-');

  async function setUp() {
    const { ctx, client, materials } = await baseSetUp();
    const byKey = (k: string) => materials.find((m) => m.itemKey === k)!;
    const status = (k: string, s: string, checks = 1) => ctx.db.prepare('UPDATE materials SET status = ?, check_complete = ?, check_accurate = ?, check_legible = ? WHERE id = ?').run(s, checks, checks, checks, byKey(k).id);
    const add = async (k: string, fileName: string, bytes: Buffer) => ok(ctx, 'attachments.add', { materialId: byKey(k).id, fileName, base64: bytes.toString('base64') });
    return { ctx, client, byKey, status, add };
  }

  it('names files in checklist order per group folder, numbers several files of one item, includes 已核对 or later, lists the rest', async () => {
    const { ctx, client, status, add } = await setUp();
    // Attached out of checklist order on purpose.
    await add('B04', '云服务协议.pdf', await onePagePdf('B04'));
    await add('A01', '申请表 盖章版.PDF', await onePagePdf('A01'));
    await add('A02', '执照正面.png', makePng(1200, 800));
    await add('A02', '执照副页.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, ...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0]));
    await add('C02', '社保.pdf', await onePagePdf('C02'));
    status('A01', 'checked'); status('A02', 'submitted'); status('B04', 'accepted'); status('C02', 'received', 0);

    const plan = await ok(ctx, 'attachments.package', { clientId: client.id, dryRun: true });
    expect(plan.downloadId).toBeNull();
    expect(plan.size).toBeNull();
    expect(plan.entries).toEqual([
      '材料目录.pdf',
      'A-基础身份材料/A01-增值电信业务经营许可证申请表.pdf',
      'A-基础身份材料/A02-营业执照副本复印件-1.png',
      'A-基础身份材料/A02-营业执照副本复印件-2.jpg',
      'B-场地与设备材料/B04-服务器托管_云服务协议.pdf',
    ]);
    expect(plan.missing.find((m) => m.itemKey === 'C02')).toEqual({ itemKey: 'C02', title: '近1个月社保缴纳证明', status: 'received', reason: 'notChecked' });
    expect(plan.missing.find((m) => m.itemKey === 'A03')).toMatchObject({ reason: 'noFiles', status: 'missing' });
    expect(plan.missing).toHaveLength(17 - 3); // 17 items, 3 included (C02 has a file but is only 已收到)

    const all = await ok(ctx, 'attachments.package', { clientId: client.id, includeAll: true });
    expect(all.fileName).toBe('太原晋祠兴旅游服务有限公司-申报材料包-2026-11-27.zip');
    // The zip is a file of the data folder (0600, in package-tmp/), named by a random id; its size is answered.
    expect(all.downloadId).toMatch(/^[0-9a-f]{32}$/);
    const file = path.join(ctx.dataDir, PACKAGES_DIR, `${all.downloadId}.zip`);
    expect(packageFile(ctx, all.downloadId!)).toEqual({ file, fileName: all.fileName, size: fs.statSync(file).size });
    expect(all.size).toBe(fs.statSync(file).size);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const zip = zipOf(ctx, all.downloadId);
    expect(Object.keys(zip)).toEqual([...plan.entries.slice(0, 4), 'B-场地与设备材料/B04-服务器托管_云服务协议.pdf', 'C-人员与制度材料/C02-近1个月社保缴纳证明.pdf'].filter((v, i, a) => a.indexOf(v) === i));
    // Bytes are the stored ones.
    expect(Buffer.from(zip['A-基础身份材料/A02-营业执照副本复印件-1.png']).equals(makePng(1200, 800))).toBe(true);

    const catalogue = await pdfText(zip['材料目录.pdf']);
    expect(catalogue).toContain('材料目录');
    expect(catalogue).toContain('A01 增值电信业务经营许可证申请表');
    expect(catalogue).toContain('A02-营业执照副本复印件-2.jpg');
    expect(catalogue).toContain('已通过');
    const size = (await (await getDocument({ data: zip['材料目录.pdf'].slice(), verbosity: 0 }).promise).getPage(1)).view;
    expect([Math.round(size[2]), Math.round(size[3])]).toEqual([595, 842]);
  }, 60_000);

  it('merges an item\'s images into one A4 PDF in order when asked, and refuses an unknown client', async () => {
    const { ctx, client, status, add } = await setUp();
    await add('A03', '身份证正面.png', makePng(1000, 630));
    await add('A03', '身份证反面.png', makePng(1000, 630, [200, 10, 10]));
    await add('A03', '说明.pdf', await onePagePdf('x'));
    status('A03', 'checked');
    const r = await ok(ctx, 'attachments.package', { clientId: client.id, mergeImages: true });
    const zip = zipOf(ctx, r.downloadId);
    expect(Object.keys(zip).slice(1)).toEqual(['A-基础身份材料/A03-法定代表人身份证复印件-1.pdf', 'A-基础身份材料/A03-法定代表人身份证复印件-2.pdf']);
    const merged = await PDFDocument.load(zip['A-基础身份材料/A03-法定代表人身份证复印件-1.pdf']);
    expect(merged.getPageCount()).toBe(2);
    expect(merged.getPage(0).getSize()).toEqual({ width: 595.28, height: 841.89 });
    const res = await dispatch(ctx, 'attachments.package', { clientId: 999 });
    expect(res.ok ? null : res.error.code).toBe('NOT_FOUND');
  }, 60_000);

  it('a package file is removed once saved, on expiry, and swept at start; ids are per context', async () => {
    const { ctx, client, status, add } = await setUp();
    await add('A01', '申请表.pdf', await onePagePdf('A01'));
    status('A01', 'checked');
    const r = await ok(ctx, 'attachments.package', { clientId: client.id });
    const file = packageFile(ctx, r.downloadId!)!.file;
    // Another context (another data folder's host) does not know this id, nor does a malformed one resolve.
    const other = { ...ctx } as ServiceContext;
    expect(packageFile(other, r.downloadId!)).toBeNull();
    expect(packageFile(ctx, '../' + r.downloadId)).toBeNull();
    removePackage(ctx, r.downloadId!);
    expect(fs.existsSync(file)).toBe(false);
    expect(packageFile(ctx, r.downloadId!)).toBeNull();

    // Expiry: an unsaved package goes after its time.
    const again = await ok(ctx, 'attachments.package', { clientId: client.id });
    const kept = packageFile(ctx, again.downloadId!)!;
    registerPackage(ctx, again.downloadId!, kept, 20);
    await expect.poll(() => fs.existsSync(kept.file), { timeout: 5_000 }).toBe(false);

    // A crash's leftovers (a finished zip, a half-written one) are swept at start.
    fs.writeFileSync(path.join(ctx.dataDir, PACKAGES_DIR, `${'a'.repeat(32)}.zip`), 'left over');
    fs.writeFileSync(path.join(ctx.dataDir, PACKAGES_DIR, 'partial'), 'half');
    expect(sweepPackages(ctx.dataDir)).toBe(2);
    expect(fs.readdirSync(path.join(ctx.dataDir, PACKAGES_DIR))).toEqual([]);
  }, 60_000);
});
