/**
 * "用系统应用打开" in Electron (issue 18 §2) against the fake `electron` module (tests/helpers/fake-electron.ts), whose
 * `shell.openPath` behaves like Electron's: it never rejects, resolving to '' when opened and to an error message
 * otherwise. The page asks by attachment id on the desktop channel; the main process opens a read-only copy under the
 * original name in a private temporary folder — never the content-addressed store path.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DESKTOP_CHANNEL } from '../../electron/desktop-ipc';
import { OPEN_COPY_PREFIX, sweepOpenCopies } from '../../electron/open-file';
import { blobPath, FILES_DIR } from '../../db/files/store';
import { useDesktopShell } from '../helpers/desktop-shell';
import { call } from '../helpers/data';
import { enText } from '../../shared/messages-en';

/** The coded failure an openAttachment answer carries, with its text in both languages (as the UI renders it). */
function failure(answer: unknown) {
  const a = answer as { ok: boolean; error: { code: string; message: string; key: string; params: Record<string, unknown> } };
  expect(a.ok).toBe(false);
  return { code: a.error.code, key: a.error.key, zh: a.error.message, en: enText({ code: a.error.key, params: a.error.params }) };
}

const PAGE = 'app://icpdesk/index.html';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type /Page /MediaBox [0 0 595 842]>>endobj\ntrailer<<>>\n%%EOF\n');

describe('open an attachment with the system app (fake electron)', () => {
  const { mk, shell } = useDesktopShell('open');

  async function setUp() {
    const { fake, ctx, dataDir, tmpDir } = await shell();
    const { client } = await call(ctx, 'clients.create', { client: { name: '太原晋祠兴旅游服务有限公司', uscc: '91140106MA1QN6K440', city: '太原市' } });
    const [a01] = await call(ctx, 'materials.list', { clientId: client.id });
    const { attachment } = await call(ctx, 'attachments.add', { materialId: a01.id, fileName: '营业执照 副本(2026).pdf', base64: PDF.toString('base64') });
    return { fake, ctx, dataDir, tmpDir, attachment };
  }

  it('opens a read-only copy under the original name, outside the store', async () => {
    const { fake, dataDir, tmpDir, attachment } = await setUp();
    await expect(fake.invoke(DESKTOP_CHANNEL, PAGE, 'openAttachment', { id: attachment.id })).resolves.toEqual({ ok: true, value: null });
    expect(fake.openedPaths).toHaveLength(1);
    const opened = fake.openedPaths[0];
    expect(path.basename(opened)).toBe('营业执照 副本(2026).pdf');
    expect(path.dirname(path.dirname(opened))).toBe(tmpDir);
    expect(path.basename(path.dirname(opened)).startsWith(OPEN_COPY_PREFIX)).toBe(true);
    expect(opened.startsWith(path.join(dataDir, FILES_DIR))).toBe(false);
    expect(opened).not.toBe(blobPath(dataDir, attachment.sha256));
    expect(fs.readFileSync(opened).equals(PDF)).toBe(true);
    expect(fs.statSync(opened).mode & 0o777).toBe(0o400);
    expect(fs.statSync(path.dirname(opened)).mode & 0o777).toBe(0o700);
    // Opened twice: two copies, the first one (perhaps still open in the system app) untouched.
    await fake.invoke(DESKTOP_CHANNEL, PAGE, 'openAttachment', { id: attachment.id });
    expect(new Set(fake.openedPaths).size).toBe(2);
  });

  it('a failure the system reports (openPath resolves to a message) reaches the page coded, in Chinese and in English', async () => {
    const { fake, attachment } = await setUp();
    fake.openPathError = 'No application knows how to open this file';
    expect(failure(await fake.invoke(DESKTOP_CHANNEL, PAGE, 'openAttachment', { id: attachment.id }))).toEqual({
      code: 'UNAVAILABLE', key: 'open_with_system_failed',
      zh: '无法用系统应用打开“营业执照 副本(2026).pdf”：No application knows how to open this file',
      en: 'Cannot open “营业执照 副本(2026).pdf” with a system app: No application knows how to open this file',
    });
  });

  it('a temporary folder the copy cannot be written to is the same coded failure, naming the file', async () => {
    const { fake, tmpDir, attachment } = await setUp();
    fs.rmSync(tmpDir, { recursive: true, force: true });
    const f = failure(await fake.invoke(DESKTOP_CHANNEL, PAGE, 'openAttachment', { id: attachment.id }));
    expect(f).toMatchObject({ code: 'UNAVAILABLE', key: 'open_with_system_failed' });
    expect(f.zh.startsWith('无法用系统应用打开“营业执照 副本(2026).pdf”：ENOENT')).toBe(true);
    expect(f.en.startsWith('Cannot open “营业执照 副本(2026).pdf” with a system app: ENOENT')).toBe(true);
    expect(fake.openedPaths).toEqual([]);
  });

  it('a missing or altered stored file and an unknown id answer coded failures; bad input and a foreign page are refused; nothing is opened', async () => {
    const { fake, dataDir, attachment } = await setUp();
    expect(failure(await fake.invoke(DESKTOP_CHANNEL, PAGE, 'openAttachment', { id: 999 }))).toMatchObject({ code: 'NOT_FOUND', zh: '附件不存在', en: 'The attachment does not exist' });
    await expect(fake.invoke(DESKTOP_CHANNEL, PAGE, 'openAttachment', { path: '/etc/passwd' })).rejects.toThrow(/"code": "unrecognized_keys",\s*"keys": \[\s*"path"/);
    await expect(fake.invoke(DESKTOP_CHANNEL, 'https://evil.example/', 'openAttachment', { id: attachment.id })).rejects.toThrow('forbidden sender');
    const blob = blobPath(dataDir, attachment.sha256);
    fs.chmodSync(blob, 0o600);
    fs.appendFileSync(blob, 'x');
    const altered = failure(await fake.invoke(DESKTOP_CHANNEL, PAGE, 'openAttachment', { id: attachment.id }));
    expect(altered.zh).toContain('附件文件已损坏');
    expect(altered.en).not.toMatch(/[\u4e00-\u9fff]{2}/); // English apart from the file's own name
    expect(fake.openedPaths).toEqual([]);
  });

  it('copies opened more than a day ago are removed at start; newer ones and other folders stay', () => {
    const tmp = mk('sweep');
    const old = fs.mkdtempSync(path.join(tmp, OPEN_COPY_PREFIX));
    fs.writeFileSync(path.join(old, '租赁合同.pdf'), 'x', { mode: 0o400 });
    const recent = fs.mkdtempSync(path.join(tmp, OPEN_COPY_PREFIX));
    const other = fs.mkdtempSync(path.join(tmp, 'something-else-'));
    const day = 24 * 3600_000;
    fs.utimesSync(old, new Date(Date.now() - day - 60_000), new Date(Date.now() - day - 60_000));
    fs.utimesSync(other, new Date(Date.now() - 2 * day), new Date(Date.now() - 2 * day));
    expect(sweepOpenCopies(tmp)).toBe(1);
    expect([fs.existsSync(old), fs.existsSync(recent), fs.existsSync(other)]).toEqual([false, true, true]);
  });
});
