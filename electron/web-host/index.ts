/**
 * Browser-mode host: the same contract as the Electron IPC, over HTTP on 127.0.0.1 only, plus the built renderer.
 * - Launch: `GET /launch?k=<one-time key>` (the URL `npm run start:web` prints) sets the session cookie and redirects
 *   to `/` (auth.ts). Without the cookie nothing but a short "open the launch URL" page is served.
 * - API: `POST /api/<method>` with a JSON body (the input), the cookie and header `X-ICPDesk-Token: <per-run random
 *   token>`; answers 200 with an Envelope `{ ok, value | error }`. 401 without the cookie or token, 403 for a foreign
 *   Host or Origin (DNS rebinding, cross-site), 413 for a body over the method's limit (limits.ts), 503 while another
 *   large upload is being read, 400 for a malformed path or JSON, 404/405 otherwise. No CORS headers.
 * - PDF: `POST /host/pdf` with `{ hash, fileName, lang }` (a print route, e.g. '#/print/weekly-client?…'), the cookie
 *   and the token renders that print view to an A4 PDF in a headless Chromium (pdf-route.ts, ../pdf-chromium.ts)
 *   and answers it as a download (`Content-Disposition: attachment`, the file name in UTF-8). One render at a time;
 *   errors are coded Envelopes: 503 PRINT_BUSY / PRINT_NO_BROWSER, 504 PRINT_TIMEOUT, 500 PRINT_CRASHED, 400 for a bad
 *   request. The headless browser signs in with a render session that lives only as long as its render (auth.ts).
 * - Attach: `POST /host/attachments?materialId=…&fileName=…` with the file as the raw body, the cookie and the token:
 *   streamed into the store while hashed, never buffered whole (upload-route.ts); 413 coded over 50 MB.
 * - Download: `GET /files/<attachment id>?t=<token>` with the cookie: the stored file with its original name
 *   (download.ts). 401 without the token.
 * - Package: `GET /packages/<download id>?t=<token>` with the cookie: a finished 导出申报材料包 zip streamed from
 *   disk, removed once sent (package-route.ts). 404 for an id this host did not build.
 * - Static: files under `rendererDir` only (static.ts); index.html carries the token in a meta tag.
 * Anything thrown while handling a request answers 500 (or closes that connection) and the host keeps serving.
 */
import { msg } from '../../shared/messages';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { ServiceContext } from '../../db/service/context';
import { dispatch } from '../../db/dispatch';
import { redactPersonalData } from '../../shared/redact';
import { secretMatches, SessionGate } from './auth';
import { bodyLimit, DEFAULT_BODY_BYTES, readBody, UploadSlot } from './limits';
import { send, sendError } from './respond';
import { CONTENT_TYPES, resolveStaticFile } from './static';
import { createPdfRoute, PDF_PATH, type PdfRouteOptions } from './pdf-route';
import { serveAttachment } from './download';
import { PACKAGE_PREFIX, servePackage } from './package-route';
import { createUploadRoute, UPLOAD_PATH } from './upload-route';

export { PDF_PATH } from './pdf-route';
export { contentDisposition } from './respond';

export { safeStaticPath, resolveStaticFile } from './static';

export interface WebHostOptions {
  ctx: ServiceContext;
  rendererDir: string;
  port?: number;
  token?: string;
  /** Overrides every method's body limit (tests); default: per method (limits.ts). */
  maxBodyBytes?: number;
  /** 导出 PDF: a replacement renderer (tests), the render timeout and queue length (pdf-route.ts). */
  pdf?: PdfRouteOptions;
}

export interface WebHost {
  /** `http://127.0.0.1:<port>/`. */
  url: string;
  /** The one-time launch URL to open in the browser (sets the session cookie). */
  launchUrl: string;
  port: number;
  token: string;
  server: http.Server;
  close(): Promise<void>;
}

const NOT_LAUNCHED_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>许可通 ICP Desk</title></head><body>
<p>请打开启动程序时终端中打印的地址（含 /launch?k=…）。该地址只能使用一次；如已使用，请重新运行 <code>npm run start:web</code>。</p>
<p>Open the address printed in the terminal when the app was started (with /launch?k=…). It works once; if it was used already, run <code>npm run start:web</code> again.</p>
</body></html>`;

/** Starts the host; resolves once listening. `port: 0` picks a free port. */
export function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const token = opts.token ?? crypto.randomBytes(24).toString('hex');
  let port = 0;
  const gate = new SessionGate(() => port);
  const uploads = new UploadSlot();
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const limitOf = (method: string) => opts.maxBodyBytes ?? bodyLimit(method);
  const pdf = createPdfRoute({ gate, token, port: () => port, fail, ...opts.pdf });
  const upload = createUploadRoute({ ctx: () => opts.ctx, token });

  function fail(res: http.ServerResponse, e: unknown) {
    console.error(redactPersonalData(`[web-host] request failed: ${e instanceof Error ? `${e.name}: ${e.message}` : typeof e}`));
    sendError(res, 500, 'INTERNAL', msg('web_request_failed'));
  }

  const server = http.createServer((req, res) => {
    // (No 'error' listener on req: Node emits a request's 'aborted' error only to listeners, and readBody's 'close' covers it.)
    res.on('error', () => undefined);
    try {
      route(req, res);
    } catch (e) {
      fail(res, e);
    }
  });
  // Malformed HTTP (bad request line, header overflow…): answer 400 if still possible, then drop the connection.
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    socket.destroy();
  });

  function route(req: http.IncomingMessage, res: http.ServerResponse) {
    // Stryker disable next-line StringLiteral: any default outside the two allowed hosts is refused the same way
    const host = req.headers.host ?? '';
    if (!allowedHosts().has(host)) return sendError(res, 403, 'FORBIDDEN', msg('web_host_not_allowed'));
    const origin = req.headers.origin;
    if (origin !== undefined && ![...allowedHosts()].some((h) => origin === `http://${h}`)) return sendError(res, 403, 'FORBIDDEN', msg('web_origin_not_allowed'));
    // The request target is a path under this host; one in absolute form ('http://evil/…') stays a path here, so it
    // can never name another host. With an allowed Host this always parses (if not, route's caller answers 500).
    // Stryker disable next-line StringLiteral: Node always sets req.url on a server request; the default is for the type only
    const target = req.url ?? '/';
    const url = new URL(`http://${host}${target.startsWith('/') ? '' : '/'}${target}`);
    if (url.pathname === '/launch') return launch(req, res, url);
    if (!gate.hasSession(req)) {
      if (url.pathname.startsWith('/api/')) return sendError(res, 401, 'FORBIDDEN', msg('web_not_signed_in'));
      return send(res, 401, NOT_LAUNCHED_PAGE, 'text/html; charset=utf-8');
    }
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url.pathname.slice(5));
    if (url.pathname === PDF_PATH) return pdf.handle(req, res);
    if (url.pathname === UPLOAD_PATH) return upload.handle(req, res, url);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, '');
    const download = /^\/(files|packages)\/([^/]+)$/.exec(url.pathname);
    if (download) {
      if (!secretMatches(url.searchParams.get('t') ?? undefined, token)) return sendError(res, 401, 'FORBIDDEN', msg('web_bad_token'));
      return `/${download[1]}/` === PACKAGE_PREFIX ? servePackage(opts.ctx, res, download[2]!, req.method === 'HEAD') : serveAttachment(opts.ctx, res, download[2]!);
    }
    return serveStatic(res, url.pathname);
  }

  function launch(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    if (req.method !== 'GET') return send(res, 405, '');
    const cookie = gate.redeem(url.searchParams.get('k'));
    if (!cookie) return send(res, 401, NOT_LAUNCHED_PAGE, 'text/html; charset=utf-8');
    send(res, 303, '', 'text/plain; charset=utf-8', { 'Set-Cookie': cookie, Location: '/' });
  }

  function handleApi(req: http.IncomingMessage, res: http.ServerResponse, rawMethod: string) {
    if (req.method !== 'POST') return sendError(res, 405, 'FORBIDDEN', msg('web_post_only'));
    if (!secretMatches(req.headers['x-icpdesk-token'], token)) return sendError(res, 401, 'FORBIDDEN', msg('web_bad_token'));
    let method: string;
    try {
      method = decodeURIComponent(rawMethod);
    } catch {
      return sendError(res, 400, 'VALIDATION', msg('web_bad_method'));
    }
    const limit = limitOf(method);
    readBody(req, res, limit, limit > DEFAULT_BODY_BYTES ? uploads : undefined)
      .then((body) => body && respondApi(res, method, body))
      .catch((e: unknown) => fail(res, e));
  }

  async function respondApi(res: http.ServerResponse, method: string, body: Buffer) {
    let input: unknown;
    try {
      const text = body.toString('utf8');
      input = text ? JSON.parse(text) : {};
    } catch {
      return sendError(res, 400, 'VALIDATION', msg('web_bad_json'));
    }
    const envelope = await dispatch(opts.ctx, method, input);
    send(res, 200, JSON.stringify(envelope));
  }

  function serveStatic(res: http.ServerResponse, pathname: string) {
    const file = resolveStaticFile(opts.rendererDir, pathname);
    if (!file) return send(res, 404, 'not found', 'text/plain; charset=utf-8');
    let body: Buffer | string = fs.readFileSync(file);
    const ext = path.extname(file);
    if (ext === '.html') body = body.toString('utf8').replace('</head>', `<meta name="icpdesk-token" content="${token}"></head>`);
    send(res, 200, body, CONTENT_TYPES[ext] ?? 'application/octet-stream');
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as { port: number }).port;
      resolve({
        url: `http://127.0.0.1:${port}/`,
        launchUrl: `http://127.0.0.1:${port}${gate.launchPath}`,
        port,
        token,
        server,
        close: async () => {
          await new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); });
          await pdf.close();
        },
      });
    });
  });
}
