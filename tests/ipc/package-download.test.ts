/**
 * Saving a finished 导出申报材料包 without base64 (issue 18 §4): the zip the worker wrote to the data folder
 * (db/package/downloads.ts) is streamed from disk by the browser-mode host (`GET /packages/<id>?t=<token>`, with the
 * session cookie) and removed once every byte went out; Electron's main process copies it where the save dialog says
 * (electron/save-package.ts, fake `electron` module). Unknown, malformed, foreign and already-saved ids are refused.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { newPackagePath, packageFile, registerPackage } from '../../db/package/downloads';
import type { ServiceContext } from '../../db/service/context';
import { DESKTOP_CHANNEL } from '../../electron/desktop-ipc';
import { openHostContext } from '../../electron/host-context';
import { releaseFolderLock } from '../../db/backup/folder-lock';
import { useDesktopShell } from '../helpers/desktop-shell';
import { useHostWithClient } from '../helpers/web-host';

const PAGE = 'app://icpdesk/index.html';
const NAME = '太原晋祠兴旅游服务有限公司-申报材料包-2026-11-27.zip';

/** Puts a zip of `bytes` (stored, so its size stays about `bytes`' size) into ctx's packages folder, registered for download. */
function putPackage(ctx: ServiceContext, bytes = Buffer.from('%PDF-1.4 材料目录')): { id: string; file: string; zip: Buffer } {
  const { id, file } = newPackagePath(ctx.dataDir);
  const zip = Buffer.from(zipSync({ '材料目录.pdf': [new Uint8Array(bytes), { level: 0 }] }));
  fs.writeFileSync(file, zip, { mode: 0o600 });
  registerPackage(ctx, id, { file, fileName: NAME, size: zip.length });
  return { id, file, zip };
}

/** GET (or `method`) with the bytes kept as they are; `abortAfterFirstChunk` drops the connection once the body starts. */
function get(port: number, p: string, cookie: string, abortAfterFirstChunk = false, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer; aborted: boolean }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: p, method, headers: { Host: `127.0.0.1:${port}`, ...(cookie ? { Cookie: cookie } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => {
        chunks.push(c);
        if (abortAfterFirstChunk) { req.destroy(); resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), aborted: true }); }
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), aborted: false }));
    });
    req.on('error', (e) => (abortAfterFirstChunk ? undefined : reject(e)));
    req.end();
  });
}

describe('browser-mode package download route', () => {
  const startHost = useHostWithClient();

  async function setUp() {
    const made = await startHost();
    return { ctx: made.ctx, port: made.host.port, token: made.host.token, cookie: made.cookie };
  }

  it('streams the zip from disk as application/zip, named in UTF-8, and removes it once sent', async () => {
    const { ctx, port, token, cookie } = await setUp();
    const { id, file, zip } = putPackage(ctx);
    const r = await get(port, `/packages/${id}?t=${token}`, cookie);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/zip');
    expect(r.headers['content-length']).toBe(String(zip.length));
    expect(r.headers['content-disposition']).toBe(`attachment; filename="_____________-_____-2026-11-27.zip"; filename*=UTF-8''${encodeURIComponent(NAME)}`);
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.body.equals(zip)).toBe(true);
    await expect.poll(() => fs.existsSync(file)).toBe(false);
    // Saved once: a second download finds nothing.
    const again = await get(port, `/packages/${id}?t=${token}`, cookie);
    expect(again.status).toBe(404);
    expect(JSON.parse(again.body.toString('utf8')).error).toMatchObject({ code: 'NOT_FOUND', key: 'package_not_found' });
  });

  it('a HEAD first (a download manager asking the size) does not use the package up: the GET after it gets the zip', async () => {
    const { ctx, port, token, cookie } = await setUp();
    const { id, file, zip } = putPackage(ctx);
    const head = await get(port, `/packages/${id}?t=${token}`, cookie, false, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(zip.length));
    expect(head.body.length).toBe(0);
    expect(fs.existsSync(file)).toBe(true);
    const r = await get(port, `/packages/${id}?t=${token}`, cookie);
    expect(r.status).toBe(200);
    expect(r.body.equals(zip)).toBe(true);
    await expect.poll(() => fs.existsSync(file)).toBe(false);
  });

  it('refuses without the token or the session, and for unknown, malformed and foreign ids — never bytes', async () => {
    const { ctx, port, token, cookie } = await setUp();
    const { id, file } = putPackage(ctx);
    expect((await get(port, `/packages/${id}`, cookie)).status).toBe(401);
    expect((await get(port, `/packages/${id}?t=${'0'.repeat(token.length)}`, cookie)).status).toBe(401);
    expect((await get(port, `/packages/${id}?t=${token}`, '')).status).toBe(401);
    expect((await get(port, `/packages/${'0'.repeat(32)}?t=${token}`, cookie)).status).toBe(404);
    expect((await get(port, `/packages/..%2F${id}?t=${token}`, cookie)).status).toBe(404);
    expect((await get(port, `/packages/${id}.zip?t=${token}`, cookie)).status).toBe(404);
    // A package of another context (another data folder's host) with a well-formed id in this one's folder.
    const foreign = { ...ctx } as ServiceContext;
    const other = putPackage(foreign);
    const r = await get(port, `/packages/${other.id}?t=${token}`, cookie);
    expect(r.status).toBe(404);
    expect(fs.existsSync(other.file)).toBe(true);
    expect(fs.existsSync(file)).toBe(true); // none of the refusals touched the real one
  });

  it('a package file that cannot be read after the answer started drops that connection; the host keeps serving', async () => {
    const { ctx, port, token, cookie } = await setUp();
    const { id, file } = putPackage(ctx);
    fs.rmSync(file);
    fs.mkdirSync(file); // exists, but reading it fails (EISDIR) once the headers are out
    const broken = await new Promise<string>((resolve) => {
      const req = http.request({ host: '127.0.0.1', port, path: `/packages/${id}?t=${token}`, headers: { Host: `127.0.0.1:${port}`, Cookie: cookie } }, (res) => {
        res.on('data', () => undefined);
        res.on('end', () => resolve('complete'));
        res.on('error', () => resolve('dropped'));
        res.on('aborted', () => resolve('dropped'));
      });
      req.on('error', () => resolve('dropped'));
      req.end();
    });
    expect(broken).toBe('dropped');
    fs.rmdirSync(file);
    const next = putPackage(ctx);
    expect((await get(port, `/packages/${next.id}?t=${token}`, cookie)).status).toBe(200);
  });

  it('a download cut short keeps the package for another try', async () => {
    const { ctx, port, token, cookie } = await setUp();
    const { id, file } = putPackage(ctx, crypto.randomBytes(16 * 1024 * 1024));
    const r = await get(port, `/packages/${id}?t=${token}`, cookie, true);
    expect(r.aborted).toBe(true);
    await new Promise((res) => setTimeout(res, 300));
    expect(fs.existsSync(file)).toBe(true);
    expect(packageFile(ctx, id)).not.toBeNull();
  });
});

describe('Electron: the package saved through the save dialog by copying the file (fake electron)', () => {
  const { mk, track, shell } = useDesktopShell('savepkg');

  async function setUp(opts: { window?: boolean } = {}) {
    const { fake, ctx, dataDir, win } = await shell(opts);
    return { fake, ctx, dataDir, win, user: mk('user') };
  }

  it('copies the zip where the dialog says (the name proposed), then removes it; cancelling keeps it', async () => {
    const { fake, ctx, win, user } = await setUp({ window: true });
    const { id, file, zip } = putPackage(ctx);
    fake.saveDialogPath = null;
    expect(await fake.invoke(DESKTOP_CHANNEL, PAGE, 'savePackage', { downloadId: id })).toEqual({ ok: true, value: null });
    expect(fs.existsSync(file)).toBe(true);
    const target = path.join(user, '申报材料包.zip');
    fake.saveDialogPath = target;
    expect(await fake.invoke(DESKTOP_CHANNEL, PAGE, 'savePackage', { downloadId: id })).toEqual({ ok: true, value: target });
    expect(fs.readFileSync(target).equals(zip)).toBe(true);
    expect(fs.existsSync(file)).toBe(false);
    expect(fake.saveDialogCalls).toEqual([
      { window: win, options: { defaultPath: NAME, filters: [{ name: 'ZIP', extensions: ['zip'] }] } },
      { window: win, options: { defaultPath: NAME, filters: [{ name: 'ZIP', extensions: ['zip'] }] } },
    ]);
    // Saved: the id is gone, coded so the page can say so in its language.
    const again = await fake.invoke(DESKTOP_CHANNEL, PAGE, 'savePackage', { downloadId: id }) as { ok: false; error: { code: string; key: string } };
    expect(again.error).toMatchObject({ code: 'NOT_FOUND', key: 'package_not_found' });
    expect(fake.saveDialogCalls).toHaveLength(2); // no dialog for a package that is not there
  });

  it('refuses a foreign sender, a malformed id and an unknown one; a failed copy keeps the package', async () => {
    const { fake, ctx, user } = await setUp();
    const { id, file } = putPackage(ctx);
    await expect(fake.invoke(DESKTOP_CHANNEL, 'https://evil.example/', 'savePackage', { downloadId: id })).rejects.toThrow('forbidden sender');
    await expect(fake.invoke(DESKTOP_CHANNEL, PAGE, 'savePackage', { downloadId: '../../etc/passwd' })).rejects.toThrow();
    await expect(fake.invoke(DESKTOP_CHANNEL, PAGE, 'savePackage', { downloadId: id, base64: 'AA==' })).rejects.toThrow();
    expect(await fake.invoke(DESKTOP_CHANNEL, PAGE, 'savePackage', { downloadId: 'f'.repeat(32) })).toMatchObject({ ok: false, error: { key: 'package_not_found' } });
    fake.saveDialogPath = path.join(user, 'no-such-folder', 'x.zip');
    expect(await fake.invoke(DESKTOP_CHANNEL, PAGE, 'savePackage', { downloadId: id })).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(fs.existsSync(file)).toBe(true);
    expect(fake.saveDialogCalls).toEqual([{ window: null, options: { defaultPath: NAME, filters: [{ name: 'ZIP', extensions: ['zip'] }] } }]);
  });

  it('a package left over from an earlier run is swept when the data folder opens', async () => {
    const dataDir = mk('sweep');
    const first = await openHostContext({ dataDir, version: '1.2.3' });
    const { file } = putPackage(first);
    first.db.close();
    releaseFolderLock(dataDir);
    track(await openHostContext({ dataDir, version: '1.2.3' }));
    expect(fs.existsSync(file)).toBe(false);
  });
});
