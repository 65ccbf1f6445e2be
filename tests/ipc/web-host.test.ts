import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { startWebHost, safeStaticPath, type WebHost } from '../../electron/web-host';
import { testContext } from '../helpers/context';

/** Raw request so Host/Origin headers can be forged (fetch does not allow setting Host). */
function raw(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
    });
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

describe('browser-mode host', () => {
  let host: WebHost;
  let ctx: ReturnType<typeof testContext>;
  let rendererDir: string;
  const create = JSON.stringify({ client: { name: '太原晋祠兴旅游服务有限公司', uscc: '91140106MA1QN6K440', city: '太原市' } });
  const count = () => (ctx.db.prepare('SELECT count(*) n FROM clients').get() as { n: number }).n;
  const h = (extra: Record<string, string> = {}) => ({ Host: `127.0.0.1:${host.port}`, 'Content-Type': 'application/json', 'X-ICPDesk-Token': host.token, ...extra });

  beforeEach(async () => {
    ctx = testContext();
    rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'icpdesk-r-'));
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<html><head></head><body>app</body></html>');
    fs.writeFileSync(path.join(path.dirname(rendererDir), 'secret.txt'), 'secret');
    host = await startWebHost({ ctx, rendererDir, maxBodyBytes: 1024 * 1024 });
  });
  afterEach(async () => host.close());

  it('listens on 127.0.0.1 and answers a valid call', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const r = await raw(host.port, { method: 'POST', path: '/api/clients.create', headers: h(), body: create });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { client: { uscc: '91140106MA1QN6K440' } } });
    expect(count()).toBe(1);
  });

  it('refuses tokenless, wrong-token, foreign-Host, foreign-Origin and oversized requests, changing nothing', async () => {
    const cases: Array<[string, Record<string, string>, number, string?]> = [
      ['no token', { Host: `127.0.0.1:${host.port}`, 'Content-Type': 'application/json' }, 401],
      ['wrong token', h({ 'X-ICPDesk-Token': 'x'.repeat(host.token.length) }), 401],
      ['token in query only', { Host: `127.0.0.1:${host.port}` }, 401],
      ['foreign Host (DNS rebinding)', h({ Host: `evil.example:${host.port}` }), 403],
      ['foreign Origin', h({ Origin: 'https://evil.example' }), 403],
      ['oversized body', h(), 413, JSON.stringify({ client: { name: 'x'.repeat(2 * 1024 * 1024) } })],
    ];
    for (const [name, headers, status, body] of cases) {
      const r = await raw(host.port, { method: 'POST', path: name === 'token in query only' ? `/api/clients.create?token=${host.token}` : '/api/clients.create', headers, body: body ?? create });
      expect(r.status, name).toBe(status);
      expect(r.headers['access-control-allow-origin'], name).toBeUndefined();
    }
    expect(count()).toBe(0);
  });

  it('allows the same-origin Origin header', async () => {
    const r = await raw(host.port, { method: 'POST', path: '/api/app.info', headers: h({ Origin: `http://127.0.0.1:${host.port}` }), body: '{}' });
    expect(r.status).toBe(200);
  });

  it('serves index.html with the token meta and a CSP; never files outside the renderer folder', async () => {
    const r = await raw(host.port, { path: '/', headers: { Host: `127.0.0.1:${host.port}` } });
    expect(r.body).toContain(`<meta name="icpdesk-token" content="${host.token}">`);
    expect(r.headers['content-security-policy']).toContain("default-src 'self'");
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%5csecret.txt']) {
      const x = await raw(host.port, { path: p, headers: { Host: `127.0.0.1:${host.port}` } });
      expect(x.body, p).not.toContain('secret');
    }
    expect(safeStaticPath('/srv/r', '/../../etc/passwd')).toBeNull();
    expect(safeStaticPath('/srv/r', '/%2e%2e/x')).toBeNull();
  });

  it('unknown methods and bad JSON get coded errors', async () => {
    const u = await raw(host.port, { method: 'POST', path: '/api/clients.drop', headers: h(), body: '{}' });
    expect(JSON.parse(u.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    const b = await raw(host.port, { method: 'POST', path: '/api/clients.create', headers: h(), body: '{nope' });
    expect(b.status).toBe(400);
    expect(count()).toBe(0);
  });
});
