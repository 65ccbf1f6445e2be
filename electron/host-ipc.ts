/**
 * Host features for the Electron renderer on the 'host' channel (not the data contract): save a generated file
 * through the save dialog, and print / save as PDF an app print route rendered in a hidden window. Sender frames are
 * checked like the data channel; inputs are validated with zod.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { BrowserWindow as BW, Dialog, IpcMain } from 'electron';
import { isAppUrl, APP_ORIGIN } from './security';
import { writePrivateFile } from '../db/backup/private-files';

export const HOST_CHANNEL = 'host';

const SaveFile = z.object({ fileName: z.string().min(1).max(200), base64: z.string().max(80_000_000) });
const PrintRoute = z.object({ hash: z.string().regex(/^#\/print\/[\w\-/?=&,.%]*$/).max(2000), pdf: z.boolean(), fileName: z.string().min(1).max(200) });

/** Removes characters Windows forbids in file names. */
export function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 180);
}

export interface HostDeps {
  dialog: Pick<Dialog, 'showSaveDialog'>;
  createHiddenWindow: () => BW;
  preloadPath: string;
  parent: () => BW | null;
}

/** Registers `host:saveFile` and `host:printRoute`. Returns the handler for tests. */
export function registerHostIpc(ipcMain: Pick<IpcMain, 'handle'>, deps: HostDeps) {
  const handler = async (event: { senderFrame?: { url: string } | null }, command: unknown, input: unknown): Promise<string | null> => {
    if (!isAppUrl(event.senderFrame?.url ?? '')) throw new Error('forbidden sender');
    if (command === 'saveFile') {
      const i = SaveFile.parse(input);
      const win = deps.parent();
      const opts = { defaultPath: safeFileName(i.fileName) };
      const r = win ? await deps.dialog.showSaveDialog(win, opts) : await deps.dialog.showSaveDialog(opts);
      if (r.canceled || !r.filePath) return null;
      // Exports hold client data: readable by this user only (db/backup/private-files.ts).
      writePrivateFile(r.filePath, Buffer.from(i.base64, 'base64'));
      return r.filePath;
    }
    if (command === 'printRoute') {
      const i = PrintRoute.parse(input);
      const win = deps.createHiddenWindow();
      try {
        await win.loadURL(`${APP_ORIGIN}/index.html${i.hash}`);
        await win.webContents.executeJavaScript('window.__printReady ?? new Promise((r) => window.addEventListener("print-ready", () => r(true), { once: true }))');
        if (i.pdf) {
          const pdf = await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
          const parent = deps.parent();
          const opts = { defaultPath: safeFileName(i.fileName.endsWith('.pdf') ? i.fileName : `${i.fileName}.pdf`) };
          const r = parent ? await deps.dialog.showSaveDialog(parent, opts) : await deps.dialog.showSaveDialog(opts);
          if (r.canceled || !r.filePath) return null;
          fs.mkdirSync(path.dirname(r.filePath), { recursive: true });
          writePrivateFile(r.filePath, pdf);
          return r.filePath;
        }
        await new Promise<void>((resolve) => win.webContents.print({ silent: false, printBackground: true }, () => resolve()));
        return null;
      } finally {
        win.destroy();
      }
    }
    throw new Error('unknown host command');
  };
  ipcMain.handle(HOST_CHANNEL, handler as never);
  return handler;
}
