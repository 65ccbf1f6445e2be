/**
 * Request bodies of the browser-mode host: the limit per API method, and the one size-capped reader both the API
 * (index.ts) and the PDF route (pdf-route.ts) read their bodies with. Everything is small (1 MiB) except the few
 * methods that take a file (an import spreadsheet, a database to restore, a JSON export): their limits follow their
 * contract's `dataBase64` maximum plus room for the JSON around it. At most one large upload is read at a time (a
 * second gets 503), so a page cannot make the host buffer several hundred-MB bodies at once.
 */
import type http from 'node:http';
import { msg } from '../../shared/messages';
import { sendError } from './respond';


/** Limit for every method not in {@link UPLOAD_LIMITS}, in bytes. */
export const DEFAULT_BODY_BYTES = 1024 * 1024;

/** Methods that carry a file, with their body limit in bytes (shared/contract.ts ImportFile: 40 MB of base64; shared/contracts/backup.ts UploadedFile: 256 MB). */
export const UPLOAD_LIMITS: Readonly<Record<string, number>> = {
  'import.preview': 41 * 1024 * 1024,
  'import.commit': 42 * 1024 * 1024,
  'backup.previewFile': 257 * 1024 * 1024,
  'backup.restoreFile': 257 * 1024 * 1024,
  'data.importJson': 257 * 1024 * 1024,
  // Not 'attachments.add': the page streams attachments to POST /host/attachments (upload-route.ts), so a base64
  // attachment through the JSON API gets the default 1 MiB.
};

/** The body limit of `method` in bytes ({@link DEFAULT_BODY_BYTES} for unknown methods too). */
export function bodyLimit(method: string): number {
  return Object.hasOwn(UPLOAD_LIMITS, method) ? UPLOAD_LIMITS[method] : DEFAULT_BODY_BYTES;
}

/** One slot for a large upload: `take()` is false while another holds it; `release()` frees it (idempotent per holder). */
export class UploadSlot {
  private busy = false;

  take(): (() => void) | null {
    if (this.busy) return null;
    this.busy = true;
    let done = false;
    return () => {
      if (!done) {
        done = true;
        this.busy = false;
      }
    };
  }
}

/**
 * Reads the body of `req`, at most `limit` bytes. Refusals are answered here, as coded Envelopes with
 * `Connection: close`: 413 VALIDATION msg('web_too_large') when the declared `Content-Length` is over the limit (before any of the
 * body is read) or when a body without one (chunked) passes it while streaming (the request is then destroyed:
 * nothing more is read or buffered); with `slot` (a large upload), 503 UNAVAILABLE while another upload holds it —
 * the slot is taken after the length check and released when this response is complete or its connection drops.
 * @returns the body (an empty Buffer when there is none), or null when an answer was already sent or the client went
 *   away before the end of the body; on null the caller does nothing more.
 */
export function readBody(req: http.IncomingMessage, res: http.ServerResponse, limit: number, slot?: UploadSlot): Promise<Buffer | null> {
  if (!(Number(req.headers['content-length'] ?? 0) <= limit)) {
    sendError(res, 413, 'VALIDATION', msg('web_too_large'), { Connection: 'close' });
    return Promise.resolve(null);
  }
  if (slot) {
    const release = slot.take();
    if (!release) {
      sendError(res, 503, 'UNAVAILABLE', msg('web_upload_busy'), { Connection: 'close' });
      return Promise.resolve(null);
    }
    // A response's 'close' comes when it is complete (also on a kept-alive connection) or its connection dropped.
    res.on('close', release);
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) return void chunks.push(c);
      sendError(res, 413, 'VALIDATION', msg('web_too_large'), { Connection: 'close' });
      // Stryker disable next-line CallExpression: after a `Connection: close` answer Node ends the socket anyway; this stops reading without waiting for the answer to flush
      req.destroy(); // (its 'close' resolves null below)
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    // Without 'end' first, the client went away or the body was refused above; after 'end' this changes nothing.
    req.on('close', () => resolve(null));
  });
}
