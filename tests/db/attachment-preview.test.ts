/**
 * HEIC previews (issue 18 §1): a HEIC photo is recognised and stored as it came; the host converts it to a PNG
 * preview (heic-decode, libheif in WebAssembly) once per content, cached under previews/ by hash and removed with the
 * file. The fixture tests/fixtures/attachments/quad-96x64.heic is a 96 × 64 HEVC-coded HEIC of four coloured
 * quadrants (made with libheif's heif-enc from a PNG; see the fixture's README), decoded here and checked against the
 * colours it was made from with @napi-rs/canvas — not with the code under test.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadImage, createCanvas } from '@napi-rs/canvas';
import { dispatch } from '../../db/dispatch';
import { PREVIEWS_DIR, previewPath, scaleToRgb } from '../../db/files/preview';
import { openHostContext } from '../../electron/host-context';
import { closeHostContext } from '../../electron/host-context';
import { releaseFolderLock } from '../../db/backup/folder-lock';
import type { ServiceContext } from '../../db/service/context';
import { call, tmpDir } from '../helpers/data';

const HEIC = fs.readFileSync(path.join(import.meta.dirname, '../fixtures/attachments/quad-96x64.heic'));
/** The source's quadrants: top-left, top-right, bottom-left, bottom-right. */
const QUADRANTS = [[0xd0, 0x30, 0x20], [0x20, 0x60, 0xd0], [0x30, 0xa0, 0x40], [0xf0, 0xf0, 0xf0]];

async function pixels(png: Buffer) {
  const img = await loadImage(png);
  const c = createCanvas(img.width, img.height);
  const g = c.getContext('2d');
  g.drawImage(img, 0, 0);
  const at = (x: number, y: number) => Array.from(g.getImageData(x, y, 1, 1).data.slice(0, 3));
  return { width: img.width, height: img.height, at };
}

describe('HEIC previews', () => {
  const ctxs: ServiceContext[] = [];
  afterEach(() => { for (const c of ctxs.splice(0)) { c.db.close(); releaseFolderLock(c.dataDir); } });

  async function withHeic() {
    const dataDir = tmpDir();
    const ctx = await openHostContext({ dataDir, version: 'test', now: () => new Date('2026-11-27T02:00:00Z') });
    ctxs.push(ctx);
    const { client } = await call(ctx, 'clients.create', { client: { name: '太原晋祠兴旅游服务有限公司', uscc: '91140106MA1QN6K440', city: '太原市' } });
    const [a01, a02] = await call(ctx, 'materials.list', { clientId: client.id });
    const { attachment } = await call(ctx, 'attachments.add', { materialId: a01.id, fileName: 'IMG_0001.HEIC', base64: HEIC.toString('base64') });
    return { ctx, dataDir, attachment, a02 };
  }

  it('a HEIC photo is stored as it came and previewed as a PNG of the same picture, cached by content', async () => {
    const { ctx, dataDir, attachment } = await withHeic();
    expect(attachment).toMatchObject({ kind: 'heic', mime: 'image/heic', size: HEIC.length });
    expect(Buffer.from((await call(ctx, 'attachments.get', { id: attachment.id })).base64, 'base64').equals(HEIC)).toBe(true);

    const r = await call(ctx, 'attachments.preview', { id: attachment.id });
    expect(r.mime).toBe('image/png');
    const png = Buffer.from(r.base64, 'base64');
    const p = await pixels(png);
    expect([p.width, p.height]).toEqual([96, 64]);
    const centres = [p.at(24, 16), p.at(72, 16), p.at(24, 48), p.at(72, 48)];
    centres.forEach((c, i) => c.forEach((v, k) => expect(Math.abs(v - QUADRANTS[i][k]), `quadrant ${i} channel ${k}: ${c}`).toBeLessThanOrEqual(24)));

    // Cached by hash: the second answer comes from previews/<sha>.png (changing the cached file shows it is used).
    const cached = previewPath(dataDir, attachment.sha256);
    expect(fs.readFileSync(cached).equals(png)).toBe(true);
    expect(fs.statSync(cached).mode & 0o777).toBe(0o600);
    const marker = Buffer.concat([png, Buffer.from('cached')]);
    fs.writeFileSync(cached, marker);
    expect(Buffer.from((await call(ctx, 'attachments.preview', { id: attachment.id })).base64, 'base64').equals(marker)).toBe(true);
  });

  it('the preview goes with the file: removed with its last row, and an orphan preview is swept at the next start', async () => {
    const { ctx, dataDir, attachment } = await withHeic();
    await call(ctx, 'attachments.preview', { id: attachment.id });
    await call(ctx, 'attachments.remove', { id: attachment.id });
    expect(fs.readdirSync(path.join(dataDir, PREVIEWS_DIR))).toEqual([]);
    fs.writeFileSync(path.join(dataDir, PREVIEWS_DIR, `${'c'.repeat(64)}.png`), 'orphan');
    closeHostContext(ctx);
    ctxs.splice(ctxs.indexOf(ctx), 1);
    releaseFolderLock(dataDir);
    const again = await openHostContext({ dataDir, version: 'test', now: () => new Date('2026-11-27T02:00:00Z') });
    ctxs.push(again);
    expect(fs.readdirSync(path.join(dataDir, PREVIEWS_DIR))).toEqual([]);
  });

  it('a HEIC that cannot be decoded says so (BAD_FILE, pointing to the system app) and caches nothing; other kinds need no preview', async () => {
    const { ctx, dataDir, a02 } = await withHeic();
    const broken = Buffer.concat([HEIC.subarray(0, 40), Buffer.alloc(200, 7)]); // the ftyp box of a HEIC, then garbage
    const { attachment } = await call(ctx, 'attachments.add', { materialId: a02.id, fileName: '损坏.heic', base64: broken.toString('base64') });
    expect(attachment.kind).toBe('heic');
    const r = await dispatch(ctx, 'attachments.preview', { id: attachment.id });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('BAD_FILE');
      expect(r.error.message).toMatch(/^HEIC 无法预览（.+），可用系统应用打开$/);
    }
    expect(fs.existsSync(previewPath(dataDir, attachment.sha256))).toBe(false);
    const pdf = await call(ctx, 'attachments.add', { materialId: a02.id, fileName: 'a.pdf', base64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64') });
    const other = await dispatch(ctx, 'attachments.preview', { id: pdf.attachment.id });
    expect(other.ok ? null : other.error.code).toBe('VALIDATION');
  });

  it('a large photo is scaled to at most 1600 px on the long side, each pixel the mean of the area it covers', () => {
    // 4 × 2 RGBA → long side 2: each output pixel averages a 2 × 2 block.
    const rgba = new Uint8Array([
      0, 0, 0, 255, 100, 100, 100, 255, 10, 20, 30, 255, 30, 40, 50, 255,
      200, 200, 200, 255, 100, 100, 100, 255, 50, 60, 70, 255, 70, 80, 90, 255,
    ]);
    expect(scaleToRgb(rgba, 4, 2, 2)).toEqual({ rgb: new Uint8Array([100, 100, 100, 40, 50, 60]), width: 2, height: 1 });
    const big = scaleToRgb(new Uint8Array(4032 * 3024 * 4), 4032, 3024, 1600);
    expect([big.width, big.height]).toEqual([1600, 1200]);
    expect(scaleToRgb(new Uint8Array(96 * 64 * 4), 96, 64, 1600)).toMatchObject({ width: 96, height: 64 }); // never scaled up
  });
});
