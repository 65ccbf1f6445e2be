/**
 * `POST /host/attachments?materialId=<id>&fileName=<name>[&addedBy=<name>][&order=<batch>:<index>:<count>]` of the
 * browser-mode host (issue 18 §9; `order`: the file's place in a batch the page uploads several at once, so its sort
 * number follows the user's order — shared/contracts/attachments.ts `UploadOrder`):
 * the page sends one attachment as the raw request body (`fetch(url, { body: file })` — a File or Blob, never base64
 * nor JSON); the host streams it into the store while hashing (db/service/attachments.ts `addStreamedAttachment`:
 * a temporary file in `<data>/files/.incoming/`, fsynced, renamed to its hash, then the row), so a 50 MB scan is never
 * held whole in memory. The host's Host/Origin and session checks run before this route (index.ts); here the per-run
 * token is required too.
 *
 * Answers: 200 with the `attachments.add` Envelope (`{ ok: true, value: { attachment, duplicateOf } }`, or
 * `{ ok: false, error }` for a refusal — empty, an executable or script by name or content: VALIDATION, nothing
 * written — or an unknown item: NOT_FOUND); 413 with a coded VALIDATION Envelope (`attachment_too_large`) when the
 * declared length or the bytes read pass 50 MB (the connection is closed, the temporary file removed); 400 for a bad
 * query; 401 without the token; 405 for anything but POST. An upload aborted half-way leaves no file behind.
 */
import type http from 'node:http';
import { z } from 'zod';
import type { ServiceContext } from '../../db/service/context';
import { addStreamedAttachment } from '../../db/service/attachments';
import { dispatchStreamed } from '../../db/dispatch';
import { AppError } from '../../shared/errors';
import { msg } from '../../shared/messages';
import { MAX_ATTACHMENT_BYTES } from '../../shared/domain/attachments';
import { UploadOrder } from '../../shared/contracts/attachments';
import { secretMatches } from './auth';
import { send, sendError } from './respond';

/** The upload route's path. */
export const UPLOAD_PATH = '/host/attachments';

const UploadQuery = z.strictObject({
  materialId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  fileName: z.string().trim().min(1).max(200),
  addedBy: z.string().trim().max(40).optional(),
  order: UploadOrder.optional(),
});

/** Thrown while streaming when the body passes 50 MB: answered 413. */
class TooLarge extends Error {}

/** Creates the route for one host run. */
export function createUploadRoute(deps: {
  ctx: () => ServiceContext;
  token: string;
}): { handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void } {
  const tooLargeAnswer = (res: http.ServerResponse, fileName: string) => {
    const m = msg('attachment_too_large', { fileName });
    send(res, 413, JSON.stringify({ ok: false, error: new AppError('VALIDATION', m, { reason: 'TOO_LARGE' }).toPayload() }), undefined, { Connection: 'close' });
  };

  return {
    handle(req, res, url) {
      // A refusal before the body is read leaves it unread: Node drains it once the answer is sent (req._dump).
      if (req.method !== 'POST') return sendError(res, 405, 'FORBIDDEN', msg('web_post_only'));
      if (!secretMatches(req.headers['x-icpdesk-token'], deps.token)) return sendError(res, 401, 'FORBIDDEN', msg('web_bad_token'));
      const q = UploadQuery.safeParse(Object.fromEntries(url.searchParams));
      if (!q.success) return sendError(res, 400, 'VALIDATION', msg('web_bad_upload'));
      const declared = req.headers['content-length'];
      if (declared !== undefined && !(Number(declared) <= MAX_ATTACHMENT_BYTES)) return tooLargeAnswer(res, q.data.fileName);
      const aborted = () => req.readableAborted; // destroyed before its end (an ended request is destroyed too: autoDestroy)
      const input = { materialId: q.data.materialId, fileName: q.data.fileName, addedBy: q.data.addedBy ?? null, order: q.data.order };
      const ctx = deps.ctx();
      dispatchStreamed(ctx, 'attachments.add', () => addStreamedAttachment(ctx, input, req.iterator({ destroyOnReturn: false }), () => new TooLarge()), (e) => e instanceof TooLarge || aborted())
        // A refusal before the end closes the connection once answered (Node destroys the socket after a
        // `Connection: close` answer), so the rest of the body is never read nor stored.
        .then((envelope) => send(res, 200, JSON.stringify(envelope), undefined, req.readableEnded ? {} : { Connection: 'close' }))
        .catch((e: unknown) => {
          // Only TooLarge and the error of an upload the page aborted get here (passThrough); the latter's connection
          // is gone already, so there is nobody to answer (the mutant `true` is equivalent: send does nothing there).
          if (e instanceof TooLarge) tooLargeAnswer(res, q.data.fileName);
        });
    },
  };
}
