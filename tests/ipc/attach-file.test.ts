/**
 * Electron's attach (issue 18 §9): the page sends a file's bytes as a Uint8Array on the desktop channel (no base64,
 * never a path); the main process stores them through the streamed attach. The channel refuses foreign senders and
 * anything but bytes; the service's refusals (empty, over 50 MB, executable) come back as coded Envelopes with nothing
 * written; the file is stored byte-identical under its SHA-256.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { attachBytes } from '../../electron/attach-file';
import { sweepAttachmentOrphans } from '../../db/service/attachments';
import { registerDesktopIpc } from '../../electron/desktop-ipc';
import { blobPath, FILES_DIR } from '../../db/files/store';
import { MAX_ATTACHMENT_BYTES } from '../../shared/domain/attachments';
import { call, count, folderContext, tmpDir, type TestCtx } from '../helpers/data';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type /Page /MediaBox [0 0 595 842]>>endobj\ntrailer<<>>\n%%EOF\n');
const storeFiles = (dataDir: string) => {
  const root = path.join(dataDir, FILES_DIR);
  return fs.existsSync(root) ? (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[]).filter((e) => e.isFile()).map((e) => e.name) : [];
};

describe('Electron attach over IPC (bytes, not base64)', () => {
  let ctx: TestCtx | null = null;
  afterEach(() => { ctx?.db.close(); ctx = null; });

  async function setUp() {
    const dataDir = tmpDir();
    ctx = await folderContext(dataDir);
    const { client } = await call(ctx, 'clients.create', { client: { name: '太原晋祠兴旅游服务有限公司', uscc: '91140106MA1QN6K440', city: '太原市' } });
    const [a01] = await call(ctx, 'materials.list', { clientId: client.id });
    return { ctx, dataDir, a01 };
  }

  it('stores the bytes under their SHA-256 and writes the row; refusals write nothing', async () => {
    const { ctx, dataDir, a01 } = await setUp();
    const env = await attachBytes(ctx, { materialId: a01.id, fileName: '营业执照.pdf', addedBy: null }, new Uint8Array(PDF));
    const sha = crypto.createHash('sha256').update(PDF).digest('hex');
    expect(env).toMatchObject({ ok: true, value: { attachment: { fileName: '营业执照.pdf', sha256: sha, size: PDF.length, kind: 'pdf', pages: 1 } } });
    expect(fs.readFileSync(blobPath(dataDir, sha)).equals(PDF)).toBe(true);

    const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    big.set(PDF);
    for (const [name, bytes, key] of [
      ['空白.pdf', new Uint8Array(0), 'attachment_empty'],
      ['扫描件.pdf', big, 'attachment_too_large'],
      ['setup.exe', new Uint8Array(PDF), 'attachment_executable'],
      ['营业执照副本.pdf', new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 1, 2, 3]), 'attachment_executable'],
    ] as const) {
      expect(await attachBytes(ctx, { materialId: a01.id, fileName: name, addedBy: null }, bytes), name).toMatchObject({ ok: false, error: { code: 'VALIDATION', key } });
    }
    expect(count(ctx.db, 'attachments')).toBe(1);
    expect(storeFiles(dataDir)).toEqual([sha]);
  });

  it('a temporary upload left by a crash (files/.incoming) is swept at the next start, stored files kept', async () => {
    const { ctx, dataDir, a01 } = await setUp();
    const env = await attachBytes(ctx, { materialId: a01.id, fileName: '营业执照.pdf', addedBy: null }, new Uint8Array(PDF));
    const sha = (env as { ok: true; value: { attachment: { sha256: string } } }).value.attachment.sha256;
    const incoming = path.join(dataDir, FILES_DIR, '.incoming');
    fs.writeFileSync(path.join(incoming, '.tmp-4242-0123456789ab'), 'half an upload');
    expect(sweepAttachmentOrphans(ctx)).toBe(1);
    expect(storeFiles(dataDir)).toEqual([sha]);
  });

  it('the desktop channel refuses a foreign sender and anything but bytes', async () => {
    const seen: unknown[] = [];
    const handler = registerDesktopIpc({ handle: () => undefined }, {
      notify: () => true, setLanguage: () => undefined, openAttachment: async () => undefined,
      attachFile: async (input) => { seen.push(input); return { ok: true }; },
      pickAttachments: async () => { throw new Error('not asked'); }, savePackage: async () => { throw new Error('not asked'); },
    });
    const app = { senderFrame: { url: 'app://icpdesk/index.html' } };
    await expect(handler({ senderFrame: { url: 'app://icpdesk.evil/index.html' } }, 'attachFile', { materialId: 1, fileName: 'a.pdf', bytes: new Uint8Array(PDF) })).rejects.toThrow('forbidden sender');
    await expect(handler(app, 'attachFile', { materialId: 1, fileName: 'a.pdf', base64: PDF.toString('base64') })).rejects.toThrow();
    await expect(handler(app, 'attachFile', { materialId: 1, fileName: 'a.pdf', bytes: '/etc/passwd' })).rejects.toThrow();
    await expect(handler(app, 'attachFile', { materialId: 1, fileName: 'a.pdf', bytes: new Uint8Array(MAX_ATTACHMENT_BYTES + 2) })).rejects.toThrow();
    expect(seen).toEqual([]);
    expect(await handler(app, 'attachFile', { materialId: 1, fileName: 'a.pdf', bytes: new Uint8Array(PDF) })).toEqual({ ok: true });
    expect(seen).toEqual([{ materialId: 1, fileName: 'a.pdf', addedBy: null, bytes: new Uint8Array(PDF) }]);
    // A file of a batch sent several at once carries its place; a bad one is refused at the boundary.
    await expect(handler(app, 'attachFile', { materialId: 1, fileName: 'a.pdf', bytes: new Uint8Array(PDF), order: 'b:3:3' })).rejects.toThrow();
    await handler(app, 'attachFile', { materialId: 1, fileName: 'a.pdf', bytes: new Uint8Array(PDF), order: 'b1:2:3' });
    expect(seen[1]).toMatchObject({ order: { batch: 'b1', index: 2, count: 3 } });
  });

  it('files of one batch sent over IPC out of order are numbered in the user\'s order', async () => {
    const { ctx, a01 } = await setUp();
    const one = (n: number, order: string) => attachBytes(ctx, { materialId: a01.id, fileName: `${n}.pdf`, addedBy: null, order: { batch: order.split(':')[0]!, index: Number(order.split(':')[1]), count: 3 } }, new Uint8Array(Buffer.concat([PDF, Buffer.from(String(n))])));
    await one(3, 'e:2');
    await one(1, 'e:0');
    await one(2, 'e:1');
    expect(ctx.db.prepare('SELECT file_name, sort FROM attachments ORDER BY sort').all()).toEqual([{ file_name: '1.pdf', sort: 1 }, { file_name: '2.pdf', sort: 2 }, { file_name: '3.pdf', sort: 3 }]);
  });
});
