/**
 * Electron's save of a finished submission package (issue 18 §4): the page names the package by its download id
 * (db/package/downloads.ts), the main process shows the system's save dialog (the zip's name proposed) and copies the
 * file the worker wrote to the chosen place — the zip's bytes never cross IPC, as base64 or otherwise. The package is
 * removed once copied; a cancelled dialog keeps it (the page may save again until it expires).
 */
import fs from 'node:fs';
import type { BrowserWindow, Dialog, SaveDialogOptions } from 'electron';
import type { ServiceContext } from '../db/service/context';
import { packageFile, removePackage } from '../db/package/downloads';
import { AppError } from '../shared/errors';
import { msg } from '../shared/messages';

/**
 * Saves package `id`: resolves the path it was copied to, or null when the user cancelled the dialog.
 * @throws AppError NOT_FOUND package_not_found (unknown id, another context's, or already saved/expired);
 *   the copy's own error (disk full, no permission) — the package is then kept
 */
export async function savePackage(
  deps: { ctx: () => ServiceContext; dialog: Pick<Dialog, 'showSaveDialog'>; win: () => BrowserWindow | null },
  id: string,
): Promise<string | null> {
  const ctx = deps.ctx();
  const pkg = packageFile(ctx, id);
  if (!pkg) throw new AppError('NOT_FOUND', msg('package_not_found'));
  const opts: SaveDialogOptions = { defaultPath: pkg.fileName, filters: [{ name: 'ZIP', extensions: ['zip'] }] };
  const win = deps.win();
  const r = win ? await deps.dialog.showSaveDialog(win, opts) : await deps.dialog.showSaveDialog(opts);
  if (r.canceled || !r.filePath) return null;
  await fs.promises.copyFile(pkg.file, r.filePath);
  removePackage(ctx, id);
  return r.filePath;
}
