/**
 * The browser-mode download of an attachment (issue 18 §2): `GET /files/<id>?t=<token>` with the session cookie
 * answers the stored bytes named by Content-Disposition — an ASCII fallback and the exact UTF-8 name (RFC 6266 /
 * RFC 5987), so a Chinese file name arrives intact. Refused without the token or the cookie; unknown, missing and
 * altered files get a clear error.
 */
import fs from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { contentDisposition } from '../../electron/web-host/respond';
import { blobPath } from '../../db/files/store';
import { raw, useHostWithClient } from '../helpers/web-host';
import { call } from '../helpers/data';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type /Page /MediaBox [0 0 595 842]>>endobj\ntrailer<<>>\n%%EOF\n');

describe('Content-Disposition for a download', () => {
  it('gives the exact UTF-8 name in filename* (RFC 5987) and an ASCII fallback', () => {
    expect(contentDisposition('申请表.pdf')).toBe(`attachment; filename="___.pdf"; filename*=UTF-8''%E7%94%B3%E8%AF%B7%E8%A1%A8.pdf`);
    expect(contentDisposition('A01 营业执照 (副本).pdf')).toBe(`attachment; filename="A01 ____ (__).pdf"; filename*=UTF-8''A01%20%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7%20%28%E5%89%AF%E6%9C%AC%29.pdf`);
    // A byte under 0x10 is two hex digits too (RFC 5987 pct-encoded); a character outside the BMP is one "_".
    expect(contentDisposition('a\tb😀.pdf')).toBe(`attachment; filename="a_b_.pdf"; filename*=UTF-8''a%09b%F0%9F%98%80.pdf`);
    // '%' is kept out of the fallback too (old clients percent-decode it); RFC 5987 attr-chars stay as they are.
    expect(contentDisposition('100%_#$&+^`|~!.pdf')).toBe(`attachment; filename="100__#$&+^\`|~!.pdf"; filename*=UTF-8''100%25_#$&+^\`|~!.pdf`);
    expect(contentDisposition(`lease "final"\\v2;x=1'.pdf`)).toBe(`attachment; filename="lease _final__v2;x=1'.pdf"; filename*=UTF-8''lease%20%22final%22%5Cv2%3Bx%3D1%27.pdf`);
  });
});

describe('browser-mode download route', () => {
  const startHost = useHostWithClient();

  async function setUp() {
    const made = await startHost();
    const { ctx, host } = made;
    const { dataDir, cookie, materials: [a01] } = made;
    const { attachment } = await call(ctx, 'attachments.add', { materialId: a01.id, fileName: '租赁合同（2026）.pdf', base64: PDF.toString('base64') });
    const get = (p: string, c = cookie) => raw(host.port, { path: p, headers: { Host: `127.0.0.1:${host.port}`, ...(c ? { Cookie: c } : {}) } });
    return { ctx, dataDir, attachment, get, token: host.token };
  }

  it('answers the file with its original name', async () => {
    const { attachment, get, token } = await setUp();
    const r = await get(`/files/${attachment.id}?t=${token}`);
    expect(r.status).toBe(200);
    expect(r.headers['content-disposition']).toBe(`attachment; filename="_____2026_.pdf"; filename*=UTF-8''%E7%A7%9F%E8%B5%81%E5%90%88%E5%90%8C%EF%BC%882026%EF%BC%89.pdf`);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.headers['content-length']).toBe(String(PDF.length));
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.body).toBe(PDF.toString('latin1'));
  });

  it('refuses without the token or the session; unknown, missing and altered files get an error, never bytes', async () => {
    const { dataDir, attachment, get, token } = await setUp();
    expect((await get(`/files/${attachment.id}`)).status).toBe(401);
    expect((await get(`/files/${attachment.id}?t=${'0'.repeat(token.length)}`)).status).toBe(401);
    expect((await get(`/files/${attachment.id}?t=${token}`, '')).status).toBe(401);
    expect((await get(`/files/99999?t=${token}`)).status).toBe(404);
    expect((await get(`/files/..%2F..%2Fetc%2Fpasswd?t=${token}`)).status).toBe(404);
    const blob = blobPath(dataDir, attachment.sha256);
    fs.chmodSync(blob, 0o600);
    fs.appendFileSync(blob, 'tampered');
    const altered = await get(`/files/${attachment.id}?t=${token}`);
    expect([altered.status, JSON.parse(altered.body).error.code]).toEqual([409, 'BAD_FILE']);
    fs.rmSync(blob);
    const missing = await get(`/files/${attachment.id}?t=${token}`);
    expect([missing.status, JSON.parse(missing.body).error.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('an id is plain digits without a leading 0: any other form is 404 with the attachment error, never a file', async () => {
    const { attachment, get, token } = await setUp();
    expect(attachment.id).toBe(1);
    const NOT_FOUND = { ok: false, error: { code: 'NOT_FOUND', message: '附件不存在', key: 'attachment_not_found', params: {} } };
    for (const id of ['1e0', '0x1', '01', '1.', '+1', '1.0', 'x1', '9999999999999999']) {
      const r = await get(`/files/${id}?t=${token}`);
      expect([r.status, r.headers['content-type'], JSON.parse(r.body)], id).toEqual([404, 'application/json; charset=utf-8', NOT_FOUND]);
    }
    // An id that is well-formed but unknown: the service's own 404, not the 409 of an altered file.
    const unknown = await get(`/files/99999?t=${token}`);
    expect([unknown.status, JSON.parse(unknown.body)]).toEqual([404, NOT_FOUND]);
  });

  it('a failure that is not a refusal answers 500 INTERNAL (logged without details of the file), and the host keeps serving', async () => {
    const { ctx, attachment, get, token } = await setUp();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      ctx.db.close(); // the attachment lookup now throws a TypeError, not an AppError
      const r = await get(`/files/${attachment.id}?t=${token}`);
      expect([r.status, r.headers['content-type'], JSON.parse(r.body)]).toEqual([500, 'application/json; charset=utf-8', { ok: false, error: { code: 'INTERNAL', message: '请求处理失败', key: 'web_request_failed', params: {} } }]);
      expect(errors.mock.calls).toEqual([['[web-host] request failed: TypeError: The database connection is not open']]);
      expect((await get('/')).status).toBe(200);
    } finally {
      errors.mockRestore();
    }
  });
});
