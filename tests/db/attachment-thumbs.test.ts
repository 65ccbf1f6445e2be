/**
 * Stored thumbnails (issue 18 §2, db/files/thumbs.ts): the page draws a PDF's first page once and the host keeps it by
 * content and pixel box, so later views draw a small PNG. Only a PNG fitting its box is kept (nothing written
 * otherwise); every attachment with the same content shares it; it goes with the file's last row, and the sweep at
 * start removes thumbnails of files no row references and leftovers. Files 0600 in a 0700 folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../db/dispatch';
import { sweepAttachmentOrphans } from '../../db/service/attachments';
import { THUMBS_DIR } from '../../db/files/thumbs';
import { attachmentFixture, call as ok } from '../helpers/attachments';
import { makePng } from '../helpers/png';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type /Catalog /Pages 2 0 R>>endobj\n2 0 obj<</Type /Pages /Kids [3 0 R] /Count 1>>endobj\n3 0 obj<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const thumbs = (dataDir: string) => (fs.existsSync(path.join(dataDir, THUMBS_DIR)) ? fs.readdirSync(path.join(dataDir, THUMBS_DIR)).sort() : []);

describe('stored thumbnails', () => {
  const { setUp } = attachmentFixture('icpdesk-thumb-');

  it('kept by content and box, shared by the same file on another item, removed with the last row', async () => {
    const { ctx, dataDir, materials } = await setUp();
    const [a01, a02] = materials;
    const first = (await ok(ctx, 'attachments.add', { materialId: a01.id, fileName: '申请表.pdf', base64: PDF.toString('base64') })).attachment;
    const copy = (await ok(ctx, 'attachments.add', { materialId: a02.id, fileName: '申请表-副本.pdf', base64: PDF.toString('base64') })).attachment;
    expect(await ok(ctx, 'attachments.thumbnail', { id: first.id, width: 64, height: 80 })).toEqual({ base64: null });

    const png = makePng(56, 80); // an A4 page fitted into 64 × 80
    expect(await ok(ctx, 'attachments.setThumbnail', { id: first.id, width: 64, height: 80, base64: png.toString('base64') })).toEqual({ ok: true });
    expect(thumbs(dataDir)).toEqual([`${first.sha256}-64x80.png`]);
    const file = path.join(dataDir, THUMBS_DIR, `${first.sha256}-64x80.png`);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    // The same content on another item: the same thumbnail; another box (a 2× screen): none yet.
    expect(await ok(ctx, 'attachments.thumbnail', { id: copy.id, width: 64, height: 80 })).toEqual({ base64: png.toString('base64') });
    expect(await ok(ctx, 'attachments.thumbnail', { id: first.id, width: 128, height: 160 })).toEqual({ base64: null });

    // All of the client's stored thumbnails in one answer: one per content (the first row holding it).
    const other = (await ok(ctx, 'attachments.add', { materialId: a02.id, fileName: '说明.pdf', base64: Buffer.concat([PDF, Buffer.from('%2\n')]).toString('base64') })).attachment;
    expect(await ok(ctx, 'attachments.thumbnails', { clientId: first.clientId, width: 64, height: 80 })).toEqual([{ id: first.id, sha256: first.sha256, base64: png.toString('base64') }]);
    await ok(ctx, 'attachments.setThumbnail', { id: other.id, width: 64, height: 80, base64: makePng(64, 60).toString('base64') });
    expect((await ok(ctx, 'attachments.thumbnails', { clientId: first.clientId, width: 64, height: 80 })).map((t) => t.id)).toEqual([first.id, other.id]);
    expect(await ok(ctx, 'attachments.thumbnails', { clientId: first.clientId, width: 128, height: 160 })).toEqual([]);
    await ok(ctx, 'attachments.remove', { id: other.id });

    await ok(ctx, 'attachments.remove', { id: first.id });
    expect(thumbs(dataDir)).toHaveLength(1); // the copy still holds the content
    await ok(ctx, 'attachments.remove', { id: copy.id });
    expect(thumbs(dataDir)).toEqual([]);
  });

  it('photos (JPEG, PNG) get stored thumbnails too: a client page of 40 photos is answered their 40 small PNGs in checklist order', async () => {
    const { ctx, dataDir, materials } = await setUp();
    const [a01, a02] = materials;
    const JFIF = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, ...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);
    const photos: { id: number; sha256: string }[] = [];
    for (let i = 0; i < 40; i++) {
      // On the second item first, so checklist order (A01 before A02) differs from the order of attaching.
      const target = i < 20 ? a02 : a01;
      const bytes = i % 2 ? makePng(1200, 900, [i * 5, 80, 200 - i * 4]) : Buffer.concat([JFIF, Buffer.from(`photo ${i}`)]);
      photos.push((await ok(ctx, 'attachments.add', { materialId: target.id, fileName: `机房照片-${i + 1}.${i % 2 ? 'png' : 'jpg'}`, base64: bytes.toString('base64') })).attachment);
    }
    expect(await ok(ctx, 'attachments.thumbnails', { clientId: a01.clientId, width: 64, height: 80 })).toEqual([]);
    const small = makePng(64, 48); // a 4:3 photo fitted into 64 × 80
    for (const p of photos) await ok(ctx, 'attachments.setThumbnail', { id: p.id, width: 64, height: 80, base64: small.toString('base64') });
    const answer = await ok(ctx, 'attachments.thumbnails', { clientId: a01.clientId, width: 64, height: 80 });
    expect(answer.map((t) => t.id)).toEqual([...photos.slice(20), ...photos.slice(0, 20)].map((p) => p.id));
    expect(answer.every((t) => t.base64 === small.toString('base64'))).toBe(true);
    expect(thumbs(dataDir)).toHaveLength(40);
    // A photo's thumbnail goes with its last row.
    await ok(ctx, 'attachments.remove', { id: photos[1]!.id });
    expect(thumbs(dataDir)).not.toContain(`${photos[1]!.sha256}-64x80.png`);
    expect(thumbs(dataDir)).toHaveLength(39);
  }, 60_000);

  it('refuses anything but a PNG fitting its box, writing nothing; an unknown attachment is NOT_FOUND', async () => {
    const { ctx, dataDir, materials } = await setUp();
    const a = (await ok(ctx, 'attachments.add', { materialId: materials[0].id, fileName: '申请表.pdf', base64: PDF.toString('base64') })).attachment;
    for (const [label, base64, width, height] of [
      ['too wide for its box', makePng(65, 80), 64, 80],
      ['too tall for its box', makePng(56, 81), 64, 80],
      ['a JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, ...Buffer.alloc(40)]), 64, 80],
      ['the PDF itself', PDF, 64, 80],
      ['not base64 of a PNG', Buffer.from('<svg onload=alert(1)>'), 64, 80],
    ] as const) {
      const r = await dispatch(ctx, 'attachments.setThumbnail', { id: a.id, width, height, base64: Buffer.from(base64).toString('base64') });
      expect(r.ok ? label : { label, code: r.error.code, key: r.error.key }).toEqual({ label, code: 'VALIDATION', key: 'thumb_invalid' });
    }
    const huge = await dispatch(ctx, 'attachments.setThumbnail', { id: a.id, width: 513, height: 80, base64: makePng(56, 80).toString('base64') });
    expect(huge.ok ? null : huge.error.code).toBe('VALIDATION');
    expect(thumbs(dataDir)).toEqual([]);
    const missing = await dispatch(ctx, 'attachments.thumbnail', { id: 999, width: 64, height: 80 });
    expect(missing.ok ? null : missing.error.code).toBe('NOT_FOUND');
  });

  it('the sweep at start removes thumbnails of files no row references and leftovers, keeping the rest', async () => {
    const { ctx, dataDir, materials } = await setUp();
    const a = (await ok(ctx, 'attachments.add', { materialId: materials[0].id, fileName: '申请表.pdf', base64: PDF.toString('base64') })).attachment;
    await ok(ctx, 'attachments.setThumbnail', { id: a.id, width: 64, height: 80, base64: makePng(56, 80).toString('base64') });
    const dir = path.join(dataDir, THUMBS_DIR);
    fs.writeFileSync(path.join(dir, `${'c'.repeat(64)}-64x80.png`), makePng(10, 10)); // a file no row references
    fs.writeFileSync(path.join(dir, '.tmp-4242-0123456789ab'), 'half a thumbnail');
    expect(sweepAttachmentOrphans(ctx)).toBe(2);
    expect(thumbs(dataDir)).toEqual([`${a.sha256}-64x80.png`]);
  });
});
