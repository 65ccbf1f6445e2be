/**
 * Host features for the Electron renderer on the 'host' channel (not the data contract): save a generated file
 * through the save dialog, copy text to the clipboard, and print / save as PDF an app print route rendered in a
 * hidden window. Sender frames are checked like the data channel; inputs are validated with zod.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { BrowserWindow as BW, Dialog, IpcMain } from 'electron';
import { isAppUrl, APP_ORIGIN } from './security';
import { writePrivateFile } from '../db/backup/private-files';
import { PrintJobs, type PrintTimeouts } from './print-job';
import { PrintFileName, PrintHash, pdfFileName, safeFileName } from './print-route';

export { safeFileName } from './print-route';

export const HOST_CHANNEL = 'host';

const SaveFile = z.object({ fileName: z.string().min(1).max(200), base64: z.string().max(80_000_000) });
const PrintRoute = z.object({ hash: PrintHash, pdf: z.boolean(), fileName: PrintFileName });
/** Chat text for WeChat etc.; 1 MB of text is far beyond any weekly roll-up. */
const CopyText = z.object({ text: z.string().max(1_000_000) });

export interface HostDeps {
  dialog: Pick<Dialog, 'showSaveDialog'>;
  /** Electron's main-process `clipboard`. */
  clipboard: { writeText(text: string): void };
  /** Creates the hidden print window; `parent` is the main window (null once it has closed). */
  createHiddenWindow: (parent: BW | null) => BW;
  preloadPath: string;
  /** The main window, or null before it exists / after it closed. */
  parent: () => BW | null;
  /** Print timeouts (ms); defaults in print-job.ts. */
  timeouts?: Partial<PrintTimeouts>;
}

/** Shows the save dialog attached to the main window, or unattached when there is none (`parent()` is null after 'closed'). */
async function askSavePath(deps: HostDeps, defaultPath: string): Promise<string | null> {
  const win = deps.parent();
  const opts = { defaultPath };
  const r = win ? await deps.dialog.showSaveDialog(win, opts) : await deps.dialog.showSaveDialog(opts);
  return r.canceled || !r.filePath ? null : r.filePath;
}

/**
 * Registers the 'host' channel: `saveFile`, `copyText`, `printRoute`. Returns the handler for tests.
 * `printRoute` runs one job at a time (a second one while busy fails with PRINT_BUSY; see print-job.ts).
 */
export function registerHostIpc(ipcMain: Pick<IpcMain, 'handle'>, deps: HostDeps) {
  const jobs = new PrintJobs(deps.timeouts);
  const handler = async (event: { senderFrame?: { url: string } | null }, command: unknown, input: unknown): Promise<string | null> => {
    if (!isAppUrl(event.senderFrame?.url ?? '')) throw new Error('forbidden sender');
    if (command === 'saveFile') {
      const i = SaveFile.parse(input);
      const filePath = await askSavePath(deps, safeFileName(i.fileName));
      if (!filePath) return null;
      writePrivateFile(filePath, Buffer.from(i.base64, 'base64')); // exports hold client data: this user only
      return filePath;
    }
    if (command === 'copyText') {
      // The main process's clipboard: no renderer permission needed (navigator.clipboard needs
      // 'clipboard-sanitized-write', which the session refuses unless allow-listed).
      deps.clipboard.writeText(CopyText.parse(input).text);
      return null;
    }
    if (command === 'printRoute') {
      const i = PrintRoute.parse(input);
      const url = `${APP_ORIGIN}/index.html${i.hash}`;
      if (i.pdf) {
        const pdf = await jobs.toPdf(() => deps.createHiddenWindow(deps.parent()), url);
        const filePath = await askSavePath(deps, pdfFileName(i.fileName));
        if (!filePath) return null;
        fs.mkdirSync(path.dirname(filePath), { recursive: true });
        writePrivateFile(filePath, pdf);
        return filePath;
      }
      await jobs.print(() => deps.createHiddenWindow(deps.parent()), url);
      return null;
    }
    throw new Error('unknown host command');
  };
  ipcMain.handle(HOST_CHANNEL, handler as never);
  return handler;
}
