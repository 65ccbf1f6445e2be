/**
 * Electron's attach (issue 18 §9). Two ways in, never a path from the page:
 * - **The file picker** runs in the main process ({@link pickAndAttach}): the system's open dialog, then the chosen
 *   files are read here, in 1 MiB pieces (fs streams, never a whole 50 MB file in memory), straight into the streamed
 *   attach. The page asks for a picker for an item; the paths stay in the main process.
 * - **Drop and paste** give the page File objects it can read but whose paths it does not know: it sends their bytes
 *   on the `desktop` channel as a Uint8Array (structured clone: no base64, no JSON) — {@link attachBytes}.
 * Both write through the same streamed attach as the browser-mode upload (db/service/attachments.ts
 * `addStreamedAttachment`: temporary file, fsync, rename to the hash, dedupe, refusals with nothing written) under
 * dispatch's rules.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { BrowserWindow, Dialog, OpenDialogOptions } from 'electron';
import { dispatchStreamed } from '../db/dispatch';
import type { ServiceContext } from '../db/service/context';
import { addStreamedAttachment, refusedError, type StreamedAttachmentInput } from '../db/service/attachments';
import { MAX_ATTACHMENT_BYTES, refusal } from '../shared/domain/attachments';
import { AppError } from '../shared/errors';
import { msg } from '../shared/messages';
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

/** One chosen file's outcome: its name (the path's last part — the page never sees the path) and the `attachments.add` Envelope. */
export interface PickedFile { fileName: string; result: Envelope<Out<'attachments.add'>> }

/** What the picker answers the page: `canceled` when the dialog was closed without a choice (nothing attached). */
export interface PickAnswer { canceled: boolean; files: PickedFile[] }

/** At most this many files of one pick are taken (the batch order's limit, shared/contracts/attachments.ts `UploadOrder`). */
export const MAX_PICKED_FILES = 1000;

/**
 * Shows the system's open dialog for item `input.materialId` (attached to the main window when there is one) and
 * attaches the chosen files in the order the dialog gave them, one after the other (each streamed from disk in
 * 1 MiB pieces; a batch's sort numbers follow that order). A file that cannot be read (gone, a folder, no permission)
 * or is refused (empty, over 50 MB — the stream stops at 50 MB + 1 byte —, an executable) gets an error Envelope
 * naming it and the others go on. Resolves `{ canceled: true, files: [] }` when the user cancels. The dialog may stay
 * open as long as the user likes: nothing is locked while it does.
 * @throws whatever the dialog throws (a destroyed window: "Object has been destroyed")
 */
export async function pickAndAttach(
  deps: { ctx: () => ServiceContext; dialog: Pick<Dialog, 'showOpenDialog'>; win: () => BrowserWindow | null },
  input: Omit<StreamedAttachmentInput, 'fileName' | 'order'>,
  options: Pick<OpenDialogOptions, 'title'> = {},
): Promise<PickAnswer> {
  const opts: OpenDialogOptions = { ...options, properties: ['openFile', 'multiSelections'] };
  const win = deps.win();
  const r = win ? await deps.dialog.showOpenDialog(win, opts) : await deps.dialog.showOpenDialog(opts);
  if (r.canceled || !r.filePaths?.length) return { canceled: true, files: [] };
  const paths = r.filePaths.slice(0, MAX_PICKED_FILES);
  const batch = `pick-${crypto.randomBytes(6).toString('hex')}`;
  const files: PickedFile[] = [];
  for (const [index, file] of paths.entries()) {
    const fileName = path.basename(file);
    const order = paths.length > 1 ? { batch, index, count: paths.length } : null;
    files.push({ fileName, result: await attachPath(deps.ctx(), { ...input, fileName, order }, file) });
  }
  return { canceled: false, files };
}

/** Attaches the file at `file` (a path the open dialog returned, never one from the page), streamed from disk. */
async function attachPath(ctx: ServiceContext, input: StreamedAttachmentInput, file: string): Promise<Envelope<Out<'attachments.add'>>> {
  const unreadable = (detail: string) => AppError.field('VALIDATION', 'file', msg('attachment_unreadable', { fileName: input.fileName, detail }));
  let head = new Uint8Array(0);
  const pieces = async function* () {
    let stream: fs.ReadStream;
    try {
      const st = await fs.promises.stat(file);
      if (!st.isFile()) throw unreadable('not a file');
      stream = fs.createReadStream(file, { highWaterMark: PIECE });
    } catch (e) {
      throw e instanceof AppError ? e : unreadable((e as NodeJS.ErrnoException).code ?? String(e));
    }
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (head.length < 4) head = new Uint8Array(Buffer.concat([head, chunk.subarray(0, 4)]).subarray(0, 4));
        yield chunk;
      }
    } catch (e) {
      throw unreadable((e as NodeJS.ErrnoException).code ?? String(e));
    } finally {
      stream.destroy(); // the refusal of a file over 50 MB stops reading here
    }
  };
  const tooLarge = () => refusedError(refusal(input.fileName, head, MAX_ATTACHMENT_BYTES + 1)!);
  return dispatchStreamed(ctx, 'attachments.add', () => addStreamedAttachment(ctx, input, pieces(), tooLarge));
}
