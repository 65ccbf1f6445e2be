/**
 * OS features that differ by host, behind one small interface:
 * - `saveFile(name, bytes, mime)`: Electron shows the save dialog and writes the file; the browser downloads it.
 * - `printRoute(hash, { pdf, fileName })`: prints an app route (a print view such as '#/print/weekly?week=2026-W48').
 *   Electron renders it in a hidden window: `pdf: true` → printToPDF + save dialog, `pdf: false` → the system print
 *   dialog (cancelling it leaves the app usable). In the browser, `pdf: true` asks the host to render the route to PDF
 *   (`POST /host/pdf`, a headless Chromium: electron/pdf-chromium.ts) and downloads it under `fileName`;
 *   `pdf: false` opens the route in a new tab and calls the page's own print (the user picks a printer). Without a
 *   Chromium on the host, `pdf: true` opens that print tab instead and throws an error whose text says to choose
 *   "另存为 PDF" ({@link printFailureOf} → 'noPdf').
 * Resolves to the saved path (Electron), the downloaded file's name (browser, PDF), or null when the user cancelled /
 * the browser's print dialog took over.
 */
import { ApiError, call, hostKind } from './api';
import type { Envelope, Out } from '../../shared/contract';
import { payload } from '../../shared/errors';
import { msg } from '../../shared/messages';
import { MAX_ATTACHMENT_BYTES } from '../../shared/domain/attachments';
import i18n from './i18n';
import type { TFunction } from 'i18next';

interface ElectronHostBridge {
  saveFile(input: { fileName: string; base64: string }): Promise<string | null>;
  printRoute(input: { hash: string; pdf: boolean; fileName: string }): Promise<string | null>;
  copyText(input: { text: string }): Promise<null>;
  notify?(input: NotifyInput): Promise<boolean>;
  setLanguage?(lang: 'zh-CN' | 'en'): Promise<void>;
  /** An envelope (electron/desktop-ipc.ts OpenAttachmentAnswer); null from a main process before it answered one. */
  openAttachment?(input: { id: number }): Promise<Envelope<null> | null>;
  attachFile?(input: { materialId: number; fileName: string; addedBy: string | null; bytes: Uint8Array; order?: string }): Promise<Envelope<unknown>>;
  /** The file picker in the main process (electron/attach-file.ts `pickAndAttach`). */
  pickAttachments?(input: { materialId: number; addedBy: string | null; title?: string }): Promise<{ canceled: boolean; files: { fileName: string; result: Envelope<unknown> }[] }>;
  /** Saves a finished package by its download id (electron/save-package.ts): the saved path, null when cancelled. */
  savePackage?(input: { downloadId: string }): Promise<Envelope<string | null>>;
  onCommand?(handler: (c: HostCommand) => void): () => void;
}

declare global {
  interface Window {
    icpdeskHost?: ElectronHostBridge;
  }
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Saves `bytes` as a file named `fileName` (the user may pick another name/folder in Electron). */
export async function saveFile(fileName: string, bytes: Uint8Array, mime = 'application/octet-stream'): Promise<string | null> {
  if (hostKind() === 'electron' && window.icpdeskHost) return window.icpdeskHost.saveFile({ fileName, base64: toBase64(bytes) });
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return null;
}

/** How {@link attachFile} reports and stops one upload. */
export interface AttachOptions {
  /** The file's place in a batch uploaded several at once (shared/contracts/attachments.ts `UploadOrder`: `batch:index:count`). */
  order?: string;
  /** Bytes sent so far and the file's size (browser mode: as the body goes out; Electron: once, when the bytes are handed over). */
  onProgress?: (loaded: number, total: number) => void;
  /** Every byte has left the page: the host is storing it, it can no longer be cancelled. */
  onSent?: () => void;
  /** Cancels the upload while it is being sent (the host then keeps nothing: no row, no file). */
  signal?: AbortSignal;
}

/** An upload cancelled by its {@link AttachOptions.signal}: nothing was attached. */
export class UploadCancelled extends Error {
  constructor() { super('upload cancelled'); this.name = 'UploadCancelled'; }
}

/**
 * Attaches one file (issue 18 §9) without base64. Browser: the File/Blob is the raw body of
 * `POST /host/attachments?materialId=…&fileName=…[&order=…]` sent by XMLHttpRequest (its upload events give the
 * progress; fetch has none), which the host streams to disk while hashing (electron/web-host/upload-route.ts);
 * Electron: its bytes go to the main process as a Uint8Array on the desktop channel (electron/attach-file.ts).
 * Resolves to `attachments.add`'s output.
 * @throws ApiError the refusal (VALIDATION: empty, over 50 MB — also the host's 413 —, executable), NOT_FOUND, …;
 *   UploadCancelled when `signal` aborted it before every byte was sent
 */
export async function attachFile(materialId: number, fileName: string, file: Blob, addedBy: string | null = null, opts: AttachOptions = {}): Promise<Out<'attachments.add'>> {
  if (opts.signal?.aborted) throw new UploadCancelled();
  let env: Envelope<unknown>;
  if (hostKind() === 'electron' && window.icpdeskHost?.attachFile) {
    // A file over 50 MB is sent cut at 50 MB + 1 byte: enough for the host to refuse it by name, never read whole.
    const bytes = new Uint8Array(await file.slice(0, MAX_ATTACHMENT_BYTES + 1).arrayBuffer());
    if (opts.signal?.aborted) throw new UploadCancelled();
    opts.onProgress?.(file.size, file.size);
    opts.onSent?.();
    env = await window.icpdeskHost.attachFile({ materialId, fileName, addedBy, bytes, ...(opts.order ? { order: opts.order } : {}) })
      .catch((e: unknown) => ({ ok: false as const, error: payload('INTERNAL', msg('service_unreachable'), { detail: remoteMessage(e).message }) }));
  } else {
    const token = document.querySelector('meta[name="icpdesk-token"]')?.getAttribute('content') ?? '';
    const q = new URLSearchParams({ materialId: String(materialId), fileName, ...(addedBy ? { addedBy } : {}), ...(opts.order ? { order: opts.order } : {}) });
    const res = await send(`host/attachments?${q}`, token, file, opts);
    try {
      env = res.status === 200 || res.status === 413 ? (JSON.parse(res.text) as Envelope<unknown>) : { ok: false, error: payload('FORBIDDEN', msg('service_no_response', { status: res.status })) };
    } catch {
      throw new ApiError(payload('INTERNAL', msg('service_unreachable')));
    }
  }
  if (!env.ok) throw new ApiError(env.error);
  return env.value as Out<'attachments.add'>;
}

/** Whether attaching through a picker happens in the main process (Electron): then {@link pickAttachments}, not `<input type=file>`. */
export function hostPicksFiles(): boolean {
  return hostKind() === 'electron' && !!window.icpdeskHost?.pickAttachments;
}

/**
 * Electron: shows the system's open dialog in the main process, which reads and attaches the chosen files itself (the
 * page never learns a path). Resolves null when cancelled, else each chosen file's name and outcome (an ApiError for
 * a refused or unreadable one) in the dialog's order.
 */
export async function pickAttachments(materialId: number, title?: string): Promise<{ fileName: string; value: Out<'attachments.add'> | ApiError }[] | null> {
  const r = await window.icpdeskHost!.pickAttachments!({ materialId, addedBy: null, ...(title ? { title } : {}) }).catch((e: unknown) => {
    throw new ApiError(payload('INTERNAL', msg('service_unreachable'), { detail: remoteMessage(e).message }));
  });
  if (r.canceled) return null;
  return r.files.map((f) => ({ fileName: f.fileName, value: f.result.ok ? (f.result.value as Out<'attachments.add'>) : new ApiError(f.result.error) }));
}

/** POSTs `file` as the raw body with upload progress; rejects with UploadCancelled on abort, ApiError when the host is unreachable. */
function send(url: string, token: string, file: Blob, opts: AttachOptions): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    let sent = false;
    const cancel = () => { if (!sent) xhr.abort(); };
    xhr.open('POST', url);
    xhr.setRequestHeader('X-ICPDesk-Token', token);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => opts.onProgress?.(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.upload.onload = () => { sent = true; opts.onSent?.(); };
    xhr.onload = () => { opts.signal?.removeEventListener('abort', cancel); resolve({ status: xhr.status, text: xhr.responseText }); };
    xhr.onerror = () => { opts.signal?.removeEventListener('abort', cancel); reject(new ApiError(payload('INTERNAL', msg('service_unreachable')))); };
    xhr.onabort = () => reject(new UploadCancelled());
    opts.signal?.addEventListener('abort', cancel, { once: true });
    xhr.send(file);
  });
}

/**
 * An attachment's bytes (hash-verified by the host) without base64 where the host allows: browser mode reads
 * `GET /files/<id>?t=<token>` (the stored file as it is, electron/web-host/download.ts); Electron uses the
 * `attachments.get` method (IPC).
 * @throws ApiError NOT_FOUND (missing), BAD_FILE (altered)
 */
export async function readAttachmentBytes(id: number): Promise<Uint8Array> {
  if (hostKind() === 'electron') return fromBase64((await call('attachments.get', { id })).base64);
  const token = document.querySelector('meta[name="icpdesk-token"]')?.getAttribute('content') ?? '';
  let res: Response;
  try {
    res = await fetch(`files/${id}?t=${encodeURIComponent(token)}`);
  } catch {
    throw new ApiError(payload('INTERNAL', msg('service_unreachable')));
  }
  if (res.status !== 200) {
    const env = (await res.json().catch(() => null)) as Envelope<unknown> | null;
    throw new ApiError(env && !env.ok ? env.error : payload('FORBIDDEN', msg('service_no_response', { status: res.status })));
  }
  return new Uint8Array(await res.arrayBuffer());
}

/** Electron wraps a main-process error as "Error invoking remote method 'desktop': Error: <message>": the message alone. */
function remoteMessage(e: unknown): Error {
  const m = e instanceof Error ? e.message : String(e);
  return new Error(m.replace(/^Error invoking remote method '[^']*': (?:Error: )?/, ''));
}

/**
 * Opens attachment `id` with the system's application for its type. Electron: the main process opens a read-only
 * copy under the file's own name (electron/open-file.ts). Browser: the file is downloaded from the host
 * (`GET /files/<id>`, which names it with Content-Disposition) — the browser cannot hand files to other applications.
 * @throws ApiError (coded, its message in the UI's language) with the reason — no application for the type, the file
 *   missing or altered — in Electron
 */
export async function openAttachment(id: number): Promise<void> {
  if (hostKind() === 'electron' && window.icpdeskHost?.openAttachment) {
    let answer: Envelope<null> | null;
    try {
      answer = await window.icpdeskHost.openAttachment({ id });
    } catch (e) {
      throw remoteMessage(e);
    }
    if (answer && !answer.ok) throw new ApiError(answer.error); // coded: its message in the UI's language
    return;
  }
  const token = document.querySelector('meta[name="icpdesk-token"]')?.getAttribute('content') ?? '';
  const a = document.createElement('a');
  a.href = `/files/${id}?t=${encodeURIComponent(token)}`;
  a.download = ''; // the name comes from the answer's Content-Disposition
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/**
 * Saves the finished submission package `downloadId` (`attachments.package`'s answer; the zip stays a file of the data
 * folder, db/package/downloads.ts). Electron: the main process's save dialog, the file copied there (no bytes over
 * IPC) — resolves the saved path, or null when cancelled. Browser: a download of `GET /packages/<id>`, streamed from
 * disk and named by its Content-Disposition — resolves `fileName`.
 * @throws ApiError (coded) when the package is gone (saved already, expired) or the copy failed, in Electron
 */
export async function savePackage(downloadId: string, fileName: string): Promise<string | null> {
  if (hostKind() === 'electron' && window.icpdeskHost?.savePackage) {
    let answer: Envelope<string | null>;
    try {
      answer = await window.icpdeskHost.savePackage({ downloadId });
    } catch (e) {
      throw remoteMessage(e);
    }
    if (!answer.ok) throw new ApiError(answer.error);
    return answer.value;
  }
  const token = document.querySelector('meta[name="icpdesk-token"]')?.getAttribute('content') ?? '';
  const a = document.createElement('a');
  a.href = `/packages/${downloadId}?t=${encodeURIComponent(token)}`;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  return fileName;
}

/** Decodes base64 (as the API returns generated files) to bytes. */
export function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * Why a print job failed (electron/print-job.ts, electron/pdf-chromium.ts): another job is running, it timed
 * out, the view crashed; 'noPdf': the browser-mode host has no Chromium to make PDFs (the print tab was opened instead).
 */
export type PrintFailure = 'busy' | 'timeout' | 'crashed' | 'noPdf';

const FAILURE_CODES: Record<string, PrintFailure> = { PRINT_BUSY: 'busy', PRINT_TIMEOUT: 'timeout', PRINT_CRASHED: 'crashed', PRINT_NO_BROWSER: 'noPdf' };

/** The {@link PrintFailure} an error from {@link printRoute} carries, or null for any other error. */
export function printFailureOf(e: unknown): PrintFailure | null {
  const m = /\b(PRINT_BUSY|PRINT_TIMEOUT|PRINT_CRASHED|PRINT_NO_BROWSER)\b/.exec(e instanceof Error ? e.message : String(e));
  return m ? FAILURE_CODES[m[1]] : null;
}

/**
 * The user-facing text for a failed print: `t('common.print.failed.<busy|timeout|crashed|noPdf>')`, else the error's text.
 * @param t i18next's t
 */
export function printErrorText(e: unknown, t: (key: string) => string): string {
  const f = printFailureOf(e);
  return f ? t(`common.print.failed.${f}`) : e instanceof Error ? e.message : String(e);
}

/**
 * What to tell the user once {@link printRoute} resolved with `result`: 'Saved to <path>' (Electron's save dialog),
 * 'Downloaded <name>' (browser mode), or null (cancelled, or the print dialog took over).
 * @param t i18next's t
 */
export function printDoneText(result: string | null, t: TFunction): string | null {
  if (!result) return null;
  return hostKind() === 'electron' ? t('common.print.savedTo', { path: result }) : t('common.print.downloaded', { name: result });
}

/**
 * Prints or saves as PDF the print view at `hash` (e.g. '#/print/inspection?ids=3,4').
 * @throws in Electron, an error {@link printFailureOf} recognises when the job was refused (busy) or failed
 */
export async function printRoute(hash: string, opts: { pdf: boolean; fileName: string }): Promise<string | null> {
  if (hostKind() === 'electron' && window.icpdeskHost) return window.icpdeskHost.printRoute({ hash, ...opts });
  if (!opts.pdf) {
    openPrintTab(hash);
    return null;
  }
  const bytes = await fetchPdf(hash, opts.fileName);
  if (bytes === 'no-browser') {
    openPrintTab(hash);
    throw new Error('PRINT_NO_BROWSER');
  }
  const name = opts.fileName.endsWith('.pdf') ? opts.fileName : `${opts.fileName}.pdf`;
  await saveFile(name, bytes, 'application/pdf');
  return name;
}

/** Opens the print view in a new tab that calls the browser's print dialog once its data is on the page. */
function openPrintTab(hash: string): void {
  const sep = hash.includes('?') ? '&' : '?';
  window.open(`${location.pathname}${hash}${sep}autoprint=1`, '_blank');
}

/**
 * Asks the browser-mode host for the PDF of print route `hash` (`POST /host/pdf`, electron/web-host/index.ts).
 * Resolves to the bytes, or 'no-browser' when the host has no Chromium.
 * @throws Error carrying the host's PRINT_* code (busy, timeout, crashed), or the HTTP status for anything else
 */
async function fetchPdf(hash: string, fileName: string): Promise<Uint8Array | 'no-browser'> {
  const token = document.querySelector('meta[name="icpdesk-token"]')?.getAttribute('content') ?? '';
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const res = await fetch('host/pdf', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-ICPDesk-Token': token },
    body: JSON.stringify({ hash, fileName, lang }),
  });
  if (res.ok) return new Uint8Array(await res.arrayBuffer());
  const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  const code = body?.error?.code ?? '';
  if (code === 'PRINT_NO_BROWSER') return 'no-browser';
  throw new Error(code.startsWith('PRINT_') ? `${code}: ${body?.error?.message ?? ''}` : `导出 PDF 失败（HTTP ${res.status}）/ PDF export failed (HTTP ${res.status})`);
}

/**
 * Copies plain text to the clipboard (chat-app text exports). Electron: through the main process's clipboard (the
 * page holds no clipboard permission it does not need); the browser: `navigator.clipboard` (may reject: no permission).
 */
export async function copyText(text: string): Promise<void> {
  if (hostKind() === 'electron' && window.icpdeskHost) {
    await window.icpdeskHost.copyText({ text });
    return;
  }
  await navigator.clipboard.writeText(text);
}

/** A desktop notification (title and body lines); `tag` replaces an earlier one of the same kind. */
export interface NotifyInput {
  title: string;
  body: string;
  tag: string;
}

/**
 * Shows a desktop notification; `onClick` runs when the user clicks it (the window is brought to the front first).
 * Electron: the main process shows it (the page's own Notification permission stays refused). Browser: the Web
 * Notification API, only when the user has allowed notifications. Resolves true when shown.
 */
export async function notify(input: NotifyInput, onClick: () => void): Promise<boolean> {
  if (hostKind() === 'electron' && window.icpdeskHost?.notify) {
    clickHandlers.set(input.tag, onClick);
    return window.icpdeskHost.notify(input);
  }
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return false;
  const n = new Notification(input.title, { body: input.body, tag: input.tag });
  n.onclick = () => { window.focus(); onClick(); n.close(); };
  return true;
}

/** Asks the browser for permission to notify (from a click: browsers refuse requests without a user gesture). */
export async function requestNotifyPermission(): Promise<'granted' | 'denied' | 'default'> {
  if (hostKind() === 'electron') return 'granted';
  if (typeof Notification === 'undefined') return 'denied';
  return Notification.requestPermission();
}

const clickHandlers = new Map<string, () => void>();

/** Commands the Electron main process forwards (application menu items, a clicked notification). */
export type HostCommand = { kind: 'command'; name: string } | { kind: 'notification-click'; tag: string };

/** Subscribes to the main process's forwarded commands (Electron only; no-op in the browser). */
export function onHostCommand(handler: (name: string) => void): () => void {
  if (hostKind() !== 'electron' || !window.icpdeskHost?.onCommand) return () => undefined;
  return window.icpdeskHost.onCommand((c: HostCommand) => {
    if (c.kind === 'notification-click') clickHandlers.get(c.tag)?.();
    else handler(c.name);
  });
}

/** Tells the Electron main process the UI language (it rebuilds the application menu); no-op in the browser. */
export function setHostLanguage(lang: 'zh-CN' | 'en'): void {
  if (hostKind() === 'electron') void window.icpdeskHost?.setLanguage?.(lang);
}
