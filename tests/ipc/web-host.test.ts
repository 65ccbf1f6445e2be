import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import { execFile } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { startWebHost, safeStaticPath, resolveStaticFile, type WebHost } from '../../electron/web-host';
import { launch, raw as rawRequest } from '../helpers/web-host';
import { appProtocolHandler } from '../../electron/app-protocol';
import { testContext } from '../helpers/context';
import { ok } from '../helpers/call';
import { testTempDir } from '../helpers/temp-dirs';

/** Raw request (tests/helpers/web-host.ts) that fails after 5 s of silence: a host that hangs fails the test at once. */
const raw = (port: number, opts: Parameters<typeof rawRequest>[1]) => rawRequest(port, { timeoutMs: 5000, ...opts });

describe('browser-mode host', () => {
  let host: WebHost;
  let cookie: string;
  let ctx: ReturnType<typeof testContext>;
  let rendererDir: string;
  const create = JSON.stringify({ client: { name: '太原晋祠兴旅游服务有限公司', uscc: '91140106MA1QN6K440', city: '太原市' } });
  const count = () => (ctx.db.prepare('SELECT count(*) n FROM clients').get() as { n: number }).n;
  const h = (extra: Record<string, string> = {}) => ({ Host: `127.0.0.1:${host.port}`, Cookie: cookie, 'Content-Type': 'application/json', 'X-ICPDesk-Token': host.token, ...extra });

  beforeEach(async () => {
    ctx = testContext();
    rendererDir = testTempDir('icpdesk-r-');
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<html><head></head><body>app</body></html>');
    fs.writeFileSync(path.join(path.dirname(rendererDir), 'secret.txt'), 'secret');
    host = await startWebHost({ ctx, rendererDir });
    cookie = await launch(host);
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
      ['no token', { Host: `127.0.0.1:${host.port}`, Cookie: cookie, 'Content-Type': 'application/json' }, 401],
      ['token but no session cookie', { Host: `127.0.0.1:${host.port}`, 'Content-Type': 'application/json', 'X-ICPDesk-Token': host.token }, 401],
      ['token and a forged session cookie', h({ Cookie: `${cookie.split('=')[0]}=${'0'.repeat(64)}` }), 401],
      ['token with a non-ASCII byte (same UTF-16 length)', h({ 'X-ICPDesk-Token': `${'a'.repeat(host.token.length - 1)}\u00e9` }), 401],
      ['foreign Origin without scheme', h({ Origin: `127.0.0.1:${host.port}` }), 403],
      ['wrong token', h({ 'X-ICPDesk-Token': 'x'.repeat(host.token.length) }), 401],
      ['token in query only', { Host: `127.0.0.1:${host.port}`, Cookie: cookie }, 401],
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
    const r = await raw(host.port, { path: '/', headers: { Host: `127.0.0.1:${host.port}`, Cookie: cookie } });
    expect(r.body).toContain(`<meta name="icpdesk-token" content="${host.token}">`);
    expect(r.headers['content-security-policy']).toContain("default-src 'self'");
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%5csecret.txt']) {
      const x = await raw(host.port, { path: p, headers: { Host: `127.0.0.1:${host.port}`, Cookie: cookie } });
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

describe('browser-mode host: only the person who started it', () => {
  let host: WebHost;
  let ctx: ReturnType<typeof testContext>;
  let rendererDir: string;
  const hostHeader = () => ({ Host: `127.0.0.1:${host.port}` });

  beforeEach(async () => {
    ctx = testContext();
    await ok(ctx, 'clients.create', { client: { name: '太原唯一秘密科技有限公司', uscc: '91140106MA1QN6K440', city: '太原市', legalRepIdNumber: '140105199001011238' } as never });
    rendererDir = testTempDir('icpdesk-r-');
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<html><head></head><body>app</body></html>');
    fs.mkdirSync(path.join(rendererDir, 'assets'));
    fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    host = await startWebHost({ ctx, rendererDir });
  });
  afterEach(async () => host.close());

  it('serves neither the page, nor its token, nor any data without the session cookie', async () => {
    for (const p of ['/', '/index.html', '/clients', '/assets/app.js', '/launch', '/launch?k=', `/launch?k=${'0'.repeat(48)}`]) {
      const r = await raw(host.port, { path: p, headers: hostHeader() });
      expect(r.status, p).toBe(401);
      expect(r.body, p).not.toContain(host.token);
      expect(r.headers['set-cookie'], p).toBeUndefined();
    }
    for (const m of ['app.info', 'clients.list', 'data.exportJson']) {
      const r = await raw(host.port, { method: 'POST', path: `/api/${m}`, headers: { ...hostHeader(), 'Content-Type': 'application/json', 'X-ICPDesk-Token': host.token }, body: '{}' });
      expect(r.status, m).toBe(401);
      expect(r.body, m).not.toContain('唯一秘密');
    }
  });

  it('the launch URL works once and sets an HttpOnly, SameSite=Strict session cookie', async () => {
    const first = await raw(host.port, { path: new URL(host.launchUrl).pathname + new URL(host.launchUrl).search, headers: hostHeader() });
    expect(first.status).toBe(303);
    const set = first.headers['set-cookie']![0];
    expect(set).toMatch(new RegExp(`^icpdesk_session_${host.port}=[0-9a-f]{64}; HttpOnly; SameSite=Strict; Path=/$`));
    const again = await raw(host.port, { path: new URL(host.launchUrl).pathname + new URL(host.launchUrl).search, headers: hostHeader() });
    expect(again.status).toBe(401);
    expect(again.headers['set-cookie']).toBeUndefined();
    const page = await raw(host.port, { path: '/', headers: { ...hostHeader(), Cookie: set.split(';')[0] } });
    expect(page.status).toBe(200);
    expect(page.body).toContain(host.token);
  });

  it('another OS user on the machine gets neither the token nor any data', async () => {
    // CI runs as root: the requests are made by `nobody` (setpriv); elsewhere by this user, without the cookie,
    // which is all another user could have.
    const asOther = process.getuid?.() === 0 && fs.existsSync('/usr/bin/setpriv');
    const script = (req: string) => (req ? `exec 3<>/dev/tcp/127.0.0.1/${host.port}; printf '${req}' >&3; cat <&3` : 'test "$(id -u)" = 65534 || echo not-nobody');
    const run = (req: string) => {
      const argv = asOther ? ['/usr/bin/setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '/bin/bash', '-c', script(req)] : ['/bin/bash', '-c', script(req)];
      // Asynchronous: the host answers from this same process.
      return new Promise<{ stdout: string }>((resolve) => execFile(argv[0], argv.slice(1), { encoding: 'utf8', timeout: 20_000 }, (_e, stdout) => resolve({ stdout })));
    };
    if (asOther) expect((await run('')).stdout).toBe(''); // setpriv works here (bash ran as nobody)
    const get = await run(`GET / HTTP/1.1\\r\\nHost: 127.0.0.1:${host.port}\\r\\nConnection: close\\r\\n\\r\\n`);
    expect(get.stdout).toMatch(/^HTTP\/1\.1 401/);
    expect(get.stdout).not.toContain(host.token);
    const body = '{}';
    const api = await run(`POST /api/data.exportJson HTTP/1.1\\r\\nHost: 127.0.0.1:${host.port}\\r\\nX-ICPDesk-Token: ${'f'.repeat(48)}\\r\\nContent-Type: application/json\\r\\nContent-Length: ${body.length}\\r\\nConnection: close\\r\\n\\r\\n${body}`);
    expect(api.stdout).toMatch(/^HTTP\/1\.1 401/);
    expect(api.stdout).not.toContain('唯一秘密');
    expect(api.stdout).not.toContain('140105199001011238');
  }, 60_000);

  it('every response forbids framing (X-Frame-Options DENY, CSP frame-ancestors none)', async () => {
    const cookie = await launch(host);
    const responses = [
      await raw(host.port, { path: '/', headers: { ...hostHeader(), Cookie: cookie } }),
      await raw(host.port, { path: '/', headers: hostHeader() }),
      await raw(host.port, { path: '/missing.js', headers: { ...hostHeader(), Cookie: cookie } }),
      await raw(host.port, { method: 'POST', path: '/api/app.info', headers: { ...hostHeader(), Cookie: cookie, 'X-ICPDesk-Token': host.token }, body: '{}' }),
      await raw(host.port, { path: '/', headers: { Host: 'evil.example' } }),
    ];
    for (const r of responses) {
      expect(r.headers['x-frame-options'], String(r.status)).toBe('DENY');
      expect(r.headers['content-security-policy'], String(r.status)).toContain("frame-ancestors 'none'");
    }
  });

  it('refuses a symlink inside the renderer folder that points outside it', async () => {
    const cookie = await launch(host);
    const outside = testTempDir('icpdesk-out-');
    fs.writeFileSync(path.join(outside, 'passwd'), 'root:x:0:0:secret-outside');
    fs.symlinkSync(path.join(outside, 'passwd'), path.join(rendererDir, 'assets', 'x.css'));
    fs.symlinkSync(outside, path.join(rendererDir, 'linked'));
    fs.symlinkSync('/etc/passwd', path.join(rendererDir, 'assets', 'etc.css'));
    fs.symlinkSync(path.join(rendererDir, 'assets', 'app.js'), path.join(rendererDir, 'assets', 'inside.js'));
    for (const p of ['/assets/x.css', '/linked/passwd', '/assets/etc.css', '/linked']) {
      const r = await raw(host.port, { path: p, headers: { ...hostHeader(), Cookie: cookie } });
      expect(r.body, p).not.toContain('secret-outside');
      expect(r.body, p).not.toContain('root:');
    }
    expect(resolveStaticFile(rendererDir, '/assets/x.css')).toBeNull();
    expect(resolveStaticFile(rendererDir, '/linked/passwd')).toBeNull();
    // A link that stays inside the folder is fine.
    expect((await raw(host.port, { path: '/assets/inside.js', headers: { ...hostHeader(), Cookie: cookie } })).body).toBe('console.log(1)');
  });

  it('app:// (Electron) sends the same framing headers and refuses the same symlinks', async () => {
    fs.symlinkSync('/etc/passwd', path.join(rendererDir, 'assets', 'etc.css'));
    const fetched: string[] = [];
    const handler = appProtocolHandler(rendererDir, async (u) => { fetched.push(u); return new Response('file', { status: 200, headers: { 'Content-Type': 'text/html' } }); });
    const ok = await handler(new Request('app://icpdesk/index.html'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-frame-options')).toBe('DENY');
    expect(ok.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const link = await handler(new Request('app://icpdesk/assets/etc.css'));
    expect(link.status).toBe(404);
    expect(link.headers.get('x-frame-options')).toBe('DENY');
    expect(fetched).toEqual([pathToFileURL(fs.realpathSync(path.join(rendererDir, 'index.html'))).toString()]);
  });
});

describe('browser-mode host: body limits', () => {
  let host: WebHost;
  let cookie: string;
  let ctx: ReturnType<typeof testContext>;
  beforeEach(async () => {
    ctx = testContext();
    const rendererDir = testTempDir('icpdesk-r-');
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<html><head></head><body>app</body></html>');
    host = await startWebHost({ ctx, rendererDir });
    cookie = await launch(host);
  });
  afterEach(async () => host.close());
  const head = (method: string, extra: string) =>
    `POST /api/${method} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nCookie: ${cookie}\r\nX-ICPDesk-Token: ${host.token}\r\nContent-Type: application/json\r\n${extra}\r\n`;

  /**
   * Sends `head`, then `bodyBytes` of body in 64 KiB chunks (stops when the server answers); resolves with the status
   * line as soon as it has arrived (then closes the socket: waiting for the host to close a kept-alive connection
   * would only add its 5 s keep-alive timeout), or with what came before the connection closed or went silent for 8 s.
   */
  function upload(method: string, bodyBytes: number, opts: { chunked?: boolean; hold?: Promise<void> } = {}): Promise<string> {
    return new Promise((resolve) => {
      const s = net.connect(host.port, '127.0.0.1');
      let answer = '';
      s.on('data', (d) => {
        answer += d.toString('latin1');
        if (answer.includes('\r\n')) {
          resolve(answer.split('\r\n')[0]);
          s.destroy();
        }
      });
      s.on('error', () => undefined);
      s.on('close', () => resolve(answer.split('\r\n')[0]));
      // A host that stops answering (and reading) fails the test in seconds, not at the 120 s test timeout.
      s.setTimeout(8000, () => s.destroy());
      s.write(head(method, opts.chunked ? 'Transfer-Encoding: chunked\r\n' : `Content-Length: ${bodyBytes}\r\n`));
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      let sent = 0;
      const pump = async () => {
        while (sent < bodyBytes && !answer && !s.destroyed) {
          if (opts.hold && sent >= 128 * 1024) await opts.hold;
          let ok: boolean;
          if (opts.chunked) {
            s.write(`${chunk.length.toString(16)}\r\n`);
            s.write(chunk);
            ok = s.write('\r\n');
          } else ok = s.write(chunk);
          sent += chunk.length;
          if (!ok) await new Promise((r) => s.once('drain', r));
        }
        if (!answer && !s.destroyed && opts.chunked) s.write('0\r\n\r\n');
      };
      void pump();
    });
  }

  it('a small method refuses a large body (declared or chunked) without buffering it', async () => {
    expect(await upload('app.info', 250 * 1024 * 1024)).toBe('HTTP/1.1 413 Payload Too Large');
    expect(await upload('app.info', 20 * 1024 * 1024, { chunked: true })).toBe('HTTP/1.1 413 Payload Too Large');
    expect(await upload('clients.create', 2 * 1024 * 1024, { chunked: true })).toBe('HTTP/1.1 413 Payload Too Large');
  }, 120_000);

  it('upload methods take large bodies, one at a time', async () => {
    let release!: () => void;
    const hold = new Promise<void>((r) => { release = r; });
    const first = upload('backup.restoreFile', 3 * 1024 * 1024, { hold });
    await new Promise((r) => setTimeout(r, 300));
    // A second large upload while the first is being read: refused, not buffered.
    expect(await upload('data.importJson', 3 * 1024 * 1024)).toBe('HTTP/1.1 503 Service Unavailable');
    release();
    // The first is read whole (3 MB > the 1 MiB default) and reaches the service, which rejects the bytes as JSON.
    expect(await first).toBe('HTTP/1.1 400 Bad Request');
    // The slot is free again.
    expect(await upload('data.importJson', 2 * 1024 * 1024)).toBe('HTTP/1.1 400 Bad Request');
  }, 120_000);
});
