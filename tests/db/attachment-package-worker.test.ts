/**
 * 导出申报材料包 built off the host's thread (issue 18 §4): the files are read, an item's images merged into one PDF
 * (pdf-lib) and the zip made in a worker thread (db/package/run.ts), so the thread answering requests stays free —
 * `clients.list` answers while a package of many large images is being built — with progress and cancel by job id.
 */
import { unzipSync } from 'fflate';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { dispatch } from '../../db/dispatch';
import { PACKAGES_DIR, packageFile } from '../../db/package/downloads';

/** The files in the data folder's packages folder (none when it was never made). */
const packageFiles = (dataDir: string) => (fs.existsSync(path.join(dataDir, PACKAGES_DIR)) ? fs.readdirSync(path.join(dataDir, PACKAGES_DIR)) : []);
import { attachmentFixture, call as ok } from '../helpers/attachments';
import { makePng } from '../helpers/png';

describe('attachments.package in a worker thread', () => {
  const { setUp: baseSetUp } = attachmentFixture('icpdesk-pkgw-');

  /** A client whose A03 holds `n` large photos (3000 × 2000 px, each a different colour), 已核对. */
  async function setUp(n: number) {
    const { ctx, client, materials } = await baseSetUp();
    const a03 = materials.find((m) => m.itemKey === 'A03')!;
    for (let i = 0; i < n; i++) {
      await ok(ctx, 'attachments.add', { materialId: a03.id, fileName: `身份证-${i + 1}.png`, base64: makePng(3000, 2000, [i * 20, 100, 200 - i * 10]).toString('base64') });
    }
    ctx.db.prepare("UPDATE materials SET status = 'checked' WHERE id = ?").run(a03.id);
    return { ctx, client };
  }

  it('clients.list answers while the package is built; progress counts the steps; the zip holds the merged PDF', async () => {
    const { ctx, client } = await setUp(8);
    let settled = false;
    const building = dispatch(ctx, 'attachments.package', { clientId: client.id, mergeImages: true, jobId: 'pkg-1' }).finally(() => { settled = true; });
    // A turn of the event loop: were the build on this thread, the timer would fire only after it had ended.
    await new Promise((r) => setTimeout(r, 0));
    const list = await ok(ctx, 'clients.list', {});
    expect(list.rows.map((r) => r.name)).toEqual(['太原晋祠兴旅游服务有限公司']);
    expect(settled).toBe(false);
    const during = await ok(ctx, 'attachments.packageProgress', { jobId: 'pkg-1' });
    expect(during).toMatchObject({ state: 'building', total: 3 }); // the catalogue, one merged PDF, the zip
    expect(during.done).toBeLessThan(3);
    const r = await building;
    expect(r.ok).toBe(true);
    const value = (r as { ok: true; value: { downloadId: string; entries: string[] } }).value;
    expect(value.entries).toEqual(['材料目录.pdf', 'A-基础身份材料/A03-法定代表人身份证复印件.pdf']);
    const zip = unzipSync(new Uint8Array(fs.readFileSync(packageFile(ctx, value.downloadId)!.file)));
    expect(Object.keys(zip)).toEqual(value.entries);
    expect((await PDFDocument.load(zip['A-基础身份材料/A03-法定代表人身份证复印件.pdf']!)).getPageCount()).toBe(8);
    expect(await ok(ctx, 'attachments.packageProgress', { jobId: 'pkg-1' })).toEqual({ state: 'done', done: 3, total: 3 });
  }, 120_000);

  it('cancel stops the build: the call fails with package_cancelled, progress says so, a second cancel finds nothing', async () => {
    const { ctx, client } = await setUp(6);
    const building = dispatch(ctx, 'attachments.package', { clientId: client.id, mergeImages: true, jobId: 'pkg-2' });
    await expect.poll(async () => (await ok(ctx, 'attachments.packageProgress', { jobId: 'pkg-2' })).state, { timeout: 20_000 }).toBe('building');
    expect(await ok(ctx, 'attachments.packageCancel', { jobId: 'pkg-2' })).toEqual({ cancelled: true });
    const r = await building;
    expect(r.ok ? null : { code: r.error.code, key: r.error.key }).toEqual({ code: 'BAD_FILE', key: 'package_cancelled' });
    expect((await ok(ctx, 'attachments.packageProgress', { jobId: 'pkg-2' })).state).toBe('cancelled');
    expect(packageFiles(ctx.dataDir)).toEqual([]); // the half-written zip is removed
    expect(await ok(ctx, 'attachments.packageCancel', { jobId: 'pkg-2' })).toEqual({ cancelled: false });
    expect(await ok(ctx, 'attachments.packageProgress', { jobId: 'never-started' })).toEqual({ state: 'unknown', done: 0, total: 0 });
    // The next build runs normally.
    const again = await ok(ctx, 'attachments.package', { clientId: client.id, mergeImages: false });
    expect(again.entries).toHaveLength(7);
  }, 120_000);

  it('a stored file altered on disk fails the build with BAD_FILE from the worker, naming no path', async () => {
    const { ctx, client } = await setUp(1);
    const sha = (ctx.db.prepare('SELECT sha256 FROM attachments').get() as { sha256: string }).sha256;
    const { blobPath } = await import('../../db/files/store');
    const file = blobPath(ctx.dataDir, sha);
    fs.chmodSync(file, 0o600);
    fs.appendFileSync(file, 'tampered');
    const r = await dispatch(ctx, 'attachments.package', { clientId: client.id });
    expect(r.ok ? null : { code: r.error.code, key: r.error.key }).toEqual({ code: 'BAD_FILE', key: 'attachment_file_damaged' });
    expect(packageFiles(ctx.dataDir)).toEqual([]); // a failed build leaves no zip behind
  }, 60_000);
});
