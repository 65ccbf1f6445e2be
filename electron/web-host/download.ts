/**
 * The browser-mode download of an attachment (issue 18 §2): `GET /files/<id>?t=<per-run token>` answers the stored
 * file (hash-verified) with `Content-Disposition: attachment` naming the original file — an ASCII fallback in
 * `filename` and the exact UTF-8 name in `filename*` (RFC 6266 with RFC 5987 encoding, so Chinese names arrive
 * intact). The token travels in the query because a download link cannot send a header; the session cookie
 * (SameSite=Strict) is required as for the API.
 */
import { msg } from '../../shared/messages';
import type http from 'node:http';
import type { ServiceContext } from '../../db/service/context';
import { attachmentFile } from '../../db/service/attachments';
import { AppError } from '../../shared/errors';
import { send, sendError } from './respond';

/** RFC 5987 `value-chars`: attr-char stays, everything else is percent-encoded UTF-8. */
function rfc5987(value: string): string {
  return Array.from(new TextEncoder().encode(value), (b) => {
    const c = String.fromCharCode(b);
    return /[A-Za-z0-9!#$&+\-.^_`|~]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
}

/**
 * The Content-Disposition header for downloading `fileName`: `attachment; filename="<ASCII fallback>";
 * filename*=UTF-8''<RFC 5987>`. The fallback keeps printable ASCII (quotes and backslashes become `_`) and replaces
 * every other character by `_`, keeping the extension readable (e.g. "申请表.pdf" → `filename="___.pdf"`).
 */
export function contentDisposition(fileName: string): string {
  const fallback = Array.from(fileName, (ch) => (/^[\x20-\x7e]$/.test(ch) && ch !== '"' && ch !== '\\' ? ch : '_')).join('');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${rfc5987(fileName)}`;
}

/** Answers `GET /files/<id>`: 200 with the bytes, 404 for an unknown id or a missing file, 409 for an altered one. */
export function serveAttachment(ctx: ServiceContext, res: http.ServerResponse, rawId: string): void {
  const id = /^[1-9]\d{0,15}$/.test(rawId) ? Number(rawId) : NaN;
  if (!Number.isSafeInteger(id)) return sendError(res, 404, 'NOT_FOUND', msg('attachment_not_found'));
  let file;
  try {
    file = attachmentFile(ctx, id);
  } catch (e) {
    if (e instanceof AppError) return sendError(res, e.code === 'BAD_FILE' ? 409 : 404, e.code, e.msg);
    throw e;
  }
  send(res, 200, file.bytes, file.mime, { 'Content-Disposition': contentDisposition(file.fileName), 'Content-Length': String(file.bytes.length) });
}
