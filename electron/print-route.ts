/**
 * What both hosts accept as a print request (Electron's 'host' channel, host-ipc.ts; the browser-mode host's
 * `POST /host/pdf`, web-host/index.ts): an app print route and the file name the PDF is offered under.
 */
import { z } from 'zod';

/** An app print route: '#/print/<view>?<params>' with percent-encoded values only (renderer export-links.ts). */
export const PrintHash = z.string().regex(/^#\/print\/[\w\-/?=&,.%]*$/).max(2000);

/** The proposed file name (the user may change it in Electron's save dialog). */
export const PrintFileName = z.string().min(1).max(200);

/** Removes characters Windows forbids in file names. */
export function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 180);
}

/** {@link safeFileName} of `name`, ending in '.pdf' (added when missing). */
export function pdfFileName(name: string): string {
  return safeFileName(name.endsWith('.pdf') ? name : `${name}.pdf`);
}
