/**
 * `POST /host/pdf` of the browser-mode host (导出 PDF): body `{ hash, fileName, lang }` — an app print route such as
 * '#/print/weekly-client?clientId=3&week=2026-W48', the file name to offer, the UI language. The host's Host/Origin
 * and session checks run before this route (index.ts); here the per-run token is required too, then the print view
 * is rendered to an A4 PDF (../pdf-chromium.ts, one at a time: pdf-queue.ts) and answered as a download: 200 `application/pdf` with
 * `Content-Disposition: attachment` (the name in UTF-8). Errors are coded Envelopes `{ ok: false, error }`:
 * 401 no token, 405 not POST, 413 body over 16 KiB, 400 bad JSON / route / name, 503 PRINT_BUSY or PRINT_NO_BROWSER,
 * 504 PRINT_TIMEOUT, 500 PRINT_CRASHED.
 * The headless browser signs in with a render session that exists only while its render runs (auth.ts).
 */
import { msg } from '../../shared/messages';
import type http from 'node:http';
import { z } from 'zod';
import { secretMatches, type SessionGate } from './auth';
import { send, sendError } from './respond';
import { PDF_ERROR_STATUS, PdfQueue, PdfRenderError, type RenderPdf } from './pdf-queue';
import { ChromiumPdfRenderer } from '../pdf-chromium';
import { PrintFileName, PrintHash, pdfFileName } from '../print-route';

/** The PDF route's path. */
export const PDF_PATH = '/host/pdf';

/** Largest body of `POST /host/pdf` in bytes (a print route and a file name). */
export const PDF_BODY_BYTES = 16 * 1024;

const PdfRequest = z.object({ hash: PrintHash, fileName: PrintFileName, lang: z.enum(['zh-CN', 'en']).default('zh-CN') });

/**
 * `Content-Disposition: attachment` for `fileName`: the real (Chinese) name as RFC 6266/5987 `filename*` in UTF-8,
 * with a plain `filename` for old clients (the name itself when it is printable ASCII, else 'icpdesk.pdf').
 */
export function attachmentHeader(fileName: string): string {
  const enc = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const ascii = /^[\x20-\x7e]+$/.test(fileName) && !/["\\%]/.test(fileName) ? fileName : 'icpdesk.pdf';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${enc}`;
}

/** Options of the PDF route (tests replace the renderer and shorten the timeout). */
export interface PdfRouteOptions {
  /** Replaces the headless-Chromium renderer. */
  render?: RenderPdf;
  /** One render, in ms (default 60 s, including Chromium's start). */
  timeoutMs?: number;
  /** Requests queued behind the running one before PRINT_BUSY (default 3). */
  maxWaiting?: number;
}

/** Creates the route for one host run; `close()` stops its Chromium. */
export function createPdfRoute(deps: PdfRouteOptions & {
  gate: SessionGate;
  token: string;
  port: () => number;
  fail: (res: http.ServerResponse, e: unknown) => void;
}): { handle(req: http.IncomingMessage, res: http.ServerResponse): void; close(): Promise<void> } {
  const chromium = deps.render ? null : new ChromiumPdfRenderer({ log: (line) => console.log(line) });
  const render: RenderPdf = deps.render ?? chromium!.render;
  const timeoutMs = deps.timeoutMs ?? 60_000;
  // The render session is granted when the render starts (not while queued) and revoked when it ends or times out
  // (a hung render may never settle).
  const queue = new PdfQueue<{ url: string; lang: 'zh-CN' | 'en' }>(async (job, signal) => {
    const s = deps.gate.grantRenderSession(timeoutMs + 5_000);
    signal.addEventListener('abort', s.revoke, { once: true });
    try {
      return await render({ ...job, cookie: { name: s.name, value: s.value } }, signal);
    } finally {
      s.revoke();
    }
  }, { timeoutMs, maxWaiting: deps.maxWaiting });

  async function respond(res: http.ServerResponse, body: Buffer) {
    let input: z.infer<typeof PdfRequest>;
    try {
      input = PdfRequest.parse(JSON.parse(body.toString('utf8') || '{}'));
    } catch {
      return sendError(res, 400, 'VALIDATION', msg('web_bad_print_request'));
    }
    let pdf: Buffer;
    try {
      pdf = await queue.run({ url: `http://127.0.0.1:${deps.port()}/${input.hash}`, lang: input.lang });
    } catch (e) {
      if (!(e instanceof PdfRenderError)) throw e;
      console.error(`[web-host] PDF not made: ${e.code}`);
      return sendError(res, PDF_ERROR_STATUS[e.code], e.code, e.message);
    }
    send(res, 200, pdf, 'application/pdf', { 'Content-Disposition': attachmentHeader(pdfFileName(input.fileName)) });
  }

  return {
    handle(req, res) {
      if (req.method !== 'POST') {
        req.resume();
        return sendError(res, 405, 'FORBIDDEN', msg('web_post_only'));
      }
      if (!secretMatches(req.headers['x-icpdesk-token'], deps.token)) {
        req.resume();
        return sendError(res, 401, 'FORBIDDEN', msg('web_bad_token'));
      }
      if (!(Number(req.headers['content-length'] ?? 0) <= PDF_BODY_BYTES)) {
        req.resume();
        return sendError(res, 413, 'VALIDATION', msg('web_too_large'), { Connection: 'close' });
      }
      const chunks: Buffer[] = [];
      let size = 0;
      let aborted = false;
      req.on('data', (c: Buffer) => {
        if (aborted) return;
        size += c.length;
        if (size > PDF_BODY_BYTES) {
          aborted = true;
          sendError(res, 413, 'VALIDATION', msg('web_too_large'), { Connection: 'close' });
          req.destroy();
        } else chunks.push(c);
      });
      req.on('end', () => {
        if (!aborted) respond(res, Buffer.concat(chunks)).catch((e: unknown) => deps.fail(res, e));
      });
    },
    close: async () => { await chromium?.close(); },
  };
}
