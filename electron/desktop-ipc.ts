/**
 * Desktop features on the `desktop` channel (issue 19), beside the data (`api`) and host (`host`) channels: a desktop
 * notification, the UI language (the main process rebuilds the application menu in it), and opening an attachment
 * with the system's application (issue 18: by attachment id — the page never names a path), and attaching a file
 * whose bytes the page read (a Uint8Array, never a path nor base64) or that the user chose in the main process's open
 * dialog (`pickAttachments`: the page names the item, never a file), and saving a finished submission package by its
 * download id (`savePackage`: the save dialog, the file copied in the main process — no bytes over IPC). Sender frames are checked
 * like the other channels; inputs are validated with zod. Commands the other way (menu items, a clicked
 * notification) go to the page on the `command` channel: `{ kind: 'command', name }` or `{ kind: 'notification-click', tag }`.
 */
import { z } from 'zod';
import type { IpcMain } from 'electron';
import { AppError, payload, type ErrorPayload } from '../shared/errors';
import { msg } from '../shared/messages';
import { isAppUrl } from './security';
import { MAX_ATTACHMENT_BYTES } from '../shared/domain/attachments';
import { UploadOrder } from '../shared/contracts/attachments';

export const DESKTOP_CHANNEL = 'desktop';
/** The main → page channel for forwarded commands. */
export const COMMAND_CHANNEL = 'command';

const Notify = z.strictObject({ title: z.string().min(1).max(200), body: z.string().max(2000), tag: z.string().regex(/^[\w-]{1,60}$/) });
const Language = z.enum(['zh-CN', 'en']);
const OpenAttachment = z.strictObject({ id: z.number().int().positive() });
/** A finished submission package to save, by its download id (db/package/downloads.ts). */
const SavePackage = z.strictObject({ downloadId: z.string().regex(/^[0-9a-f]{32}$/) });
/**
 * A file to attach, its bytes as a Uint8Array (IPC's structured clone copies them as they are: no base64). At most
 * 50 MB + 1 byte is accepted here, so the service's refusal names the file; anything larger is refused at the boundary.
 */
const AttachFile = z.strictObject({
  materialId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  fileName: z.string().trim().min(1).max(200),
  addedBy: z.string().trim().max(40).nullable().default(null),
  /** The file's place in a batch (shared/contracts/attachments.ts `UploadOrder`), when the page sends several at once. */
  order: UploadOrder.optional(),
  bytes: z.instanceof(Uint8Array).refine((b) => b.length <= MAX_ATTACHMENT_BYTES + 1, '文件超过 50 MB'),
});
export type AttachFileInput = z.infer<typeof AttachFile>;
/** The item a file picker in the main process attaches to (the page names no file: the dialog chooses them). */
const PickAttachments = z.strictObject({
  materialId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  addedBy: z.string().trim().max(40).nullable().default(null),
  title: z.string().max(200).optional(),
});
export type PickAttachmentsInput = z.infer<typeof PickAttachments>;

/** What the handler calls; `notify` resolves false when the system cannot show notifications. */
export interface DesktopDeps {
  notify(input: z.infer<typeof Notify>): boolean;
  setLanguage(lang: z.infer<typeof Language>): void;
  /** Opens attachment `id` with the system app (open-file.ts); rejects with the reason when it cannot. */
  openAttachment(id: number): Promise<void>;
  /** Attaches a file the page read (drop, paste, picker): the `attachments.add` Envelope (upload in browser mode). */
  attachFile(input: AttachFileInput): Promise<unknown>;
  /**
   * The file picker for an item, in the main process (attach-file.ts `pickAndAttach`): the system's open dialog, the
   * chosen files read and attached there; resolves `{ canceled, files: [{ fileName, result }] }`.
   */
  pickAttachments(input: PickAttachmentsInput): Promise<unknown>;
  /** Saves a finished package through the save dialog by copying its file (save-package.ts): the path, or null when cancelled. */
  savePackage(downloadId: string): Promise<string | null>;
}

/**
 * What `openAttachment` answers the page: like the data channel's envelope, so a failure reaches the renderer coded
 * (key + params, rendered in the UI's language by renderer/src/api.ts ApiError) instead of as the text of a rejected
 * IPC call (which carries only the zh-CN message). AppErrors keep their code and message (open-file.ts codes the
 * system's failures); anything else is INTERNAL error_INTERNAL.
 */
export type OpenAttachmentAnswer = { ok: true; value: null } | { ok: false; error: ErrorPayload };
/** What `savePackage` answers: the saved path (null: the dialog was cancelled), or the coded error, as {@link OpenAttachmentAnswer}. */
export type SavePackageAnswer = { ok: true; value: string | null } | { ok: false; error: ErrorPayload };

async function answer<T>(command: string, run: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: ErrorPayload }> {
  try {
    return { ok: true, value: await run() };
  } catch (e) {
    if (e instanceof AppError) return { ok: false, error: e.toPayload() };
    console.error(`[desktop] ${command} failed: ${e instanceof Error ? e.name : typeof e}`);
    return { ok: false, error: payload('INTERNAL', msg('error_INTERNAL')) };
  }
}

/**
 * Registers the `desktop` channel; returns the handler for tests. Throws (rejecting the page's call) on a foreign
 * sender, bad input or an unknown command; `openAttachment` answers an {@link OpenAttachmentAnswer}.
 */
export function registerDesktopIpc(ipcMain: Pick<IpcMain, 'handle'>, deps: DesktopDeps) {
  const handler = async (event: { senderFrame?: { url: string } | null }, command: unknown, input: unknown): Promise<unknown> => {
    if (!isAppUrl(event.senderFrame?.url ?? '')) throw new Error('forbidden sender');
    if (command === 'notify') return deps.notify(Notify.parse(input));
    if (command === 'setLanguage') { deps.setLanguage(Language.parse(input)); return null; }
    if (command === 'openAttachment') { const { id } = OpenAttachment.parse(input); return answer(command, async () => { await deps.openAttachment(id); return null; }); }
    if (command === 'savePackage') { const { downloadId } = SavePackage.parse(input); return answer(command, () => deps.savePackage(downloadId)); }
    if (command === 'attachFile') return deps.attachFile(AttachFile.parse(input));
    if (command === 'pickAttachments') return deps.pickAttachments(PickAttachments.parse(input));
    throw new Error('unknown desktop command');
  };
  ipcMain.handle(DESKTOP_CHANNEL, handler as never);
  return handler;
}
