/**
 * Electron's file picker for attachments (issue 18 §9) against the fake `electron` module, whose open dialog behaves
 * like Electron's: `{ canceled: true, filePaths: [] }` when cancelled, never resolving while the user leaves it open,
 * throwing on a destroyed parent window. The page names only the item; the main process shows the dialog and reads
 * the chosen files itself — the page never sends a path, and the channel has no way to give one.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DESKTOP_CHANNEL } from '../../electron/desktop-ipc';
import { blobPath, FILES_DIR } from '../../db/files/store';
import { useDesktopShell } from '../helpers/desktop-shell';
import { call, count } from '../helpers/data';
import { enText } from '../../shared/messages-en';
import { MAX_ATTACHMENT_BYTES } from '../../shared/domain/attachments';

const PAGE = 'app://icpdesk/index.html';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type /Page /MediaBox [0 0 595 842]>>endobj\ntrailer<<>>\n%%EOF\n');
/** PNG header with a 1600 × 1200 IHDR. */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 6, 0x40, 0, 0, 4, 0xb0, 8, 2, 0, 0, 0]), Buffer.alloc(64, 1)]);
const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
const storeFiles = (dataDir: string) => {
  const root = path.join(dataDir, FILES_DIR);
  return fs.existsSync(root) ? (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[]).filter((e) => e.isFile()).map((e) => e.name).sort() : [];
};
type Answer = { canceled: boolean; files: { fileName: string; result: { ok: boolean; value?: { attachment: { fileName: string; sha256: string } }; error?: { code: string; key: string; message: string; params: Record<string, unknown> } } }[] };

describe('attach through the open dialog in the main process (fake electron)', () => {
  const { mk, shell } = useDesktopShell('pick');

  async function setUp(opts: { window?: boolean } = {}) {
    const { fake, ctx, dataDir, win } = await shell(opts);
    const chosen = mk('user');
    const { client } = await call(ctx, 'clients.create', { client: { name: '太原晋祠兴旅游服务有限公司', uscc: '91140106MA1QN6K440', city: '太原市' } });
    const [a01, a02] = await call(ctx, 'materials.list', { clientId: client.id });
    const put = (name: string, bytes: Buffer) => { const p = path.join(chosen, name); fs.writeFileSync(p, bytes); return p; };
    return { fake, ctx, dataDir, chosen, client, a01: a01!, a02: a02!, win, put };
  }

  it('attaches the chosen files in the dialog\'s order under their own names, read by the main process', async () => {
    const { fake, ctx, dataDir, client, a02, win, put } = await setUp({ window: true });
    const second = Buffer.concat([PDF, Buffer.from('% second\n')]);
    fake.openDialogAnswer = [put('营业执照.pdf', PDF), put('身份证正面.png', PNG), put('营业执照-副本.pdf', second)];
    const answer = await fake.invoke(DESKTOP_CHANNEL, PAGE, 'pickAttachments', { materialId: a02.id, title: 'A02 营业执照' }) as Answer;
    expect(answer.canceled).toBe(false);
    expect(answer.files.map((f) => [f.fileName, f.result.ok])).toEqual([['营业执照.pdf', true], ['身份证正面.png', true], ['营业执照-副本.pdf', true]]);
    // The dialog was modal to the window, for several files, titled by the item.
    expect(fake.openDialogCalls).toEqual([{ window: win, options: { title: 'A02 营业执照', properties: ['openFile', 'multiSelections'] } }]);
    const list = await call(ctx, 'attachments.list', { clientId: client.id });
    expect(list.map((a) => [a.itemKey, a.fileName, a.sha256])).toEqual([
      [a02.itemKey, '营业执照.pdf', sha(PDF)], [a02.itemKey, '身份证正面.png', sha(PNG)], [a02.itemKey, '营业执照-副本.pdf', sha(second)],
    ]);
    expect(list[1]).toMatchObject({ kind: 'png', width: 1600, height: 1200, lowResolution: false });
    expect(fs.readFileSync(blobPath(dataDir, sha(second))).equals(second)).toBe(true);
    expect(storeFiles(dataDir)).toEqual([sha(PDF), sha(PNG), sha(second)].sort());
  });

  it('cancelled: nothing attached, nothing written', async () => {
    const { fake, ctx, dataDir, a01 } = await setUp();
    fake.openDialogAnswer = null;
    expect(await fake.invoke(DESKTOP_CHANNEL, PAGE, 'pickAttachments', { materialId: a01.id })).toEqual({ canceled: true, files: [] });
    expect(fake.openDialogCalls).toEqual([{ window: null, options: { properties: ['openFile', 'multiSelections'] } }]);
    expect(count(ctx.db, 'attachments')).toBe(0);
    expect(storeFiles(dataDir)).toEqual([]);
  });

  it('a dialog left open blocks nothing: the data channel answers meanwhile, and the choice lands when it closes', async () => {
    const { fake, ctx, client, a01, put } = await setUp();
    fake.openDialogAnswer = 'open';
    let settled = false;
    const picking = fake.invoke(DESKTOP_CHANNEL, PAGE, 'pickAttachments', { materialId: a01.id }).then((r) => { settled = true; return r as Answer; });
    await expect.poll(() => fake.openDialogCalls.length).toBe(1);
    // Other work goes on while the user browses folders.
    expect((await call(ctx, 'clients.list', {})).rows.map((r) => r.name)).toEqual(['太原晋祠兴旅游服务有限公司']);
    await call(ctx, 'attachments.list', { clientId: client.id });
    expect(settled).toBe(false);
    fake.closeOpenDialogs([put('申请表.pdf', PDF)]);
    const answer = await picking;
    expect(answer.files.map((f) => [f.fileName, f.result.ok])).toEqual([['申请表.pdf', true]]);
    expect((await call(ctx, 'attachments.list', { clientId: client.id })).map((a) => a.fileName)).toEqual(['申请表.pdf']);
  });

  it('a chosen file that is gone, a folder, empty, over 50 MB or an executable is refused by name; the others are attached', async () => {
    const { fake, ctx, dataDir, chosen, client, a01, put } = await setUp();
    const big = path.join(chosen, '扫描件.pdf');
    fs.writeFileSync(big, PDF);
    fs.truncateSync(big, MAX_ATTACHMENT_BYTES + 5 * 1024 * 1024); // a 55 MB file: read only up to the limit
    const folder = path.join(chosen, '资料');
    fs.mkdirSync(folder);
    fake.openDialogAnswer = [
      put('申请表.pdf', PDF), path.join(chosen, '已删除.pdf'), folder, put('空白.pdf', Buffer.alloc(0)), big,
      put('setup.exe', PDF), put('说明.pdf', Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0])), put('身份证.png', PNG),
    ];
    const answer = await fake.invoke(DESKTOP_CHANNEL, PAGE, 'pickAttachments', { materialId: a01.id }) as Answer;
    const outcome = answer.files.map((f) => (f.result.ok ? [f.fileName, 'ok'] : [f.fileName, f.result.error!.key]));
    expect(outcome).toEqual([
      ['申请表.pdf', 'ok'], ['已删除.pdf', 'attachment_unreadable'], ['资料', 'attachment_unreadable'], ['空白.pdf', 'attachment_empty'],
      ['扫描件.pdf', 'attachment_too_large'], ['setup.exe', 'attachment_executable'], ['说明.pdf', 'attachment_executable'], ['身份证.png', 'ok'],
    ]);
    const gone = answer.files[1]!.result.error!;
    expect(gone.message).toBe('无法读取所选文件“已删除.pdf”：ENOENT');
    expect(enText({ code: gone.key, params: gone.params })).toBe('Cannot read the chosen file “已删除.pdf”: ENOENT');
    expect((await call(ctx, 'attachments.list', { clientId: client.id })).map((a) => a.fileName)).toEqual(['申请表.pdf', '身份证.png']);
    expect(storeFiles(dataDir)).toEqual([sha(PDF), sha(PNG)].sort()); // no temporary file left by the refusals
  });

  it('the page cannot name a file: a path in the request is refused before any dialog; a foreign frame is refused', async () => {
    const { fake, ctx, a01, put } = await setUp();
    const secret = put('secret.pdf', PDF);
    fake.openDialogAnswer = [secret];
    for (const input of [{ materialId: a01.id, path: secret }, { materialId: a01.id, filePaths: [secret] }, { materialId: a01.id, defaultPath: secret }]) {
      await expect(fake.invoke(DESKTOP_CHANNEL, PAGE, 'pickAttachments', input)).rejects.toThrow();
    }
    await expect(fake.invoke(DESKTOP_CHANNEL, 'https://evil.example/', 'pickAttachments', { materialId: a01.id })).rejects.toThrow('forbidden sender');
    expect(fake.openDialogCalls).toEqual([]);
    expect(count(ctx.db, 'attachments')).toBe(0);
  });

  it('a window closed before the pick: the dialog is shown without a parent, never on the destroyed window', async () => {
    const { fake, ctx, a01, win, put } = await setUp({ window: true });
    fake.openDialogAnswer = [put('申请表.pdf', PDF)];
    win!.destroy();
    // The shell skips a destroyed window (the dialog then has no parent) — it never hands Electron a destroyed one.
    const answer = await fake.invoke(DESKTOP_CHANNEL, PAGE, 'pickAttachments', { materialId: a01.id }) as Answer;
    expect(fake.openDialogCalls[0]!.window).toBeNull();
    expect(answer.files.map((f) => f.result.ok)).toEqual([true]);
    expect(count(ctx.db, 'attachments')).toBe(1);
  });
});
