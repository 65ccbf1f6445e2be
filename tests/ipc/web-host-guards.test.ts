/**
 * The browser-mode host's guards, tested against plausible attacks rather than only obviously foreign requests
 * (issue 20): a foreign Host on every route (DNS rebinding reads the page that carries the token, not just the API),
 * `Origin: null` (sandboxed iframes, file: pages), look-alike hosts and origins, a missing Host, tokens of another
 * length, oversized bodies by declared length and while streaming. All through HTTP, so they hold however the host
 * is written. Where the host requires a session (a one-time launch URL exchanged for a cookie), `session()` opens
 * it like the user's browser; the Host/Origin refusals must hold with or without it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import net from 'node:net';
import { startWebHost, safeStaticPath, type WebHost } from '../../electron/web-host';
import { UploadSlot } from '../../electron/web-host/limits';
import { testContext } from '../helpers/context';
import { raw as rawRequest } from '../helpers/web-host';
import { testTempDir } from '../helpers/temp-dirs';

/** Raw request (tests/helpers/web-host.ts) that fails after 5 s of silence. */
const raw = (port: number, opts: Parameters<typeof rawRequest>[1]) => rawRequest(port, { timeoutMs: 5000, ...opts });

/** Sends a hand-written request over a socket (no Host header at all); resolves with the raw answer. */
function rawSocket(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => s.end(text));
    let out = '';
    s.setEncoding('utf8');
    s.on('data', (d: string) => (out += d));
    s.on('end', () => resolve(out));
    s.on('error', reject);
    s.setTimeout(5000, () => s.destroy(new Error('no answer within 5 s')));
  });
}

/** The session cookie ("name=value") if the host hands one out through a one-time launch URL; '' otherwise. */
async function session(host: WebHost): Promise<string> {
  const launchUrl = (host as WebHost & { launchUrl?: string }).launchUrl;
  if (!launchUrl) return '';
  const u = new URL(launchUrl);
  const r = await raw(host.port, { path: u.pathname + u.search, headers: { Host: `127.0.0.1:${host.port}` } });
  return (r.headers['set-cookie']?.[0] ?? '').split(';')[0];
}
const cookieHeader = (cookie: string): Record<string, string> => (cookie ? { Cookie: cookie } : {});

describe('browser-mode host guards', () => {
  let host: WebHost;
  let ctx: ReturnType<typeof testContext>;
  let rendererDir: string;
  let cookie = '';
  const create = JSON.stringify({ client: { name: '太原晋祠兴旅游服务有限公司', uscc: '91140106MA1QN6K440', city: '太原市' } });
  const count = () => (ctx.db.prepare('SELECT count(*) n FROM clients').get() as { n: number }).n;
  /** Headers of a page request from the user's own browser tab (plus `extra`). */
  const page = (extra: Record<string, string> = {}) => ({ Host: `127.0.0.1:${host.port}`, ...cookieHeader(cookie), ...extra });
  /** Headers of an API call from the app's page (plus `extra`). */
  const h = (extra: Record<string, string> = {}) => page({ 'Content-Type': 'application/json', 'X-ICPDesk-Token': host.token, ...extra });

  beforeEach(async () => {
    ctx = testContext();
    rendererDir = testTempDir('icpdesk-r-');
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<html><head></head><body>app</body></html>');
    host = await startWebHost({ ctx, rendererDir, maxBodyBytes: 1024 * 1024 });
    cookie = await session(host);
  });
  afterEach(async () => host.close());

  describe('Host and Origin guard on every route (DNS rebinding, cross-site pages)', () => {
    const api = (headers: Record<string, string>) => raw(host.port, { method: 'POST', path: '/api/clients.create', headers, body: create });

    it('a foreign Host is refused on /, on client-side routes and on static files, and never sees the token', async () => {
      fs.mkdirSync(path.join(rendererDir, 'assets'));
      fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
      for (const p of ['/', '/index.html', '/clients/1', '/assets/app.js']) {
        for (const foreign of [`evil.example:${host.port}`, `127.0.0.1.evil.example:${host.port}`, `127.0.0.1:${host.port + 1}`, '127.0.0.1', 'localhost']) {
          const r = await raw(host.port, { path: p, headers: page({ Host: foreign }) });
          expect(r.status, `${p} Host ${foreign}`).toBe(403);
          expect(r.body, `${p} Host ${foreign}`).not.toContain(host.token);
          expect(r.body, `${p} Host ${foreign}`).not.toContain('console.log');
          expect(r.headers['set-cookie'], `${p} Host ${foreign}`).toBeUndefined();
        }
      }
      // The same requests with the real Host are served.
      expect((await raw(host.port, { path: '/assets/app.js', headers: page() })).body).toBe('console.log(1)');
      expect((await raw(host.port, { path: '/clients/1', headers: page({ Host: `localhost:${host.port}` }) })).status).toBe(200);
    });

    it('localhost:<port> and 127.0.0.1:<port> are both the app; other ports and look-alike names are not', async () => {
      expect((await api(h({ Host: `localhost:${host.port}` }))).status).toBe(200);
      expect((await api(h({ Host: `127.0.0.1:${host.port}` }))).status).toBe(200);
      for (const foreign of [`localhost:${host.port + 1}`, `localhost.evil:${host.port}`, `LOCALHOST.evil:${host.port}`, `evil.example`, `127.0.0.1:${host.port}.evil`, `127.0.0.1:${host.port}@evil`, `[::1]:${host.port}`, `0.0.0.0:${host.port}`]) {
        const r = await api(h({ Host: foreign }));
        expect(r.status, foreign).toBe(403);
        expect(JSON.parse(r.body), foreign).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      }
      expect(count()).toBe(1); // the second create of the same USCC is a conflict
    });

    it('a request without any Host header is refused (HTTP/1.0 and 1.1), without the token', async () => {
      for (const line of ['GET / HTTP/1.0', 'GET / HTTP/1.1', `POST /api/app.info HTTP/1.0\r\nX-ICPDesk-Token: ${host.token}\r\nContent-Length: 2`]) {
        const answer = await rawSocket(host.port, `${line}\r\nConnection: close\r\n\r\n${line.startsWith('POST') ? '{}' : ''}`);
        expect(answer, line).toMatch(/^HTTP\/1\.[01] (400|403) /);
        expect(answer, line).not.toContain(host.token);
      }
    });

    it('Origin: null and look-alike origins are refused on the API and on pages, changing nothing', async () => {
      const port = host.port;
      const foreign = [
        'null', 'https://evil.example', `http://evil.example:${port}`, `https://127.0.0.1:${port}`, `http://127.0.0.1:${port + 1}`,
        `http://127.0.0.1:${port}.evil.example`, `http://127.0.0.1:${port}@evil.example`, `http://localhost.:${port}`,
        `http://127.0.0.1`, `file://`, `app://icpdesk`, `https:/127.0.0.1:${port}`, `httpx:/127.0.0.1:${port}`, `http://127.0.0.1:${port}/`, `127.0.0.1:${port}`, '',
      ];
      for (const origin of foreign) {
        const r = await api(h({ Origin: origin }));
        expect(r.status, `Origin ${JSON.stringify(origin)}`).toBe(403);
        expect(JSON.parse(r.body), origin).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
        const doc = await raw(host.port, { path: '/', headers: page({ Origin: origin }) });
        expect(doc.status, `page, Origin ${JSON.stringify(origin)}`).toBe(403);
        expect(doc.body).not.toContain(host.token);
      }
      expect(count()).toBe(0);
      for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
        expect((await api(h({ Origin: origin }))).status, origin).toBe(200);
      }
      expect(count()).toBe(1);
    });
  });

  describe('API details', () => {
    it('a token of another length, or in another header, is refused with 401 and nothing changes', async () => {
      for (const headers of [
        h({ 'X-ICPDesk-Token': host.token.slice(0, -1) }), h({ 'X-ICPDesk-Token': `${host.token}0` }), h({ 'X-ICPDesk-Token': '' }),
        h({ 'X-ICPDesk-Token': host.token.toUpperCase() }), { ...page(), Authorization: `Bearer ${host.token}` },
      ]) {
        const r = await raw(host.port, { method: 'POST', path: '/api/clients.create', headers, body: create });
        expect(r.status).toBe(401);
        expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      }
      expect(count()).toBe(0);
    });

    it('only POST reaches the API; only GET and HEAD reach pages', async () => {
      for (const method of ['GET', 'PUT', 'DELETE']) {
        const r = await raw(host.port, { method, path: '/api/app.info', headers: h() });
        expect(r.status, method).toBe(405);
        expect(JSON.parse(r.body), method).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '只接受 POST', key: 'web_post_only', params: {} } });
      }
      for (const method of ['POST', 'PUT', 'DELETE']) {
        const r = await raw(host.port, { method, path: '/', headers: h() });
        expect([r.status, r.body], method).toEqual([405, '']);
      }
      const head = await raw(host.port, { method: 'HEAD', path: '/', headers: page() });
      expect(head.status).toBe(200);
      expect(head.headers['content-type']).toBe('text/html; charset=utf-8');
    });

    it('an oversized body is refused by its declared length and, without one, while streaming; nothing is written', async () => {
      const big = JSON.stringify({ client: { name: 'x'.repeat(2 * 1024 * 1024), uscc: '91140106MA1QN6K440', city: '太原市' } });
      const declared = await raw(host.port, { method: 'POST', path: '/api/clients.create', headers: h({ 'Content-Length': String(Buffer.byteLength(big)) }), body: big });
      expect(declared.status).toBe(413);
      expect(JSON.parse(declared.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      const streamed = await new Promise<number>((resolve) => {
        const req = http.request({ host: '127.0.0.1', port: host.port, method: 'POST', path: '/api/clients.create', headers: { ...h(), 'Transfer-Encoding': 'chunked' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', () => undefined); // the host closes the upload once it is over the limit
        for (let i = 0; i < 4; i++) req.write('x'.repeat(512 * 1024));
        req.end();
      });
      expect(streamed).toBe(413);
      // Exactly at the limit is still read (and then judged by the contract).
      const small = await startWebHost({ ctx, rendererDir, maxBodyBytes: Buffer.byteLength(create) });
      try {
        const smallHeaders = { Host: `127.0.0.1:${small.port}`, 'X-ICPDesk-Token': small.token, ...cookieHeader(await session(small)) };
        // Declared exactly at the limit (Content-Length, not chunked): read, not refused.
        const r = await raw(small.port, { method: 'POST', path: '/api/clients.create', headers: { ...smallHeaders, 'Content-Length': String(Buffer.byteLength(create)) }, body: create });
        expect(r.status).toBe(200);
        const over = await raw(small.port, { method: 'POST', path: '/api/clients.create', headers: smallHeaders, body: `${create} ` });
        expect(over.status).toBe(413);
      } finally {
        await small.close();
      }
      expect(count()).toBe(1);
    });

    it('an empty body is the empty input; the method name is URL-decoded; answers are JSON, not cached, not sniffed', async () => {
      const r = await raw(host.port, { method: 'POST', path: '/api/app%2Einfo', headers: h() });
      expect(r.status).toBe(200);
      expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { today: '2026-11-27' } });
      expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(r.headers['cache-control']).toBe('no-store');
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      const bad = await raw(host.port, { method: 'POST', path: '/api/clients.create', headers: h(), body: '{nope' });
      expect(JSON.parse(bad.body)).toEqual({ ok: false, error: { code: 'VALIDATION', message: '请求不是有效的 JSON', key: 'web_bad_json', params: {} } });
    });
  });

  describe('static files', () => {
    it('serves files with their type; a missing file with an extension is 404; a missing route is the app page', async () => {
      fs.mkdirSync(path.join(rendererDir, 'assets'));
      fs.writeFileSync(path.join(rendererDir, 'assets', 'a.css'), 'body{}');
      fs.writeFileSync(path.join(rendererDir, 'assets', 'a.bin'), 'bin');
      const get = (p: string) => raw(host.port, { path: p, headers: page() });
      const css = await get('/assets/a.css');
      expect([css.status, css.headers['content-type'], css.body]).toEqual([200, 'text/css; charset=utf-8', 'body{}']);
      expect((await get('/assets/a.bin')).headers['content-type']).toBe('application/octet-stream');
      const missing = await get('/assets/missing.js');
      expect([missing.status, missing.body, missing.headers['content-type']]).toEqual([404, 'not found', 'text/plain; charset=utf-8']);
      const index = await get('/');
      expect(index.body).toBe(`<html><head><meta name="icpdesk-token" content="${host.token}"></head><body>app</body></html>`);
      for (const route of ['/clients/12', '/assets', '/weekly/2026-W48']) {
        const doc = await get(route);
        expect(doc.status, route).toBe(200);
        expect(doc.headers['content-type'], route).toBe('text/html; charset=utf-8');
        expect(doc.body, route).toContain(`<meta name="icpdesk-token" content="${host.token}"></head>`);
      }
      const undecodable = await get('/%E0%A4%A');
      expect([undecodable.status, undecodable.body, undecodable.headers['content-type']]).toEqual([404, 'not found', 'text/plain; charset=utf-8']);
      expect((await get('/index.html%00.js')).status).toBe(404);
    });

    it('each asset type is served with its own Content-Type (with nosniff a wrong one would break the page)', async () => {
      const types: Record<string, string> = {
        'a.js': 'text/javascript; charset=utf-8', 'a.css': 'text/css; charset=utf-8', 'a.json': 'application/json',
        'a.svg': 'image/svg+xml', 'a.png': 'image/png', 'a.woff2': 'font/woff2', 'favicon.ico': 'image/x-icon', 'page.html': 'text/html; charset=utf-8',
      };
      for (const f of Object.keys(types)) fs.writeFileSync(path.join(rendererDir, f), f.endsWith('.html') ? '<html><head></head></html>' : 'x');
      for (const [f, type] of Object.entries(types)) {
        const r = await raw(host.port, { path: `/${f}`, headers: page() });
        expect([r.status, r.headers['content-type'], r.headers['x-content-type-options'], r.headers['cache-control']], f).toEqual([200, type, 'nosniff', 'no-store']);
      }
    });

    it('a declared oversized body is refused at once, before any of it is sent', async () => {
      const r = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port: host.port, method: 'POST', path: '/api/clients.create', headers: { ...h(), 'Content-Length': String(10 * 1024 ** 3) } }, (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.setTimeout(5000, () => req.destroy(new Error('the host waited for a 10 GB body instead of refusing it')));
        req.flushHeaders(); // headers only: the body never comes
      });
      expect(r.status).toBe(413);
      expect(JSON.parse(r.body)).toEqual({ ok: false, error: { code: 'VALIDATION', message: '请求过大', key: 'web_too_large', params: {} } });
      expect(count()).toBe(0);
    });

    it('listens on 127.0.0.1 only, on the port asked for; a taken port is an error; close() stops it', async () => {
      expect((host.server.address() as net.AddressInfo).address).toBe('127.0.0.1');
      await expect(startWebHost({ ctx, rendererDir, port: host.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
      const probe = net.createServer();
      const port = await new Promise<number>((r) => probe.listen(0, '127.0.0.1', () => r((probe.address() as net.AddressInfo).port)));
      await new Promise<void>((r) => probe.close(() => r()));
      const fixed = await startWebHost({ ctx, rendererDir, port });
      expect([fixed.port, fixed.url]).toEqual([port, `http://127.0.0.1:${port}/`]);
      await fixed.close();
      await expect(raw(port, { path: '/', headers: { Host: `127.0.0.1:${port}` } })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    });

    it('a refusal says what was refused (Host or Origin), so a user behind a proxy can tell', async () => {
      const host403 = await raw(host.port, { path: '/', headers: page({ Host: 'evil.example' }) });
      expect(JSON.parse(host403.body)).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'Host 不被允许', key: 'web_host_not_allowed', params: {} } });
      const origin403 = await raw(host.port, { path: '/', headers: page({ Origin: 'null' }) });
      expect(JSON.parse(origin403.body)).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'Origin 不被允许', key: 'web_origin_not_allowed', params: {} } });
      const tooBig = await raw(host.port, { method: 'POST', path: '/api/clients.create', headers: h({ 'Content-Length': String(2 * 1024 * 1024) }), body: 'x'.repeat(2 * 1024 * 1024) });
      expect(JSON.parse(tooBig.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '请求过大', key: 'web_too_large', params: {} } });
      expect(host.url).toBe(`http://127.0.0.1:${host.port}/`);
    });

    it('safeStaticPath keeps every path inside the root', () => {
      const root = path.resolve('/srv/r');
      expect(safeStaticPath(root, '/')).toBe(path.join(root, 'index.html'));
      expect(safeStaticPath(root, '')).toBe(path.join(root, 'index.html'));
      expect(safeStaticPath(root, '//assets/a.js')).toBe(path.join(root, 'assets', 'a.js'));
      expect(safeStaticPath(root, '/assets/../index.html')).toBe(path.join(root, 'index.html'));
      expect(safeStaticPath(root, '/../r')).toBe(root); // the root itself: a folder, answered with the app page
      for (const bad of ['/../../etc/passwd', '/%2e%2e/x', '/..%2f..%2fx', '/%E0%A4%A', '/a%00b', '/../r2/x']) {
        expect(safeStaticPath(root, bad), bad).toBeNull();
      }
    });
  });

  describe('exact answers (each was a surviving mutant in docs/testing.md)', () => {
    const JSON_TYPE = 'application/json; charset=utf-8';

    it('without the session cookie the API answers a JSON 401 saying why, pages the HTML launch hint', async () => {
      const noCookie = { Host: `127.0.0.1:${host.port}`, 'Content-Type': 'application/json', 'X-ICPDesk-Token': host.token };
      const api = await raw(host.port, { method: 'POST', path: '/api/app.info', headers: noCookie, body: '{}' });
      expect([api.status, api.headers['content-type'], JSON.parse(api.body)]).toEqual([401, JSON_TYPE, { ok: false, error: { code: 'FORBIDDEN', message: '未通过启动地址登录', key: 'web_not_signed_in', params: {} } }]);
      const doc = await raw(host.port, { path: '/clients/1', headers: { Host: `127.0.0.1:${host.port}` } });
      expect([doc.status, doc.headers['content-type']]).toEqual([401, 'text/html; charset=utf-8']);
      expect(doc.body).toContain('/launch?k=');
    });

    it('a wrong token, an undecodable method name and a declared oversized body get their own message and headers', async () => {
      const token = await raw(host.port, { method: 'POST', path: '/api/app.info', headers: h({ 'X-ICPDesk-Token': 'f'.repeat(48) }), body: '{}' });
      expect([token.status, token.headers['content-type'], JSON.parse(token.body)]).toEqual([401, JSON_TYPE, { ok: false, error: { code: 'FORBIDDEN', message: '缺少或错误的访问令牌', key: 'web_bad_token', params: {} } }]);
      const name = await raw(host.port, { method: 'POST', path: '/api/%E0%A4%A', headers: h(), body: '{}' });
      expect([name.status, JSON.parse(name.body)]).toEqual([400, { ok: false, error: { code: 'VALIDATION', message: '接口名称无效', key: 'web_bad_method', params: {} } }]);
      const big = 'x'.repeat(2 * 1024 * 1024);
      const tooBig = await raw(host.port, { method: 'POST', path: '/api/clients.create', headers: h({ 'Content-Length': String(big.length) }), body: big });
      expect([tooBig.status, tooBig.headers.connection, tooBig.headers['content-type']]).toEqual([413, 'close', JSON_TYPE]);
      const foreign = await raw(host.port, { path: '/', headers: page({ Host: 'evil.example' }) });
      expect([foreign.status, foreign.headers['content-type']]).toEqual([403, JSON_TYPE]);
    });

    it('malformed HTTP gets the host\'s own empty 400 (with Content-Length: 0) and the connection is closed', async () => {
      // Node's default answer has no Content-Length; the host's says the body is empty, so no client waits for one.
      for (const bad of ['NOT HTTP AT ALL\r\n\r\n', `GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nBad Header Name: x\r\n\r\n`]) {
        expect(await rawSocket(host.port, bad), bad).toBe('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      }
      expect((await raw(host.port, { path: '/', headers: page() })).status).toBe(200);
    });

    it('a request target in absolute form stays a path on this host: it never names another host, nor fails', async () => {
      const answer = await rawSocket(host.port, `GET http://evil.example/index.html HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`);
      expect(answer).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
      expect(answer).toContain('\r\nContent-Type: text/plain; charset=utf-8\r\n');
      expect(answer).toContain('\r\nnot found\r\n');
    });

    it('the download route is exactly /files/<id>: its token refusal says why; other paths with files/ are pages', async () => {
      const noToken = await raw(host.port, { path: '/files/1', headers: page() });
      expect([noToken.status, noToken.headers['content-type'], JSON.parse(noToken.body)]).toEqual([401, JSON_TYPE, { ok: false, error: { code: 'FORBIDDEN', message: '缺少或错误的访问令牌', key: 'web_bad_token', params: {} } }]);
      for (const p of [`/x/files/1?t=${host.token}`, `/files/1/x?t=${host.token}`]) {
        const r = await raw(host.port, { path: p, headers: page() });
        expect([r.status, r.headers['content-type']], p).toEqual([200, 'text/html; charset=utf-8']);
        expect(r.body, p).toContain('<body>app</body>');
      }
    });

    it('a wrong or used launch key gets the HTML launch hint, not a cookie', async () => {
      const r = await raw(host.port, { path: '/launch?k=0123', headers: { Host: `127.0.0.1:${host.port}` } });
      expect([r.status, r.headers['content-type'], r.headers['set-cookie']]).toEqual([401, 'text/html; charset=utf-8', undefined]);
      expect(r.body).toContain('/launch?k=');
    });

    it('a client that goes away half-way through its body costs nothing: the host keeps serving', async () => {
      await new Promise<void>((resolve) => {
        const s = net.connect(host.port, '127.0.0.1', () => {
          s.write(`POST /api/clients.create HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nCookie: ${cookie}\r\nX-ICPDesk-Token: ${host.token}\r\nContent-Length: 1000\r\n\r\n{"client":`, () => setTimeout(() => { s.destroy(); resolve(); }, 100));
        });
      });
      const after = await raw(host.port, { method: 'POST', path: '/api/clients.create', headers: h(), body: create });
      expect([after.status, JSON.parse(after.body).ok]).toEqual([200, true]);
      expect(count()).toBe(1);
    });

    it('close() ends the connections still open (a body half-sent), instead of waiting for them', async () => {
      const own = await startWebHost({ ctx, rendererDir });
      const ownCookie = await session(own);
      const s = net.connect(own.port, '127.0.0.1');
      s.on('error', () => undefined);
      await new Promise<void>((resolve) => s.on('connect', () => s.write(`POST /api/clients.create HTTP/1.1\r\nHost: 127.0.0.1:${own.port}\r\nCookie: ${ownCookie}\r\nX-ICPDesk-Token: ${own.token}\r\nContent-Length: 1000\r\n\r\n{`, () => resolve())));
      const closed = own.close().then(() => 'closed');
      const outcome = await Promise.race([closed, new Promise((r) => setTimeout(() => r('still open after 3 s'), 3000))]);
      s.destroy();
      await closed;
      expect(outcome).toBe('closed');
    });

    it('a small API call is answered while a large upload holds the upload slot', async () => {
      const own = await startWebHost({ ctx, rendererDir });
      try {
        const ownCookie = await session(own);
        const s = net.connect(own.port, '127.0.0.1');
        s.on('error', () => undefined);
        // A 2 MB restore (over the 1 MiB default: takes the slot) of which only the start is sent.
        await new Promise<void>((resolve) => s.on('connect', () => s.write(`POST /api/backup.restoreFile HTTP/1.1\r\nHost: 127.0.0.1:${own.port}\r\nCookie: ${ownCookie}\r\nX-ICPDesk-Token: ${own.token}\r\nContent-Length: 2000000\r\n\r\n{`, () => resolve())));
        const ownH = { Host: `127.0.0.1:${own.port}`, Cookie: ownCookie, 'Content-Type': 'application/json', 'X-ICPDesk-Token': own.token };
        await expect.poll(async () => (await raw(own.port, { method: 'POST', path: '/api/data.importJson', headers: ownH, body: '{}' })).status, { timeout: 5000 }).toBe(503);
        const small = await raw(own.port, { method: 'POST', path: '/api/clients.create', headers: ownH, body: create });
        expect([small.status, JSON.parse(small.body).ok]).toEqual([200, true]);
        s.destroy();
      } finally {
        await own.close();
      }
    });

    it('the launch URL answers only GET (a POST neither redeems nor uses up the key), with an empty 303 to /', async () => {
      const fresh = await startWebHost({ ctx, rendererDir });
      try {
        const u = new URL(fresh.launchUrl);
        const hostHeader = { Host: `127.0.0.1:${fresh.port}` };
        const post = await raw(fresh.port, { method: 'POST', path: u.pathname + u.search, headers: hostHeader });
        expect([post.status, post.body, post.headers['set-cookie']]).toEqual([405, '', undefined]);
        const get = await raw(fresh.port, { path: u.pathname + u.search, headers: hostHeader });
        expect([get.status, get.body, get.headers['content-type'], get.headers.location]).toEqual([303, '', 'text/plain; charset=utf-8', '/']);
      } finally {
        await fresh.close();
      }
    });

    it('the session cookie is found among other cookies, in any position', async () => {
      if (!cookie) return; // a host without sessions has no cookie to find
      for (const header of [`theme=dark; ${cookie}`, `${cookie}; theme=dark`, `a=1;${cookie};b`, `${cookie.split('=')[0]}x=1; ${cookie}`]) {
        const r = await raw(host.port, { path: '/', headers: { Host: `127.0.0.1:${host.port}`, Cookie: header } });
        expect(r.status, header).toBe(200);
      }
    });

    it('only HTML pages get the token: an asset containing </head> is served byte for byte', async () => {
      const js = 'document.title = "</head>";';
      fs.writeFileSync(path.join(rendererDir, 'a.js'), js);
      const r = await raw(host.port, { path: '/a.js', headers: page() });
      expect([r.status, r.body]).toEqual([200, js]);
    });

    it('the large-upload slot: a holder releasing twice does not free the slot another holder has taken', () => {
      const slot = new UploadSlot();
      const a = slot.take();
      expect(a).not.toBeNull();
      expect(slot.take()).toBeNull();
      a!();
      const b = slot.take();
      expect(b).not.toBeNull();
      a!(); // again: must not free b's slot
      expect(slot.take()).toBeNull();
      b!();
      expect(slot.take()).not.toBeNull();
    });
  });
});
