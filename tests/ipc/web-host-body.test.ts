/**
 * The browser-mode host's request plumbing, tested directly on a bare Node server (issue 20): the one size-capped body
 * reader both the API and the PDF route use (electron/web-host/limits.ts `readBody`: the cap by declared length and
 * while streaming → 413 with its coded error, an empty body, a client that goes away mid-body, the large-upload slot
 * → 503 and its release), and `send` (respond.ts) never writing a response twice.
 */
import { afterEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import net from 'node:net';
import { readBody, UploadSlot } from '../../electron/web-host/limits';
import { send } from '../../electron/web-host/respond';

const JSON_TYPE = 'application/json; charset=utf-8';
const TOO_LARGE = { ok: false, error: { code: 'VALIDATION', message: '请求过大', key: 'web_too_large', params: {} } };
const BUSY = { ok: false, error: { code: 'UNAVAILABLE', message: '另一个文件正在上传，请稍候再试', key: 'web_upload_busy', params: {} } };

interface Answer { status: number; headers: Record<string, string>; body: string; complete: boolean }

/**
 * Writes `text` on a fresh connection (then, if `more` is given, calls it with the socket); resolves once the
 * connection closes (or after 5 s of silence: `timedOut`) with the HTTP answers received, parsed (chunked or
 * Content-Length; `complete` false for one cut short).
 */
function exchange(port: number, text: string, more?: (s: net.Socket) => void): Promise<{ answers: Answer[]; timedOut: boolean }> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => { s.write(text); more?.(s); });
    const got: Buffer[] = [];
    let timedOut = false;
    s.on('data', (d: Buffer) => got.push(d));
    s.on('error', () => undefined);
    s.on('close', () => resolve({ answers: parse(Buffer.concat(got)), timedOut }));
    s.setTimeout(5000, () => { timedOut = true; s.destroy(); });
  });
}

/** Splits raw bytes into HTTP/1.1 answers. */
function parse(buf: Buffer): Answer[] {
  const out: Answer[] = [];
  let at = 0;
  while (at < buf.length) {
    const headEnd = buf.indexOf('\r\n\r\n', at);
    if (headEnd < 0) break;
    const [statusLine, ...lines] = buf.subarray(at, headEnd).toString('latin1').split('\r\n');
    const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
    const answer: Answer = { status: Number(statusLine.split(' ')[1]), headers, body: '', complete: false };
    out.push(answer);
    at = headEnd + 4;
    const parts: Buffer[] = [];
    if (headers['transfer-encoding'] === 'chunked') {
      for (;;) {
        const lineEnd = buf.indexOf('\r\n', at);
        if (lineEnd < 0) break;
        const size = parseInt(buf.subarray(at, lineEnd).toString('latin1'), 16);
        if (size === 0) { answer.complete = buf.length >= lineEnd + 4; at = lineEnd + 4; break; }
        parts.push(buf.subarray(lineEnd + 2, lineEnd + 2 + size));
        at = lineEnd + 2 + size + 2;
      }
    } else {
      const len = Number(headers['content-length'] ?? 0);
      parts.push(buf.subarray(at, at + len));
      answer.complete = buf.length >= at + len;
      at += len;
    }
    answer.body = Buffer.concat(parts).toString('utf8');
  }
  return out;
}

describe('readBody: the size-capped body reader of the browser host', () => {
  let server: http.Server;
  let port: number;
  /** What readBody resolved to, per request, in order ('null' or the body as text). */
  let results: string[];
  let slot: UploadSlot | undefined;

  async function listen(limit: number) {
    results = [];
    server = http.createServer((req, res) => {
      void readBody(req, res, limit, slot).then((body) => {
        results.push(body === null ? 'null' : `body:${body.toString('utf8')}`);
        if (body) send(res, 200, `got ${body.length}`, 'text/plain; charset=utf-8');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as net.AddressInfo).port;
  }
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    slot = undefined;
  });
  const post = (headers: string, body = '') => `POST /x HTTP/1.1\r\nHost: h\r\nConnection: close\r\n${headers}\r\n${body}`;
  /** A request that asks to keep the connection: only the host's own `Connection: close` closes it. */
  const keepAlive = (headers: string, body = '') => `POST /x HTTP/1.1\r\nHost: h\r\n${headers}\r\n${body}`;

  it('reads a body of exactly the limit; no body is an empty one', async () => {
    await listen(16);
    const exact = await exchange(port, post('Content-Length: 16\r\n', '0123456789abcdef'));
    const chunked = await exchange(port, post('Transfer-Encoding: chunked\r\n', '8\r\n01234567\r\n8\r\n89abcdef\r\n0\r\n\r\n'));
    const empty = await exchange(port, post('Content-Length: 0\r\n'));
    const none = await exchange(port, 'GET /x HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n');
    expect([exact, chunked].map((e) => e.answers.map((a) => [a.status, a.body]))).toEqual([[[200, 'got 16']], [[200, 'got 16']]]);
    expect(results).toEqual(['body:0123456789abcdef', 'body:0123456789abcdef', 'body:', 'body:']);
    // An empty body resolves to an empty Buffer (the caller reads it as "no input"), not to null.
    expect([empty, none].map((e) => e.answers.map((a) => [a.status, a.body]))).toEqual([[[200, 'got 0']], [[200, 'got 0']]]);
  });

  it('a declared length one byte over the limit gets 413 with the coded error at once, before any body is sent', async () => {
    await listen(16);
    const { answers, timedOut } = await exchange(port, keepAlive('Content-Length: 17\r\n'));
    expect(timedOut).toBe(false);
    expect(answers).toEqual([{ status: 413, headers: expect.objectContaining({ 'content-type': JSON_TYPE, connection: 'close' }), body: JSON.stringify(TOO_LARGE), complete: true }]);
    expect(results).toEqual(['null']);
  });

  it('a chunked body that passes the limit gets 413 and the request is dropped, the rest never read', async () => {
    await listen(16);
    let writes = 0;
    const { answers, timedOut } = await exchange(port, keepAlive('Transfer-Encoding: chunked\r\n', '8\r\n01234567\r\n'), (s) => {
      // 9 more bytes (17 in all), then keep sending until the host drops the connection.
      const pump = () => {
        if (s.destroyed || writes >= 2000) return;
        writes++;
        s.write('9\r\n89abcdefg\r\n', () => setImmediate(pump));
      };
      pump();
    });
    expect(timedOut).toBe(false);
    expect(answers).toEqual([{ status: 413, headers: expect.objectContaining({ 'content-type': JSON_TYPE, connection: 'close' }), body: JSON.stringify(TOO_LARGE), complete: true }]);
    expect(writes).toBeLessThan(2000);
    expect(results).toEqual(['null']);
  });

  it('a client that goes away in the middle of its body: null, nothing answered, the upload slot freed', async () => {
    slot = new UploadSlot();
    await listen(1024);
    const { answers } = await exchange(port, post('Content-Length: 100\r\n', 'only part'), (s) => setTimeout(() => s.destroy(), 50));
    expect(answers).toEqual([]);
    await expect.poll(() => results, { timeout: 5000 }).toEqual(['null']);
    await expect.poll(() => slot!.take() !== null, { timeout: 5000 }).toBe(true);
  });

  it('with the upload slot: one body at a time, 503 for a second while the first is read, free again after', async () => {
    slot = new UploadSlot();
    await listen(1024);
    let finishFirst: (() => void) | undefined;
    const first = exchange(port, post('Content-Length: 10\r\n', '01234'), (s) => { finishFirst = () => s.write('56789'); });
    await expect.poll(() => finishFirst !== undefined && slot!.take() === null, { timeout: 5000 }).toBe(true);
    const second = await exchange(port, keepAlive('Content-Length: 3\r\n', 'abc'));
    expect(second.timedOut).toBe(false);
    expect(second.answers).toEqual([{ status: 503, headers: expect.objectContaining({ 'content-type': JSON_TYPE, connection: 'close' }), body: JSON.stringify(BUSY), complete: true }]);
    finishFirst!();
    expect((await first).answers.map((a) => [a.status, a.body])).toEqual([[200, 'got 10']]);
    // Free again, on a new connection and on a kept-alive one.
    const third = await exchange(port, post('Content-Length: 3\r\n', 'abc'));
    expect(third.answers.map((a) => [a.status, a.body])).toEqual([[200, 'got 3']]);
    // (the second request is sent once the first answer has arrived, as a browser does on a kept-alive connection)
    const kept = await exchange(port, 'POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\n\r\na', (s) =>
      s.once('data', () => s.write('POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nConnection: close\r\n\r\nb')));
    expect(kept.answers.map((a) => [a.status, a.body])).toEqual([[200, 'got 1'], [200, 'got 1']]);
    // A refused (declared too large) body does not keep the slot either.
    const big = await exchange(port, post('Content-Length: 2000\r\n'));
    expect(big.answers.map((a) => a.status)).toEqual([413]);
    const after = slot.take();
    expect(after).not.toBeNull();
    after!();
    expect(results).toEqual(['null', 'body:0123456789', 'body:abc', 'body:a', 'body:b', 'null']);
  });
});

describe('send: a response is written once', () => {
  let server: http.Server;
  let port: number;
  let threw: unknown[];
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  async function listen(handler: (res: http.ServerResponse) => void) {
    threw = [];
    server = http.createServer((_req, res) => {
      try {
        handler(res);
      } catch (e) {
        threw.push(e);
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as net.AddressInfo).port;
  }

  it('a second send after a complete answer changes nothing, and the kept-alive connection goes on', async () => {
    await listen((res) => {
      send(res, 200, 'first', 'text/plain; charset=utf-8');
      send(res, 500, 'second');
    });
    const { answers } = await exchange(port, 'GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n');
    expect(answers.map((a) => [a.status, a.body, a.complete])).toEqual([[200, 'first', true], [200, 'first', true]]);
    expect(threw).toEqual([]);
  });

  it('a send after the headers went out half-way closes the connection: the client never takes it for complete', async () => {
    await listen((res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.write('partial');
      send(res, 500, 'error');
    });
    const { answers, timedOut } = await exchange(port, 'GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n');
    // Closed at once (not left hanging), with no complete answer, so the client sees a failed request.
    expect(timedOut).toBe(false);
    expect(answers.filter((a) => a.complete)).toEqual([]);
    expect(threw).toEqual([]);
  });

  it('a send to a destroyed response writes nothing and does not throw', async () => {
    let headersSent: boolean | undefined;
    await listen((res) => {
      res.destroy();
      send(res, 200, 'late');
      headersSent = res.headersSent;
    });
    const { answers } = await exchange(port, 'GET /a HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n');
    expect([answers, headersSent, threw]).toEqual([[], false, []]);
  });
});
