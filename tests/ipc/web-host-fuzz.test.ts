/**
 * Raw-HTTP fuzz test of the browser-mode host (issue 15, items 1–4): 10,000 requests over plain sockets — malformed
 * request lines and targets (`GET //[`), bad `%` escapes in the method name, tokens with non-ASCII bytes, forged
 * cookies, odd Content-Length / Transfer-Encoding, random and oversized bodies — in batches of 500. After each batch
 * the host must still be alive and answer `app.info`. The generator is seeded, so a failure reproduces.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { startWebHost, type WebHost } from '../../electron/web-host';
import { testContext } from '../helpers/context';
import { launch } from '../helpers/web-host';
import { testTempDir } from '../helpers/temp-dirs';

/** mulberry32: a small seeded PRNG (reproducible cases). */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CASES = 10_000;
const BATCH = 500;
const PARALLEL = 25;

/** Sends `bytes` on a fresh connection; resolves with the status line ('' when the host closed without one). */
function sendRaw(port: number, bytes: Buffer): Promise<string> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    let answer = '';
    const timer = setTimeout(() => s.destroy(), 3_000);
    s.on('data', (d) => {
      answer += d.toString('latin1');
      if (answer.includes('\r\n')) s.end();
    });
    s.on('error', () => undefined);
    s.on('close', () => {
      clearTimeout(timer);
      resolve(answer.split('\r\n')[0]);
    });
    s.on('connect', () => {
      s.write(bytes);
      s.end();
    });
  });
}

describe('browser-mode host under a raw-HTTP fuzz', () => {
  let host: WebHost;
  let cookie: string;
  beforeAll(async () => {
    const rendererDir = testTempDir('icpdesk-r-');
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<html><head></head><body>app</body></html>');
    host = await startWebHost({ ctx: testContext(), rendererDir });
    cookie = await launch(host);
  });
  afterAll(async () => host.close());

  it(`survives ${CASES.toLocaleString('en')} malformed requests and answers app.info after every batch of ${BATCH}`, async () => {
    const rnd = prng(15);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
    const randBytes = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(rnd() * 256)));
    const hostLine = () => pick([`127.0.0.1:${host.port}`, `localhost:${host.port}`, `127.0.0.1:${host.port}`, 'evil.example', '', '[', `127.0.0.1:${host.port}\u00e9`]);
    const methods = ['GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT', 'PATCH', 'get', 'P\u00d6ST', 'POST ', '', 'X'.repeat(40)];
    const apiNames = ['app.info', 'clients.list', 'clients.create', 'backup.restoreFile', 'data.importJson', 'import.preview', '__proto__', 'constructor', 'app.info/../x'];
    const targets = () => pick([
      '//[', '/[', '//', '/%', '/%E0%A4%A', '/%zz', '/%00', '/..%2f..%2fetc%2fpasswd', '/assets/%c0%ae%c0%ae/x', '*', 'http://evil.example/x', '', ' ',
      `/api/${pick(apiNames)}`, `/api/${pick(apiNames)}`, `/api/${pick(apiNames)}`, '/', '/index.html', `/api/%E0%A4%A`, `/api/${encodeURIComponent(pick(apiNames))}%`, `/api/%${randBytes(2).toString('hex')}`,
      `/api/${randBytes(6).toString('latin1')}`, `/launch?k=${randBytes(24).toString('hex')}`, '/launch?k=%E0%A4%A', `/${'a/'.repeat(2000)}`,
      `/${randBytes(12).toString('latin1')}`, '/index.html?x=%', `/api/app.info?${'%'.repeat(50)}`,
    ]);
    const versions = ['HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9.9', '', 'HTTP/1.1\u00e9', 'http/1.1'];
    const tokenValue = () => pick([host.token, host.token, `${host.token.slice(0, -1)}\u00e9`, `${host.token.slice(0, -1)}${randBytes(1).toString('latin1')}`, '', 'x'.repeat(host.token.length), host.token + host.token, randBytes(48).toString('latin1')]);
    const cookieValue = () => pick([cookie, cookie, `${cookie}x`, `${cookie.split('=')[0]}=`, ';;;=;', `a=b; ${cookie}`, randBytes(30).toString('latin1'), '=' + cookie]);
    const body = () => pick([
      '{}', '', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"x":1}}}', '{nope', 'null', '[]', '"x"', '1e999999', '{"a":'.repeat(500),
      JSON.stringify({ client: { name: 'x'.repeat(Math.floor(rnd() * 3000)) } }), randBytes(Math.floor(rnd() * 2000)).toString('latin1'),
      '\ufeff{}', '{"fileName":"a.sqlite","dataBase64":"AAAA"}',
    ]);

    function makeCase(): Buffer {
      const kind = rnd();
      if (kind < 0.04) return randBytes(1 + Math.floor(rnd() * 400)); // garbage on the wire
      const b = body();
      const headers: string[] = [];
      if (rnd() < 0.95) headers.push(`Host: ${rnd() < 0.8 ? `127.0.0.1:${host.port}` : hostLine()}`);
      if (rnd() < 0.85) headers.push(`Cookie: ${cookieValue()}`);
      if (rnd() < 0.85) headers.push(`X-ICPDesk-Token: ${tokenValue()}`);
      if (rnd() < 0.2) headers.push(`Origin: ${pick(['http://evil.example', `http://127.0.0.1:${host.port}`, 'null', `127.0.0.1:${host.port}`, '\u00e9'])}`);
      if (rnd() < 0.5) headers.push(`Content-Type: ${pick(['application/json', 'text/plain', 'application/json; charset=gbk', ''])}`);
      const framing = rnd();
      let payload = Buffer.from(b, 'latin1');
      if (framing < 0.65) headers.push(`Content-Length: ${payload.length}`);
      else if (framing < 0.7) headers.push(`Content-Length: ${pick(['-1', 'abc', '1e3', '99999999999999999999', `${payload.length + 100}`, '0x10', ' 5', `${payload.length}, ${payload.length}`])}`);
      else if (framing < 0.7) headers.push(`Content-Length: ${payload.length}`, `Content-Length: ${payload.length + 1}`);
      else if (framing < 0.8) {
        headers.push(`Transfer-Encoding: ${pick(['chunked', 'chunked', 'gzip, chunked', 'identity', 'chunked, chunked'])}`);
        payload = Buffer.concat([Buffer.from(`${pick([payload.length.toString(16), 'zz', '-1', 'ffffffffffffffff', ''])}\r\n`), payload, Buffer.from(pick(['\r\n0\r\n\r\n', '\r\n', '0\r\n\r\n', '']))]);
      } else if (framing < 0.85) {
        headers.push(`Content-Length: ${payload.length}`, 'Transfer-Encoding: chunked');
      }
      if (rnd() < 0.1) headers.push(`X-Long: ${'a'.repeat(Math.floor(rnd() * 20_000))}`);
      if (rnd() < 0.05) headers.push(randBytes(20).toString('latin1'));
      if (rnd() < 0.05) headers.push('Bad Header Without Colon');
      if (rnd() < 0.05) for (let i = 0; i < 200; i++) headers.push(`X-H${i}: v`);
      // Mostly well-formed HTTP around malformed content, so most cases reach the routing, auth and API layers.
      const method = rnd() < 0.85 ? pick(['POST', 'POST', 'GET']) : pick(methods);
      const line = `${method} ${targets()} ${rnd() < 0.9 ? 'HTTP/1.1' : pick(versions)}`;
      const eol = rnd() < 0.95 ? '\r\n' : pick(['\n', '\r', '\n\r']);
      return Buffer.concat([Buffer.from(`${line}${eol}${headers.join(eol)}${eol}${eol}`, 'latin1'), payload]);
    }

    const alive = async () => {
      const req = Buffer.from(`POST /api/app.info HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nCookie: ${cookie}\r\nX-ICPDesk-Token: ${host.token}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`);
      return sendRaw(host.port, req);
    };

    const statuses = new Map<string, number>();
    // The named crashers of the issue come first.
    const named = [
      Buffer.from(`GET //[ HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n\r\n`),
      Buffer.from(`POST /api/app.info HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nCookie: ${cookie}\r\nX-ICPDesk-Token: ${host.token.slice(0, -1)}\u00e9\r\nContent-Length: 2\r\n\r\n{}`, 'latin1'),
      Buffer.from(`POST /api/%E0%A4%A HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nCookie: ${cookie}\r\nX-ICPDesk-Token: ${host.token}\r\nContent-Length: 2\r\n\r\n{}`),
    ];
    let done = 0;
    for (let batch = 0; done < CASES; batch++) {
      const cases = batch === 0 ? [...named, ...Array.from({ length: BATCH - named.length }, makeCase)] : Array.from({ length: Math.min(BATCH, CASES - done) }, makeCase);
      for (let i = 0; i < cases.length; i += PARALLEL) {
        const lines = await Promise.all(cases.slice(i, i + PARALLEL).map((c) => sendRaw(host.port, c)));
        for (const l of lines) {
          const k = l.slice(0, 12) || '(closed)';
          statuses.set(k, (statuses.get(k) ?? 0) + 1);
          // Never a 5xx other than the one-upload-at-a-time 503.
          expect(l, l).not.toMatch(/^HTTP\/1\.[01] 5(?!03)/);
        }
      }
      done += cases.length;
      const a = await alive();
      expect(a, `app.info after batch ${batch + 1} (${done} cases)`).toBe('HTTP/1.1 200 OK');
    }
    expect(done).toBe(CASES);
    // The named crashers get a clean refusal.
    console.log('[web-host fuzz] answers:', Object.fromEntries([...statuses].sort((x, y) => y[1] - x[1])));
    expect(await sendRaw(host.port, named[0])).toBe('HTTP/1.1 401 Unauthorized'); // no session cookie
    expect(await sendRaw(host.port, Buffer.from(`GET //[ HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nCookie: ${cookie}\r\n\r\n`))).toBe('HTTP/1.1 200 OK'); // a client-side route: the page
    expect(await sendRaw(host.port, named[1])).toBe('HTTP/1.1 401 Unauthorized');
    expect(await sendRaw(host.port, named[2])).toBe('HTTP/1.1 400 Bad Request');
  }, 600_000);
});
