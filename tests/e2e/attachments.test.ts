/**
 * Attachments end to end in Chromium (browser mode, issue 18): drag a PDF onto an item and paste a PNG onto another,
 * thumbnails render (the PDF's first page through pdf.js and its bundled worker under the app's CSP), the viewer
 * pages through the PDF, the duplicate and 清 hints show, a 待收集 item offers 已收到, 导出申报材料包 gives a zip whose
 * names and order follow the checklist and whose 材料目录.pdf lists them; stored files are mode 0600.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { PDFDocument } from 'pdf-lib';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../db/dispatch';
import { FILES_DIR } from '../../db/files/store';
import { THUMBS_DIR } from '../../db/files/thumbs';
import { PACKAGES_DIR } from '../../db/package/downloads';
import { makePng } from '../helpers/png';
import { JOB, expectCount, expectText, poll, setMaterialStatus, startApp, type App } from './harness';
import { pdfText, squash } from './pdf';
import { testTempDir } from '../helpers/temp-dirs';

const NOW = '2026-11-27T02:00:00Z';

/** The page's DOM constructors, typed here (the e2e project compiles without the DOM library). */
interface PageDom {
  DataTransfer: new () => { items: { add(f: File): void } };
  ClipboardEvent: new (type: string, init: object) => Event;
}
async function twoPagePdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (const label of ['page one', 'page two']) doc.addPage([595.28, 841.89]).drawText(label, { x: 60, y: 700, size: 24 });
  return Buffer.from(await doc.save());
}

/** Drops a file (bytes, name, type) onto the element with `testId`, as the OS file manager does. */
async function dropFile(page: Page, testId: string, name: string, type: string, bytes: Buffer): Promise<void> {
  return dropFiles(page, testId, [{ name, type, bytes }]);
}

/** Drops several files at once onto the element with `testId`, in the given order. */
async function dropFiles(page: Page, testId: string, files: { name: string; type: string; bytes: Buffer }[]): Promise<void> {
  const dt = await page.evaluateHandle((files) => {
    const { DataTransfer } = globalThis as unknown as PageDom;
    const d = new DataTransfer();
    for (const { b64, name, type } of files) {
      const bin = atob(b64);
      const u = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) u[i] = bin.charCodeAt(i);
      d.items.add(new File([u], name, { type }));
    }
    return d;
  }, files.map((f) => ({ b64: f.bytes.toString('base64'), name: f.name, type: f.type })));
  const target = page.getByTestId(testId);
  await target.dispatchEvent('dragenter', { dataTransfer: dt });
  await target.dispatchEvent('dragover', { dataTransfer: dt });
  await target.dispatchEvent('drop', { dataTransfer: dt });
}

/** Focuses the item row and pastes an image, as after a screenshot (the clipboard names it image.png). */
async function pasteImage(page: Page, testId: string, bytes: Buffer): Promise<void> {
  await page.getByTestId(testId).focus();
  await page.getByTestId(testId).evaluate((el, b64) => {
    const { DataTransfer, ClipboardEvent } = globalThis as unknown as PageDom;
    const bin = atob(b64);
    const u = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) u[i] = bin.charCodeAt(i);
    const d = new DataTransfer();
    d.items.add(new File([u], 'image.png', { type: 'image/png' }));
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: d, bubbles: true, cancelable: true }));
  }, bytes.toString('base64'));
}

/** Answers 暂不 to the offer to mark the item 已收到 (Esc closes the dialog). */
async function notNow(page: Page): Promise<void> {
  await page.getByTestId('confirm-ok').waitFor();
  await page.keyboard.press('Escape');
  await page.getByTestId('confirm-ok').waitFor({ state: 'detached' });
}

/** True when the thumbnail image inside the tile has decoded (natural width > 0). */
const thumbLoaded = (page: Page, itemKey: string) => page.getByTestId(`attachments-${itemKey}`).locator('img[data-kind]').first()
  .evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).complete && (img as unknown as { naturalWidth: number }).naturalWidth > 0).catch(() => false);

describe('attachments, end to end in Chromium (browser mode)', () => {
  const apps: App[] = [];
  afterEach(async () => { for (const a of apps.splice(0)) await a.close(); });

  it('drops a PDF, pastes a PNG, shows thumbnails and the viewer, exports the submission package in checklist order', async () => {
    const app = await startApp({ now: NOW });
    apps.push(app);
    const { page } = app;
    page.on('console', (m) => { if (m.type() === 'warning' || m.type() === 'error') console.log('[console]', m.text()); });
    const created = await dispatch(app.ctx, 'clients.create', { client: { name: '太原晋祠兴旅游服务有限公司', uscc: '91140106MA1QN6K440', city: '太原市' } });
    if (!created.ok) throw new Error(created.error.message);
    const clientId = (created.value as { client: { id: number } }).client.id;
    await page.goto(`${app.host.url}#/clients/${clientId}`);
    await page.getByTestId('material-B04').waitFor();
    const pdf = await twoPagePdf();
    const png = makePng(640, 480);

    // Drag a PDF onto B04 (待收集): attached, and the app offers to mark it 已收到.
    await dropFile(page, 'material-B04', '云服务协议.pdf', 'application/pdf', pdf);
    await page.getByTestId('confirm-ok').click();
    await poll(() => page.getByTestId('material-B04').innerText()).toContain('已收到');
    await poll(() => page.getByTestId('attachments-B04').innerText()).toMatch(/云服务协议\.pdf[\s\S]*2 页/);
    await poll(() => thumbLoaded(page, 'B04')).toBe(true);

    // The same PDF on A01: attached, with the duplicate warning naming B04.
    await dropFile(page, 'material-A01', '申请表.pdf', 'application/pdf', pdf);
    await notNow(page);
    await poll(() => page.getByTestId('attachment-notices').innerText()).toContain('该文件已在 B04 中');

    // Paste a 640 × 480 screenshot onto D06: attached with a generated name and the 清 hint.
    await pasteImage(page, 'material-D06', png);
    await notNow(page);
    await poll(() => page.getByTestId('attachments-D06').innerText()).toMatch(/截图-\d{8}-\d{6}\.png/);
    await poll(() => page.getByTestId('attachment-notices').innerText()).toContain('分辨率较低（640×480）');
    await poll(() => thumbLoaded(page, 'D06')).toBe(true);
    await expectCount(page.getByTestId('attachments-D06').getByTestId('badge-legible'), 1);

    // The viewer pages through the PDF.
    await page.getByTestId('attachments-B04').getByRole('button', { name: /查看/ }).click();
    await page.getByTestId('viewer-canvas').waitFor();
    await poll(() => page.getByTestId('viewer-page').innerText()).toBe('第 1 / 2 页');
    await page.getByTestId('viewer-next').click();
    await poll(() => page.getByTestId('viewer-page').innerText()).toBe('第 2 / 2 页');
    await page.keyboard.press('ArrowLeft');
    await poll(() => page.getByTestId('viewer-page').innerText()).toBe('第 1 / 2 页');
    await page.keyboard.press('Escape'); // still in the dialog after the 下一页 button turned disabled
    await page.getByTestId('attachment-viewer').waitFor({ state: 'detached' });

    // A01 at 已核对; the rest still 已收到 / 待收集: by default only A01 goes, the dialog lists what is missing.
    await setMaterialStatus(page, 'A01', 'received', '已收到');
    await setMaterialStatus(page, 'A01', 'checked', '已核对');
    await page.getByTestId('package-open').click();
    await poll(() => page.getByTestId('package-count').innerText()).toBe('将导出 1 个文件');
    const missing = page.getByTestId('package-missing');
    await expectText(missing, '未包含 16 项');
    await expectText(missing, 'B04 服务器托管/云服务协议 — 已收到，尚未核对');
    await expectText(missing, 'A02 营业执照副本复印件 — 没有文件');

    await page.getByTestId('package-include-all').check();
    await poll(() => page.getByTestId('package-count').innerText()).toBe('将导出 3 个文件');
    const [download] = await Promise.all([page.waitForEvent('download', JOB), page.getByTestId('package-export').click()]);
    expect(download.suggestedFilename()).toBe('太原晋祠兴旅游服务有限公司-申报材料包-2026-11-27.zip');
    const dir = testTempDir('icpdesk-pkg-');
    const zipFile = path.join(dir, download.suggestedFilename());
    await download.saveAs(zipFile);
    const zip = unzipSync(new Uint8Array(fs.readFileSync(zipFile)));
    expect(Object.keys(zip)).toEqual([
      '材料目录.pdf',
      'A-基础身份材料/A01-增值电信业务经营许可证申请表.pdf',
      'B-场地与设备材料/B04-服务器托管_云服务协议.pdf',
      'D-合规材料/D06-ICP备案截图、网站首页截图.png',
    ]);
    expect(Buffer.from(zip['D-合规材料/D06-ICP备案截图、网站首页截图.png']).equals(png)).toBe(true);
    const catalogueFile = path.join(dir, '材料目录.pdf');
    fs.writeFileSync(catalogueFile, zip['材料目录.pdf']);
    const text = squash(await pdfText(catalogueFile));
    for (const s of ['材料目录', 'A01增值电信业务经营许可证申请表', 'A01-增值电信业务经营许可证申请表.pdf', 'B04-服务器托管_云服务协议.pdf', 'D06-ICP备案截图、网站首页截图.png', '已核对']) expect(text).toContain(s);
    fs.rmSync(dir, { recursive: true, force: true });
    // The zip was streamed from a file of the data folder, removed once downloaded.
    await poll(() => fs.readdirSync(path.join(app.dataDir, PACKAGES_DIR))).toEqual([]);
    // Both tiles' thumbnails (the PDF's first page, the PNG made small) are kept by the host for later views.
    await poll(() => (fs.existsSync(path.join(app.dataDir, THUMBS_DIR)) ? fs.readdirSync(path.join(app.dataDir, THUMBS_DIR)).length : 0)).toBe(2);

    // Stored files: content-addressed, one copy of the PDF, each 0600.
    const root = path.join(app.dataDir, FILES_DIR);
    const stored = fs.readdirSync(root).flatMap((sub) => fs.readdirSync(path.join(root, sub)).map((f) => path.join(root, sub, f)));
    expect(stored).toHaveLength(2);
    if (process.platform !== 'win32') for (const f of stored) expect(fs.statSync(f).mode & 0o777).toBe(0o600);
  }, 240_000);

  it('drops four files at once: uploaded two at a time, listed and numbered in the order dropped whatever order they finish in, a refused one named while the others go on', async () => {
    const app = await startApp({ now: NOW });
    apps.push(app);
    const { page } = app;
    const created = await dispatch(app.ctx, 'clients.create', { client: { name: '太原晋祠兴旅游服务有限公司', uscc: '91140106MA1QN6K440', city: '太原市' } });
    if (!created.ok) throw new Error(created.error.message);
    const clientId = (created.value as { client: { id: number } }).client.id;
    await page.goto(`${app.host.url}#/clients/${clientId}`);
    await page.getByTestId('material-A02').waitFor();
    const big = Buffer.concat([Buffer.from('scan '), crypto.randomBytes(12 * 1024 * 1024)]);
    await dropFiles(page, 'material-A02', [
      { name: '1-营业执照扫描件.bin', type: 'application/octet-stream', bytes: big },
      { name: '2-副本.txt', type: 'text/plain', bytes: Buffer.from('营业执照副本') },
      { name: '3-安装程序.exe', type: 'application/octet-stream', bytes: Buffer.from('MZ\x90\x00') },
      { name: '4-年报.txt', type: 'text/plain', bytes: Buffer.from('2025 年度报告') },
    ]);
    await notNow(page);
    await poll(() => page.getByTestId('attachment-notices').innerText()).toContain('已附加 3 个文件');
    await expectText(page.getByTestId('notice-refused'), '3-安装程序.exe');
    await expectCount(page.getByTestId('attachments-A02').getByRole('listitem'), 0); // no upload row left
    await poll(() => page.getByTestId('attachments-A02').getByTestId('attachment-name').allInnerTexts()).toEqual(['1-营业执照扫描件.bin', '2-副本.txt', '4-年报.txt']);
    // Numbered in the order dropped whatever order they were written in (the ipc test forces the large one last).
    const sorts = app.ctx.db.prepare('SELECT file_name FROM attachments ORDER BY sort').all() as { file_name: string }[];
    expect(sorts.map((r) => r.file_name)).toEqual(['1-营业执照扫描件.bin', '2-副本.txt', '4-年报.txt']);
  }, 240_000);
});
