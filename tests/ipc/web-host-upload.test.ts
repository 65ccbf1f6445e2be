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
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { blobPath, FILES_DIR } from '../../db/files/store';
import { raw, useHostWithClient } from '../helpers/web-host';
import { call, count } from '../helpers/data';
import { enText } from '../../shared/messages-en';

const MB = 1024 * 1024;
/** The attachment limit (spec: 50 MB per file), written out: 52,428,800 bytes. */
const LIMIT = 52_428_800;
/** The 50 MB cases write, hash and fsync 50 MB: on a loaded 2-core machine (and in `mutate:ci`, whose default is 10 s) they need longer. */
const BIG_UPLOAD_MS = 60_000;
/** A two-page PDF (its page count read by the attach service). */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type /Page /MediaBox [0 0 595 842]>>endobj\n2 0 obj<</Type /Page /MediaBox [0 0 595 842]>>endobj\ntrailer<<>>\n%%EOF\n');

/** Every file under the data folder's store (stored files and temporary ones), relative. */
function storeFiles(dataDir: string): string[] {
  const root = path.join(dataDir, FILES_DIR);
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[]).filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

type Answer = { status: number; body: string; headers: http.IncomingHttpHeaders };

/**
 * POSTs `chunks` (an array or a generator, so 50 MB need not be held) one write each, chunked unless `length` is
 * declared in the headers; resolves with status, body and headers once the answer is read, or 'reset' when the host
 * closed the connection before a whole answer arrived.
 */
function upload(port: number, pathAndQuery: string, headers: Record<string, string>, chunks: Iterable<Buffer>): Promise<Answer | 'reset'> {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: pathAndQuery, headers }, (res) => {
      const out: Buffer[] = [];
      res.on('data', (c: Buffer) => out.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(out).toString('utf8'), headers: res.headers }));
    });
    // A reset while still writing may come before the answer was parsed: 'close' comes after both.
    req.on('error', () => undefined);
    req.on('close', () => resolve('reset'));
    req.setTimeout(20_000, () => req.destroy(new Error('no answer within 20 s')));
    (async () => {
      for (const c of chunks) {
        if (req.destroyed) return;
        if (!req.write(c)) await new Promise<void>((r) => { const on = () => { req.off('drain', on); req.off('close', on); r(); }; req.on('drain', on); req.on('close', on); });
      }
      req.end();
    })().catch(() => undefined);
  });
}

/** `total` bytes as 1 MiB pieces of `piece` (the last one cut), generated one at a time. */
function* bytes(total: number, piece: Buffer): Generator<Buffer> {
  for (let sent = 0; sent < total; sent += piece.length) yield piece.subarray(0, Math.min(piece.length, total - sent));
}

/** The answer, failing the test on a reset. */
function answered(r: Answer | 'reset'): Answer {
  expect(r, 'the host closed the connection before answering').not.toBe('reset');
  return r as Answer;
}

describe('browser-mode attach upload (streamed)', () => {
  const startHost = useHostWithClient();
  afterEach(() => { vi.restoreAllMocks(); });

  async function setUp() {
    const made = await startHost();
    const { ctx, host } = made;
    const { dataDir, cookie, materials: [a01, a02] } = made;
    const h = (extra: Record<string, string> = {}) => ({ Host: `127.0.0.1:${host.port}`, Cookie: cookie, 'X-ICPDesk-Token': host.token, 'Content-Type': 'application/octet-stream', ...extra });
    const q = (materialId: number, fileName: string) => `/host/attachments?materialId=${materialId}&fileName=${encodeURIComponent(fileName)}`;
    return { ctx, host, dataDir, a01, a02, h, q, rows: () => count(ctx.db, 'attachments') };
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

  /** The coded 413 answer for `fileName`, zh and en. */
  const tooLarge = (fileName: string) => ({
    ok: false,
    error: { code: 'VALIDATION', key: 'attachment_too_large', message: `文件“${fileName}”超过 50 MB`, params: { fileName }, details: { reason: 'TOO_LARGE' } },
  });

  it('over 50 MB by declared length: 413 with the coded refusal and Connection: close, before a byte is stored', async () => {
    const s = await setUp();
    const declared = await raw(s.host.port, { method: 'POST', path: s.q(s.a01.id, '扫描件.pdf'), headers: s.h({ 'Content-Length': String(LIMIT + 1) }), timeoutMs: 20_000 });
    expect(declared.status).toBe(413);
    const env = JSON.parse(declared.body);
    expect(env).toMatchObject(tooLarge('扫描件.pdf'));
    expect(enText({ code: env.error.key, params: env.error.params })).toBe('The file “扫描件.pdf” is larger than 50 MB');
    expect(declared.headers.connection).toBe('close');
    expect(s.rows()).toBe(0);
    expect(storeFiles(s.dataDir)).toEqual([]);
  });

  it('a declared length of exactly 50 MB (52,428,800 bytes) is accepted and stored whole, the connection kept', async () => {
    const s = await setUp();
    const piece = Buffer.alloc(MB, 'scan line ');
    const r = answered(await upload(s.host.port, s.q(s.a01.id, '扫描件.dat'), s.h({ 'Content-Length': String(LIMIT) }), bytes(LIMIT, piece)));
    expect(r.status).toBe(200);
    expect(r.headers.connection).not.toBe('close');
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { attachment: { fileName: '扫描件.dat', size: LIMIT } } });
    expect(s.rows()).toBe(1);
  }, BIG_UPLOAD_MS);

  it('streamed past 50 MB (one byte more, no declared length): 413 with Connection: close; no file, no temporary file, no row', async () => {
    const s = await setUp();
    const piece = crypto.randomBytes(MB);
    piece.write('%PDF-1.4\n', 0, 'latin1');
    const r = answered(await upload(s.host.port, s.q(s.a01.id, '扫描件.pdf'), s.h(), bytes(LIMIT + 1, piece)));
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toMatchObject(tooLarge('扫描件.pdf'));
    expect(r.headers.connection).toBe('close');
    await expect.poll(() => storeFiles(s.dataDir), { timeout: 20_000 }).toEqual([]);
    expect(s.rows()).toBe(0);
  }, BIG_UPLOAD_MS);

  it('streamed, exactly 50 MB is accepted (a PDF, its pages counted over the whole file)', async () => {
    const s = await setUp();
    const piece = crypto.randomBytes(MB);
    piece.write('%PDF-1.4\n', 0, 'latin1');
    const exact = answered(await upload(s.host.port, s.q(s.a01.id, '扫描件.pdf'), s.h(), bytes(LIMIT, piece)));
    expect(JSON.parse(exact.body)).toMatchObject({ ok: true, value: { attachment: { size: LIMIT } } });
  }, BIG_UPLOAD_MS);

  it('the uploader is stored as given (addedBy), and null when the query names none', async () => {
    const s = await setUp();
    const by = answered(await upload(s.host.port, `${s.q(s.a01.id, '租赁合同.pdf')}&addedBy=${encodeURIComponent('王会计')}`, s.h(), [PDF]));
    const env = JSON.parse(by.body);
    expect(env).toMatchObject({ ok: true, value: { attachment: { fileName: '租赁合同.pdf', addedBy: '王会计' } } });
    const none = answered(await upload(s.host.port, s.q(s.a02.id, '房产证.pdf'), s.h(), [PDF]));
    expect(JSON.parse(none.body)).toMatchObject({ ok: true, value: { attachment: { fileName: '房产证.pdf', addedBy: null } } });
    const listed = await call(s.ctx, 'attachments.list', { clientId: env.value.attachment.clientId });
    expect(listed.map((a) => [a.fileName, a.addedBy])).toEqual([['租赁合同.pdf', '王会计'], ['房产证.pdf', null]]);
  });

  it('the route\'s own refusals are coded (key, zh message, English text): 405, 401, 400', async () => {
    const s = await setUp();
    const port = s.host.port;
    const refusal = async (method: string, pathAndQuery: string, headers: Record<string, string>) => {
      const r = await raw(port, { method, path: pathAndQuery, headers, body: PDF.toString('latin1'), timeoutMs: 10_000 });
      const env = JSON.parse(r.body);
      return { status: r.status, env, en: enText({ code: env.error.key, params: env.error.params }) };
    };
    expect(await refusal('PUT', s.q(s.a01.id, '营业执照.pdf'), s.h())).toEqual({
      status: 405, env: { ok: false, error: { code: 'FORBIDDEN', key: 'web_post_only', message: '只接受 POST', params: {} } }, en: 'Only POST is accepted',
    });
    expect(await refusal('POST', s.q(s.a01.id, '营业执照.pdf'), s.h({ 'X-ICPDesk-Token': 'x' }))).toEqual({
      status: 401, env: { ok: false, error: { code: 'FORBIDDEN', key: 'web_bad_token', message: '缺少或错误的访问令牌', params: {} } }, en: 'The access token is missing or wrong',
    });
    expect(await refusal('POST', `/host/attachments?materialId=${s.a01.id}`, s.h())).toEqual({
      status: 400, env: { ok: false, error: { code: 'VALIDATION', key: 'web_bad_upload', message: '上传缺少有效的材料项或文件名', params: {} } }, en: 'The upload does not name a valid item and file name',
    });
    expect(s.rows()).toBe(0);
  });

  it('a refusal before the end of the body answers with Connection: close (the rest is never read); a whole upload keeps the connection', async () => {
    const s = await setUp();
    const mz = Buffer.concat([Buffer.from('MZ'), crypto.randomBytes(MB)]);
    const refused = answered(await upload(s.host.port, s.q(s.a01.id, '营业执照.pdf'), s.h(), [mz]));
    expect(refused.status).toBe(200);
    expect(JSON.parse(refused.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION', key: 'attachment_executable' } });
    expect(refused.headers.connection).toBe('close');
    const ok = answered(await upload(s.host.port, s.q(s.a01.id, '营业执照.pdf'), s.h(), [PDF]));
    expect(ok.status).toBe(200);
    expect(ok.headers.connection).toBe('keep-alive');
  });

  it('a store that fails answers INTERNAL, logged under attachments.add; an aborted upload is not logged as a failure', async () => {
    const s = await setUp();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    s.ctx.db.close();
    const r = answered(await upload(s.host.port, s.q(s.a01.id, '营业执照.pdf'), s.h(), [PDF]));
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(errors).toHaveBeenCalledWith(expect.stringContaining('[dispatch] attachments.add failed'));
  });

  it('an upload aborted half-way leaves no temporary file and no row, is not logged as a failure, and the host keeps serving', async () => {
    const s = await setUp();
    const errors = vi.spyOn(console, 'error');
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
    expect(errors).not.toHaveBeenCalled(); // the page went away: no INTERNAL, nothing answered
    const after = answered(await upload(s.host.port, s.q(s.a01.id, '营业执照.pdf'), s.h(), [PDF]));
    expect(JSON.parse(after.body)).toMatchObject({ ok: true });
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

describe('browser-mode attach upload, several at once (issue 18: the page uploads two files of a batch at a time)', () => {
  const startHost = useHostWithClient();

  async function setUp() {
    const made = await startHost();
    const { ctx, host } = made;
    const { dataDir, cookie, materials: [a01, a02] } = made;
    const h = { Host: `127.0.0.1:${host.port}`, Cookie: cookie, 'X-ICPDesk-Token': host.token, 'Content-Type': 'application/octet-stream' };
    const q = (materialId: number, fileName: string, order?: string) =>
      `/host/attachments?materialId=${materialId}&fileName=${encodeURIComponent(fileName)}${order ? `&order=${encodeURIComponent(order)}` : ''}`;
    /** The item's rows as [file name, sort], in list order. */
    const sorted = (materialId: number) => (ctx.db.prepare('SELECT file_name, sort FROM attachments WHERE material_id = ? ORDER BY sort, id').all(materialId) as { file_name: string; sort: number }[]).map((r) => [r.file_name, r.sort]);
    return { ctx, host, dataDir, a01, a02, h, q, sorted };
  }

  /** Starts a POST and writes `head`; `finish(tail)` writes the rest and resolves with the answer. */
  function started(port: number, pathAndQuery: string, headers: Record<string, string>, head: Buffer) {
    let resolveAnswer!: (a: Answer) => void;
    const answer = new Promise<Answer>((r) => { resolveAnswer = r; });
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: pathAndQuery, headers }, (res) => {
      const out: Buffer[] = [];
      res.on('data', (c: Buffer) => out.push(c));
      res.on('end', () => resolveAnswer({ status: res.statusCode ?? 0, body: Buffer.concat(out).toString('utf8'), headers: res.headers }));
    });
    req.on('error', () => undefined);
    req.write(head);
    return { finish: (tail: Buffer) => { req.end(tail); return answer; }, abort: () => req.destroy() };
  }

  it('the batch keeps the user\'s order: the second (small) file finishes first, the first (8 MB) still gets the lower sort number', async () => {
    const s = await setUp();
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), crypto.randomBytes(8 * MB)]);
    const first = started(s.host.port, s.q(s.a01.id, '1-租赁合同.pdf', 'b7:0:2'), s.h, big.subarray(0, MB));
    await expect.poll(() => fs.existsSync(path.join(s.dataDir, FILES_DIR, '.incoming')) && fs.readdirSync(path.join(s.dataDir, FILES_DIR, '.incoming')).length, { timeout: 20_000 }).toBe(1);
    const second = answered(await upload(s.host.port, s.q(s.a01.id, '2-房产证.pdf', 'b7:1:2'), s.h, [PDF]));
    expect(JSON.parse(second.body)).toMatchObject({ ok: true, value: { attachment: { fileName: '2-房产证.pdf' } } });
    expect(s.sorted(s.a01.id)).toEqual([['2-房产证.pdf', 2]]); // finished first, yet placed second
    const firstAnswer = await first.finish(big.subarray(MB));
    expect(JSON.parse(firstAnswer.body)).toMatchObject({ ok: true, value: { attachment: { fileName: '1-租赁合同.pdf', size: big.length } } });
    expect(s.sorted(s.a01.id)).toEqual([['1-租赁合同.pdf', 1], ['2-房产证.pdf', 2]]);
    const listed = await call(s.ctx, 'attachments.list', { clientId: JSON.parse(second.body).value.attachment.clientId });
    expect(listed.map((a) => a.fileName)).toEqual(['1-租赁合同.pdf', '2-房产证.pdf']);
    // A file added afterwards, alone or in a new batch, goes after the batch.
    answered(await upload(s.host.port, s.q(s.a01.id, '3-补充.pdf'), s.h, [Buffer.concat([PDF, Buffer.from('3')])]));
    answered(await upload(s.host.port, s.q(s.a01.id, '4-补充.pdf', 'c1:0:1'), s.h, [Buffer.concat([PDF, Buffer.from('4')])]));
    expect(s.sorted(s.a01.id).map(([, n]) => n)).toEqual([1, 2, 3, 4]);
  });

  it('a file of the batch cancelled half-way leaves no row and no file; the others keep their order; a later file goes past the block', async () => {
    const s = await setUp();
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), crypto.randomBytes(4 * MB)]);
    const cancelled = started(s.host.port, s.q(s.a01.id, '2-扫描件.pdf', 'k:1:3'), { ...s.h, 'Content-Length': String(big.length) }, big.subarray(0, MB));
    await expect.poll(() => fs.existsSync(path.join(s.dataDir, FILES_DIR, '.incoming')) && fs.readdirSync(path.join(s.dataDir, FILES_DIR, '.incoming')).length, { timeout: 20_000 }).toBe(1);
    answered(await upload(s.host.port, s.q(s.a01.id, '3-营业执照.pdf', 'k:2:3'), s.h, [Buffer.concat([PDF, Buffer.from('3')])]));
    cancelled.abort();
    answered(await upload(s.host.port, s.q(s.a01.id, '1-身份证.pdf', 'k:0:3'), s.h, [Buffer.concat([PDF, Buffer.from('1')])]));
    await expect.poll(() => storeFiles(s.dataDir).length, { timeout: 20_000 }).toBe(2); // the cancelled one's temporary file is gone
    answered(await upload(s.host.port, s.q(s.a01.id, '4-后补.pdf'), s.h, [Buffer.concat([PDF, Buffer.from('4')])]));
    expect(s.sorted(s.a01.id)).toEqual([['1-身份证.pdf', 1], ['3-营业执照.pdf', 3], ['4-后补.pdf', 4]]);
  });

  it('twelve uploads at once to one item (two batches, single files, the same content twice): every row written, sort numbers unique, duplicates named, one stored file per content', async () => {
    const s = await setUp();
    const content = (i: number) => Buffer.concat([PDF, Buffer.from(`% file ${i}\n`), crypto.randomBytes((i % 3) * MB)]);
    const same = content(99);
    const jobs: { name: string; order?: string; body: Buffer }[] = [
      ...[0, 1, 2, 3].map((i) => ({ name: `甲-${i}.pdf`, order: `batch-a:${i}:4`, body: content(i) })),
      ...[0, 1, 2, 3].map((i) => ({ name: `乙-${i}.pdf`, order: `batch-b:${i}:4`, body: i === 2 ? same : content(10 + i) })),
      { name: '单-1.pdf', body: content(20) }, { name: '单-2.pdf', body: same }, { name: '单-3.pdf', body: content(21) },
      { name: '甲-副本.pdf', order: 'batch-c:0:1', body: same },
    ];
    const answers = await Promise.all(jobs.map((j) => upload(s.host.port, s.q(s.a01.id, j.name, j.order), s.h, [j.body.subarray(0, 100), j.body.subarray(100)])));
    const envs = answers.map((a) => JSON.parse(answered(a).body));
    expect(envs.every((e) => e.ok), JSON.stringify(envs.filter((e) => !e.ok))).toBe(true);
    const rows = s.sorted(s.a01.id);
    expect(rows).toHaveLength(12);
    expect(new Set(rows.map(([, n]) => n)).size).toBe(12);
    const place = (name: string) => rows.findIndex(([f]) => f === name);
    for (const batch of ['甲', '乙']) {
      const places = [0, 1, 2, 3].map((i) => place(`${batch}-${i}.pdf`));
      expect(places, batch).toEqual([...places].sort((x, y) => x - y));
    }
    const sortOf = (name: string) => rows[place(name)]![1] as number;
    const block = (b: string) => [0, 1, 2, 3].map((i) => sortOf(`${b}-${i}.pdf`));
    expect(block('甲').every((n, i) => n === block('甲')[0]! + i)).toBe(true);
    expect(block('乙').every((n, i) => n === block('乙')[0]! + i)).toBe(true);
    // The same content three times: one stored file; each later arrival names the earlier ones, the first none.
    const sha = crypto.createHash('sha256').update(same).digest('hex');
    const dupes = envs.filter((e) => e.value.attachment.sha256 === sha).map((e) => e.value.duplicateOf.length).sort();
    expect(dupes).toEqual([0, 1, 2]);
    expect(storeFiles(s.dataDir)).toHaveLength(10); // 12 rows, 10 distinct contents, no temporary file
    expect(s.ctx.db.prepare("SELECT count(*) AS n FROM events WHERE kind = 'attachment.add'").get()).toEqual({ n: 12 });
  });

  it('a bad order is refused before a byte is stored (400): index not below count, count 0 or over 1000, a bad batch id', async () => {
    const s = await setUp();
    for (const bad of ['b:2:2', 'b:0:0', 'b:0:1001', 'b c:0:1', 'b:0', ':0:1', `${'x'.repeat(65)}:0:1`, 'b:-1:2', 'b:1.5:2']) {
      const r = answered(await upload(s.host.port, s.q(s.a01.id, '营业执照.pdf', bad), s.h, [PDF]));
      expect(r.status, bad).toBe(400);
    }
    expect(count(s.ctx.db, 'attachments')).toBe(0);
    for (const good of ['b:0:1', 'b_2-x:999:1000', `${'x'.repeat(64)}:0:1`]) {
      const r = answered(await upload(s.host.port, s.q(s.a01.id, `${good.length}.pdf`, good), s.h, [Buffer.concat([PDF, Buffer.from(good)])]));
      expect(JSON.parse(r.body), good).toMatchObject({ ok: true });
    }
    expect(s.sorted(s.a01.id).map(([, n]) => n)).toEqual([1, 1001, 1002]); // b's block 1; b_2-x's 2…1001 (index 999 → 1001); the next after
  });
});
