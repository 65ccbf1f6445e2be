/**
 * Electron main process: single instance (single-instance.ts), the data folder, the database, the app:// protocol
 * serving the built renderer (app-protocol.ts), one secure window, IPC. Thin by design: everything else lives in db/
 * and shared/.
 */
import path from 'node:path';
import { app, BrowserWindow, clipboard, dialog, ipcMain, Menu, Notification, protocol, screen, session, shell, net } from 'electron';
import { clockFromEnv, closeHostContext, DATA_FOLDER_NAME, openHostContext, resolveDataDir } from './host-context';
import { registerIpc } from './ipc';
import { registerHostIpc } from './host-ipc';
import { claimSingleInstance } from './single-instance';
import { APP_HOST, APP_SCHEME, hardenSession, hardenWebContents } from './security';
import { appProtocolHandler } from './app-protocol';
import { makePrivateDir, restrictUmask } from '../db/backup/private-files';
import { APP_VERSION } from './version';
import { installFileLog } from './log';
import { initialWindowState, setUpDesktopShell, trackWindowState } from './desktop-shell';
import fs from 'node:fs';
import { DB_FILE_NAME } from './host-context';
import { CLEAN_SHUTDOWN_MARKER } from '../db/backup/clean-shutdown';
import { SCHEMA_VERSION } from '../db/migrations/index';
import { openSplash, type Splash } from './splash';
import { readFileVersion, readSplashLang, SPLASH_LANG_FILE, splashReason } from './splash-text';

// Everything the app creates (data folder, backups, exports) is private to this user (db/backup/private-files.ts).
restrictUmask();

/** Subfolder of the data folder for Chromium's own files (caches, Local Storage, …), kept apart from the database. */
export const SESSION_DATA_FOLDER = 'Chromium';

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.setPath('userData', path.join(app.getPath('appData'), DATA_FOLDER_NAME));
const dataDir = process.env.ICPDESK_DATA_DIR ? resolveDataDir() : app.getPath('userData');
// Before 'ready': Chromium reads sessionData once, when it starts.
app.setPath('sessionData', path.join(dataDir, SESSION_DATA_FOLDER));

let win: BrowserWindow | null = null;
/** The start-up window while the database is upgraded or checked in full (splash.ts); closed when the main window shows. */
let splash: Splash | null = null;

if (claimSingleInstance(app, () => win)) {
  app.whenReady().then(start).catch((e: unknown) => {
    // Not a damaged or newer file (those open in the recovery / newer-version screen): e.g. the folder is not
    // writable, or a migration failed (the file was left as it was and a pre-migration backup was taken).
    dialog.showErrorBox('许可通无法启动', `${e instanceof Error ? e.message : String(e)}\n\n数据文件未被更改。`);
    splash?.close();
    app.quit();
  });
  app.on('window-all-closed', () => app.quit());
}

async function start() {
  makePrivateDir(dataDir);
  installFileLog(dataDir);
  // Rules for every window, the start-up window included, before any window exists.
  hardenSession(session.defaultSession);
  app.on('web-contents-created', (_e, contents) => hardenWebContents(contents, (u) => void shell.openExternal(u)));
  // An upgrade or a full check takes up to minutes on a large file: a small window says so at once (issue 16).
  const reason = splashReason({
    fileVersion: readFileVersion(path.join(dataDir, DB_FILE_NAME)),
    latest: SCHEMA_VERSION,
    cleanClose: fs.existsSync(path.join(dataDir, CLEAN_SHUTDOWN_MARKER)),
  });
  if (reason) splash = await openSplash(BrowserWindow, reason, readSplashLang(path.join(dataDir, SPLASH_LANG_FILE)));
  const ctx = await openHostContext({ dataDir, version: APP_VERSION, now: clockFromEnv(), onProgress: splash?.progress, migrateInWorker: true });
  // Read ctx.db when closing: a restore replaces the connection in place. will-quit covers a normal quit;
  // Windows shutdown and logoff skip it and send the window's session-end instead (below).
  // A clean close also lets the next start skip reading the whole file (db/backup/clean-shutdown.ts); safe twice.
  const closeDb = () => closeHostContext(ctx);
  app.on('will-quit', closeDb);

  const rendererDir = path.join(__dirname, '..', 'renderer');
  protocol.handle(APP_SCHEME, appProtocolHandler(rendererDir, (u) => net.fetch(u)));

  registerIpc(ipcMain, ctx);

  const preload = path.join(__dirname, 'preload.cjs');
  // webPreferences are written out literally at each window so reviewers and Electronegativity can see them.
  registerHostIpc(ipcMain, {
    dialog,
    clipboard,
    preloadPath: preload,
    parent: () => win,
    // The main window is the parent, so on Windows the print dialog opens in front of it.
    createHiddenWindow: (parent) =>
      new BrowserWindow({
        show: false,
        ...(parent ? { parent } : {}),
        webPreferences: { preload, contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, spellcheck: false, disableBlinkFeatures: 'Auxclick' },
      }),
  });
  const state = initialWindowState({ screen }, dataDir);
  const main = new BrowserWindow({
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    minWidth: 900,
    minHeight: 600,
    title: '许可通 ICP Desk',
    show: false,
    webPreferences: { preload, contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, spellcheck: false, disableBlinkFeatures: 'Auxclick' },
  });
  win = main;
  if (state.maximized) main.maximize();
  trackWindowState(main, dataDir);
  setUpDesktopShell(
    { app, Menu, Notification, dialog, shell, screen, ipcMain, platform: process.platform, resourcesPath: process.resourcesPath },
    { win: () => win, ctx: () => ctx, dataDir, version: APP_VERSION },
  );
  // The start-up window goes once the main window shows (after it exists: closing the only window quits the app).
  main.once('ready-to-show', () => { main.show(); splash?.close(); splash = null; });
  // After 'closed' the window object is destroyed: dialogs must no longer be attached to it.
  main.on('closed', () => { if (win === main) win = null; });
  main.on('session-end', closeDb);
  void main.loadURL(`${APP_SCHEME}://${APP_HOST}/index.html`);
}
