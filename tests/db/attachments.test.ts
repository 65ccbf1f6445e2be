/**
 * Attachments (issue 18): attach / rename / move / remove with events, duplicate detection, refused files write
 * nothing, the hash is verified on read, deleting a client removes files no longer referenced, orphans are swept.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../db/dispatch';
import { addStreamedAttachment } from '../../db/service/attachments';
import { openHostContext } from '../../electron/host-context';
import { attachmentFixture, call as ok } from '../helpers/attachments';
import { blobPath, FILES_DIR } from '../../db/files/store';
import { weeklyClientText } from '../../shared/reports/weekly-text';
import { testTempDir } from '../helpers/temp-dirs';

/** A minimal valid one-page PDF. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type /Catalog /Pages 2 0 R>>endobj\n2 0 obj<</Type /Pages /Kids [3 0 R] /Count 1>>endobj\n3 0 obj<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
/** PNG header with a 640 × 480 IHDR (below 1000 px on the long side: the 清 hint). */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 2, 0x80, 0, 0, 1, 0xe0, 8, 2, 0, 0, 0]), Buffer.alloc(64, 1)]);

const files = (dir: string): string[] => {
  const root = path.join(dir, FILES_DIR);
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root).flatMap((sub) => fs.readdirSync(path.join(root, sub)).map((f) => path.join(sub, f)));
};

describe('attachments', () => {
  const { setUp, reopen } = attachmentFixture('icpdesk-att-');

  it('attaches a PDF and an image with their facts, detects the same file on another item, moves, renames, removes with events', async () => {
    const { ctx, dataDir, client, materials } = await setUp();
    const [a01, a02] = materials;
    const pdf = await ok(ctx, 'attachments.add', { materialId: a01.id, fileName: '申请表.pdf', base64: PDF.toString('base64') });
    expect(pdf.attachment).toMatchObject({ kind: 'pdf', mime: 'application/pdf', pages: 1, pdfProblem: null, size: PDF.length, fileName: '申请表.pdf', itemKey: a01.itemKey });
    expect(pdf.duplicateOf).toEqual([]);
    const png = await ok(ctx, 'attachments.add', { materialId: a02.id, fileName: 'C:\\Users\\x\\执照.png', base64: PNG.toString('base64') });
    expect(png.attachment).toMatchObject({ kind: 'png', width: 640, height: 480, lowResolution: true, fileName: '执照.png' });

    // The same PDF on another item: attached, and the first holder named.
    const again = await ok(ctx, 'attachments.add', { materialId: a02.id, fileName: '副本.pdf', base64: PDF.toString('base64') });
    expect(again.duplicateOf).toEqual([{ itemKey: a01.itemKey, title: a01.title, fileName: '申请表.pdf' }]);
    expect(files(dataDir)).toHaveLength(2); // content-addressed: one stored copy of the PDF

    await ok(ctx, 'attachments.rename', { id: png.attachment.id, fileName: '营业执照.png' });
    const moved = await ok(ctx, 'attachments.move', { id: png.attachment.id, materialId: a01.id });
    expect(moved).toMatchObject({ materialId: a01.id, fileName: '营业执照.png' });
    const list = await ok(ctx, 'attachments.list', { clientId: client.id });
    expect(list.map((x) => x.fileName)).toEqual(['申请表.pdf', '营业执照.png', '副本.pdf']);

    // Removing one of two rows of the PDF keeps the file; removing the last removes it.
    expect((await ok(ctx, 'attachments.remove', { id: pdf.attachment.id })).fileRemoved).toBe(false);
    expect((await ok(ctx, 'attachments.remove', { id: again.attachment.id })).fileRemoved).toBe(true);
    expect(files(dataDir)).toHaveLength(1);

    const kinds = (ctx.db.prepare("SELECT kind FROM events WHERE kind LIKE 'attachment.%' ORDER BY id").all() as { kind: string }[]).map((e) => e.kind);
    expect(kinds).toEqual(['attachment.add', 'attachment.add', 'attachment.add', 'attachment.rename', 'attachment.move', 'attachment.remove', 'attachment.remove']);
    if (process.platform !== 'win32') {
      const f = blobPath(dataDir, moved.sha256);
      expect(fs.statSync(f).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.dirname(f)).mode & 0o777).toBe(0o700);
    }
  });

  it('refuses empty files, files over 50 MB and executables, writing nothing', { timeout: 60_000 }, async () => {
    const { ctx, dataDir, materials } = await setUp();
    const tries: [string, Buffer, string][] = [
      ['空.pdf', Buffer.alloc(0), '是空的'],
      ['setup.pdf', Buffer.from('MZ\x90\x00 this is a windows program'), '可执行文件'],
      ['run.sh', Buffer.from('echo hi'), '可执行文件'],
      ['tool.txt', Buffer.from('#!/bin/sh\nrm -rf /'), '可执行文件'],
      ['大.pdf', Buffer.alloc(50 * 1024 * 1024 + 1, 0x25), '50 MB'],
    ];
    for (const [fileName, bytes, why] of tries) {
      const r = await dispatch(ctx, 'attachments.add', { materialId: materials[0].id, fileName, base64: bytes.toString('base64') });
      expect(r.ok, fileName).toBe(false);
      if (!r.ok) expect(r.error.message, fileName).toContain(why);
    }
    expect(ctx.db.prepare('SELECT count(*) n FROM attachments').get()).toEqual({ n: 0 });
    expect(files(dataDir)).toEqual([]);
  });

  it('a stored file altered on disk is refused on read with a clear error; a missing one too', async () => {
    const { ctx, dataDir, materials } = await setUp();
    const { attachment } = await ok(ctx, 'attachments.add', { materialId: materials[0].id, fileName: '申请表.pdf', base64: PDF.toString('base64') });
    expect(Buffer.from((await ok(ctx, 'attachments.get', { id: attachment.id })).base64, 'base64').equals(PDF)).toBe(true);
    fs.chmodSync(blobPath(dataDir, attachment.sha256), 0o600);
    fs.appendFileSync(blobPath(dataDir, attachment.sha256), 'tampered');
    const r = await dispatch(ctx, 'attachments.get', { id: attachment.id });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'BAD_FILE' });
    fs.rmSync(blobPath(dataDir, attachment.sha256));
    const m = await dispatch(ctx, 'attachments.get', { id: attachment.id });
    if (!m.ok) expect(m.error.code).toBe('NOT_FOUND');
    expect(m.ok).toBe(false);
  });

  it('attaching a file whose stored copy was damaged puts the whole file back (a same-size copy is checked, not trusted)', async () => {
    const { ctx, dataDir, materials } = await setUp();
    const first = await ok(ctx, 'attachments.add', { materialId: materials[0].id, fileName: '申请表.pdf', base64: PDF.toString('base64') });
    const file = blobPath(dataDir, first.attachment.sha256);
    fs.chmodSync(file, 0o600);
    const damaged = Buffer.from(PDF);
    damaged[20] ^= 0xff; // same size, one byte flipped
    fs.writeFileSync(file, damaged);
    const again = await ok(ctx, 'attachments.add', { materialId: materials[1].id, fileName: '申请表-副本.pdf', base64: PDF.toString('base64') });
    expect(again.duplicateOf).toEqual([{ itemKey: materials[0].itemKey, title: materials[0].title, fileName: '申请表.pdf' }]);
    expect(fs.readFileSync(file).equals(PDF)).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from((await ok(ctx, 'attachments.get', { id: first.attachment.id })).base64, 'base64').equals(PDF)).toBe(true);
  });

  it('deleting the client removes its files; a file without a row (crash between file and row) is swept at the next start', async () => {
    const { ctx, dataDir, client, materials } = await setUp();
    await ok(ctx, 'attachments.add', { materialId: materials[0].id, fileName: '申请表.pdf', base64: PDF.toString('base64') });
    await ok(ctx, 'clients.remove', { id: client.id });
    expect(files(dataDir)).toEqual([]);
    // An orphan and a leftover temporary file, as a SIGKILL between writing and the row's commit would leave.
    fs.mkdirSync(path.join(dataDir, FILES_DIR, 'ab'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, FILES_DIR, 'ab', 'ab'.padEnd(64, '0')), 'orphan');
    fs.writeFileSync(path.join(dataDir, FILES_DIR, 'ab', '.tmp-1-abc'), 'partial');
    // A copy cut short under another temporary naming (an older version's restore wrote `<sha>.tmp-<pid>`): swept too.
    fs.writeFileSync(path.join(dataDir, FILES_DIR, 'ab', `${'ab'.padEnd(64, '1')}.tmp-42`), 'partial');
    await reopen(ctx);
    expect(files(dataDir)).toEqual([]);
  });
});

describe('attachment sort numbers with batches uploaded several at once', () => {
  const { setUp } = attachmentFixture('icpdesk-att-order-');
  const pdf = (n: number) => [Buffer.concat([PDF, Buffer.from(`% ${n}\n`)])];
  const tooLarge = () => new Error('too large');

  it('a batch reserves a block: files finishing out of order keep the user\'s order; a move or a single file in between goes past the block', async () => {
    const { ctx, client, materials: [a01, a02] } = await setUp();
    const add = (materialId: number, fileName: string, n: number, order?: { batch: string; index: number; count: number }) =>
      addStreamedAttachment(ctx, { materialId, fileName, addedBy: null, order }, pdf(n), tooLarge);
    const onA02 = await add(a02.id, '待移动.pdf', 0);
    await add(a01.id, '早先.pdf', 1); // sort 1
    await add(a01.id, 'c.pdf', 4, { batch: 'x', index: 2, count: 3 }); // the block 2…4 is reserved: c → 4
    await ok(ctx, 'attachments.move', { id: onA02.attachment.id, materialId: a01.id }); // past the block: 5
    await add(a01.id, '单独.pdf', 5); // 6
    await add(a01.id, 'a.pdf', 2, { batch: 'x', index: 0, count: 3 }); // 2
    await add(a01.id, 'b.pdf', 3, { batch: 'x', index: 1, count: 3 }); // 3
    await add(a01.id, 'd.pdf', 6, { batch: 'y', index: 0, count: 2 }); // a new block 7…8
    const sorts = ctx.db.prepare('SELECT file_name, sort FROM attachments WHERE material_id = ? ORDER BY sort').all(a01.id);
    expect(sorts).toEqual([
      { file_name: '早先.pdf', sort: 1 }, { file_name: 'a.pdf', sort: 2 }, { file_name: 'b.pdf', sort: 3 }, { file_name: 'c.pdf', sort: 4 },
      { file_name: '待移动.pdf', sort: 5 }, { file_name: '单独.pdf', sort: 6 }, { file_name: 'd.pdf', sort: 7 },
    ]);
    expect((await ok(ctx, 'attachments.list', { clientId: client.id })).map((a) => a.fileName)).toEqual(['早先.pdf', 'a.pdf', 'b.pdf', 'c.pdf', '待移动.pdf', '单独.pdf', 'd.pdf']);
    // Another item's numbers are its own; a batch id reused with a larger index than its block gets a new block.
    expect((await add(a02.id, 'e.pdf', 7, { batch: 'x', index: 0, count: 1 })).attachment.id).toBeGreaterThan(0);
    await add(a01.id, 'f.pdf', 8, { batch: 'x', index: 5, count: 6 }); // x's block (2…4) has no index 5: a new block 9…14 → 14
    expect(ctx.db.prepare("SELECT material_id, sort FROM attachments WHERE file_name IN ('e.pdf', 'f.pdf') ORDER BY file_name").all()).toEqual([{ material_id: a02.id, sort: 2 }, { material_id: a01.id, sort: 14 }]); // a02 handed out 1 to the moved file
  });
});

describe('attachments in the weekly report', () => {
  it('names the count of files behind an item that changed in the week, never the files', async () => {
    const dataDir = testTempDir('icpdesk-att-w-');
    const ctx = await openHostContext({ dataDir, version: 'test', now: () => new Date('2026-11-27T02:00:00Z') });
    try {
      const client = (await ok(ctx, 'clients.create', { client: { name: '太原晋祠兴旅游服务有限公司', uscc: '91140106MA1QN6K440', city: '太原市' } })).client;
      const [a01] = await ok(ctx, 'materials.list', { clientId: client.id });
      await ok(ctx, 'attachments.add', { materialId: a01.id, fileName: '申请表-第1页.pdf', base64: PDF.toString('base64') });
      await ok(ctx, 'attachments.add', { materialId: a01.id, fileName: '申请表-第2页.png', base64: PNG.toString('base64') });
      await ok(ctx, 'materials.setStatus', { id: a01.id, status: 'received' });
      const week = await ok(ctx, 'weekly.client', { clientId: client.id, week: '2026-W48' });
      expect(week.materialLines).toEqual([expect.objectContaining({ itemKey: a01.itemKey, from: 'missing', to: 'received', files: 2, filesArrived: 2 })]);
      const text = weeklyClientText(week);
      expect(text).toContain(`${a01.title}：待收集 → 已收到（最后变更 11-27，附件 2 个（本周收到 2 个））`);
      expect(text).not.toContain('申请表-第1页.pdf');
      // The week before knew no files.
      expect((await ok(ctx, 'weekly.client', { clientId: client.id, week: '2026-W47' })).materialLines).toEqual([]);
    } finally {
      ctx.db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('names files that arrived in the week for an item whose status did not change, with the count of that week and in all', async () => {
    const dataDir = testTempDir('icpdesk-att-w-');
    let now = new Date('2026-11-27T02:00:00Z'); // Friday of W48
    const ctx = await openHostContext({ dataDir, version: 'test', now: () => now });
    try {
      const client = (await ok(ctx, 'clients.create', { client: { name: '太原晋祠兴旅游服务有限公司', uscc: '91140106MA1QN6K440', city: '太原市' } })).client;
      const materials = await ok(ctx, 'materials.list', { clientId: client.id });
      const b04 = materials.find((m) => m.itemKey === 'B04')!;
      await ok(ctx, 'materials.setStatus', { id: b04.id, status: 'received' });
      await ok(ctx, 'attachments.add', { materialId: b04.id, fileName: '云服务协议-第1页.pdf', base64: PDF.toString('base64') });
      // W49: two more pages arrive (Tuesday 10:00 and Sunday 23:30 China, the week's last half hour); nothing else changes.
      now = new Date('2026-12-01T02:00:00Z');
      await ok(ctx, 'attachments.add', { materialId: b04.id, fileName: '云服务协议-第2页.png', base64: PNG.toString('base64') });
      now = new Date('2026-12-06T15:30:00Z');
      await ok(ctx, 'attachments.add', { materialId: b04.id, fileName: '云服务协议-第3页.pdf', base64: Buffer.concat([PDF, Buffer.from('%3\n')]).toString('base64') });
      now = new Date('2026-12-07T02:00:00Z'); // Monday of W50: attached after the week
      await ok(ctx, 'attachments.add', { materialId: b04.id, fileName: '云服务协议-第4页.pdf', base64: Buffer.concat([PDF, Buffer.from('%4\n')]).toString('base64') });
      const week = await ok(ctx, 'weekly.client', { clientId: client.id, week: '2026-W49' });
      expect(week.materialLines).toEqual([{ itemKey: 'B04', title: b04.title, from: 'received', to: 'received', lastChangeOn: '2026-12-06', note: null, files: 3, filesArrived: 2, onlyFiles: true }]);
      const text = weeklyClientText(week);
      expect(text).toContain(`${b04.title}：已收到，本周收到附件 2 个（共 3 个，最后 12-06）`);
      expect(text).not.toContain('云服务协议-第2页');
      const rollup = await ok(ctx, 'weekly.rollup', { week: '2026-W49' });
      expect(rollup.rows.find((r) => r.clientId === client.id)?.headline).toBe('材料：收到附件2个');
    } finally {
      ctx.db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
