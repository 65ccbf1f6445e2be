/**
 * 导出 PDF in browser mode (issue 14): `POST /host/pdf` renders a print route to a PDF download. Its guards are the
 * host's own — a foreign or look-alike Host / Origin is refused, no session or no token gets nothing, and nothing is
 * rendered for a refused request — and its renderer (a headless Chromium in the app; a recording fake here) signs in
 * with a render session that works only while its render runs. One render at a time, a timeout, coded errors.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type http from 'node:http';
import { startWebHost, contentDisposition, type WebHost } from '../../electron/web-host';
import { SessionGate } from '../../electron/web-host/auth';
import { PdfQueue, PdfRenderError, type PdfJob, type RenderPdf } from '../../electron/web-host/pdf-queue';
import { launch, raw as rawRequest } from '../helpers/web-host';
import { testContext } from '../helpers/context';
import { testTempDir } from '../helpers/temp-dirs';

const raw = (port: number, opts: Parameters<typeof rawRequest>[1]) => rawRequest(port, { timeoutMs: 10_000, ...opts });

const NAME = '太原晋祠兴旅游服务有限公司';
const HASH = '#/print/weekly-client?clientId=3&week=2026-W48';
const FILE = `周报_${NAME}_2026-W48.pdf`;
const FAKE_PDF = '%PDF-1.7 fake';

/** The decoded `filename*` of a Content-Disposition header. */
function starName(header: string | undefined): string {
  const m = /filename\*=UTF-8''([^;]+)/.exec(header ?? '');
  return m ? decodeURIComponent(m[1]) : '';
}

describe('browser-mode host: POST /host/pdf', () => {
  let host: WebHost;
  let cookie: string;
  let rendererDir: string;
  let jobs: PdfJob[];
  /** What the renderer's session cookie could reach while it rendered: the status of `/` with it. */
  let duringRender: number[];
  let render: RenderPdf;

  const body = (extra: Record<string, unknown> = {}) => JSON.stringify({ hash: HASH, fileName: FILE, lang: 'zh-CN', ...extra });
  const h = (extra: Record<string, string> = {}) => ({ Host: `127.0.0.1:${host.port}`, Cookie: cookie, 'Content-Type': 'application/json', 'X-ICPDesk-Token': host.token, ...extra });
  const post = (headers: Record<string, string>, b = body()) => raw(host.port, { method: 'POST', path: '/host/pdf', headers, body: b });
  const pageWith = (c: { name: string; value: string }) => raw(host.port, { path: '/', headers: { Host: `127.0.0.1:${host.port}`, Cookie: `${c.name}=${c.value}` } });

  async function start(opts: { timeoutMs?: number; maxWaiting?: number } = {}) {
    host = await startWebHost({ ctx: testContext(), rendererDir, pdf: { render: (j, s) => render(j, s), ...opts } });
    cookie = await launch(host);
  }

  beforeEach(async () => {
    rendererDir = testTempDir('icpdesk-r-');
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<html><head></head><body>app</body></html>');
    jobs = [];
    duringRender = [];
    render = async (job) => {
      jobs.push(job);
      duringRender.push((await pageWith(job.cookie)).status);
      return Buffer.from(FAKE_PDF);
    };
    await start();
  });
  afterEach(async () => host.close());

  it('answers the PDF as a download named in Chinese, rendered from the print route on this host', async () => {
    const r = await post(h(), body({ lang: 'en' }));
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    // The ASCII fallback: 周报 (2), "_", the 13-character name and "_" are 17 underscores, then "2026-W48.pdf".
    expect(r.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="${'_'.repeat(17)}2026-W48\\.pdf"; filename\\*=UTF-8''`));
    expect(starName(r.headers['content-disposition'])).toBe(FILE);
    expect(r.body).toBe(FAKE_PDF);
    expect(r.headers['x-frame-options']).toBe('DENY');
    expect(jobs).toHaveLength(1);
    expect(jobs[0].url).toBe(`http://127.0.0.1:${host.port}/${HASH}`);
    expect(jobs[0].lang).toBe('en');
    // The renderer's own session opened the page while it rendered …
    expect(duringRender).toEqual([200]);
    expect(jobs[0].cookie.value).not.toBe(cookie.split('=')[1]);
    // … and is worthless once the render is over.
    expect((await pageWith(jobs[0].cookie)).status).toBe(401);
  });

  it('a name without .pdf gets it; characters Windows forbids become _', async () => {
    const r = await post(h(), body({ fileName: '现场核查准备单-太原/晋祠:2026-12-08' }));
    expect(starName(r.headers['content-disposition'])).toBe('现场核查准备单-太原_晋祠_2026-12-08.pdf');
    const ascii = await post(h(), body({ fileName: 'report-2026-W48' }));
    expect(ascii.headers['content-disposition']).toBe(`attachment; filename="report-2026-W48.pdf"; filename*=UTF-8''report-2026-W48.pdf`);
  });

  it('refuses a foreign Host, a look-alike Origin, no session, no or a wrong token, and GET — rendering nothing', async () => {
    const port = host.port;
    const refusals: Array<[string, Record<string, string>, number]> = [
      ['foreign Host (DNS rebinding)', h({ Host: `evil.example:${port}` }), 403],
      ['look-alike Host', h({ Host: `127.0.0.1.evil.example:${port}` }), 403],
      ['other port', h({ Host: `127.0.0.1:${port + 1}` }), 403],
      ['Origin: null', h({ Origin: 'null' }), 403],
      ['look-alike Origin (suffix)', h({ Origin: `http://127.0.0.1:${port}.evil.example` }), 403],
      ['look-alike Origin (userinfo)', h({ Origin: `http://127.0.0.1:${port}@evil.example` }), 403],
      ['look-alike Origin (https)', h({ Origin: `https://127.0.0.1:${port}` }), 403],
      ['look-alike Origin (trailing dot)', h({ Origin: `http://localhost.:${port}` }), 403],
      ['no session cookie', { Host: `127.0.0.1:${port}`, 'Content-Type': 'application/json', 'X-ICPDesk-Token': host.token }, 401],
      ['forged session cookie', h({ Cookie: `${cookie.split('=')[0]}=${'0'.repeat(64)}` }), 401],
      ['no token', { Host: `127.0.0.1:${port}`, Cookie: cookie, 'Content-Type': 'application/json' }, 401],
      ['wrong token', h({ 'X-ICPDesk-Token': 'x'.repeat(host.token.length) }), 401],
    ];
    for (const [name, headers, status] of refusals) {
      const r = await post(headers);
      expect(r.status, name).toBe(status);
      // Without the session the host answers its "open the launch URL" page, as for any page; otherwise a coded error.
      if (name.includes('session')) expect(r.body, name).toContain('/launch?k=');
      else expect(JSON.parse(r.body), name).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/.+/) } });
      expect(r.headers['content-disposition'], name).toBeUndefined();
      expect(r.body, name).not.toContain('%PDF');
    }
    const get = await raw(host.port, { path: '/host/pdf', headers: h() });
    expect(get.status).toBe(405);
    expect(JSON.parse(get.body)).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '只接受 POST', key: 'web_post_only', params: {} } });
    expect(jobs).toHaveLength(0);
    // The same request with the real Host and Origin is served.
    expect((await post(h({ Origin: `http://localhost:${port}`, Host: `localhost:${port}` }))).status).toBe(200);
  });

  it('refuses anything but an app print route, a bad name, bad JSON and a body over 16 KiB', async () => {
    const bad: Array<[string, string]> = [
      ['a client page', body({ hash: '#/clients/3' })],
      ['another site', body({ hash: 'http://evil.example/' })],
      ['a script URL', body({ hash: 'javascript:alert(1)' })],
      ['a path outside the hash', body({ hash: '/../secret.txt#/print/x' })],
      ['a quote in the route', body({ hash: '#/print/weekly?x="' })],
      ['an empty file name', body({ fileName: '' })],
      ['a file name of 201 characters', body({ fileName: '周'.repeat(201) })],
      ['an unknown language', body({ lang: 'fr' })],
      ['not JSON', '{hash:'],
    ];
    for (const [name, b] of bad) {
      const r = await post(h(), b);
      expect(r.status, name).toBe(400);
      expect(JSON.parse(r.body), name).toEqual({ ok: false, error: { code: 'VALIDATION', message: '打印页面地址或文件名无效', key: 'web_bad_print_request', params: {} } });
    }
    // Over 16 KiB: streamed (chunked) or declared up front; exactly 16 KiB is read (and refused for its 16 KiB name).
    const big = await post(h(), body({ fileName: 'x'.repeat(17 * 1024) }));
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body)).toEqual({ ok: false, error: { code: 'VALIDATION', message: '请求过大', key: 'web_too_large', params: {} } });
    const exact = (n: number) => { const b = body({ fileName: '' }); return b.replace('"fileName":""', `"fileName":"${'x'.repeat(n - b.length)}"`); };
    expect(Buffer.byteLength(exact(16 * 1024))).toBe(16 * 1024);
    expect((await post(h(), exact(16 * 1024))).status).toBe(400);
    expect((await post(h(), exact(16 * 1024 + 1))).status).toBe(413);
    const declared = await post(h({ 'Content-Length': String(16 * 1024 + 1) }), exact(16 * 1024 + 1));
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toEqual({ ok: false, error: { code: 'VALIDATION', message: '请求过大', key: 'web_too_large', params: {} } });
    expect((await post(h({ 'Content-Length': String(16 * 1024) }), exact(16 * 1024))).status).toBe(400);
    expect(jobs).toHaveLength(0);
  });

  it('renders one at a time, queues a few, refuses more with PRINT_BUSY (503)', async () => {
    await host.close();
    let running = 0;
    let most = 0;
    const releases: Array<() => void> = [];
    render = async (job) => {
      jobs.push(job);
      running++;
      most = Math.max(most, running);
      await new Promise<void>((r) => releases.push(r));
      running--;
      return Buffer.from(FAKE_PDF);
    };
    await start({ maxWaiting: 2 });
    const answers = [post(h()), post(h()), post(h())];
    await expect.poll(() => releases.length).toBe(1);
    const busy = await post(h());
    expect(busy.status).toBe(503);
    expect(JSON.parse(busy.body)).toMatchObject({ ok: false, error: { code: 'PRINT_BUSY' } });
    for (let i = 0; i < 3; i++) {
      await expect.poll(() => releases.length).toBe(i + 1);
      releases[i]();
    }
    const done = await Promise.all(answers);
    expect(done.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(most).toBe(1);
    expect(jobs).toHaveLength(3);
  });

  it('a render that never finishes fails with PRINT_TIMEOUT (504), is told to stop, and the next one works', async () => {
    await host.close();
    let aborted = false;
    let first = true;
    render = async (job, signal) => {
      jobs.push(job);
      if (!first) {
        // A short render timeout still leaves the render session alive while the render runs.
        duringRender.push((await pageWith(job.cookie)).status);
        return Buffer.from(FAKE_PDF);
      }
      first = false;
      signal.addEventListener('abort', () => { aborted = true; });
      return new Promise<Buffer>(() => undefined);
    };
    await start({ timeoutMs: 300 });
    const r = await post(h());
    expect(r.status).toBe(504);
    const e = JSON.parse(r.body) as { error: { code: string; message: string } };
    expect(e.error.code).toBe('PRINT_TIMEOUT');
    expect(e.error.message).toContain('超时');
    expect(aborted).toBe(true);
    // The timed-out render's session is gone.
    expect((await pageWith(jobs[0].cookie)).status).toBe(401);
    expect((await post(h())).status).toBe(200);
    expect(duringRender).toEqual([200]);
  });

  it('no Chromium: 503 PRINT_NO_BROWSER with a bilingual message; a crash: 500 PRINT_CRASHED; the host keeps serving', async () => {
    await host.close();
    const failures: PdfRenderError[] = [
      new PdfRenderError('PRINT_NO_BROWSER', '本机没有可用于生成 PDF 的 Chromium、Chrome 或 Edge / No Chromium, Chrome or Edge'),
    ];
    render = async (job) => {
      jobs.push(job);
      const f = failures.shift();
      if (f) throw f;
      throw new Error('Target page, context or browser has been closed');
    };
    await start();
    const none = await post(h());
    expect(none.status).toBe(503);
    expect(JSON.parse(none.body)).toMatchObject({ ok: false, error: { code: 'PRINT_NO_BROWSER', message: expect.stringContaining('Chromium') } });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let logged: unknown[][] = [];
    const crash = await post(h()).finally(() => { logged = [...errors.mock.calls]; errors.mockRestore(); });
    expect(crash.status).toBe(500);
    expect(JSON.parse(crash.body)).toMatchObject({ ok: false, error: { code: 'PRINT_CRASHED' } });
    // The log names the code only (no file name, no client).
    expect(logged).toEqual([['[web-host] PDF not made: PRINT_CRASHED']]);
    expect((await raw(host.port, { path: '/', headers: { Host: `127.0.0.1:${host.port}`, Cookie: cookie } })).status).toBe(200);
  });
});

describe('render sessions and the PDF queue', () => {
  it('a render session works until revoked or expired, never for another port, and never replaces the user session', () => {
    let port = 5178;
    const gate = new SessionGate(() => port);
    const req = (c: string) => ({ headers: { cookie: c } }) as unknown as http.IncomingMessage;
    const t0 = 1_000_000;
    const s = gate.grantRenderSession(65_000, () => t0);
    expect(s.name).toBe('icpdesk_session_5178');
    // While a render session lives, any other value under its name is still refused.
    expect(gate.hasSession(req(`${s.name}=${'0'.repeat(64)}`), t0)).toBe(false);
    expect(gate.hasSession(req(`${s.name}=${s.value.slice(0, -1)}`), t0)).toBe(false);
    expect(gate.hasSession(req(`${s.name}=${s.value}`), t0 + 64_999)).toBe(true);
    expect(gate.hasSession(req(`${s.name}=${s.value}`), t0 + 65_000)).toBe(false);
    const s2 = gate.grantRenderSession(65_000, () => t0);
    s2.revoke();
    expect(gate.hasSession(req(`${s2.name}=${s2.value}`), t0)).toBe(false);
    const s3 = gate.grantRenderSession(65_000, () => t0);
    port = 5179;
    expect(gate.hasSession(req(`icpdesk_session_5178=${s3.value}`), t0)).toBe(false);
    // The user's launch still works once, after render sessions were granted.
    expect(gate.redeem(gate.launchKey)).toMatch(/^icpdesk_session_5179=[0-9a-f]{64}; HttpOnly; SameSite=Strict; Path=\/$/);
  });

  it('the queue starts each job after the previous one settled, even when it failed', async () => {
    const order: string[] = [];
    const q = new PdfQueue<string>(async (j) => {
      order.push(`start ${j}`);
      await new Promise((r) => setTimeout(r, 20));
      order.push(`end ${j}`);
      if (j === 'a') throw new Error('boom');
      return Buffer.from(j);
    }, { timeoutMs: 5_000 });
    const results = await Promise.allSettled([q.run('a'), q.run('b')]);
    expect(order).toEqual(['start a', 'end a', 'start b', 'end b']);
    expect(results[0]).toMatchObject({ status: 'rejected', reason: { code: 'PRINT_CRASHED' } });
    expect(results[1]).toMatchObject({ status: 'fulfilled' });
  });

  it('each refusal of the queue is a PdfRenderError with its code and bilingual message', async () => {
    const q = new PdfQueue<string>(async () => Buffer.from('x'), { maxWaiting: 1 });
    const first = q.run('a');
    const busy = await q.run('b').then(() => null, (e: unknown) => e);
    expect(busy).toBeInstanceOf(PdfRenderError);
    expect(busy).toMatchObject({ name: 'PdfRenderError', code: 'PRINT_BUSY', message: '导出 PDF 的请求过多，请等前面的完成后再试 / Too many PDF exports waiting; try again when they have finished' });
    await first;
    const crashes = new PdfQueue<unknown>(async (j) => { throw j; });
    await expect(crashes.run(new Error('Browser closed\n    at stack line'))).rejects.toMatchObject({
      code: 'PRINT_CRASHED', message: '生成 PDF 失败（Browser closed），请重试 / Making the PDF failed; please try again',
    });
    await expect(crashes.run('oops')).rejects.toMatchObject({ code: 'PRINT_CRASHED', message: '生成 PDF 失败（oops），请重试 / Making the PDF failed; please try again' });
    const hangs = new PdfQueue<string>((_j, signal) => new Promise((_r, reject) => signal.addEventListener('abort', () => reject(new Error('stopped')))), { timeoutMs: 600 });
    await expect(hangs.run('a')).rejects.toMatchObject({ code: 'PRINT_TIMEOUT', message: '生成 PDF 超时（1 秒），请重试 / Making the PDF timed out; please try again' });
  });

  it('a render that finished in time is never told to stop afterwards', async () => {
    const signals: AbortSignal[] = [];
    const q = new PdfQueue<string>(async (_j, signal) => { signals.push(signal); return Buffer.from('%PDF'); }, { timeoutMs: 100 });
    expect((await q.run('a')).toString()).toBe('%PDF');
    await new Promise((r) => setTimeout(r, 300)); // well past the timeout the render would have had
    expect(signals.map((s) => s.aborted)).toEqual([false]);
  });

  it('Content-Disposition (shared with the attachment download) keeps the Chinese name exactly (RFC 5987) with a safe ASCII fallback', () => {
    expect(contentDisposition('周报_太原(晋祠)_2026-W48.pdf')).toBe(
      `attachment; filename="_____(__)_2026-W48.pdf"; filename*=UTF-8''%E5%91%A8%E6%8A%A5_%E5%A4%AA%E5%8E%9F%28%E6%99%8B%E7%A5%A0%29_2026-W48.pdf`,
    );
    expect(contentDisposition('a"b.pdf')).toBe(`attachment; filename="a_b.pdf"; filename*=UTF-8''a%22b.pdf`);
    expect(contentDisposition("a*b'c.pdf")).toBe(`attachment; filename="a*b'c.pdf"; filename*=UTF-8''a%2Ab%27c.pdf`);
    expect(contentDisposition('report-周.pdf')).toBe(`attachment; filename="report-_.pdf"; filename*=UTF-8''report-%E5%91%A8.pdf`);
  });
});
