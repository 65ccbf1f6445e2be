/**
 * Writing responses for the browser-mode host: every answer carries the same defensive headers (no MIME sniffing, no
 * caching, never framed: `X-Frame-Options: DENY` plus the CSP's `frame-ancestors 'none'`), and a response is never
 * written twice (after an error half-way, the connection is simply closed).
 */
import type http from 'node:http';
import { CONTENT_SECURITY_POLICY } from '../csp';
import { zhText, type Message } from '../../shared/messages';

/** Headers sent with every response of both hosts (browser mode here; the app:// protocol in app-protocol.ts). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Writes status + body with {@link SECURITY_HEADERS}; does nothing if a response was already started. */
export function send(res: http.ServerResponse, status: number, body: string | Buffer, type = 'application/json; charset=utf-8', extra: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) {
    if (!res.writableEnded) res.destroy();
    return;
  }
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}

/**
 * An Envelope-shaped error answer `{ ok: false, error: { code, message, key, params } }`: `m` is a coded message
 * (shared/messages.ts; the renderer shows it in the UI's language, `message` is its zh-CN text). A plain string is
 * only for the print failures (PRINT_*), which the renderer recognises by `code` (renderer/src/host.ts).
 */
export function sendError(res: http.ServerResponse, status: number, code: string, m: Message | string, extra: Record<string, string> = {}): void {
  const error = typeof m === 'string' ? { code, message: m } : { code, message: zhText(m), key: m.code, params: m.params };
  send(res, status, JSON.stringify({ ok: false, error }), 'application/json; charset=utf-8', extra);
}
