/**
 * Electron's attach (issue 18 §9): the page reads a dropped, pasted or picked file and sends its bytes on the
 * `desktop` channel as a Uint8Array (structured clone: no base64, no JSON); the main process writes them through the
 * same streamed attach as the browser-mode upload (db/service/attachments.ts `addStreamedAttachment`, in 1 MiB
 * pieces: temporary file, fsync, rename to the hash, dedupe, refusals with nothing written) under dispatch's rules.
 */
import { dispatchStreamed } from '../db/dispatch';
import type { ServiceContext } from '../db/service/context';
import { addStreamedAttachment, refusedError, type StreamedAttachmentInput } from '../db/service/attachments';
import { MAX_ATTACHMENT_BYTES, refusal } from '../shared/domain/attachments';
import type { Envelope, Out } from '../shared/contract';

const PIECE = 1024 * 1024;

/** Attaches `bytes` to `input.materialId`; resolves to the `attachments.add` Envelope (refusals as `{ ok: false }`). */
export function attachBytes(ctx: ServiceContext, input: StreamedAttachmentInput, bytes: Uint8Array): Promise<Envelope<Out<'attachments.add'>>> {
  const pieces = function* () {
    for (let i = 0; i < bytes.length; i += PIECE) yield bytes.subarray(i, i + PIECE);
  };
  const tooLarge = () => refusedError(refusal(input.fileName, bytes.subarray(0, 4), MAX_ATTACHMENT_BYTES + 1)!);
  return dispatchStreamed(ctx, 'attachments.add', () => addStreamedAttachment(ctx, input, pieces(), tooLarge));
}
