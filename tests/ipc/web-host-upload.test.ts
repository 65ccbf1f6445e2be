/**
 * The browser-mode attach upload (issue 18 §9): `POST /host/attachments?materialId=…&fileName=…` with the file as the
 * raw body is streamed into the store (temporary file in files/.incoming, fsynced, renamed to its SHA-256) and the
 * row written, as `attachments.add` does. Every refusal — empty, over 50 MB (declared or while streaming: 413, coded),
 * an executable by name or content, an unknown item — and an upload aborted half-way leave nothing written (no row,
 * no stored file, no temporary file). The host's guards hold on this route as on the API: session cookie, per-run
 * token, Host and Origin (look-alikes included).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../electron/web-host';
import { blobPath, FILES_DIR } from '../../db/files/store';
import { launch, raw } from '../helpers/web-host';
import { call, count, folderContext, tmpDir, type TestCtx } from '../helpers/data';

const MB = 1024 * 1024;
/** A two-page PDF (its page count read by the attach service). */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type /Page /MediaBox [0 0 595 842]>>endobj\n2 0 obj<</Type /Page /MediaBox [0 0 595 842]>>endobj\ntrailer<<>>\n%%EOF\n');

/** Every file under the data folder's store (stored files and temporary ones), relative. */
function storeFiles(dataDir: string): string[] {
  const root = path.join(dataDir, FILES_DIR);
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[]).filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

/** POSTs `chunks` one write each (chunked unless `length` is declared); resolves with status and body, or 'reset' when the host closed first. */
function upload(port: number, pathAndQuery: string, headers: Record<string, string>, chunks: Buffer[]): Promise<{ status: number; body: string } | 'reset'> {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: pathAndQuery, headers }, (res) => {
      const out: Buffer[] = [];
      res.on('data', (c: Buffer) => out.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(out).toString('utf8') }));
      res.on('error', () => resolve('reset'));
    });
    req.on('error', () => resolve('reset'));
    req.setTimeout(20_000, () => req.destroy(new Error('no answer within 20 s')));
    (async () => {
      for (const c of chunks) if (!req.write(c)) await new Promise((r) => req.once('drain', r));
      req.end();
    })().catch(() => undefined);
  });
}

describe('browser-mode attach upload (streamed)', () => {
  let host: WebHost | null = null;
  let ctx: TestCtx | null = null;
  afterEach(async () => { await host?.close(); ctx?.db.close(); host = null; ctx = null; });

  async function setUp() {
    const dataDir = tmpDir();
    ctx = await folderContext(dataDir);
    const rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'icpdesk-r-'));
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<html><head></head><body>app</body></html>');
    host = await startWebHost({ ctx, rendererDir });
    const cookie = await launch(host);
    const { client } = await call(ctx, 'clients.create', { client: { name: '太原晋祠兴旅游服务有限公司', uscc: '91140106MA1QN6K440', city: '太原市' } });
    const [a01, a02] = await call(ctx, 'materials.list', { clientId: client.id });
    const h = (extra: Record<string, string> = {}) => ({ Host: `127.0.0.1:${host!.port}`, Cookie: cookie, 'X-ICPDesk-Token': host!.token, 'Content-Type': 'application/octet-stream', ...extra });
    const q = (materialId: number, fileName: string) => `/host/attachments?materialId=${materialId}&fileName=${encodeURIComponent(fileName)}`;
    return { ctx, host, dataDir, a01, a02, h, q, rows: () => count(ctx!.db, 'attachments') };
  }

  it('streams a file into the store: stored byte-identical under its SHA-256 (0600), the row and its facts, a duplicate named', async () => {
    const s = await setUp();
    const r = await upload(s.host.port, s.q(s.a01.id, '租赁合同.pdf'), s.h(), [PDF.subarray(0, 20), PDF.subarray(20)]);
    expect(r).not.toBe('reset');
    const { status, body } = r as { status: number; body: string };
    expect(status).toBe(200);
    const env = JSON.parse(body);
    const sha = crypto.createHash('sha256').update(PDF).digest('hex');
    expect(env).toMatchObject({ ok: true, value: { attachment: { itemKey: 'A01', fileName: '租赁合同.pdf', size: PDF.length, sha256: sha, kind: 'pdf', pages: 2 }, duplicateOf: [] } });
    expect(fs.readFileSync(blobPath(s.dataDir, sha)).equals(PDF)).toBe(true);
    expect(fs.statSync(blobPath(s.dataDir, sha)).mode & 0o777).toBe(0o600);
    expect(storeFiles(s.dataDir)).toEqual([path.join(sha.slice(0, 2), sha)]); // no temporary file left
    expect((await call(s.ctx, 'attachments.list', { clientId: env.value.attachment.clientId })).map((a) => a.fileName)).toEqual(['租赁合同.pdf']);

    const again = await upload(s.host.port, s.q(s.a02.id, '租赁合同-副本.pdf'), s.h({ 'Content-Length': String(PDF.length) }), [PDF]);
    expect(JSON.parse((again as { body: string }).body)).toMatchObject({ ok: true, value: { attachment: { itemKey: 'A02' }, duplicateOf: [{ itemKey: 'A01', fileName: '租赁合同.pdf' }] } });
    expect(storeFiles(s.dataDir)).toHaveLength(1);
    expect(s.rows()).toBe(2);
  });

  it('refusals write nothing: empty, an executable by name (before reading) and by content, an unknown item, a bad query', async () => {
    const s = await setUp();
    const refused = async (q: string, chunks: Buffer[]) => {
      const r = await upload(s.host.port, q, s.h(), chunks);
      expect(r, q).not.toBe('reset');
      return { status: (r as { status: number }).status, env: JSON.parse((r as { body: string }).body) };
    };
    const mz = Buffer.concat([Buffer.from('MZ'), crypto.randomBytes(3 * MB)]);
    expect(await refused(s.q(s.a01.id, '空白.pdf'), [])).toMatchObject({ status: 200, env: { ok: false, error: { code: 'VALIDATION', key: 'attachment_empty', details: { reason: 'EMPTY' } } } });
    expect(await refused(s.q(s.a01.id, '安装程序.exe'), [PDF])).toMatchObject({ status: 200, env: { ok: false, error: { code: 'VALIDATION', key: 'attachment_executable', details: { reason: 'EXECUTABLE' } } } });
    expect(await refused(s.q(s.a01.id, '营业执照.pdf'), [mz.subarray(0, MB), mz.subarray(MB, 2 * MB), mz.subarray(2 * MB)])).toMatchObject({ status: 200, env: { ok: false, error: { code: 'VALIDATION', key: 'attachment_executable' } } });
    expect(await refused(s.q(s.a01.id, 'run.pdf'), [Buffer.from('#!/bin/sh\nrm -rf ~\n')])).toMatchObject({ env: { ok: false, error: { key: 'attachment_executable' } } });
    expect(await refused(s.q(999_999, '营业执照.pdf'), [PDF])).toMatchObject({ status: 200, env: { ok: false, error: { code: 'NOT_FOUND' } } });
    for (const bad of ['/host/attachments?fileName=a.pdf', `/host/attachments?materialId=${s.a01.id}`, `/host/attachments?materialId=x&fileName=a.pdf`, `/host/attachments?materialId=${s.a01.id}&fileName=a.pdf&path=/etc/passwd`]) {
      expect((await refused(bad, [PDF])).status, bad).toBe(400);
    }
    expect(s.rows()).toBe(0);
    expect(storeFiles(s.dataDir)).toEqual([]);
  });

  it('over 50 MB: 413 with the coded refusal, by declared length at once and while streaming; no file, no temporary file, no row', async () => {
    const s = await setUp();
    const declared = await raw(s.host.port, { method: 'POST', path: s.q(s.a01.id, '扫描件.pdf'), headers: s.h({ 'Content-Length': String(50 * MB + 1) }), timeoutMs: 20_000 });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION', key: 'attachment_too_large', params: { fileName: '扫描件.pdf' } } });
    expect(declared.headers.connection).toBe('close');

    const piece = crypto.randomBytes(MB);
    piece.write('%PDF-1.4\n', 0, 'latin1');
    const streamed = await upload(s.host.port, s.q(s.a01.id, '扫描件.pdf'), s.h(), Array.from({ length: 52 }, () => piece));
    if (streamed !== 'reset') { // the host answers before it closes; a client still writing may see the reset first
      expect(streamed.status).toBe(413);
      expect(JSON.parse(streamed.body)).toMatchObject({ ok: false, error: { key: 'attachment_too_large' } });
    }
    await expect.poll(() => storeFiles(s.dataDir), { timeout: 20_000 }).toEqual([]);
    expect(s.rows()).toBe(0);
    // Exactly 50 MB is accepted.
    const exact = await upload(s.host.port, s.q(s.a01.id, '扫描件.pdf'), s.h(), Array.from({ length: 50 }, () => piece));
    expect(JSON.parse((exact as { body: string }).body)).toMatchObject({ ok: true, value: { attachment: { size: 50 * MB } } });
  });

  it('an upload aborted half-way leaves no temporary file and no row, and the host keeps serving', async () => {
    const s = await setUp();
    const incoming = path.join(s.dataDir, FILES_DIR, '.incoming');
    await new Promise<void>((resolve) => {
      const req = http.request({ host: '127.0.0.1', port: s.host.port, method: 'POST', path: s.q(s.a01.id, '扫描件.pdf'), headers: s.h({ 'Content-Length': String(10 * MB) }) });
      req.on('error', () => resolve());
      req.write(Buffer.concat([Buffer.from('%PDF-1.4\n'), crypto.randomBytes(3 * MB)]));
      // Wait until the host has started writing the temporary file, then drop the connection.
      const started = setInterval(() => {
        if (fs.existsSync(incoming) && fs.readdirSync(incoming).length > 0) { clearInterval(started); req.destroy(); resolve(); }
      }, 20);
      setTimeout(() => { clearInterval(started); req.destroy(); resolve(); }, 20_000);
    });
    await expect.poll(() => storeFiles(s.dataDir), { timeout: 20_000 }).toEqual([]);
    expect(s.rows()).toBe(0);
    const after = await upload(s.host.port, s.q(s.a01.id, '营业执照.pdf'), s.h(), [PDF]);
    expect(JSON.parse((after as { body: string }).body)).toMatchObject({ ok: true });
  });

  it('guards: no cookie or token → 401, a foreign or look-alike Host/Origin → 403, not POST → 405; nothing written', async () => {
    const s = await setUp();
    const port = s.host.port;
    const send = (headers: Record<string, string>, method = 'POST') => raw(port, { method, path: s.q(s.a01.id, '营业执照.pdf'), headers, body: PDF.toString('latin1'), timeoutMs: 10_000 });
    const { Cookie: _c, ...noCookie } = s.h();
    const { 'X-ICPDesk-Token': _t, ...noToken } = s.h();
    expect((await send(noCookie)).status).toBe(401);
    expect((await send(noToken)).status).toBe(401);
    expect((await send(s.h({ 'X-ICPDesk-Token': `${s.host.token}0` }))).status).toBe(401);
    expect((await send(s.h({ 'X-ICPDesk-Token': s.host.token.toUpperCase() }))).status).toBe(401);
    for (const foreign of [`evil.example:${port}`, `127.0.0.1.evil.example:${port}`, `127.0.0.1:${port + 1}`, '127.0.0.1', `localhost.:${port}`]) {
      expect((await send(s.h({ Host: foreign }))).status, `Host ${foreign}`).toBe(403);
    }
    for (const origin of ['null', 'https://evil.example', `http://127.0.0.1:${port}.evil.example`, `http://127.0.0.1:${port}@evil.example`, `https://127.0.0.1:${port}`, `http://localhost.:${port}`, 'app://icpdesk', `http://127.0.0.1:${port}/`, '']) {
      const r = await send(s.h({ Origin: origin }));
      expect(r.status, `Origin ${JSON.stringify(origin)}`).toBe(403);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect((await send(s.h(), 'PUT')).status).toBe(405);
    expect(s.rows()).toBe(0);
    expect(storeFiles(s.dataDir)).toEqual([]);
    expect((await send(s.h({ Origin: `http://127.0.0.1:${port}` }))).status).toBe(200);
    expect(s.rows()).toBe(1);
  });

  it('a base64 attachment through the JSON API is held to the default 1 MiB body (the page streams instead)', async () => {
    const s = await setUp();
    const body = JSON.stringify({ materialId: s.a01.id, fileName: '扫描件.pdf', base64: Buffer.concat([PDF, crypto.randomBytes(MB)]).toString('base64') });
    const r = await raw(s.host.port, { method: 'POST', path: '/api/attachments.add', headers: s.h({ 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) }), body, timeoutMs: 10_000 });
    expect(r.status).toBe(413);
    expect(s.rows()).toBe(0);
  });
});
