/**
 * OS features that differ by host, behind one small interface:
 * - `saveFile(name, bytes, mime)`: Electron shows the save dialog and writes the file; the browser downloads it.
 * - `printRoute(hash, { pdf, fileName })`: prints an app route (a print view such as '#/print/weekly?week=2026-W48').
 *   Electron renders it in a hidden window: `pdf: true` → printToPDF + save dialog, `pdf: false` → the system print
 *   dialog (cancelling it leaves the app usable). The browser opens the route in a new tab and calls the page's own
 *   print (the user picks a printer or "Save as PDF").
 * Resolves to the saved path (Electron), or null when the user cancelled / the browser took over.
 */
import { hostKind } from './api';

interface ElectronHostBridge {
  saveFile(input: { fileName: string; base64: string }): Promise<string | null>;
  printRoute(input: { hash: string; pdf: boolean; fileName: string }): Promise<string | null>;
  copyText(input: { text: string }): Promise<null>;
  notify?(input: NotifyInput): Promise<boolean>;
  setLanguage?(lang: 'zh-CN' | 'en'): Promise<void>;
  openAttachment?(input: { id: number }): Promise<null>;
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

/** Electron wraps a main-process error as "Error invoking remote method 'desktop': Error: <message>": the message alone. */
function remoteMessage(e: unknown): Error {
  const m = e instanceof Error ? e.message : String(e);
  return new Error(m.replace(/^Error invoking remote method '[^']*': (?:Error: )?/, ''));
}

/**
 * Opens attachment `id` with the system's application for its type. Electron: the main process opens a read-only
 * copy under the file's own name (electron/open-file.ts). Browser: the file is downloaded from the host
 * (`GET /files/<id>`, which names it with Content-Disposition) — the browser cannot hand files to other applications.
 * @throws Error with the reason (no application for the type, file missing or altered) in Electron
 */
export async function openAttachment(id: number): Promise<void> {
  if (hostKind() === 'electron' && window.icpdeskHost?.openAttachment) {
    try {
      await window.icpdeskHost.openAttachment({ id });
    } catch (e) {
      throw remoteMessage(e);
    }
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

/** Decodes base64 (as the API returns generated files) to bytes. */
export function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Why an Electron print job failed (electron/print-job.ts): another job is running, it timed out, the view crashed. */
export type PrintFailure = 'busy' | 'timeout' | 'crashed';

const FAILURE_CODES: Record<string, PrintFailure> = { PRINT_BUSY: 'busy', PRINT_TIMEOUT: 'timeout', PRINT_CRASHED: 'crashed' };

/** The {@link PrintFailure} an error from {@link printRoute} carries, or null for any other error. */
export function printFailureOf(e: unknown): PrintFailure | null {
  const m = /\b(PRINT_BUSY|PRINT_TIMEOUT|PRINT_CRASHED)\b/.exec(e instanceof Error ? e.message : String(e));
  return m ? FAILURE_CODES[m[1]] : null;
}

/**
 * The user-facing text for a failed print: `t('common.print.failed.<busy|timeout|crashed>')`, else the error's text.
 * @param t i18next's t
 */
export function printErrorText(e: unknown, t: (key: string) => string): string {
  const f = printFailureOf(e);
  return f ? t(`common.print.failed.${f}`) : e instanceof Error ? e.message : String(e);
}

/**
 * Prints or saves as PDF the print view at `hash` (e.g. '#/print/inspection?ids=3,4').
 * @throws in Electron, an error {@link printFailureOf} recognises when the job was refused (busy) or failed
 */
export async function printRoute(hash: string, opts: { pdf: boolean; fileName: string }): Promise<string | null> {
  if (hostKind() === 'electron' && window.icpdeskHost) return window.icpdeskHost.printRoute({ hash, ...opts });
  const sep = hash.includes('?') ? '&' : '?';
  window.open(`${location.pathname}${hash}${sep}autoprint=1`, '_blank');
  return null;
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
