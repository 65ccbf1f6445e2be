/**
 * Browser-mode host: the same contract as the Electron IPC, over HTTP on 127.0.0.1 only, plus the built renderer.
 * - API: `POST /api/<method>` with a JSON body (the input) and header `X-ICPDesk-Token: <per-run random token>`;
 *   answers 200 with an Envelope `{ ok, value | error }`. 401 without / with a wrong token, 403 for a foreign Host or
 *   Origin (DNS rebinding, cross-site), 413 for a body over `maxBodyBytes`, 404/405 otherwise. No CORS headers.
 * - Static: files under `rendererDir` only (path traversal refused); index.html carries the token in a meta tag.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { ServiceContext } from '../db/service/context';
import { dispatch } from '../db/dispatch';
import { CONTENT_SECURITY_POLICY } from './csp';

export interface WebHostOptions {
  ctx: ServiceContext;
  rendererDir: string;
  port?: number;
  token?: string;
  maxBodyBytes?: number;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  server: http.Server;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.ico': 'image/x-icon',
};

function send(res: http.ServerResponse, status: number, body: string | Buffer, type = 'application/json; charset=utf-8') {
  res.writeHead(status, { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' });
  res.end(body);
}

/** Resolves a URL path inside `root`; null if it escapes root (.., encoded slashes, absolute paths). */
export function safeStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const rel = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const full = path.resolve(root, rel);
  const rootResolved = path.resolve(root);
  if (full !== rootResolved && !full.startsWith(rootResolved + path.sep)) return null;
  return full;
}

/** Starts the host; resolves once listening. `port: 0` picks a free port. */
export function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const token = opts.token ?? crypto.randomBytes(24).toString('hex');
  // Large enough for the biggest upload the contract accepts (a database to restore / a JSON export: 256 MB of
  // base64, see shared/contracts/backup.ts); each method's schema sets its own, smaller limit.
  const maxBody = opts.maxBodyBytes ?? 260 * 1024 * 1024;
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  const server = http.createServer((req, res) => {
    const host = req.headers.host ?? '';
    if (!allowedHosts().has(host)) return send(res, 403, JSON.stringify({ ok: false, error: { code: 'FORBIDDEN', message: 'Host 不被允许' } }));
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts().has(origin.replace(/^http:\/\//, ''))) {
      return send(res, 403, JSON.stringify({ ok: false, error: { code: 'FORBIDDEN', message: 'Origin 不被允许' } }));
    }
    const url = new URL(req.url ?? '/', `http://${host}`);
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url.pathname.slice(5));
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, '');
    return serveStatic(res, url.pathname);
  });

  function handleApi(req: http.IncomingMessage, res: http.ServerResponse, method: string) {
    if (req.method !== 'POST') return send(res, 405, JSON.stringify({ ok: false, error: { code: 'FORBIDDEN', message: '只接受 POST' } }));
    const given = req.headers['x-icpdesk-token'];
    const ok = typeof given === 'string' && given.length === token.length && crypto.timingSafeEqual(Buffer.from(given), Buffer.from(token));
    if (!ok) {
      req.resume();
      return send(res, 401, JSON.stringify({ ok: false, error: { code: 'FORBIDDEN', message: '缺少或错误的访问令牌' } }));
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBody) {
      req.resume();
      return send(res, 413, JSON.stringify({ ok: false, error: { code: 'VALIDATION', message: '请求过大' } }));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let aborted = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBody && !aborted) {
        aborted = true;
        send(res, 413, JSON.stringify({ ok: false, error: { code: 'VALIDATION', message: '请求过大' } }));
        req.destroy();
      } else if (!aborted) chunks.push(c);
    });
    req.on('end', async () => {
      if (aborted) return;
      let input: unknown;
      try {
        const text = Buffer.concat(chunks).toString('utf8');
        input = text ? JSON.parse(text) : {};
      } catch {
        return send(res, 400, JSON.stringify({ ok: false, error: { code: 'VALIDATION', message: '请求不是有效的 JSON' } }));
      }
      const envelope = await dispatch(opts.ctx, decodeURIComponent(method), input);
      send(res, 200, JSON.stringify(envelope));
    });
  }

  function serveStatic(res: http.ServerResponse, pathname: string) {
    let file = safeStaticPath(opts.rendererDir, pathname);
    if (!file) return send(res, 404, 'not found', 'text/plain; charset=utf-8');
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      // Client-side routes fall back to index.html; files with an extension that do not exist are 404.
      if (path.extname(file)) return send(res, 404, 'not found', 'text/plain; charset=utf-8');
      file = path.join(opts.rendererDir, 'index.html');
    }
    let body: Buffer | string = fs.readFileSync(file);
    const ext = path.extname(file);
    if (ext === '.html') {
      body = body.toString('utf8').replace('</head>', `<meta name="icpdesk-token" content="${token}"></head>`);
      res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    }
    send(res, 200, body, TYPES[ext] ?? 'application/octet-stream');
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as { port: number }).port;
      resolve({
        url: `http://127.0.0.1:${port}/`,
        port,
        token,
        server,
        close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
      });
    });
  });
}
